"""Who may do what with a programme's trial actions, inside what the scoping layer lets them
read.

Everyone who can read the programme reads its trial actions: the municipality's people (the
steering group among them) and SBST staff, the programme's consultant included. They are
planned, carried out, evaluated and decided by the people who run them: the municipality's
coordinators and implementation-group members, the programme's own coordinator, and people
linked to a member of the programme's implementation group or one of its local
implementation groups. SBST reads and advises; it does not run the municipality's trials.
"""

from programmes.models import GroupMember, Membership, ProgrammeGroup
from programmes.permissions import has_role

Kind = ProgrammeGroup.Kind
Role = Membership.Role


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def in_working_groups(user, programme) -> bool:
    """`user` is linked to a member of the programme's implementation or local groups
    (remembered on the programme for the request)."""
    cache = programme.__dict__.setdefault("_trial_action_group_cache", {})
    if user.pk not in cache:
        cache[user.pk] = GroupMember.objects.filter(
            user_id=user.pk,
            group__programme_id=programme.pk,
            group__kind__in=[Kind.IMPLEMENTATION, Kind.LOCAL],
        ).exists()
    return cache[user.pk]


def can_work(user, programme) -> bool:
    """Plan, start, observe, evaluate and decide the programme's trial actions."""
    if not _signed_in(user) or user.is_sbst:
        return False
    if programme.coordinator_id is not None and programme.coordinator_id == user.pk:
        return True
    if has_role(user, programme.municipality, Role.COORDINATOR, Role.IMPLEMENTATION):
        return True
    return in_working_groups(user, programme)
