"""Read queries the plan's pages, panels and gate share; each asks the database a fixed
number of times, however many goals, sub-goals, versions or programmes there are."""

from programmes.models import GroupMember, ProgrammeGroup

from .models import DevelopmentPlan, PlanVersion


def plan_of(programme, user) -> DevelopmentPlan | None:
    """The programme's plan as `user` may read it, or None while nobody has written one."""
    return DevelopmentPlan.objects.for_user(user).filter(programme_id=programme.pk).first()


def versions_of(plan, user) -> list[PlanVersion]:
    """The plan's approved versions, newest first, with who approved them (not their
    content, which only a version's own page reads)."""
    if plan is None:
        return []
    return list(
        PlanVersion.objects.for_user(user)
        .filter(plan_id=plan.pk)
        .select_related("approved_by")
        .defer("content")
        .order_by("-number")
    )


def state_of(plan, latest) -> dict:
    """Where the plan stands, for `plans/_state.html`: never approved, approved as it is, or
    changed since the `latest` approved version."""
    if plan is None or latest is None:
        return {"code": "not_approved", "latest": None}
    return {"code": "changed" if plan.has_changes else "approved", "latest": latest}


def approved_plan_programme_ids(programmes) -> set[int]:
    """The gate of forberede: the ids of `programmes` whose plan the steering group has
    approved at least once (one query for all of them)."""
    ids = [programme.pk for programme in programmes]
    if not ids:
        return set()
    return set(
        PlanVersion.objects.filter(plan__programme_id__in=ids)
        .values_list("plan__programme_id", flat=True)
        .distinct()
    )


def plans_awaiting_approval_by(user, municipality) -> list[DevelopmentPlan]:
    """Plans in `municipality` of programmes where `user` sits in the steering group, whose
    draft has goals and differs from what the steering group last approved."""
    steering = GroupMember.objects.filter(
        user_id=user.pk, group__kind=ProgrammeGroup.Kind.STEERING
    ).values("group__programme_id")
    return list(
        DevelopmentPlan.objects.for_user(user)
        .for_municipality(municipality)
        .filter(programme_id__in=steering, has_changes=True, goals__isnull=False)
        .select_related("programme__cohort")
        .distinct()
        .order_by("programme__cohort__starts_on", "id")
    )


def programme_members(programme) -> list[GroupMember]:
    """Everyone in the programme's groups, for choosing a sub-goal's responsible person."""
    return list(
        GroupMember.objects.filter(group__programme_id=programme.pk)
        .select_related("group")
        .order_by("name", "group__kind", "id")
    )
