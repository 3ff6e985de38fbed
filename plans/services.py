"""The rules that change a development plan: its introduction, goals and sub-goals (the
draft), and the steering group's approval of the draft as a new immutable version.

Its functions keep the rules of every versioned plan (`programmes.versioning.services`);
what this plan needs to be approved is its own.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from programmes.activity import log_action
from programmes.edits import save_changes, typed_text
from programmes.errors import DomainError
from programmes.models import GroupMember, Principle, Purpose
from programmes.versioning.services import (
    approve_draft,
    lock_draft,
    note_change,
    nothing_new_to_approve,
    text_digest,
)

from . import permissions
from .activity import Action
from .models import DevelopmentPlan, EvaluationKind, Goal, PlanVersion, SubGoal, SubGoalStatus
from .versions import has_evaluation, snapshot

GOAL_FIELDS = (
    "title",
    "description",
    "purposes",
    "principles",
    "evaluation_kind",
    "indicator",
    "target",
    "criterion",
)
SUB_GOAL_FIELDS = ("title", "responsible", "starts_on", "due_on", "status")


def _refuse_unless(condition: bool, message) -> None:
    if not condition:
        raise DomainError(message)


def _may_draft(by, programme) -> None:
    _refuse_unless(
        permissions.can_draft_plan(by, programme),
        _(
            "Kun implementeringsgruppen, kommunens koordinator og Social- og Boligstyrelsen "
            "kan skrive udviklingsplanen."
        ),
    )


def get_or_create_plan(programme) -> DevelopmentPlan:
    """The programme's plan, made empty the first time someone writes in it (an empty plan
    is nothing to log)."""
    plan, _created = DevelopmentPlan.objects.get_or_create(programme=programme)
    return plan


def change_plan(
    programme,
    *,
    by,
    introduction: str,
    goal_order: list[int] | None = None,
    shown: str | None = None,
) -> DevelopmentPlan:
    """The plan's introduction and the order of its goals (`goal_order`: every goal's id,
    in the wanted order; None leaves the order). One entry per kind of change.

    `shown`, the `text_digest` of the introduction the form was opened on, refuses to
    overwrite an introduction someone else saved meanwhile (a whole group writes the plan).
    """
    _may_draft(by, programme)
    introduction = typed_text(introduction)
    with transaction.atomic():
        locked = lock_draft(get_or_create_plan(programme))
        goals = list(Goal.objects.filter(plan=locked).order_by("position", "id"))
        new_introduction = locked.introduction != introduction
        if new_introduction and shown is not None and shown != text_digest(locked.introduction):
            raise DomainError(
                _(
                    "En anden har ændret indledningen, siden du åbnede siden. Kopiér din "
                    "tekst, åbn siden igen, og skriv din ændring ind i den nye tekst."
                ),
                field="introduction",
            )
        reorder = goal_order is not None and list(goal_order) != [g.pk for g in goals]
        if reorder and sorted(goal_order) != sorted(g.pk for g in goals):
            raise DomainError(_("Planens mål er ændret, siden du åbnede siden. Åbn siden igen."))
        if not new_introduction and not reorder:
            return locked
        if new_introduction:
            locked.introduction = introduction
            locked.save(update_fields=["introduction"])
            log_action(locked, Action.INTRODUCTION_CHANGED, by=by)
        if reorder:
            by_id = {goal.pk: goal for goal in goals}
            for position, goal_id in enumerate(goal_order):
                by_id[goal_id].position = position
            Goal.objects.bulk_update(goals, ["position"])
            log_action(
                locked,
                Action.GOALS_REORDERED,
                by=by,
                data={"goals": [by_id[goal_id].title for goal_id in goal_order]},
            )
        note_change(locked, snapshot)
    return locked


def change_introduction(programme, *, by, introduction: str, shown=None) -> DevelopmentPlan:
    return change_plan(programme, by=by, introduction=introduction, shown=shown)


# Goals ---------------------------------------------------------------------------------


def check_goal(values: dict) -> dict:
    """A goal's values as stored, or a `DomainError` on the field that breaks a rule: a
    title, at least one purpose and one principle, and an evaluation that holds together
    (an indicator with a target, or a criterion). The other kind's fields are emptied."""
    values = {name: values.get(name) for name in GOAL_FIELDS}
    values["title"] = typed_text(values["title"])
    values["description"] = typed_text(values["description"])
    values["target"] = typed_text(values["target"])
    values["criterion"] = typed_text(values["criterion"])
    if not values["title"]:
        raise DomainError(_("Skriv målet."), field="title")
    purposes, principles = _numbers(values["purposes"]), _numbers(values["principles"])
    if not purposes or not set(purposes) <= set(Purpose.values):
        raise DomainError(_("Vælg mindst ét formål, som målet skal tjene."), field="purposes")
    if not principles or not set(principles) <= set(Principle.values):
        raise DomainError(_("Vælg mindst ét princip, som målet bygger på."), field="principles")
    values["purposes"], values["principles"] = purposes, principles
    kind = values["evaluation_kind"]
    if kind == EvaluationKind.INDICATOR:
        if values["indicator"] is None:
            raise DomainError(_("Vælg det nøgletal, målet evalueres ved."), field="indicator")
        if not values["target"]:
            raise DomainError(
                _("Skriv målet for nøgletallet, for eksempel »10 procent flere i job«."),
                field="target",
            )
        values["criterion"] = ""
    elif kind == EvaluationKind.CRITERION:
        if not values["criterion"]:
            raise DomainError(
                _("Skriv det kriterium, man kan iagttage, når målet er nået."), field="criterion"
            )
        values["indicator"], values["target"] = None, ""
    else:
        raise DomainError(_("Vælg, hvordan målet evalueres."), field="evaluation_kind")
    return values


