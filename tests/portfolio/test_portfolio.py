"""The portfolio page, its filters, sorting, search, "mine", its exports, the grid and the
cohort view.

The portfolio reads every municipality by design (it is SBST's page), so these tests build
and read programmes of several municipalities: they run unscoped (`cross_tenant`).
"""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from communication.models import Channel, CommunicationActivity
from meetings.models import FollowUp, Meeting
from phases.models import Phase, ProgrammePhase
from portfolio import page_cache, table
from programmes.models import ActivityEntry, GroupMember, Level, ProgrammeGroup
from tests.enrolment.factories import submitted_enrolment
from tests.factories import (
    AdministratorFactory,
    CohortFactory,
    ConsultantFactory,
    ProgrammeFactory,
    member,
    municipality,
)

from .factories import portfolio

pytestmark = pytest.mark.cross_tenant

URL = reverse("portfolio:portfolio")
CSV_URL = reverse("portfolio:portfolio_csv")
XLSX_URL = reverse("portfolio:portfolio_xlsx")
ROW_LINK = re.compile(r'<th scope="row"><a href="/forloeb/(\d+)/">')


def well_composed(programme):
    """Groups that satisfy every composition rule, so the programme has no warnings."""
    steering = ProgrammeGroup.objects.create(programme=programme, kind="steering", name="Styre")
    GroupMember.objects.create(group=steering, name="Direktør", level=Level.DIRECTOR)
    implementation = ProgrammeGroup.objects.create(
        programme=programme, kind="implementation", name="Implementering"
    )
    for area in ("authority", "housing_support"):
        GroupMember.objects.create(
            group=implementation, name=f"Leder {area}", level=Level.OTHER, area=area
        )
    GroupMember.objects.create(
        group=implementation, name="Borger", level=Level.OTHER, kind=GroupMember.Kind.CITIZEN
    )
    return programme


@pytest.fixture
def cast(consultant):
    """Three programmes: Roskilde (the consultant's, green), Herning (another consultant's,
    red: 90 quiet days), Aarhus (nobody's, in udvikle, yellow: composition warnings)."""
    other = ConsultantFactory(full_name="Ole Anden")
    cohort = CohortFactory(name="Hold A", starts_on=datetime.date(2027, 8, 1))
    later = CohortFactory(name="Hold B", starts_on=datetime.date(2028, 1, 1))
    coordinator = member("Roskilde")
    roskilde = well_composed(
        ProgrammeFactory(
            municipality=municipality("Roskilde"),
            cohort=cohort,
            primary_contact=consultant,
            coordinator=coordinator,
        )
    )
    herning = well_composed(
        ProgrammeFactory(
            municipality=municipality("Herning"),
            cohort=cohort,
            primary_contact=other,
            coordinator=member("Herning"),
        )
    )
    aarhus = ProgrammeFactory(
        municipality=municipality("Aarhus"), cohort=later, phase=Phase.DEVELOP
    )
    long_ago = timezone.now() - datetime.timedelta(days=90)
    for programme in (roskilde, herning, aarhus):
        ActivityEntry.objects.create(
            municipality=programme.municipality,
            programme=programme,
            action="portfolio.test",
            created_at=long_ago if programme is herning else timezone.now(),
        )
    return {"roskilde": roskilde, "herning": herning, "aarhus": aarhus, "other": other}


def names(response):
    return [row.municipality.name for row in response.context["rows"]]


def test_a_municipal_user_gets_404_on_every_portfolio_page(client_for, roskilde_coordinator):
    cohort = CohortFactory()
    client = client_for(roskilde_coordinator)
    urls = [
        URL,
        CSV_URL,
        XLSX_URL,
        reverse("portfolio:municipality_grid"),
        reverse("portfolio:cohort", kwargs={"cohort_pk": cohort.pk}),
    ]

    assert [client.get(url).status_code for url in urls] == [404] * 5


def test_the_portfolio_is_in_an_sbst_users_navigation_only(client_for, consultant, cast):
    coordinator_page = client_for(member("Roskilde")).get(reverse("home"))
    assert ("Portefølje", URL) not in [
        (str(a), b) for a, b in coordinator_page.context["nav_items"]
    ]

    page = client_for(consultant).get(reverse("home"))

    assert ("Portefølje", URL) in [(str(a), b) for a, b in page.context["nav_items"]]


def test_a_consultant_sees_their_own_programmes_by_default_and_all_on_request(
    client_for, consultant, cast
):
    client = client_for(consultant)

    assert names(client.get(URL)) == ["Roskilde"]
    assert sorted(names(client.get(URL, {"visning": "alle"}))) == ["Aarhus", "Herning", "Roskilde"]


