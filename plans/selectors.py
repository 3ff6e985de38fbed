"""Read queries the plan's pages, panels and gate share; each asks the database a fixed
number of times, however many goals, sub-goals, versions or programmes there are."""

from programmes.models import GroupMember
from programmes.versioning.selectors import approved_programme_ids, drafts_awaiting_approval

from .models import DevelopmentPlan, PlanVersion


def plan_of(programme, user) -> DevelopmentPlan | None:
    """The programme's plan as `user` may read it, or None while nobody has written one."""
    return DevelopmentPlan.objects.for_user(user).filter(programme_id=programme.pk).first()


def approved_plan_programme_ids(programmes) -> set[int]:
    """The gate of forberede: the ids of `programmes` whose plan the steering group has
    approved at least once (one query for all of them)."""
    return approved_programme_ids(PlanVersion, programmes)


def plans_awaiting_approval_by(user, municipality) -> list[DevelopmentPlan]:
    """Plans in `municipality` of programmes where `user` sits in the steering group, whose
    draft has goals and differs from what the steering group last approved."""
    return drafts_awaiting_approval(DevelopmentPlan, user, municipality, holding="goals")


def programme_members(programme) -> list[GroupMember]:
    """Everyone in the programme's groups, for choosing a sub-goal's responsible person."""
    return list(
        GroupMember.objects.filter(group__programme_id=programme.pk)
        .select_related("group")
        .order_by("name", "group__kind", "id")
    )