def _numbers(values) -> list[int]:
    try:
        return sorted({int(value) for value in values or []})
    except (TypeError, ValueError):
        return []


def _goal_data(goal: Goal, **extra) -> dict:
    return {"goal": goal.pk, "title": goal.title, **extra}


def add_goal(programme, *, by, **values) -> Goal:
    """A new goal at the end of the plan."""
    _may_draft(by, programme)
    values = check_goal(values)
    with transaction.atomic():
        locked = lock_draft(get_or_create_plan(programme))
        last = Goal.objects.filter(plan=locked).order_by("-position").first()
        goal = Goal.objects.create(
            plan=locked, position=(last.position + 1) if last else 0, **values
        )
        log_action(locked, Action.GOAL_ADDED, by=by, data=_goal_data(goal))
        note_change(locked, snapshot)
    return goal


def change_goal(goal: Goal, *, by, **values) -> Goal:
    plan = goal.plan
    _may_draft(by, plan.programme)
    values = check_goal(values)
    with transaction.atomic():
        locked = lock_draft(plan)
        current = Goal.objects.select_related("indicator").get(pk=goal.pk)
        changed = save_changes(current, values, GOAL_FIELDS)
        if not changed:
            return current
        log_action(locked, Action.GOAL_CHANGED, by=by, data=_goal_data(current, fields=changed))
        note_change(locked, snapshot)
    return current


def remove_goal(goal: Goal, *, by) -> None:
    """Remove a goal with its sub-goals; approved versions keep them."""
    plan = goal.plan
    _may_draft(by, plan.programme)
    with transaction.atomic():
        locked = lock_draft(plan)
        current = Goal.objects.filter(pk=goal.pk).first()
        if current is None:
            return
        data = _goal_data(current, sub_goals=current.sub_goals.count())
        current.delete()
        log_action(locked, Action.GOAL_REMOVED, by=by, data=data)
        note_change(locked, snapshot)


# Sub-goals -----------------------------------------------------------------------------


def check_sub_goal(programme, values: dict) -> dict:
    """A sub-goal's values as stored, or a `DomainError` on the field that breaks a rule: a
    title, a start and a due date not before it, a status, and a responsible person (when
    given) from the programme's own groups."""
    values = {name: values.get(name) for name in SUB_GOAL_FIELDS}
    values["title"] = typed_text(values["title"])
    if not values["title"]:
        raise DomainError(_("Skriv delmålet."), field="title")
    if values["starts_on"] is None:
        raise DomainError(_("Skriv, hvornår arbejdet med delmålet starter."), field="starts_on")
    if values["due_on"] is None:
        raise DomainError(_("Skriv fristen for delmålet."), field="due_on")
    if values["due_on"] < values["starts_on"]:
        raise DomainError(_("Fristen kan ikke ligge før starten."), field="due_on")
    values["status"] = values["status"] or SubGoalStatus.PLANNED
    if values["status"] not in SubGoalStatus.values:
        raise DomainError(_("Vælg delmålets status."), field="status")
    responsible = values["responsible"]
    if responsible is not None and not (
        isinstance(responsible, GroupMember)
        and GroupMember.objects.filter(pk=responsible.pk, group__programme_id=programme.pk).exists()
    ):
        raise DomainError(_("Vælg en ansvarlig fra forløbets grupper."), field="responsible")
    return values


