"""The phases' pages for the cross-tenant walk (see tests/world.py)."""

from programmes.models import Membership
from tests.factories import CohortFactory
from tests.world import Made, person


def make_cohort_pk(municipality) -> Made:
    """A cohort is SBST's, shared by municipalities: only its administrators adjust it."""
    return Made(CohortFactory().pk, owner=person(municipality, Membership.Role.COORDINATOR))


WORLD = {"cohort_pk": make_cohort_pk}

SBST_PAGES = {"phases:cohort_windows", "phases:programme_move"}
