"""The rules that change a programme's trial actions: plan one, change its plan, log
observations while it is carried out, and the one transition function that moves it through
its cycle (plan → carry out → evaluate → decide).

Each function takes the acting user, checks the right (`permissions.py`), works in one
transaction with the trial action's row locked (several people run a trial, and a decision
must be made on the evaluation as it stands), changes nothing and logs nothing when it is
given what is already there, and otherwise writes one activity-log entry on the trial action.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.models import SubGoal
from programmes.activity import log_action
from programmes.edits import typed_text
from programmes.errors import DomainError
from programmes.models import GroupMember, Principle, ProgrammeGroup

from . import permissions
from .activity import Action
from .models import (
    DECIDED_STATES,
    Observation,
    TrialAction,
    TrialActionPrinciple,
    TrialActionState,
    copenhagen_today,
)

State = TrialActionState

# The plan's own columns; `sub_goal_ids` and `principles` are its two lists.
PLAN_FIELDS = (
    "title",
    "problem",
    "hoped_for",
    "group_id",
    "responsible_id",
    "starts_on",
    "ends_on",
    "evaluate_by",
    "success_measure",
)
TITLE_MAX_LENGTH = 300

DECISION_ACTIONS = {
    State.ADOPTED: Action.ADOPTED,
    State.ADAPTED: Action.ADAPTED,
    State.DROPPED: Action.DROPPED,
}


def _refuse_unless_worker(by, programme) -> None:
    if not permissions.can_work(by, programme):
        raise DomainError(
            _(
                "Kun forløbets koordinator og implementeringsgrupperne kan planlægge og "
                "gennemføre prøvehandlinger."
            )
        )


def _pk(value):
    return getattr(value, "pk", value)


def _lock(trial_action) -> TrialAction:
    return TrialAction.objects.select_for_update().get(pk=trial_action.pk)


def _data(trial_action, **extra) -> dict:
    return {"trial_action": trial_action.pk, "title": trial_action.title, **extra}


# The plan ------------------------------------------------------------------------------


def check_plan(programme, values: dict) -> dict:
    """A plan's values as stored, or a `DomainError` on the field that breaks a rule: a
    title, the problem, what is hoped for, at least one principle, how success will be seen,
    a period with its end not before its start and an evaluation date inside or after it,
    and a group, a responsible person and sub-goals (when given) of the programme's own."""
    checked = {
        "title": typed_text(values.get("title")),
        "problem": typed_text(values.get("problem")),
        "hoped_for": typed_text(values.get("hoped_for")),
        "group_id": _pk(values.get("group")),
        "responsible_id": _pk(values.get("responsible")),
        "starts_on": values.get("starts_on"),
        "ends_on": values.get("ends_on"),
        "evaluate_by": values.get("evaluate_by"),
        "success_measure": typed_text(values.get("success_measure")),
    }
    if not checked["title"]:
        raise DomainError(_("Giv prøvehandlingen en titel."), field="title")
    if not checked["problem"]:
        raise DomainError(_("Beskriv det problem, prøvehandlingen skal løse."), field="problem")
    if not checked["hoped_for"]:
        raise DomainError(_("Skriv, hvad I håber, prøvehandlingen fører til."), field="hoped_for")
    try:
        principles = sorted({int(p) for p in values.get("principles") or []})
    except (TypeError, ValueError):
        principles = []
    if not principles or not set(principles) <= set(Principle.values):
        raise DomainError(
            _("Vælg mindst ét princip, som prøvehandlingen tjener."), field="principles"
        )
    if checked["starts_on"] is None:
        raise DomainError(_("Skriv, hvornår prøvehandlingen starter."), field="starts_on")
    if checked["ends_on"] is None:
        raise DomainError(_("Skriv, hvornår prøvehandlingen slutter."), field="ends_on")
    if checked["ends_on"] < checked["starts_on"]:
        raise DomainError(_("Prøvehandlingen kan ikke slutte, før den starter."), field="ends_on")
    if checked["evaluate_by"] is None:
        raise DomainError(
            _("Skriv, hvornår prøvehandlingen senest evalueres."), field="evaluate_by"
        )
    if checked["evaluate_by"] < checked["starts_on"]:
        raise DomainError(
            _("Prøvehandlingen kan ikke evalueres, før den starter."), field="evaluate_by"
        )
    if not checked["success_measure"]:
        raise DomainError(
            _("Skriv, hvordan I vil se, om prøvehandlingen lykkes: en måling eller et kriterium."),
            field="success_measure",
        )
    if (
        checked["group_id"] is not None
        and not ProgrammeGroup.objects.filter(
            pk=checked["group_id"], programme_id=programme.pk
        ).exists()
    ):
        raise DomainError(_("Vælg en af forløbets grupper."), field="group")
    if (
        checked["responsible_id"] is not None
        and not GroupMember.objects.filter(
            pk=checked["responsible_id"], group__programme_id=programme.pk
        ).exists()
    ):
        raise DomainError(
            _("Den ansvarlige skal være medlem af en af forløbets grupper."), field="responsible"
        )
    sub_goal_ids = sorted({_pk(sub) for sub in values.get("sub_goals") or []})
    if sub_goal_ids and SubGoal.objects.filter(
        pk__in=sub_goal_ids, goal__plan__programme_id=programme.pk
    ).count() != len(sub_goal_ids):
        raise DomainError(_("Vælg delmål fra forløbets egen udviklingsplan."), field="sub_goals")
    checked["principles"] = principles
    checked["sub_goal_ids"] = sub_goal_ids
    return checked


