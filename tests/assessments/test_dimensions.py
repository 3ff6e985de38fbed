"""SBST's list of dimensions: its administrators keep it, other SBST staff read it, and for
municipal users the pages do not exist."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Dimension
from programmes.errors import DomainError
from programmes.models import ActivityEntry
from tests.factories import AdministratorFactory, ConsultantFactory

from .factories import dimensions

# A change to the dimensions is SBST's alone: its history line has no municipality, so a
# test that reads it back reads outside Roskilde's scope.
SBST_HISTORY = pytest.mark.cross_tenant

LIST = reverse("assessments:dimension_list")
ADD = reverse("assessments:dimension_add")


@pytest.fixture
def admin(db):
    return AdministratorFactory()


def edit_url(dimension):
    return reverse("assessments:dimension_edit", kwargs={"dimension_pk": dimension.pk})


def retire_url(dimension):
    return reverse("assessments:dimension_retire", kwargs={"dimension_pk": dimension.pk})


def reactivate_url(dimension):
    return reverse("assessments:dimension_reactivate", kwargs={"dimension_pk": dimension.pk})


def test_the_default_set_is_there_in_order(db):
    assert [d.name for d in dimensions()] == [
        "Ledelse og strategi",
        "Samarbejde på tværs af myndighed og tilbud",
        "Kompetencer",
        "Borgerinddragelse",
        "Styring og mål",
        "Data og opfølgning",
    ]


@SBST_HISTORY
def test_an_administrator_adds_a_dimension_at_the_end_of_the_list(admin, client_for):
    client = client_for(admin)
    shown = client.get(LIST)

    response = client.post(
        ADD,
        {"name": "Fysiske rammer", "description": "Lokaler og steder", "position": "7"},
        follow=True,
    )

    added = Dimension.objects.get(name="Fysiske rammer")
    assert shown.context["form"].initial["position"] == 7
    assert (added.position, added.is_active, added.description) == (7, True, "Lokaler og steder")
    assert [d.name for d in dimensions()][-1] == "Fysiske rammer"
    assert "Dimensionen »Fysiske rammer« er tilføjet." in response.content.decode()
    assert ActivityEntry.objects.filter(action="assessments.dimension_added").count() == 1


def test_a_name_that_is_taken_is_refused_whatever_its_case(admin, client_for):
    response = client_for(admin).post(ADD, {"name": "kompetencer", "position": "9"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["Der findes allerede en dimension med det navn."]
    }
    assert Dimension.objects.filter(name__iexact="kompetencer").count() == 1


@SBST_HISTORY
def test_an_administrator_renames_a_dimension_and_one_history_line_says_so(admin, client_for):
    dimension = Dimension.objects.get(name="Kompetencer")

    client_for(admin).post(
        edit_url(dimension),
        {"name": "Kompetencer og viden", "description": dimension.description, "position": "3"},
    )

    dimension.refresh_from_db()
    assert dimension.name == "Kompetencer og viden"
    entry = ActivityEntry.objects.get(action="assessments.dimension_changed")
    assert (entry.municipality_id, entry.data["fields"]) == (None, ["name"])


@SBST_HISTORY
def test_saving_a_dimension_unchanged_changes_and_logs_nothing(admin):
    dimension = Dimension.objects.get(name="Kompetencer")

    changed = services.change_dimension(
        dimension,
        by=admin,
        name=dimension.name,
        description=dimension.description,
        position=dimension.position,
    )

    assert changed == []
    assert not ActivityEntry.objects.filter(action__startswith="assessments.").exists()


@SBST_HISTORY
def test_a_retired_dimension_is_kept_and_can_be_taken_into_use_again(admin, client_for):
    dimension = Dimension.objects.get(name="Styring og mål")
    client = client_for(admin)

    client.post(retire_url(dimension))
    retired = Dimension.objects.get(pk=dimension.pk)
    client.post(reactivate_url(dimension))

    assert retired.is_active is False
    assert Dimension.objects.get(pk=dimension.pk).is_active is True
    assert list(
        ActivityEntry.objects.filter(action__startswith="assessments.").values_list(
            "action", flat=True
        )
    ) == ["assessments.dimension_retired", "assessments.dimension_reactivated"]


def test_the_last_dimension_in_use_cannot_be_retired(admin):
    *others, last = dimensions()
    for dimension in others:
        services.set_dimension_active(dimension, by=admin, active=False)

    with pytest.raises(DomainError, match="mindst én dimension"):
        services.set_dimension_active(last, by=admin, active=False)


def test_a_consultant_reads_the_list_but_changes_nothing(db, client_for):
    client = client_for(ConsultantFactory())
    dimension = Dimension.objects.get(name="Kompetencer")

    page = client.get(LIST)
    statuses = [
        client.get(edit_url(dimension)).status_code,
        client.post(edit_url(dimension), {"name": "X", "position": "1"}).status_code,
        client.post(ADD, {"name": "Ny", "position": "8"}).status_code,
        client.post(retire_url(dimension)).status_code,
    ]

    assert page.status_code == 200
    assert "Kompetencer" in page.content.decode()
    assert page.context["form"] is None and edit_url(dimension) not in page.content.decode()
    assert statuses == [403, 403, 403, 403]
    assert Dimension.objects.get(pk=dimension.pk).is_active
    assert not Dimension.objects.filter(name="Ny").exists()


def test_for_a_municipal_user_the_pages_do_not_exist(roskilde_coordinator, client_for):
    client = client_for(roskilde_coordinator)
    dimension = Dimension.objects.get(name="Kompetencer")

    statuses = [
        client.get(LIST).status_code,
        client.post(ADD, {"name": "Ny", "position": "8"}).status_code,
        client.get(edit_url(dimension)).status_code,
        client.post(retire_url(dimension)).status_code,
        client.post(reactivate_url(dimension)).status_code,
    ]

    assert statuses == [404, 404, 404, 404, 404]


def test_the_navigation_leads_administrators_to_the_list(admin, client_for):
    assert LIST in client_for(admin).get(reverse("home")).content.decode()
    assert LIST not in client_for(ConsultantFactory()).get(reverse("home")).content.decode()