def test_an_administrator_sees_every_programme_by_default(client_for, cast):
    response = client_for(AdministratorFactory()).get(URL)

    assert sorted(names(response)) == ["Aarhus", "Herning", "Roskilde"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"region": "midtjylland"}, ["Aarhus", "Herning"]),
        ({"fase": Phase.DEVELOP}, ["Aarhus"]),
        ({"sundhed": "red"}, ["Herning"]),
        ({"sundhed": "green"}, ["Roskilde"]),
        ({"advarsler": "ja"}, ["Aarhus"]),
        ({"advarsler": "nej"}, ["Herning", "Roskilde"]),
        ({"q": "herN"}, ["Herning"]),
        ({"q": "751"}, ["Aarhus"]),
        ({"region": "midtjylland", "sundhed": "red"}, ["Herning"]),
    ],
)
def test_the_filters_narrow_the_table(client_for, consultant, cast, filters, expected):
    response = client_for(consultant).get(URL, {"visning": "alle", "sorter": "kommune", **filters})

    assert names(response) == expected


def test_the_cohort_and_contact_filters_take_ids(client_for, consultant, cast):
    client = client_for(consultant)
    cohort = cast["roskilde"].cohort_id

    by_cohort = client.get(URL, {"visning": "alle", "hold": cohort, "sorter": "kommune"})
    by_contact = client.get(URL, {"visning": "alle", "kontakt": cast["other"].pk})

    assert names(by_cohort) == ["Herning", "Roskilde"]
    assert names(by_contact) == ["Herning"]


def test_sorting_by_a_column_both_ways_and_red_first_by_default(client_for, consultant, cast):
    client = client_for(consultant)

    default = client.get(URL, {"visning": "alle"})
    ascending = client.get(URL, {"visning": "alle", "sorter": "kommune"})
    descending = client.get(URL, {"visning": "alle", "sorter": "-kommune"})
    unknown = client.get(URL, {"visning": "alle", "sorter": "adgangskode"})

    assert names(default) == ["Herning", "Aarhus", "Roskilde"]  # red, yellow, green
    assert names(ascending) == ["Aarhus", "Herning", "Roskilde"]
    assert names(descending) == ["Roskilde", "Herning", "Aarhus"]
    assert names(unknown) == names(default)
    assert 'aria-sort="descending"' in descending.content.decode()


def test_the_table_on_the_page_shows_the_rows_in_the_contexts_order(client_for, consultant, cast):
    response = client_for(consultant).get(URL, {"visning": "alle", "sorter": "-kommune"})

    shown = [int(pk) for pk in ROW_LINK.findall(response.content.decode())]

    assert shown == [row.programme_id for row in response.context["rows"]]


def _csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff")), delimiter=";"))


