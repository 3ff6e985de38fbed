"""SBST administrators search the whole log by person, municipality, type of object, action
and period (the filters in the URL); the case review's reads appear among the results, merged
by time, saying who and when and nothing of the case."""

import pytest
from django.urls import reverse

from casereview.models import ReviewedCase
from programmes.models import Membership
from tests.casereview.factories import recorded_case, review_programme
from tests.factories import AdministratorFactory, ConsultantFactory, member

from .factories import at, case_read, group_entry

pytestmark = pytest.mark.cross_tenant  # the log of every municipality, read back

Role = Membership.Role
URL = reverse("auditview:search")


@pytest.fixture
def admin():
    return AdministratorFactory(full_name="Anders Administrator")


@pytest.fixture
def world(roskilde, herning, roskilde_coordinator, herning_coordinator):
    """A Roskilde programme with a case read by its coordinator, a Herning programme, and
    entries of both over three days."""
    roskilde_programme = review_programme(roskilde, coordinator=roskilde_coordinator)
    herning_programme = review_programme(herning, coordinator=herning_coordinator)
    case = recorded_case(
        roskilde_programme,
        roskilde_coordinator,
        label="Pseudonym Alfa",
        note="Borgeren ønsker at flytte i egen bolig",
    )
    return {
        "case": case,
        "rikke": group_entry(
            roskilde_programme, roskilde_coordinator, "Bostøtten", at(2026, 11, 2)
        ),
        "read": case_read(case, roskilde_coordinator, at(2026, 11, 3)),
        "henrik": group_entry(
            herning_programme, herning_coordinator, "Værestedet", at(2026, 11, 4)
        ),
    }


def _texts(response) -> list[str]:
    return [row.what for row in response.context["rows"]]


def test_the_whole_log_and_the_reads_are_merged_newest_first(world, admin, client_for):
    response = client_for(admin).get(URL + "?til=2026-11-30")

    texts = _texts(response)
    read = f"Så en sag i sagsgennemgangen (sag nr. {world['case'].pk})."
    assert texts[:3] == ["Værestedet er oprettet.", read, "Bostøtten er oprettet."]
    assert [row.is_read for row in response.context["rows"][:3]] == [False, True, False]


def test_a_read_says_who_and_when_and_nothing_of_the_case(world, admin, client_for):
    body = client_for(admin).get(URL + "?handling=casereview.read").content.decode()

    assert "Rikke Roskilde" in body
    assert "Pseudonym Alfa" not in body
    assert "Borgeren ønsker" not in body


def test_the_search_filters_by_person(world, admin, client_for):
    response = client_for(admin).get(URL + "?person=henrik")

    assert _texts(response) == ["Værestedet er oprettet."]


def test_the_search_filters_by_municipality_entries_and_reads_alike(
    world, admin, roskilde, client_for
):
    response = client_for(admin).get(URL + f"?kommune={roskilde.pk}")

    texts = _texts(response)
    assert "Værestedet er oprettet." not in texts
    assert "Bostøtten er oprettet." in texts
    assert any(row.is_read for row in response.context["rows"])


def test_the_search_filters_by_action_and_by_reads(world, admin, client_for):
    client = client_for(admin)

    added = _texts(client.get(URL + "?handling=group.added"))
    reads = client.get(URL + "?handling=casereview.read").context["rows"]

    assert added == ["Værestedet er oprettet.", "Bostøtten er oprettet."]
    assert [row.is_read for row in reads] == [True]


def test_the_search_filters_by_type_of_object(world, admin, client_for):
    from django.contrib.contenttypes.models import ContentType

    case_type = ContentType.objects.get_for_model(ReviewedCase)

    rows = client_for(admin).get(URL + f"?objekt={case_type.pk}").context["rows"]

    # The case's recording (an activity entry about the case) and its read.
    assert sorted(row.is_read for row in rows) == [False, True]
    assert {row.kind for row in rows} == {"Gennemgået borgersag"}


def test_the_search_filters_by_period(world, admin, client_for):
    response = client_for(admin).get(URL + "?fra=2026-11-03&til=2026-11-03")

    assert [row.is_read for row in response.context["rows"]] == [True]


def test_the_period_can_be_typed_as_day_month_and_year(world, admin, client_for):
    response = client_for(admin).get(
        URL + "?fra_day=4&fra_month=11&fra_year=2026&til_day=4&til_month=11&til_year=2026"
    )

    assert _texts(response) == ["Værestedet er oprettet."]


def test_an_invalid_filter_is_shown_and_left_out(world, admin, client_for):
    response = client_for(admin).get(URL + "?fra_day=31&fra_month=2&fra_year=2026&person=henrik")

    assert _texts(response) == ["Værestedet er oprettet."]
    assert "Datoen findes ikke" in response.content.decode()


def test_the_filters_stay_in_the_page_links(world, admin, roskilde_coordinator, client_for):
    for number in range(55):
        group_entry(world["rikke"].programme, roskilde_coordinator, f"Gruppe {number}")

    body = client_for(admin).get(URL + "?person=rikke").content.decode()

    assert "?person=rikke&amp;side=2" in body


def test_consultants_are_refused_and_municipal_users_never_find_it(
    world, roskilde_coordinator, client_for
):
    assert client_for(ConsultantFactory()).get(URL).status_code == 403
    assert client_for(roskilde_coordinator).get(URL).status_code == 404


def test_the_administrators_navigation_leads_to_the_log(admin, client_for, roskilde):
    home = client_for(admin).get(reverse("home")).content.decode()

    assert URL in home


def test_the_search_asks_as_often_for_a_page_of_many_as_for_one(
    roskilde, admin, client_for, count_queries
):
    programme = review_programme(roskilde)
    coordinator = member("Roskilde", role=Role.COORDINATOR)
    client = client_for(admin)
    # Each source is read in a query of its own: both are on every page counted.
    group_entry(programme, coordinator, "Gruppe 0")
    case_read(recorded_case(programme, coordinator, label="Sag 0"), member("Roskilde"))
    client.get(URL)
    one = count_queries(lambda: client.get(URL))
    for number in range(1, 5):
        case = recorded_case(programme, coordinator, label=f"Sag {number}")
        case_read(case, member("Roskilde"))
    five = count_queries(lambda: client.get(URL))
    for number in range(5, 40):
        group_entry(programme, member("Roskilde"), f"Gruppe {number}")
    many = count_queries(lambda: client.get(URL))

    assert one == five == many
