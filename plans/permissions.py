"""Who may do what with a programme's development plan, inside what the scoping layer lets
them read.

Everyone who can read the programme (the municipality's people, SBST staff) reads its plan
and its approved versions. The implementation group drafts it, with the municipality's
coordinators and SBST staff; the steering group approves it, and only the steering group:
a member of the programme's steering group whose account is linked to them.
"""

from programmes.models import GroupMember, Membership, ProgrammeGroup
from programmes.permissions import has_role

Kind = ProgrammeGroup.Kind


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _in_groups(user, programme, kinds) -> bool:
    """`user` is linked to a member of one of the programme's groups of `kinds` (remembered
    on the programme for the request)."""
    cache = programme.__dict__.setdefault("_plan_group_cache", {})
    key = (user.pk, tuple(sorted(kinds)))
    if key not in cache:
        cache[key] = GroupMember.objects.filter(
            user_id=user.pk, group__programme_id=programme.pk, group__kind__in=kinds
        ).exists()
    return cache[key]


def can_draft_plan(user, programme) -> bool:
    """Write the draft (introduction, goals, sub-goals): SBST staff, the municipality's
    coordinators and implementation-group members, and people linked to a member of the
    programme's implementation or local groups."""
    if not _signed_in(user):
        return False
    if user.is_sbst:
        return True
    if has_role(
        user, programme.municipality, Membership.Role.COORDINATOR, Membership.Role.IMPLEMENTATION
    ):
        return True
    return _in_groups(user, programme, (Kind.IMPLEMENTATION, Kind.LOCAL))


def can_approve_plan(user, programme) -> bool:
    """Approve the draft as a new version: a member of the programme's steering group with
    their own account, and no one else (not SBST, not a coordinator as such)."""
    if not _signed_in(user):
        return False
    return _in_groups(user, programme, (Kind.STEERING,))
