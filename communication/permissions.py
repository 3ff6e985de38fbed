"""Who may do what with a programme's communication plan, inside what the scoping layer lets
them read.

Everyone who can read the programme (the municipality's people, SBST staff) reads its plan.
The municipality's coordinators, the implementation group's people and SBST staff write it:
add, change and remove activities. The responsible person of an activity (the group member
linked to their account) may mark it done as well.
"""

from programmes.models import GroupMember, Membership, ProgrammeGroup
from programmes.permissions import has_role

Role = Membership.Role
Kind = ProgrammeGroup.Kind


def is_in_implementation_groups(user, programme) -> bool:
    """`user` is a member (by their account) of the programme's implementation group or one
    of its local implementation groups; remembered on the user for the request."""
    cache = user.__dict__.setdefault("_communication_groups_cache", {})
    if programme.pk not in cache:
        cache[programme.pk] = GroupMember.objects.filter(
            user_id=user.pk,
            group__programme_id=programme.pk,
            group__kind__in=[Kind.IMPLEMENTATION, Kind.LOCAL],
        ).exists()
    return cache[programme.pk]


def can_edit_plan(user, programme) -> bool:
    """Coordinators and implementation-group members of the programme's municipality (by
    their role, or as a linked member of the programme's implementation or local groups),
    and SBST staff: add, change and remove the plan's activities."""
    if not user or not user.is_authenticated:
        return False
    if user.is_sbst or has_role(
        user, programme.municipality, Role.COORDINATOR, Role.IMPLEMENTATION
    ):
        return True
    return is_in_implementation_groups(user, programme)


def can_mark_done(user, activity) -> bool:
    """The activity's responsible person, and everyone who may edit the plan."""
    if not user or not user.is_authenticated:
        return False
    responsible = activity.responsible
    if responsible is not None and responsible.user_id == user.pk:
        return True
    return can_edit_plan(user, activity.programme)
