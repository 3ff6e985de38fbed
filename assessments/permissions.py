"""Who may do what with the organisational assessment, inside what the scoping layer lets
them read.

Everyone who can read a programme (the municipality's people, SBST staff) reads its
assessments. The people who take stock add a new version: the municipality's coordinators,
the implementation group (by role in the municipality, or as a member of the programme's
implementation or local groups linked to their account) and SBST staff. The list of
dimensions is SBST's: its administrators keep it, other SBST staff read it.
"""

from programmes.models import GroupMember, Membership, ProgrammeGroup
from programmes.permissions import has_role

Role = Membership.Role
WORKING_GROUPS = (ProgrammeGroup.Kind.IMPLEMENTATION, ProgrammeGroup.Kind.LOCAL)


def is_in_working_groups(user, programme) -> bool:
    """`user` is a member of the programme's implementation group or a local group (a
    `GroupMember` linked to their account); remembered on the programme."""
    cache = programme.__dict__.setdefault("_working_group_cache", {})
    if user.pk not in cache:
        cache[user.pk] = GroupMember.objects.filter(
            user_id=user.pk,
            group__programme_id=programme.pk,
            group__kind__in=WORKING_GROUPS,
        ).exists()
    return cache[user.pk]


def can_add_assessment(user, programme) -> bool:
    """Add a new dated version of the programme's organisational assessment."""
    if not user or not user.is_authenticated:
        return False
    if user.is_sbst:
        return True
    if has_role(user, programme.municipality, Role.COORDINATOR, Role.IMPLEMENTATION):
        return True
    return is_in_working_groups(user, programme)


def can_read_dimensions(user) -> bool:
    """SBST staff read the list of dimensions; for anyone else the pages do not exist."""
    return bool(user and user.is_authenticated and user.is_sbst)


def can_manage_dimensions(user) -> bool:
    """Only SBST's administrators add, change, retire and reactivate dimensions."""
    return bool(user and user.is_authenticated and user.is_sbst_admin)
