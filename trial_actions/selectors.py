"""Read queries the trial actions' pages, panels, gate and other apps share; each asks the
database a fixed number of times, however many trial actions or programmes there are."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch

from plans.models import SubGoal
from programmes.models import GroupMember, Principle, ProgrammeGroup

from .models import (
    EVALUATED_STATES,
    Observation,
    TrialAction,
    TrialActionPrinciple,
    TrialActionState,
    copenhagen_today,
)

State = TrialActionState


def adopted_trial_actions(programme):
    """The programme's adopted trial actions (to be anchored), in the order they were
    decided."""
    return TrialAction.objects.filter(programme_id=programme.pk, state=State.ADOPTED).order_by(
        "decided_at", "id"
    )


def counts_by_state(programmes) -> dict[int, dict[str, int]]:
    """{programme id: {state: number}} for `programmes` (one query); a programme without
    trial actions is missing."""
    ids = [programme.pk for programme in programmes]
    counts: dict[int, dict[str, int]] = {}
    if not ids:
        return counts
    rows = (
        TrialAction.objects.filter(programme_id__in=ids)
        .order_by()
        .values_list("programme_id", "state")
        .annotate(n=Count("pk"))
    )
    for programme_id, state, n in rows:
        counts.setdefault(programme_id, {})[state] = n
    return counts


def evaluated_programme_ids(programmes) -> set[int]:
    """Udvikle's gate: the ids of `programmes` with at least one trial action evaluated
    (evaluated, adopted, adapted or dropped), in one query."""
    ids = [programme.pk for programme in programmes]
    if not ids:
        return set()
    return set(
        TrialAction.objects.filter(programme_id__in=ids, state__in=EVALUATED_STATES)
        .values_list("programme_id", flat=True)
        .distinct()
    )


def board_trial_actions(programme, user, today: datetime.date | None = None):
    """The programme's trial actions for its board, with what each card shows (group,
    responsible, principles, sub-goals, overdue, what it follows) read in fixed queries."""
    return (
        TrialAction.objects.for_user(user)
        .filter(programme_id=programme.pk)
        .with_overdue(today or copenhagen_today())
        .select_related("group", "responsible", "follows")
        .prefetch_related(
            Prefetch("principle_rows", queryset=TrialActionPrinciple.objects.order_by("principle"))
        )
        .order_by("evaluate_by", "starts_on", "id")
    )


@dataclass(frozen=True)
class Column:
    state: str
    label: str
    trial_actions: list


def columns(trial_actions) -> list[Column]:
    """The board's columns, one per state in the cycle's order."""
    by_state: dict[str, list] = {state: [] for state in State.values}
    for trial_action in trial_actions:
        by_state[trial_action.state].append(trial_action)
    return [Column(state, label, by_state[state]) for state, label in State.choices]


def principle_counts(trial_actions) -> list[tuple[int, str, int]]:
    """(number, name, how many of `trial_actions` serve it) for each principle, from their
    prefetched principle rows."""
    counted = Counter(row.principle for ta in trial_actions for row in ta.principle_rows.all())
    return [(number, label, counted.get(number, 0)) for number, label in Principle.choices]


def programme_groups(programme):
    return ProgrammeGroup.objects.filter(programme_id=programme.pk).order_by("kind", "name", "id")


def programme_members(programme):
    return (
        GroupMember.objects.filter(group__programme_id=programme.pk)
        .select_related("group")
        .order_by("name", "group__kind", "id")
    )


def programme_sub_goals(programme):
    """The sub-goals of the programme's development plan, in the plan's order."""
    return (
        SubGoal.objects.filter(goal__plan__programme_id=programme.pk)
        .select_related("goal")
        .order_by("goal__position", "goal_id", "starts_on", "id")
    )


def observations_of(trial_action):
    return (
        Observation.objects.filter(trial_action_id=trial_action.pk)
        .select_related("author")
        .order_by("observed_on", "id")
    )


def chain_of(trial_action) -> tuple[list[TrialAction], list[TrialAction]]:
    """The trial actions before this one (what it adapts, and what that adapted, oldest
    first) and after it (its follow-ups, and theirs, in the order they were made). A chain
    holds a handful at most: one query a step."""
    before = []
    seen = {trial_action.pk}
    current = trial_action
    while current.follows_id is not None and current.follows_id not in seen:
        current = TrialAction.objects.get(pk=current.follows_id)
        seen.add(current.pk)
        before.append(current)
    before.reverse()
    after = []
    frontier = [trial_action.pk]
    while frontier:
        found = [
            ta
            for ta in TrialAction.objects.filter(follows_id__in=frontier).order_by(
                "created_at", "id"
            )
            if ta.pk not in seen
        ]
        seen.update(ta.pk for ta in found)
        after.extend(found)
        frontier = [ta.pk for ta in found]
    return before, after


@dataclass(frozen=True)
class Summary:
    counts: list  # (state, label, number) in the cycle's order
    total: int
    overdue: list  # the overdue trial actions (at most a few)
    overdue_count: int


def programme_summary(programme, user, today: datetime.date | None = None) -> Summary:
    """The programme page's panel: how many trial actions in each state, and the overdue
    evaluations (two queries)."""
    today = today or copenhagen_today()
    counts = counts_by_state([programme]).get(programme.pk, {})
    overdue_qs = (
        TrialAction.objects.for_user(user)
        .filter(programme_id=programme.pk)
        .overdue(today)
        .select_related("responsible")
        .order_by("evaluate_by", "id")
    )
    overdue = list(overdue_qs[:6])
    overdue_count = len(overdue)
    if overdue_count > 5:
        overdue_count = overdue_qs.count()
    return Summary(
        counts=[(state, label, counts.get(state, 0)) for state, label in State.choices],
        total=sum(counts.values()),
        overdue=overdue[:5],
        overdue_count=overdue_count,
    )
