"""Edit pages of the assessments app for the resave test (tests/test_resave.py)."""

from django.urls import reverse

from assessments import services
from assessments.models import Dimension
from tests.factories import AdministratorFactory


def dimension_edit(roskilde):
    admin = AdministratorFactory()
    dimension = services.create_dimension(
        by=admin,
        name="Ledelse & <samarbejde>",
        description="Linje 1\nLinje 2 & <mere>",
        position=7,
    )

    def state():
        return list(Dimension.objects.order_by("id").values())

    url = reverse("assessments:dimension_edit", kwargs={"dimension_pk": dimension.pk})
    return url, admin, {}, state


EDIT_PAGES = {"assessments:dimension_edit": dimension_edit}
