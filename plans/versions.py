"""The plan as content: a snapshot of the draft (what an approved version keeps), the same
content made readable for a page, and the differences between two contents in words.

A snapshot holds facts, not sentences: purposes, principles and statuses by their codes
(named in the reader's language when shown), dates as ISO strings, and the names a later
change must not rewrite (the responsible person, the indicator) as text. The ids of goals and
sub-goals are kept so that a renamed goal reads as changed, not as removed and added. The
reading of codes and dates and the pairing of items are every versioned plan's
(`programmes.versioning.content`).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from programmes.models import Principle, Purpose
from programmes.versioning.content import (
    EMPTY,
    changed_fields,
    choice_label,
    day_text,
    iso_day,
    item_key,
    match_items,
    shown_text,
    text_change,
)

from .models import EvaluationKind, Goal, SubGoal, SubGoalStatus


def plan_goals(plan):
    """The plan's goals in order, with their sub-goals, responsible people and indicators
    (two queries, however many goals)."""
    return list(
        Goal.objects.filter(plan_id=plan.pk)
        .select_related("indicator")
        .prefetch_related(
            Prefetch(
                "sub_goals",
                queryset=SubGoal.objects.select_related("responsible").order_by(
                    "starts_on", "due_on", "id"
                ),
            )
        )
        .order_by("position", "id")
    )


def snapshot(plan, goals=None) -> dict:
    """The plan as it is now, as JSON-able data; `goals` from `plan_goals` if already read."""
    if plan is None or plan.pk is None:
        return {"introduction": "", "goals": []}
    goals = plan_goals(plan) if goals is None else goals
    return {
        "introduction": plan.introduction,
        "goals": [
            {
                "id": goal.pk,
                "title": goal.title,
                "description": goal.description,
                "purposes": sorted(goal.purposes),
                "principles": sorted(goal.principles),
                "evaluation": {
                    "kind": goal.evaluation_kind,
                    "indicator": goal.indicator.name if goal.indicator else "",
                    "unit": goal.indicator.unit if goal.indicator else "",
                    "target": goal.target,
                    "criterion": goal.criterion,
                },
                "sub_goals": [
                    {
                        "id": sub.pk,
                        "title": sub.title,
                        "responsible": sub.responsible.name if sub.responsible else "",
                        "starts_on": sub.starts_on.isoformat(),
                        "due_on": sub.due_on.isoformat(),
                        "status": sub.status,
                    }
                    for sub in goal.sub_goals.all()
                ],
            }
            for goal in goals
        ],
    }


# Reading a content ---------------------------------------------------------------------


def evaluation_text(evaluation: dict) -> str:
    """How a goal is evaluated, as one line."""
    evaluation = evaluation or {}
    if evaluation.get("kind") == EvaluationKind.INDICATOR:
        return _("Nøgletallet »%(indicator)s« med målet %(target)s") % {
            "indicator": evaluation.get("indicator") or EMPTY,
            "target": evaluation.get("target") or EMPTY,
        }
    return _("Kriteriet: %(criterion)s") % {"criterion": evaluation.get("criterion") or EMPTY}


@dataclass
class ReadableSubGoal:
    number: str
    id: int | None
    title: str
    responsible: str
    starts_on: datetime.date | None
    due_on: datetime.date | None
    status: str
    status_label: str


@dataclass
class ReadableGoal:
    number: int
    id: int | None
    title: str
    description: str
    purposes: list[str]
    principles: list[str]
    evaluation_kind: str
    indicator: str
    unit: str
    target: str
    criterion: str
    sub_goals: list[ReadableSubGoal] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return bool(self.sub_goals) and has_evaluation(
            {
                "kind": self.evaluation_kind,
                "indicator": self.indicator,
                "target": self.target,
                "criterion": self.criterion,
            }
        )


def has_evaluation(evaluation: dict) -> bool:
    """An indicator with a target, or a criterion."""
    if evaluation.get("kind") == EvaluationKind.INDICATOR:
        return bool(evaluation.get("indicator") and (evaluation.get("target") or "").strip())
    return bool((evaluation.get("criterion") or "").strip())


def readable(content: dict) -> list[ReadableGoal]:
    """The goals of a content with their labels in the reader's language, numbered as the
    page and the timeline number them (goal 2, sub-goal 2.1)."""
    goals = []
    for number, goal in enumerate(content.get("goals", []), start=1):
        evaluation = goal.get("evaluation") or {}
        goals.append(
            ReadableGoal(
                number=number,
                id=goal.get("id"),
                title=goal.get("title", ""),
                description=goal.get("description", ""),
                purposes=[choice_label(Purpose, p) for p in goal.get("purposes", [])],
                principles=[choice_label(Principle, p) for p in goal.get("principles", [])],
                evaluation_kind=evaluation.get("kind", ""),
                indicator=evaluation.get("indicator", ""),
                unit=evaluation.get("unit", ""),
                target=evaluation.get("target", ""),
                criterion=evaluation.get("criterion", ""),
                sub_goals=[
                    ReadableSubGoal(
                        number=f"{number}.{index}",
                        id=sub.get("id"),
                        title=sub.get("title", ""),
                        responsible=sub.get("responsible", ""),
                        starts_on=iso_day(sub.get("starts_on")),
                        due_on=iso_day(sub.get("due_on")),
                        status=sub.get("status", ""),
                        status_label=choice_label(SubGoalStatus, sub.get("status", "")),
                    )
                    for index, sub in enumerate(goal.get("sub_goals", []), start=1)
                ],
            )
        )
    return goals


# Differences ---------------------------------------------------------------------------


def _labels(choices, values) -> str:
    return "; ".join(choice_label(choices, v) for v in sorted(values or [])) or EMPTY


def _goal_fields(goal: dict) -> list[tuple[str, str]]:
    """(what, value as text) of a goal, in the order a reader meets them."""
    return [
        (_("titlen"), shown_text(goal.get("title"))),
        (_("beskrivelsen"), shown_text(goal.get("description"))),
        (_("formålene"), _labels(Purpose, goal.get("purposes"))),
        (_("principperne"), _labels(Principle, goal.get("principles"))),
        (_("evalueringen"), evaluation_text(goal.get("evaluation"))),
    ]


def _sub_goal_fields(sub: dict) -> list[tuple[str, str]]:
    return [
        (_("titlen"), shown_text(sub.get("title"))),
        (_("den ansvarlige"), shown_text(sub.get("responsible"))),
        (_("starten"), day_text(sub.get("starts_on"))),
        (_("fristen"), day_text(sub.get("due_on"))),
        (_("status"), choice_label(SubGoalStatus, sub.get("status", ""))),
    ]


def diff(old_content: dict, new_content: dict) -> list[str]:
    """The differences from `old_content` to `new_content` (two snapshots), as sentences in
    the reader's language; empty when they say the same."""
    old_content, new_content = old_content or {}, new_content or {}
    lines = text_change(
        _("Indledningen er ændret fra »%(before)s« til »%(after)s«."),
        old_content.get("introduction"),
        new_content.get("introduction"),
    )
    old_goals, new_goals = old_content.get("goals", []), new_content.get("goals", [])
    kept = {item_key(goal) for goal in old_goals} & {item_key(goal) for goal in new_goals}
    old_order = [goal.get("title") for goal in old_goals if item_key(goal) in kept]
    new_order = [goal.get("title") for goal in new_goals if item_key(goal) in kept]
    if [item_key(g) for g in old_goals if item_key(g) in kept] != [
        item_key(g) for g in new_goals if item_key(g) in kept
    ]:
        lines.append(
            _("Målenes rækkefølge er ændret fra »%(before)s« til »%(after)s«.")
            % {"before": "; ".join(old_order), "after": "; ".join(new_order)}
        )
    for old_goal, new_goal in match_items(old_goals, new_goals):
        if new_goal is None:
            lines.append(_("Målet »%(title)s« er fjernet.") % {"title": old_goal.get("title")})
            continue
        title = new_goal.get("title")
        if old_goal is None:
            lines.append(_("Målet »%(title)s« er tilføjet.") % {"title": title})
            continue
        for what, was, now in changed_fields(_goal_fields(old_goal), _goal_fields(new_goal)):
            lines.append(
                _("Målet »%(goal)s«: %(what)s er ændret fra »%(before)s« til »%(after)s«.")
                % {"goal": title, "what": what, "before": was, "after": now}
            )
        subs = match_items(old_goal.get("sub_goals", []), new_goal.get("sub_goals", []))
        for old_sub, new_sub in subs:
            if new_sub is None:
                lines.append(
                    _("Målet »%(goal)s«: delmålet »%(title)s« er fjernet.")
                    % {"goal": title, "title": old_sub.get("title")}
                )
            elif old_sub is None:
                lines.append(
                    _("Målet »%(goal)s«: delmålet »%(title)s« er tilføjet.")
                    % {"goal": title, "title": new_sub.get("title")}
                )
            else:
                for what, was, now in changed_fields(
                    _sub_goal_fields(old_sub), _sub_goal_fields(new_sub)
                ):
                    lines.append(
                        _(
                            "Målet »%(goal)s«, delmålet »%(title)s«: %(what)s er ændret fra "
                            "»%(before)s« til »%(after)s«."
                        )
                        % {
                            "goal": title,
                            "title": new_sub.get("title"),
                            "what": what,
                            "before": was,
                            "after": now,
                        }
                    )
    return lines
