"""Objects of one municipality for the cross-tenant walk: one maker per URL kwarg."""

from programmes.models import Membership
from tests.factories import member


def make_membership_pk(municipality) -> int:
    user = member(municipality.name, role=Membership.Role.READER)
    return user.memberships.get().pk


WORLD = {"membership_pk": make_membership_pk}


def make_programme_pk(municipality) -> int:
    from tests.factories import ProgrammeFactory

    return ProgrammeFactory(municipality=municipality).pk


WORLD["programme_pk"] = make_programme_pk
