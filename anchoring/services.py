"""The rules that change an anchoring plan: its items (pulled in from the adopted trial
actions and the reached goals, or added by hand), the continuation and the answers about the
flagged dimensions, the steering group's answers to the expected yield, and the steering
group's approval of the draft as a new immutable version.

Its functions keep the rules of every versioned plan (`programmes.versioning.services`);
what this plan needs to be approved is its own.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from plans.models import Goal
from programmes.activity import log_action
from programmes.edits import save_changes, typed_text
from programmes.errors import DomainError
from programmes.models import GroupMember
from programmes.versioning.services import (
    approve_draft,
    lock_draft,
    note_change,
    nothing_new_to_approve,
    text_digest,
)
from trial_actions.selectors import adopted_trial_actions

from . import permissions
from .activity import Action
from .models import (
    AnchoredItem,
    AnchoringPlan,
    AnchoringPlanVersion,
    DimensionAnswer,
    Mechanism,
    YieldAnswer,
    YieldAnswerChoice,
    YieldStatement,
)
from .selectors import flagged_dimensions, reached_goals
from .versions import snapshot

ITEM_FIELDS = ("title", "mechanisms", "description", "owner", "follow_up_on")


def _refuse_unless(condition: bool, message) -> None:
    if not condition:
        raise DomainError(message)


def _may_draft(by, programme) -> None:
    _refuse_unless(
        permissions.can_draft_anchoring_plan(by, programme),
        _(
            "Kun implementeringsgruppen, kommunens koordinator og Social- og Boligstyrelsen "
            "kan skrive forankringsplanen."
        ),
    )


def get_or_create_plan(programme) -> AnchoringPlan:
    """The programme's anchoring plan, made empty the first time someone writes in it (an
    empty plan is nothing to log)."""
    plan, _created = AnchoringPlan.objects.get_or_create(programme=programme)
    return plan


# Pulling in what is to be anchored -------------------------------------------------------


def pull_in(programme, *, by) -> tuple[AnchoringPlan, list[AnchoredItem]]:
    """Start the plan, or bring it up to date: an item for each adopted trial action and
    each reached goal of the development plan that the plan does not yet hold (so a second
    call adds nothing, and a trial action adopted later is added by the next). A trial
    action's responsible person becomes the item's owner until the group chooses another.

    Everything adopted is to be anchored, so an item removed by hand comes back on the next
    call while its trial action stays adopted. Returns the plan and the items added."""
    _may_draft(by, programme)
    with transaction.atomic():
        locked = lock_draft(get_or_create_plan(programme))
        held = AnchoredItem.objects.filter(plan=locked)
        held_trial_actions = set(
            held.filter(trial_action__isnull=False).values_list("trial_action_id", flat=True)
        )
        held_goals = set(held.filter(goal__isnull=False).values_list("goal_id", flat=True))
        new = [
            AnchoredItem(
                plan=locked,
                trial_action=trial_action,
                title=trial_action.title,
                owner_id=trial_action.responsible_id,
            )
            for trial_action in adopted_trial_actions(programme)
            if trial_action.pk not in held_trial_actions
        ]
        new += [
            AnchoredItem(plan=locked, goal=goal, title=goal.title)
            for goal in reached_goals(programme)
            if goal.pk not in held_goals
        ]
        if not new:
            return locked, []
        for item in new:
            item.save()
        log_action(
            locked,
            Action.PULLED_IN,
            by=by,
            data={
                "items": [item.pk for item in new],
                "titles": [item.title for item in new],
                "trial_actions": sum(1 for item in new if item.trial_action_id),
                "goals": sum(1 for item in new if item.goal_id),
            },
        )
        note_change(locked, snapshot)
    return locked, new


# Items -----------------------------------------------------------------------------------


def check_item(programme, values: dict) -> dict:
    """An item's values as stored, or a `DomainError` on the field that breaks a rule: what
    is anchored, known mechanisms, and an owner (when given) from the programme's groups.
    How, the owner and the follow-up may wait for the draft; approval asks for them."""
    values = {name: values.get(name) for name in ITEM_FIELDS}
    values["title"] = typed_text(values["title"])
    values["description"] = typed_text(values["description"])
    if not values["title"]:
        raise DomainError(_("Skriv, hvad der forankres."), field="title")
    given = values["mechanisms"] or []
    if not set(given) <= set(Mechanism.values):
        raise DomainError(_("Vælg blandt de nævnte måder at forankre på."), field="mechanisms")
    values["mechanisms"] = [m for m in Mechanism.values if m in given]
    owner = values["owner"]
    if owner is not None and not (
        isinstance(owner, GroupMember)
        and GroupMember.objects.filter(pk=owner.pk, group__programme_id=programme.pk).exists()
    ):
        raise DomainError(_("Vælg en ejer fra forløbets grupper."), field="owner")
    return values


def _item_data(item: AnchoredItem, **extra) -> dict:
    return {"item": item.pk, "title": item.title, "source": item.source, **extra}


def add_item(programme, *, by, goal: Goal | None = None, **values) -> AnchoredItem:
    """A new item: free text, or a goal of the programme's development plan that the plan
    does not yet hold (its title when none is written)."""
    _may_draft(by, programme)
    if goal is not None and not values.get("title"):
        values["title"] = goal.title
    values = check_item(programme, values)
    with transaction.atomic():
        locked = lock_draft(get_or_create_plan(programme))
        if goal is not None:
            if not Goal.objects.filter(pk=goal.pk, plan__programme_id=programme.pk).exists():
                raise DomainError(_("Vælg et mål fra forløbets udviklingsplan."), field="goal")
            if AnchoredItem.objects.filter(plan=locked, goal_id=goal.pk).exists():
                raise DomainError(
                    _("Målet »%(title)s« er allerede med i forankringsplanen.")
                    % {"title": goal.title},
                    field="goal",
                )
        item = AnchoredItem.objects.create(plan=locked, goal=goal, **values)
        log_action(locked, Action.ITEM_ADDED, by=by, data=_item_data(item))
        note_change(locked, snapshot)
    return item


def change_item(item: AnchoredItem, *, by, **values) -> AnchoredItem:
    plan = item.plan
    _may_draft(by, plan.programme)
    values = check_item(plan.programme, values)
    with transaction.atomic():
        locked = lock_draft(plan)
        current = AnchoredItem.objects.select_related("owner").get(pk=item.pk)
        changed = save_changes(current, values, ITEM_FIELDS)
        if not changed:
            return current
        log_action(locked, Action.ITEM_CHANGED, by=by, data=_item_data(current, fields=changed))
        note_change(locked, snapshot)
    return current


def remove_item(item: AnchoredItem, *, by) -> None:
    """Remove an item from the draft; approved versions keep it."""
    plan = item.plan
    _may_draft(by, plan.programme)
    with transaction.atomic():
        locked = lock_draft(plan)
        current = AnchoredItem.objects.filter(pk=item.pk).first()
        if current is None:
            return
        data = _item_data(current)
        current.delete()
        log_action(locked, Action.ITEM_REMOVED, by=by, data=data)
        note_change(locked, snapshot)


# The continuation and the flagged dimensions --------------------------------------------


def change_plan(
    programme,
    *,
    by,
    continuation: str,
    dimension_answers: dict[str, str] | None = None,
    shown: str | None = None,
    shown_answers: str | None = None,
) -> AnchoringPlan:
    """How the transformation continues after the programme, and what was done about each
    dimension the temperature measurement flagged (`dimension_answers`: key → text; an
    empty text removes the answer; keys not flagged are refused). One entry for the save.

    `shown`, the `text_digest` of the continuation the form was opened on, refuses to
    overwrite a text someone else saved meanwhile; `shown_answers` (`answers_digest`) does
    the same for the answers about the dimensions."""
    _may_draft(by, programme)
    continuation = typed_text(continuation)
    flagged = {d.key: d for d in flagged_dimensions(programme)}
    answers = {key: typed_text(text) for key, text in (dimension_answers or {}).items()}
    unknown = set(answers) - set(flagged)
    if unknown:
        raise DomainError(
            _("Temperaturmålingens dimensioner er ændret, siden du åbnede siden. Åbn siden igen.")
        )
    with transaction.atomic():
        locked = lock_draft(get_or_create_plan(programme))
        fields = []
        if locked.continuation != continuation:
            if shown is not None and shown != text_digest(locked.continuation):
                raise DomainError(
                    _(
                        "En anden har ændret teksten om det videre arbejde, siden du åbnede "
                        "siden. Kopiér din tekst, åbn siden igen, og skriv din ændring ind i "
                        "den nye tekst."
                    ),
                    field="continuation",
                )
            locked.continuation = continuation
            locked.save(update_fields=["continuation"])
            fields.append("continuation")
        current = {row.dimension_key: row for row in DimensionAnswer.objects.filter(plan=locked)}
        before = {key: row.answer for key, row in current.items() if key in flagged}
        if (
            shown_answers is not None
            and any(before.get(key, "") != text for key, text in answers.items())
            and shown_answers != answers_digest(before)
        ):
            raise DomainError(
                _(
                    "En anden har ændret svarene om temperaturmålingen, siden du åbnede siden. "
                    "Kopiér dine svar, åbn siden igen, og skriv dem ind i de nye."
                )
            )
        dimensions = []
        for key, text in answers.items():
            row = current.get(key)
            if row is None and text:
                DimensionAnswer.objects.create(
                    plan=locked, dimension_key=key, dimension_name=flagged[key].name, answer=text
                )
            elif row is not None and not text:
                row.delete()
            elif row is not None and row.answer != text:
                row.answer, row.dimension_name = text, flagged[key].name
                row.save(update_fields=["answer", "dimension_name"])
            else:
                continue
            dimensions.append(key)
        if dimensions:
            fields.append("dimensions")
        if not fields:
            return locked
        log_action(
            locked, Action.PLAN_CHANGED, by=by, data={"fields": fields, "dimensions": dimensions}
        )
        note_change(locked, snapshot)
    return locked


def answers_digest(answers: dict[str, str]) -> str:
    """A short fingerprint of the answers about the dimensions (key → text), for a form to
    say which answers it was opened on."""
    given = sorted((key, text) for key, text in answers.items() if text)
    return text_digest("\n".join(f"{key}={text}" for key, text in given))


# The expected yield ----------------------------------------------------------------------


def answer_yield(programme, *, by, answers: dict[str, dict]) -> AnchoringPlan:
    """The steering group's answers to the expected yield: `answers` maps a statement to
    `{"answer": "yes" | "partly" | "no" | "", "note": text}`. An empty answer with no note
    removes it; a note needs an answer. One entry for the statements whose answer changed."""
    _refuse_unless(
        permissions.can_answer_yield(by, programme),
        _("Kun styregruppens medlemmer kan svare på, om udbyttet er nået."),
    )
    cleaned = {}
    for statement, given in answers.items():
        if statement not in YieldStatement.values:
            raise DomainError(_("Svar på de seks udsagn om udbyttet."))
        answer, note = (given.get("answer") or ""), typed_text(given.get("note"))
        if answer and answer not in YieldAnswerChoice.values:
            raise DomainError(_("Svar ja, delvist eller nej."), field=f"{statement}_answer")
        if note and not answer:
            raise DomainError(
                _("Svar ja, delvist eller nej, før du skriver en note."),
                field=f"{statement}_answer",
            )
        cleaned[statement] = (answer, note)
    with transaction.atomic():
        locked = lock_draft(get_or_create_plan(programme))
        current = {row.statement: row for row in YieldAnswer.objects.filter(plan=locked)}
        changed = []
        for statement, (answer, note) in cleaned.items():
            row = current.get(statement)
            if row is None and answer:
                YieldAnswer.objects.create(
                    plan=locked, statement=statement, answer=answer, note=note
                )
            elif row is not None and not answer:
                row.delete()
            elif row is not None and (row.answer, row.note) != (answer, note):
                row.answer, row.note = answer, note
                row.save(update_fields=["answer", "note"])
            else:
                continue
            changed.append(statement)
        if not changed:
            return locked
        log_action(locked, Action.YIELD_ANSWERED, by=by, data={"statements": changed})
        note_change(locked, snapshot)
    return locked


# Approval --------------------------------------------------------------------------------


def _and(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return _("%(first)s og %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def approval_problem(content: dict, *, latest) -> str | None:
    """Why the draft `content` cannot be approved now, or None: it needs items, each with
    how it is anchored, an owner and a follow-up date; an answer for each flagged dimension;
    the continuation; the six answers about the yield; and something new since the `latest`
    approved version."""
    if not content["items"]:
        return _(
            "Forankringsplanen har ingen punkter endnu. Hent de vedtagne prøvehandlinger, eller "
            "tilføj det, der skal forankres."
        )
    for item in content["items"]:
        missing = []
        if not item["mechanisms"]:
            missing.append(_("hvordan det forankres"))
        if not item["owner"]:
            missing.append(_("en ejer"))
        if not item["follow_up_on"]:
            missing.append(_("en dato for opfølgning"))
        if missing:
            return _("»%(title)s« mangler %(missing)s.") % {
                "title": item["title"],
                "missing": _and(missing),
            }
    for dimension in content["dimensions"]:
        if not dimension["answer"]:
            return _(
                "Skriv, hvad der blev gjort ved dimensionen »%(name)s«, som temperaturmålingen "
                "pegede på."
            ) % {"name": dimension["name"]}
    if not content["continuation"]:
        return _("Skriv, hvordan omlægningen fortsætter efter forløbet.")
    if any(not row["answer"] for row in content["yield"]):
        return _("Styregruppen mangler at svare på alle seks udsagn om udbyttet.")
    return nothing_new_to_approve(content, latest)


def approve_plan(plan: AnchoringPlan, *, by) -> AnchoringPlanVersion:
    """A steering-group member approves the draft as the next version: who and when, and the
    plan's content as it is, kept unchanged from then on. Refused while the draft is not
    complete (`approval_problem`) and when nothing has changed since the last approved
    version (so a double click makes one version)."""
    _refuse_unless(
        permissions.can_approve_anchoring_plan(by, plan.programme),
        _("Kun styregruppens medlemmer kan godkende forankringsplanen."),
    )
    if plan.pk is None:
        raise DomainError(approval_problem(snapshot(plan), latest=None))
    return approve_draft(
        plan,
        by=by,
        snapshot=snapshot,
        problem=lambda content, _locked, latest: approval_problem(content, latest=latest),
        action=Action.APPROVED,
    )