def _xlsx(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [
        ["" if value is None else value for value in row]
        for row in workbook.active.iter_rows(values_only=True)
    ]


FILTERED = {"visning": "alle", "region": "midtjylland", "sorter": "-kommune"}


def test_the_csv_export_holds_exactly_the_filtered_sorted_table(client_for, consultant, cast):
    client = client_for(consultant)
    rows = client.get(URL, FILTERED).context["rows"]

    response = client.get(CSV_URL, FILTERED)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    expected = [table.headers()] + [[str(c) for c in table.cells(r)] for r in rows]
    assert _csv(response) == expected
    assert [line[0] for line in expected[1:]] == ["Herning", "Aarhus"]


def test_the_xlsx_export_holds_exactly_the_filtered_sorted_table(client_for, consultant, cast):
    client = client_for(consultant)
    rows = client.get(URL, FILTERED).context["rows"]

    response = client.get(XLSX_URL, FILTERED)

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert _xlsx(response) == [table.headers()] + [table.cells(r) for r in rows]


def test_a_row_reads_meetings_deliverables_overdue_items_and_activity(client_for, consultant):
    programme = ProgrammeFactory(primary_contact=consultant)
    now = timezone.now()
    held = Meeting.objects.create(
        programme=programme,
        phase=Phase.PREPARE,
        title="Holdt",
        starts_at=now - datetime.timedelta(days=2),
    )
    Meeting.objects.create(programme=programme, phase=Phase.PREPARE, title="Uden dato")
    coming = now + datetime.timedelta(days=5)
    Meeting.objects.create(
        programme=programme, phase=Phase.PREPARE, title="Næste", starts_at=coming
    )
    Meeting.objects.create(
        programme=programme, phase=Phase.PREPARE, title="Aflyst", cancelled_at=now
    )
    Meeting.objects.create(
        programme=programme,
        phase=Phase.DEVELOP,
        title="Senere fase",
        starts_at=now - datetime.timedelta(days=1),
    )
    FollowUp.objects.create(
        meeting=held, text="Send referat", due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    FollowUp.objects.create(
        meeting=held, text="Book lokale", due_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    CommunicationActivity.objects.create(
        programme=programme,
        title="Nyhedsbrev",
        audience="Alle",
        channel=Channel.INTRANET,
        message="Status",
        planned_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    ActivityEntry.objects.create(
        municipality=programme.municipality,
        programme=programme,
        action="portfolio.test",
        created_at=now - datetime.timedelta(days=12),
    )

    (row,) = client_for(consultant).get(URL).context["rows"]

    assert (row.meetings_held, row.meetings_planned) == (1, 3)
    assert row.next_meeting == coming
    assert row.overdue == {"communication": 1, "follow_ups": 1, "evaluations": 0}
    assert row.days_since_activity == 12
    assert [(d.label, d.state) for d in row.deliverables] == [
        ("Organisatorisk vurdering", "Ikke påbegyndt"),
        ("Sagsgennemgang", "0 af 10 sager"),
        ("Udviklingsplan", "Ikke påbegyndt"),
    ]
    assert row.health.level == "yellow"
    assert "2 opgaver er overskredet" in " ".join(row.health.reasons)


def test_submitted_enrolments_waiting_for_a_decision_are_listed(client_for, consultant):
    coordinator = member("Randers")
    enrolment = submitted_enrolment(municipality("Randers"), coordinator)

    response = client_for(consultant).get(URL)

    assert [p.enrolment for p in response.context["enrolments"]] == [enrolment]
    assert "Direktørens godkendelse" in response.content.decode()


def test_the_grid_shows_all_98_municipalities_with_their_phase_or_not_enrolled(
    client_for, consultant, cast
):
    response = client_for(consultant).get(reverse("portfolio:municipality_grid"))

    tiles = {
        t.municipality.name: t for _region, tiles in response.context["regions"] for t in tiles
    }
    assert len(tiles) == 98
    assert (tiles["Roskilde"].state, str(tiles["Roskilde"].label)) == ("prepare", "Forberede")
    assert (tiles["Aarhus"].state, str(tiles["Aarhus"].label)) == ("develop", "Udvikle")
    assert (tiles["Odense"].state, str(tiles["Odense"].label)) == ("none", "Ikke tilmeldt")
    assert "Ikke tilmeldt" in response.content.decode()


def test_the_cohort_view_shows_its_programmes_through_their_phases(client_for, consultant, cast):
    roskilde = cast["roskilde"]
    record = ProgrammePhase.objects.get(programme=roskilde)
    record.ended_at = timezone.now()
    record.save(update_fields=["ended_at"])
    ProgrammePhase.objects.create(programme=roskilde, phase=Phase.DEVELOP)

    response = client_for(consultant).get(
        reverse("portfolio:cohort", kwargs={"cohort_pk": roskilde.cohort_id})
    )

    rows = {
        row.municipality.name: [c.state for c in cells] for row, cells in response.context["rows"]
    }
    assert rows == {
        "Herning": ["current", "later", "later", "later"],
        "Roskilde": ["done", "current", "later", "later"],
    }


def test_the_municipality_list_still_answers_as_the_municipality_list(client_for, consultant):
    response = client_for(consultant).get(reverse("programmes:municipality_list"))

    assert response.status_code == 200
    assert len(response.context["municipalities"]) == 98


def _page_and_export(client):
    page_cache.replace_generation()  # the page computed, not read from the cache
    page = client.get(URL, {"visning": "alle"})
    assert page.status_code == 200
    b"".join(client.get(CSV_URL, {"visning": "alle"}).streaming_content)
    return len(page.context["rows"])


def _cached_page(client):
    page = client.get(URL, {"visning": "alle"})
    assert page.status_code == 200
    assert "rows" not in page.context  # from the cache


def test_the_portfolio_asks_as_often_for_1000_programmes_as_for_10(
    client_for, consultant, count_queries
):
    client = client_for(consultant)
    portfolio(10, contact=consultant)
    _page_and_export(client)  # warm caches
    ten = count_queries(lambda: _page_and_export(client))
    ten_cached = count_queries(lambda: _cached_page(client))
    assert _page_and_export(client) == 10

    portfolio(990, contact=consultant)  # in bulk: no signal, so the test replaces the generation
    thousand = count_queries(lambda: _page_and_export(client))
    thousand_cached = count_queries(lambda: _cached_page(client))

    assert _page_and_export(client) == 1000
    assert ten == thousand
    assert ten_cached == thousand_cached


def test_an_unknown_filter_value_is_shown_as_an_error_and_the_other_filters_still_apply(
    client_for, consultant, cast
):
    response = client_for(consultant).get(
        URL, {"visning": "alle", "hold": "999999", "sundhed": "red"}
    )

    assert response.status_code == 200
    assert "hold" in response.context["filter"].form.errors
    assert names(response) == ["Herning"]


def test_the_grid_and_the_cohort_view_ask_as_often_for_five_programmes_as_for_one(
    client_for, consultant, count_queries
):
    cohort = CohortFactory()
    towns = ["Roskilde", "Herning", "Aarhus", "Odense", "Køge"]
    client = client_for(consultant)
    urls = [
        reverse("portfolio:municipality_grid"),
        reverse("portfolio:cohort", kwargs={"cohort_pk": cohort.pk}),
    ]

    def pages():
        for url in urls:
            assert client.get(url).status_code == 200

    ProgrammeFactory(municipality=municipality(towns[0]), cohort=cohort)
    pages()
    one = count_queries(pages)
    for town in towns[1:]:
        ProgrammeFactory(municipality=municipality(town), cohort=cohort)
    five = count_queries(pages)

    assert one == five
