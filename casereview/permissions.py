"""Who may read and write a programme's ten-case review, inside what the scoping layer lets
them read.

The review holds sensitive data about citizens (GDPR art. 9), so it is narrower than the
programme: only the programme's implementation group (members linked to a `GroupMember` of
the group of kind implementation by their account), the municipality's coordinators and the
programme's SBST contact read it, and the same people record, change and remove its cases.
Everyone else who can read the programme (a steering member, a local group's member, another
SBST consultant, an SBST administrator) is refused with 403; another municipality never finds
the programme (404). The SBST administrators see who read which case (`can_see_reads`).
"""

from programmes.models import GroupMember, ProgrammeGroup
from programmes.permissions import is_coordinator


def is_in_implementation_group(user, programme) -> bool:
    """`user` is linked to a member of the programme's implementation group (remembered on
    the programme for the request)."""
    cache = programme.__dict__.setdefault("_implementation_members_cache", {})
    if user.pk not in cache:
        cache[user.pk] = GroupMember.objects.filter(
            user_id=user.pk,
            group__programme_id=programme.pk,
            group__kind=ProgrammeGroup.Kind.IMPLEMENTATION,
        ).exists()
    return cache[user.pk]


def can_read_review(user, programme) -> bool:
    """The programme's implementation group, the municipality's coordinators and the
    programme's SBST contact read the review and its cases; nobody else does."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if user.is_sbst:
        return programme.primary_contact_id == user.pk
    return is_coordinator(user, programme.municipality) or is_in_implementation_group(
        user, programme
    )


def can_change_review(user, programme) -> bool:
    """Record, change and remove cases: the same people who read the review."""
    return can_read_review(user, programme)


def can_see_reads(user) -> bool:
    """The record of who read which case is SBST's administrators' alone."""
    return bool(user and user.is_authenticated and user.is_active and user.is_sbst_admin)
