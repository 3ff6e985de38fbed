"""Read queries the measures' pages and panels share; each asks the database a fixed number
of times, however many measures, points or trial actions there are."""

from dataclasses import dataclass

from django.db.models import Prefetch

from plans.models import Goal
from trial_actions.models import TrialAction

from . import anhoej, runchart
from .models import Measure, MeasurePoint


def _with_points(queryset):
    return queryset.prefetch_related(
        Prefetch("points", queryset=MeasurePoint.objects.order_by("measured_on", "id"))
    )


def measures_of(owner, user) -> list[Measure]:
    """The measures of a trial action or a goal as `user` may read them, with their points
    (two queries)."""
    field = "goal_id" if isinstance(owner, Goal) else "trial_action_id"
    return list(
        _with_points(Measure.objects.for_user(user).filter(**{field: owner.pk})).order_by(
            "name", "id"
        )
    )


def goal_measures_of(programme, user) -> dict[int, list[Measure]]:
    """The measures of every goal of the programme's development plan, by goal id, with their
    points (two queries for all goals)."""
    by_goal: dict[int, list[Measure]] = {}
    measures = _with_points(
        Measure.objects.for_user(user).filter(programme_id=programme.pk, goal__isnull=False)
    ).order_by("name", "id")
    for measure in measures:
        by_goal.setdefault(measure.goal_id, []).append(measure)
    return by_goal


@dataclass(frozen=True)
class Summary:
    """A measure in a list: how many points, the latest, and the verdict in a few words."""

    measure: Measure
    count: int
    latest: MeasurePoint | None
    latest_value: str
    verdict: anhoej.Verdict
    verdict_label: str


def summarise(measure: Measure) -> Summary:
    """From the measure's prefetched points."""
    points = list(measure.points.all())
    verdict = runchart.verdict_of(points)
    return Summary(
        measure=measure,
        count=len(points),
        latest=points[-1] if points else None,
        latest_value=runchart.format_point(measure.unit, points[-1].value) if points else "",
        verdict=verdict,
        verdict_label=runchart.verdict_label(verdict),
    )


def linked_trial_actions(measure, user) -> list[TrialAction]:
    """The trial actions whose start a measure's chart marks: for a trial action's measure,
    the trial action and its chain (those it adapts and those adapting it, however far);
    for a goal's measure, the trial actions linked to the goal's sub-goals. One query."""
    if measure.goal_id:
        return list(
            TrialAction.objects.for_user(user)
            .filter(sub_goals__goal_id=measure.goal_id)
            .distinct()
            .order_by("starts_on", "id")
        )
    everyone = {
        action.pk: action
        for action in TrialAction.objects.for_user(user).filter(programme_id=measure.programme_id)
    }
    chain = set()
    waiting = [measure.trial_action_id]
    while waiting:
        current = waiting.pop()
        if current in chain or current not in everyone:
            continue
        chain.add(current)
        follows = everyone[current].follows_id
        if follows is not None:
            waiting.append(follows)
        waiting += [pk for pk, action in everyone.items() if action.follows_id == current]
    return sorted((everyone[pk] for pk in chain), key=lambda action: (action.starts_on, action.pk))
