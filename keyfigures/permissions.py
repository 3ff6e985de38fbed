"""Who may do what with key figures, the support ladder and the steering discussion.

Published figures are public between municipalities: every signed-in user reads the
catalogue, and a municipality's people compare it with any other municipality's published
figures. A municipality's own (local) figures and its programme's steering notes are read
only by its people and SBST staff (the scoping layer decides that). These functions decide
the actions.
"""

from programmes.models import GroupMember, Membership, ProgrammeGroup
from programmes.permissions import has_role, is_coordinator

Role = Membership.Role


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_see_sbst_pages(user) -> bool:
    """SBST staff see the catalogue's editing pages and the imports; others never find them."""
    return _signed_in(user) and user.is_sbst


def can_manage_catalogue(user) -> bool:
    """SBST's administrators keep the catalogue of indicators."""
    return _signed_in(user) and user.is_sbst_admin


def can_import(user) -> bool:
    """SBST's administrators import published figures for all municipalities."""
    return _signed_in(user) and user.is_sbst_admin


def can_enter_local_figures(user, municipality) -> bool:
    """The municipality's coordinators and SBST staff add and correct its own figures."""
    if not _signed_in(user):
        return False
    return user.is_sbst or is_coordinator(user, municipality)


def can_write_steering_notes(user, programme) -> bool:
    """The municipality's coordinators, the members of the programme's steering and
    implementation groups (by role or by their account in the group), and SBST staff."""
    if not _signed_in(user):
        return False
    if user.is_sbst:
        return True
    if has_role(user, programme.municipality, Role.COORDINATOR, Role.STEERING, Role.IMPLEMENTATION):
        return True
    cache = programme.__dict__.setdefault("_steering_writers", {})
    if user.pk not in cache:
        cache[user.pk] = GroupMember.objects.filter(
            user_id=user.pk,
            group__programme_id=programme.pk,
            group__kind__in=[ProgrammeGroup.Kind.STEERING, ProgrammeGroup.Kind.IMPLEMENTATION],
        ).exists()
    return cache[user.pk]
