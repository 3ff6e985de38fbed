"""Who may act on an enrolment, inside what the scoping layer lets them read.

Roles come from membership rows (`programmes.permissions`); the right of a proposed steering
member to answer one enrolment is a django-guardian grant on that enrolment alone.
"""

from programmes.permissions import is_coordinator, objects_with_perm, roles_in

from .models import Enrolment

STEERING_PERM = "enrolment.approve_as_steering_member"
FILL_IN_PERM = "enrolment.fill_in_enrolment"


def can_fill_in(user, municipality) -> bool:
    """The municipality's coordinators fill in, submit and withdraw its enrolment.

    Another member of the municipality may do so when an administrator gave them the
    model permission `enrolment.fill_in_enrolment`.
    """
    if not user or not user.is_authenticated or user.is_sbst:
        return False
    if is_coordinator(user, municipality):
        return True
    return bool(roles_in(user, municipality)) and user.has_perm(FILL_IN_PERM)


def can_handle_as_sbst(user) -> bool:
    """SBST staff record the enrolment meeting and decide."""
    return bool(user and user.is_authenticated and user.is_sbst)


def can_respond_as_steering_member(user, enrolment: Enrolment) -> bool:
    """Holds the guardian grant on *this* enrolment, checked through the scoped queryset."""
    if not user or not user.is_authenticated:
        return False
    return objects_with_perm(
        user, STEERING_PERM, Enrolment.objects.filter(pk=enrolment.pk)
    ).exists()


def enrolments_awaiting_steering_answer(user):
    """Submitted enrolments on which `user` may answer as a steering member."""
    return objects_with_perm(
        user, STEERING_PERM, Enrolment.objects.filter(state=Enrolment.State.SUBMITTED)
    )