def _create(programme, values: dict, **extra) -> TrialAction:
    columns = {name: values[name] for name in PLAN_FIELDS}
    trial_action = TrialAction.objects.create(programme=programme, **columns, **extra)
    _set_lists(trial_action, values["principles"], values["sub_goal_ids"])
    return trial_action


def _set_lists(trial_action, principles, sub_goal_ids) -> None:
    TrialActionPrinciple.objects.filter(trial_action=trial_action).exclude(
        principle__in=principles
    ).delete()
    have = set(
        TrialActionPrinciple.objects.filter(trial_action=trial_action).values_list(
            "principle", flat=True
        )
    )
    TrialActionPrinciple.objects.bulk_create(
        TrialActionPrinciple(trial_action=trial_action, principle=number)
        for number in principles
        if number not in have
    )
    trial_action.sub_goals.set(sub_goal_ids)


def _lists_of(trial_action) -> tuple[list[int], list[int]]:
    principles = sorted(
        TrialActionPrinciple.objects.filter(trial_action=trial_action).values_list(
            "principle", flat=True
        )
    )
    sub_goal_ids = sorted(trial_action.sub_goals.values_list("pk", flat=True))
    return principles, sub_goal_ids


def plan_trial_action(programme, *, by, **values) -> TrialAction:
    """A new trial action of the programme, planned."""
    _refuse_unless_worker(by, programme)
    values = check_plan(programme, values)
    with transaction.atomic():
        trial_action = _create(programme, values)
        log_action(trial_action, Action.PLANNED, by=by, data=_data(trial_action))
    return trial_action


def change_plan(trial_action, *, by, **values) -> TrialAction:
    """Change the plan of a trial action that is planned or being carried out; once it is
    evaluated, its plan is what was evaluated and stays. A plan given as it is writes
    nothing. A new evaluation date lets its reminder be sent again."""
    programme = trial_action.programme
    _refuse_unless_worker(by, programme)
    values = check_plan(programme, values)
    with transaction.atomic():
        locked = _lock(trial_action)
        if locked.state not in (State.PLANNED, State.RUNNING):
            raise DomainError(
                _(
                    "Prøvehandlingen er evalueret, så dens plan kan ikke længere ændres. "
                    "Tilpas den i stedet, så bliver en ny prøvehandling planlagt."
                )
            )
        changed = [name for name in PLAN_FIELDS if getattr(locked, name) != values[name]]
        principles, sub_goal_ids = _lists_of(locked)
        lists_changed = []
        if principles != values["principles"]:
            lists_changed.append("principles")
        if sub_goal_ids != values["sub_goal_ids"]:
            lists_changed.append("sub_goals")
        if not changed and not lists_changed:
            return locked
        for name in changed:
            setattr(locked, name, values[name])
        update = [*changed, "updated_at"]
        if "evaluate_by" in changed:
            locked.overdue_reminder_sent_at = None
            update.append("overdue_reminder_sent_at")
        locked.updated_at = timezone.now()
        locked.save(update_fields=update)
        if lists_changed:
            _set_lists(locked, values["principles"], values["sub_goal_ids"])
        fields = [name.removesuffix("_id") for name in changed] + lists_changed
        log_action(locked, Action.CHANGED, by=by, data=_data(locked, fields=fields))
    return locked


