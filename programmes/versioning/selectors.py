"""Read queries every versioned plan's pages, panels and gates share; each asks the database
a fixed number of times, however many versions or programmes there are."""

from programmes.models import GroupMember, ProgrammeGroup


def approved_versions(plan, user) -> list:
    """The draft's approved versions as `user` may read them, newest first, with who
    approved them (not their content, which only a version's own page reads)."""
    if plan is None or plan.pk is None:
        return []
    return list(
        plan.versions.model.objects.for_user(user)
        .filter(plan_id=plan.pk)
        .select_related("approved_by")
        .defer("content")
        .order_by("-number")
    )


def approved_version(version_model, programme, user, number):
    """The programme's approved version `number` as `user` may read it, or None."""
    return (
        version_model.objects.for_user(user)
        .filter(plan__programme_id=programme.pk, number=number)
        .select_related("approved_by")
        .first()
    )


def draft_state(plan, latest) -> dict:
    """Where a draft stands, for `versioning/_state.html`: never approved, approved as it is,
    or changed since the `latest` approved version."""
    if plan is None or latest is None:
        return {"code": "not_approved", "latest": None}
    return {"code": "changed" if plan.has_changes else "approved", "latest": latest}


def approved_programme_ids(version_model, programmes) -> set[int]:
    """The ids of `programmes` with at least one approved version of `version_model` (one
    query for all of them): the gate a plan kind sets for leaving its phase."""
    ids = [programme.pk for programme in programmes]
    if not ids:
        return set()
    return set(
        version_model.objects.filter(plan__programme_id__in=ids)
        .values_list("plan__programme_id", flat=True)
        .distinct()
    )


def drafts_awaiting_approval(draft_model, user, municipality, *, holding: str) -> list:
    """Drafts of `draft_model` in `municipality` of programmes where `user` sits in the
    steering group, whose draft holds something (`holding`: the reverse name of its items,
    e.g. "goals") and differs from what the steering group last approved."""
    steering = GroupMember.objects.filter(
        user_id=user.pk, group__kind=ProgrammeGroup.Kind.STEERING
    ).values("group__programme_id")
    return list(
        draft_model.objects.for_user(user)
        .for_municipality(municipality)
        .filter(programme_id__in=steering, has_changes=True, **{f"{holding}__isnull": False})
        .select_related("programme__cohort")
        .distinct()
        .order_by("programme__cohort__starts_on", "id")
    )
