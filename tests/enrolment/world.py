"""Roskilde's enrolment for the cross-tenant walk (see tests/world.py)."""

from programmes.models import Membership
from tests.world import Made, person

from .factories import submitted_enrolment

Role = Membership.Role


def make_enrolment_pk(municipality) -> Made:
    """A submitted enrolment with a steering member holding the grant and a director link."""
    coordinator = person(municipality, Role.COORDINATOR)
    steering = person(municipality, Role.STEERING)
    enrolment = submitted_enrolment(municipality, coordinator, steering_users=[steering])
    return Made(
        enrolment.pk,
        owner=coordinator,
        owner_of={"enrolment:steering_response": steering},
    )


WORLD = {"enrolment_pk": make_enrolment_pk}

SBST_PAGES = {
    "enrolment:enrolment_list",
    "enrolment:enrolment_meeting",
    "enrolment:enrolment_approve",
    "enrolment:enrolment_reject",
}
