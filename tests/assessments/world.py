"""The assessment's pages for the cross-tenant walk (see tests/world.py).

A version's URL names its programme and its number in that programme. The walk fills
`programme_pk` from the programmes' maker, which runs after this one (makers run in the order
of their apps' names), so the number cannot point at a version made here. It is a lazy
value instead: when the walk first puts it into a URL, every programme of the municipality
that has no version yet gets version 1, whichever programme the URL names.

The dimensions are SBST's, not a municipality's: their pages are not found for anyone
outside SBST, and only its administrators change them.
"""

from django.utils import timezone

from assessments import services
from assessments.models import Assessment, Dimension
from programmes.models import Membership, Programme
from tests.factories import AdministratorFactory
from tests.world import Made, person

Role = Membership.Role


class FirstVersion:
    """Version 1 of every programme of `municipality`, made the first time it is read."""

    number = 1

    def __init__(self, municipality, coordinator):
        self.municipality = municipality
        self.coordinator = coordinator
        self.made = False

    def _ensure(self):
        if self.made:
            return
        with_versions = Assessment.objects.filter(number=self.number).values("programme_id")
        for programme in Programme.objects.filter(municipality=self.municipality).exclude(
            pk__in=with_versions
        ):
            services.add_assessment(
                programme,
                by=self.coordinator,
                assessed_on=timezone.localdate(),
                summary=f"Samlet vurdering i {self.municipality.name}",
                ratings=[
                    {
                        "dimension": dimension,
                        "score": 3,
                        "justification": f"Begrundelse i {self.municipality.name}",
                        "evidence": "",
                    }
                    for dimension in Dimension.objects.filter(is_active=True)
                ],
            )
        self.made = True

    def __str__(self):
        self._ensure()
        return str(self.number)


def make_assessment_number(municipality) -> Made:
    coordinator = person(municipality, Role.COORDINATOR)
    return Made(FirstVersion(municipality, coordinator), owner=person(municipality, Role.READER))


def make_dimension_pk(municipality) -> Made:
    """A dimension that an SBST administrator edits, retires and takes into use again; shared
    by every municipality, so not named after one."""
    dimension = Dimension.objects.create(name="Dimension til gennemgangen", position=99)
    return Made(dimension.pk, owner=AdministratorFactory())


WORLD = {
    "assessment_number": make_assessment_number,
    "dimension_pk": make_dimension_pk,
}

# SBST staff read the dimensions; only its administrators change them.
SBST_PAGES = {"assessments:dimension_list"}
SBST_ADMIN_PAGES = {
    "assessments:dimension_add",
    "assessments:dimension_edit",
    "assessments:dimension_retire",
    "assessments:dimension_reactivate",
}