def plan_values(trial_action) -> dict:
    """The plan of a saved trial action in the shape `check_plan` takes."""
    principles, sub_goal_ids = _lists_of(trial_action)
    return {
        "title": trial_action.title,
        "problem": trial_action.problem,
        "hoped_for": trial_action.hoped_for,
        "group": trial_action.group_id,
        "responsible": trial_action.responsible_id,
        "starts_on": trial_action.starts_on,
        "ends_on": trial_action.ends_on,
        "evaluate_by": trial_action.evaluate_by,
        "success_measure": trial_action.success_measure,
        "principles": principles,
        "sub_goals": sub_goal_ids,
    }


# Observations --------------------------------------------------------------------------


def add_observation(trial_action, *, by, observed_on, text) -> Observation:
    """A dated observation in the log of a trial action that is being carried out."""
    _refuse_unless_worker(by, trial_action.programme)
    text = typed_text(text)
    if observed_on is None:
        raise DomainError(_("Skriv datoen for iagttagelsen."), field="observed_on")
    if observed_on > copenhagen_today():
        raise DomainError(_("En iagttagelse kan ikke dateres efter i dag."), field="observed_on")
    if not text:
        raise DomainError(_("Skriv, hvad I har iagttaget."), field="text")
    with transaction.atomic():
        locked = _lock(trial_action)
        if locked.state == State.PLANNED:
            raise DomainError(
                _(
                    "Prøvehandlingen er kun planlagt. Sæt den i gang, før I skriver "
                    "iagttagelser i loggen."
                )
            )
        if locked.state != State.RUNNING:
            raise DomainError(
                _(
                    "Prøvehandlingen er afprøvet og evalueret, så loggen er lukket for nye "
                    "iagttagelser."
                )
            )
        observation = Observation.objects.create(
            trial_action=locked, observed_on=observed_on, text=text, author=by
        )
        log_action(
            locked,
            Action.OBSERVED,
            by=by,
            data=_data(locked, observation=observation.pk, observed_on=observed_on.isoformat()),
        )
    return observation


# The cycle -----------------------------------------------------------------------------


def _state_label(state) -> str:
    return str(State(state).label).lower()


def _refusal(current, to) -> str | None:
    """Why a trial action in state `current` cannot move to `to`, or None."""
    if to == State.PLANNED:
        return _("En prøvehandling kan ikke gå tilbage til at være planlagt.")
    if current in DECIDED_STATES:
        return _("Der er allerede truffet en beslutning om prøvehandlingen: den er %(state)s.") % {
            "state": _state_label(current)
        }
    if to == State.RUNNING:
        if current == State.PLANNED:
            return None
        return _("Prøvehandlingen er evalueret og kan ikke sættes i gang igen.")
    if to == State.EVALUATED:
        if current == State.RUNNING:
            return None
        return _("En prøvehandling kan ikke evalueres, før den er afprøvet. Sæt den i gang først.")
    if to in DECIDED_STATES:
        if current == State.EVALUATED:
            return None
        return _(
            "Der kan ikke træffes en beslutning uden en evaluering. Evaluér prøvehandlingen først."
        )
    return _("Vælg en tilstand, prøvehandlingen kan få.")


