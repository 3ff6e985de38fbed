"""Roskilde's programmes and memberships for the cross-tenant walk (see tests/world.py)."""

from programmes.models import Membership
from tests.factories import ProgrammeFactory
from tests.world import Made, person

Role = Membership.Role


def make_membership_pk(municipality) -> Made:
    """A reader's membership, which the municipality's coordinator may remove."""
    reader = person(municipality, Role.READER)
    coordinator = person(municipality, Role.COORDINATOR)
    return Made(reader.memberships.get().pk, owner=coordinator)


def make_programme_pk(municipality) -> Made:
    coordinator = person(municipality, Role.COORDINATOR)
    programme = ProgrammeFactory(municipality=municipality, coordinator=coordinator)
    return Made(programme.pk, owner=person(municipality, Role.READER))


WORLD = {"membership_pk": make_membership_pk, "programme_pk": make_programme_pk}

SBST_PAGES = {"programmes:programme_contact"}
