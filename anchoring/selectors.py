"""Read queries the anchoring plan's pages, panel, services and gate share; each asks the
database a fixed number of times, however many items, versions or programmes there are."""

from django.db.models import Count, Q

from plans.models import Goal, SubGoalStatus
from programmes.versioning.selectors import approved_programme_ids, drafts_awaiting_approval
from temperature.selectors import dimensions_needing_attention

from .models import AnchoredItem, AnchoringPlan, AnchoringPlanVersion


def plan_of(programme, user) -> AnchoringPlan | None:
    """The programme's anchoring plan as `user` may read it, or None while nobody has
    started one."""
    return AnchoringPlan.objects.for_user(user).filter(programme_id=programme.pk).first()


def plan_items(plan) -> list[AnchoredItem]:
    """The plan's items with their owners (one query)."""
    if plan is None or plan.pk is None:
        return []
    return list(AnchoredItem.objects.filter(plan_id=plan.pk).select_related("owner"))


def reached_goals(programme):
    """The goals of the programme's development plan that are reached: every sub-goal is
    reached or dropped, and at least one is reached. Only these are pulled in by themselves;
    any other goal can be added to the plan by hand."""
    return (
        Goal.objects.filter(plan__programme_id=programme.pk)
        .annotate(
            reached=Count("sub_goals", filter=Q(sub_goals__status=SubGoalStatus.DONE)),
            open=Count(
                "sub_goals",
                filter=Q(sub_goals__status__in=[SubGoalStatus.PLANNED, SubGoalStatus.IN_PROGRESS]),
            ),
        )
        .filter(reached__gt=0, open=0)
        .order_by("position", "id")
    )


def goals_to_add(programme, plan) -> list[Goal]:
    """The development plan's goals not yet in the anchoring plan, for the add form."""
    goals = Goal.objects.filter(plan__programme_id=programme.pk)
    if plan is not None and plan.pk is not None:
        goals = goals.exclude(
            pk__in=AnchoredItem.objects.filter(plan_id=plan.pk, goal__isnull=False).values(
                "goal_id"
            )
        )
    return list(goals.order_by("position", "id"))


def flagged_dimensions(programme) -> list:
    """The temperature measurement's dimensions that its first round flags for attention,
    each with `key`, `name` and `reason`; empty while no first round has results."""
    return list(dimensions_needing_attention(programme))


def approved_anchoring_plan_programme_ids(programmes) -> set[int]:
    """The gate of forankre: the ids of `programmes` whose anchoring plan the steering group
    has approved at least once (one query for all of them)."""
    return approved_programme_ids(AnchoringPlanVersion, programmes)


def plans_awaiting_approval_by(user, municipality) -> list[AnchoringPlan]:
    """Anchoring plans in `municipality` of programmes where `user` sits in the steering
    group, whose draft has items and differs from what the steering group last approved."""
    return drafts_awaiting_approval(AnchoringPlan, user, municipality, holding="items")