def can_transition(trial_action, to) -> bool:
    """Whether the cycle lets the trial action move to `to` now (the pages show the buttons
    that may be pressed)."""
    return _refusal(trial_action.state, to) is None


def _follow_up_of(locked: TrialAction, today: datetime.date) -> TrialAction:
    """The adapted trial action's successor: its plan, over a period as long as the
    original's, starting today."""
    principles, sub_goal_ids = _lists_of(locked)
    values = {name: getattr(locked, name) for name in PLAN_FIELDS}
    values.update(
        starts_on=today,
        ends_on=today + (locked.ends_on - locked.starts_on),
        evaluate_by=today + (locked.evaluate_by - locked.starts_on),
        principles=principles,
        sub_goal_ids=sub_goal_ids,
    )
    return _create(locked.programme, values, follows=locked)


def transition_trial_action(
    trial_action,
    to,
    *,
    by,
    what_happened: str = "",
    learning: str = "",
    decision_reason: str = "",
) -> TrialAction:
    """Move a trial action through its cycle: PLANNED → RUNNING (carried out) → EVALUATED
    (what happened against the expectation, and what was learnt) → ADOPTED, ADAPTED or
    DROPPED (the decision, with its reason).

    Moving to the state it is in changes nothing (a second click). Adapting creates, in the
    same transaction, the follow-up trial action that `follows` this one, planned with this
    one's plan from today; it is set on the returned row as `created_follow_up`.
    """
    _refuse_unless_worker(by, trial_action.programme)
    what_happened, learning = typed_text(what_happened), typed_text(learning)
    decision_reason = typed_text(decision_reason)
    if to == State.EVALUATED:
        if not what_happened:
            raise DomainError(
                _("Skriv, hvad der skete, set i forhold til det, I håbede på."),
                field="what_happened",
            )
        if not learning:
            raise DomainError(_("Skriv, hvad I har lært."), field="learning")
    if to in DECIDED_STATES and not decision_reason:
        raise DomainError(_("Skriv begrundelsen for beslutningen."), field="decision_reason")
    with transaction.atomic():
        locked = _lock(trial_action)
        locked.created_follow_up = None
        if locked.state == to:
            return locked
        refusal = _refusal(locked.state, to)
        if refusal:
            raise DomainError(refusal)
        now = timezone.now()
        locked.state = to
        locked.updated_at = now
        update = ["state", "updated_at"]
        extra = {}
        if to == State.RUNNING:
            locked.started_at = now
            update.append("started_at")
            action = Action.STARTED
        elif to == State.EVALUATED:
            locked.what_happened, locked.learning, locked.evaluated_at = (
                what_happened,
                learning,
                now,
            )
            update += ["what_happened", "learning", "evaluated_at"]
            action = Action.EVALUATED
        else:
            locked.decision_reason, locked.decided_at = decision_reason, now
            update += ["decision_reason", "decided_at"]
            action = DECISION_ACTIONS[to]
            extra["note"] = decision_reason
        locked.save(update_fields=update)
        if to == State.ADAPTED:
            follow_up = _follow_up_of(locked, copenhagen_today())
            locked.created_follow_up = follow_up
            extra["follow_up"] = follow_up.pk
        log_action(locked, action, by=by, data=_data(locked, to=str(to), **extra))
    return locked


def start_trial_action(trial_action, *, by) -> TrialAction:
    return transition_trial_action(trial_action, State.RUNNING, by=by)


def evaluate_trial_action(trial_action, *, by, what_happened, learning) -> TrialAction:
    return transition_trial_action(
        trial_action, State.EVALUATED, by=by, what_happened=what_happened, learning=learning
    )


def decide_trial_action(trial_action, decision, *, by, reason) -> TrialAction:
    """Adopt, adapt or drop an evaluated trial action."""
    if decision not in DECIDED_STATES:
        raise DomainError(
            _("Vælg, om prøvehandlingen vedtages, tilpasses eller droppes."), field="decision"
        )
    return transition_trial_action(trial_action, decision, by=by, decision_reason=reason)
