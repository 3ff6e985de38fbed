"""The casereview app's pages for the cross-tenant walk (see tests/world.py).

A case page's URL names its programme too; the walk fills `programme_pk` from another maker,
so the owner's request names the case under a programme it is not in and is sent on to the
case's own URL (a redirect: the case was found through the owner's scope).
"""

from programmes.models import Membership
from tests.world import Made, person

from .factories import recorded_case, review_programme

Role = Membership.Role


def make_case_pk(municipality) -> Made:
    """A reviewed case of a programme named after the municipality; its coordinator reads it."""
    coordinator = person(municipality, Role.COORDINATOR)
    programme = review_programme(municipality, coordinator=coordinator)
    case = recorded_case(
        programme,
        coordinator,
        label=f"Sag i {municipality.name}",
        note=f"Note i {municipality.name}",
    )
    return Made(case.pk, owner=coordinator)


WORLD = {"case_pk": make_case_pk}

SBST_PAGES = {"casereview:read_log"}
# Of those, the pages only SBST's administrators open (other SBST staff get 403): the walk
# must open them as an administrator (see the report of the casereview helper).
SBST_ADMIN_PAGES = {"casereview:read_log"}
