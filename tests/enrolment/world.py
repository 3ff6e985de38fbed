"""Objects of one municipality for the cross-tenant walk: one maker per URL kwarg."""

from programmes.models import Membership
from tests.factories import member

from .factories import submitted_enrolment


def make_enrolment_pk(municipality) -> int:
    """A submitted enrolment with a steering member holding the grant and a director link."""
    coordinator = member(municipality.name, role=Membership.Role.COORDINATOR)
    steering = member(municipality.name, role=Membership.Role.STEERING)
    enrolment = submitted_enrolment(municipality, coordinator, steering_users=[steering])
    return enrolment.pk


WORLD = {"enrolment_pk": make_enrolment_pk}