def _sub_goal_data(sub: SubGoal, goal: Goal, **extra) -> dict:
    return {"goal_id": goal.pk, "goal": goal.title, "sub_goal": sub.pk, "title": sub.title, **extra}


def add_sub_goal(goal: Goal, *, by, **values) -> SubGoal:
    plan = goal.plan
    _may_draft(by, plan.programme)
    values = check_sub_goal(plan.programme, values)
    with transaction.atomic():
        locked = lock_draft(plan)
        sub = SubGoal.objects.create(goal=goal, **values)
        log_action(locked, Action.SUB_GOAL_ADDED, by=by, data=_sub_goal_data(sub, goal))
        note_change(locked, snapshot)
    return sub


def change_sub_goal(sub_goal: SubGoal, *, by, **values) -> SubGoal:
    goal = sub_goal.goal
    plan = goal.plan
    _may_draft(by, plan.programme)
    values = check_sub_goal(plan.programme, values)
    with transaction.atomic():
        locked = lock_draft(plan)
        current = SubGoal.objects.select_related("responsible").get(pk=sub_goal.pk)
        changed = save_changes(current, values, SUB_GOAL_FIELDS)
        if not changed:
            return current
        log_action(
            locked,
            Action.SUB_GOAL_CHANGED,
            by=by,
            data=_sub_goal_data(current, goal, fields=changed),
        )
        note_change(locked, snapshot)
    return current


def remove_sub_goal(sub_goal: SubGoal, *, by) -> None:
    goal = sub_goal.goal
    plan = goal.plan
    _may_draft(by, plan.programme)
    with transaction.atomic():
        locked = lock_draft(plan)
        current = SubGoal.objects.filter(pk=sub_goal.pk).first()
        if current is None:
            return
        data = _sub_goal_data(current, goal)
        current.delete()
        log_action(locked, Action.SUB_GOAL_REMOVED, by=by, data=data)
        note_change(locked, snapshot)


# Approval ------------------------------------------------------------------------------


NO_GOALS = _lazy("Udviklingsplanen har ingen mål endnu. Giv den mindst ét mål med delmål.")


def approval_problem(content: dict, *, has_changes: bool, latest) -> str | None:
    """Why the draft `content` cannot be approved now, or None: it needs goals, each with a
    sub-goal and an evaluation, and something new since the `latest` approved version."""
    if not content["goals"]:
        return str(NO_GOALS)
    for goal in content["goals"]:
        if not goal["sub_goals"]:
            return _("Målet »%(title)s« har ingen delmål. Giv hvert mål mindst ét delmål.") % {
                "title": goal["title"]
            }
        if not has_evaluation(goal["evaluation"]):
            return _(
                "Målet »%(title)s« mangler en evaluering: et nøgletal med et mål eller et "
                "kriterium, man kan iagttage."
            ) % {"title": goal["title"]}
    return nothing_new_to_approve(content, latest, has_changes=has_changes)


def approve_plan(plan: DevelopmentPlan, *, by) -> PlanVersion:
    """A steering-group member approves the draft as the next version: who and when, and the
    plan's content as it is, kept unchanged from then on.

    Refused while the plan has no goals, while a goal lacks a sub-goal or an evaluation, and
    when nothing has changed since the last approved version (so a double click makes one
    version: the second click waits for the first and finds nothing new).
    """
    _refuse_unless(
        permissions.can_approve_plan(by, plan.programme),
        _("Kun styregruppens medlemmer kan godkende udviklingsplanen."),
    )
    if plan.pk is None:
        raise DomainError(str(NO_GOALS))
    return approve_draft(
        plan,
        by=by,
        snapshot=snapshot,
        problem=lambda content, locked, latest: approval_problem(
            content, has_changes=locked.has_changes, latest=latest
        ),
        action=Action.APPROVED,
    )
