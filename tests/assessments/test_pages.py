"""The assessment's pages: who reads and who adds, the profile against the previous version,
the versions, one version's ratings, and the section on the programme's page."""

import re

import pytest
from django.urls import reverse

from assessments import selectors
from assessments.models import Assessment
from phases.models import Phase
from programmes.models import GroupMember, Level, Membership, ProgrammeGroup
from tests.factories import ConsultantFactory, ProgrammeFactory, member

from .factories import dimensions, version

Role = Membership.Role


@pytest.fixture
def programme(roskilde, roskilde_coordinator):
    return ProgrammeFactory(municipality=roskilde, coordinator=roskilde_coordinator)


def list_url(programme):
    return reverse("assessments:assessment_list", kwargs={"programme_pk": programme.pk})


def add_url(programme):
    return reverse("assessments:assessment_add", kwargs={"programme_pk": programme.pk})


def detail_url(assessment):
    return reverse(
        "assessments:assessment_detail",
        kwargs={"programme_pk": assessment.programme_id, "assessment_number": assessment.number},
    )


def _linked_member(programme, kind, role=Role.READER):
    user = member("Roskilde", role=role)
    group = ProgrammeGroup.objects.create(programme=programme, kind=kind, name=f"{kind} gruppe")
    GroupMember.objects.create(group=group, name=user.full_name, user=user, level=Level.OTHER)
    return user


@pytest.mark.parametrize(
    "who",
    ["coordinator", "implementation role", "implementation group", "local group", "consultant"],
)
def test_the_people_who_take_stock_may_add_a_version(programme, client_for, who):
    user = {
        "coordinator": lambda: member("Roskilde"),
        "implementation role": lambda: member("Roskilde", role=Role.IMPLEMENTATION),
        "implementation group": lambda: _linked_member(
            programme, ProgrammeGroup.Kind.IMPLEMENTATION
        ),
        "local group": lambda: _linked_member(programme, ProgrammeGroup.Kind.LOCAL),
        "consultant": ConsultantFactory,
    }[who]()

    response = client_for(user).get(add_url(programme))

    assert response.status_code == 200
    assert len(response.context["rating_forms"]) == len(dimensions())


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_steering_member_reads_the_assessment_but_may_not_add_one(
    programme, roskilde_coordinator, client_for, method
):
    assessment = version(programme, roskilde_coordinator)
    steering = _linked_member(programme, ProgrammeGroup.Kind.STEERING, role=Role.STEERING)
    client = client_for(steering)

    added = getattr(client, method)(add_url(programme))

    assert added.status_code == 403
    assert client.get(list_url(programme)).status_code == 200
    assert client.get(detail_url(assessment)).status_code == 200
    assert Assessment.objects.filter(programme=programme).count() == 1
    assert add_url(programme) not in client.get(list_url(programme)).content.decode()


def test_another_municipality_finds_none_of_the_pages(
    programme, roskilde_coordinator, herning_coordinator, client_for
):
    assessment = version(programme, roskilde_coordinator)
    client = client_for(herning_coordinator)

    statuses = [
        client.get(list_url(programme)).status_code,
        client.get(detail_url(assessment)).status_code,
        client.get(add_url(programme)).status_code,
        client.post(add_url(programme)).status_code,
    ]

    assert statuses == [404, 404, 404, 404]


def test_a_version_number_the_programme_does_not_have_is_not_found(
    programme, roskilde_coordinator, client_for
):
    version(programme, roskilde_coordinator)
    other = version(ProgrammeFactory(municipality=programme.municipality), roskilde_coordinator)
    missing = reverse(
        "assessments:assessment_detail",
        kwargs={"programme_pk": programme.pk, "assessment_number": 2},
    )

    client = client_for(roskilde_coordinator)

    assert client.get(missing).status_code == 404
    assert client.get(detail_url(other)).status_code == 200


def test_the_profile_compares_the_latest_version_with_the_one_before(
    programme, roskilde_coordinator, client_for
):
    version(programme, roskilde_coordinator, [5, 5, 5, 5, 5, 5], days_ago=60)
    version(programme, roskilde_coordinator, [3, 2, 2, 2, 3, 1], days_ago=30)
    version(programme, roskilde_coordinator, [4, 3, 2, 3, 3, 2], days_ago=1)

    page = client_for(member("Roskilde", role=Role.READER)).get(list_url(programme))

    chart = page.context["profile"].chart
    assert chart.title == "Organisatorisk profil, version 3"
    assert [c.split(" ")[:2] for c in chart.table.columns] == [["Version", "2"], ["Version", "3"]]
    assert chart.table.rows == [
        ("Ledelse og strategi", ["3", "4"]),
        ("Samarbejde på tværs af myndighed og tilbud", ["2", "3"]),
        ("Kompetencer", ["2", "2"]),
        ("Borgerinddragelse", ["2", "3"]),
        ("Styring og mål", ["3", "3"]),
        ("Data og opfølgning", ["1", "2"]),
    ]
    body = page.content.decode()
    assert body.count("<svg") - body.count('<svg class="icon') >= 1
    assert "<script" not in body[body.index('class="chart"') : body.index("</figure>")]
    table = body[body.index('class="chart__data"') : body.index("</figure>")]
    assert '<th scope="row">Kompetencer</th>' in table
    assert "Se tallene bag figuren" in table


def test_the_profile_says_in_words_what_is_weakest_strongest_and_changed(
    programme, roskilde_coordinator
):
    version(programme, roskilde_coordinator, [3, 2, 2, 2, 3, 1], days_ago=30)
    version(programme, roskilde_coordinator, [4, 3, 2, 3, 3, 1], days_ago=1)

    profile = selectors.profile(programme)

    assert profile.sentences == [
        "Stærkest står Ledelse og strategi (4).",
        "Svagest står Data og opfølgning (1).",
        "Siden version 1 er 3 dimensioner vurderet højere (Ledelse og strategi fra 3 til 4, "
        "Samarbejde på tværs af myndighed og tilbud fra 2 til 3 og Borgerinddragelse fra 2 "
        "til 3) og 3 er uændrede.",
    ]
    assert profile.chart.summary == profile.summary


def test_a_first_version_has_nothing_to_compare_with(programme, roskilde_coordinator):
    version(programme, roskilde_coordinator, [2, 2, 4, 4, 2, 3])

    profile = selectors.profile(programme)

    assert profile.previous is None
    assert len(profile.chart.table.columns) == 1
    assert profile.sentences == [
        "Stærkest står Kompetencer og Borgerinddragelse (4).",
        "Svagest står Ledelse og strategi, Samarbejde på tværs af myndighed og tilbud og "
        "Styring og mål (2).",
        "Der er ingen tidligere version at sammenligne med.",
    ]


def test_a_lower_score_is_named_as_lower(programme, roskilde_coordinator):
    version(programme, roskilde_coordinator, [3, 3, 3, 3, 3, 3], days_ago=3)
    version(programme, roskilde_coordinator, [3, 3, 3, 3, 3, 2])

    assert selectors.profile(programme).sentences[-1] == (
        "Siden version 1 er 1 dimension vurderet lavere (Data og opfølgning fra 3 til 2) og 5 er "
        "uændrede."
    )


def test_the_versions_are_listed_newest_first_with_their_dates(
    programme, roskilde_coordinator, client_for
):
    first = version(programme, roskilde_coordinator, [1] * 6, days_ago=40)
    second = version(programme, roskilde_coordinator, [2] * 6, days_ago=4)

    page = client_for(roskilde_coordinator).get(list_url(programme))

    assert [v.number for v in page.context["versions"]] == [2, 1]
    body = page.content.decode()
    assert body.index(detail_url(second)) < body.index(detail_url(first))
    assert f"{first.assessed_on.day}. " in body


def test_the_list_makes_as_many_queries_for_five_versions_as_for_one(
    programme, roskilde_coordinator, client_for, count_queries
):
    client = client_for(roskilde_coordinator)
    version(programme, roskilde_coordinator, [1] * 6, days_ago=10)
    client.get(list_url(programme))
    one = count_queries(lambda: client.get(list_url(programme)))
    for index in range(2, 6):
        version(programme, roskilde_coordinator, [index] * 6, days_ago=10 - index)

    five = count_queries(lambda: client.get(list_url(programme)))

    assert one == five
    assert len(client.get(list_url(programme)).context["versions"]) == 5


def test_a_version_shows_each_dimensions_score_justification_and_evidence(
    programme, roskilde_coordinator, client_for
):
    assessment = version(
        programme,
        roskilde_coordinator,
        [1, 2, 3, 4, 5, 3],
        justification="Fordi <det> & sådan",
        evidence="Linje 1\nLinje 2",
        summary="Samlet set & godt",
    )

    body = client_for(roskilde_coordinator).get(detail_url(assessment)).content.decode()

    assert "5 – Fuldt på plads" in body and "1 – Ikke på plads" in body
    assert "Fordi &lt;det&gt; &amp; sådan (Kompetencer)" in body
    assert "Linje 1<br>Linje 2" in body
    assert "Samlet set &amp; godt" in body
    assert "Version 1 af den organisatoriske ramme er vurderet den" in body


def test_an_earlier_version_says_a_newer_one_exists(programme, roskilde_coordinator, client_for):
    first = version(programme, roskilde_coordinator, [1] * 6, days_ago=4)
    version(programme, roskilde_coordinator, [2] * 6)

    page = client_for(roskilde_coordinator).get(detail_url(first))

    assert page.context["newer"] == 2
    assert "Der findes en nyere version" in page.content.decode()


def _panel(client, programme):
    body = client.get(
        reverse("programmes:programme_detail", kwargs={"programme_pk": programme.pk})
    ).content.decode()
    match = re.search(r'<section aria-labelledby="assessment-heading".*?</section>', body, re.S)
    return match.group(0) if match else None


def test_the_programme_page_hints_in_forberede_that_the_frame_is_not_assessed(
    programme, roskilde_coordinator, client_for
):
    panel = _panel(client_for(roskilde_coordinator), programme)

    assert "Rammen er ikke vurderet endnu" in panel
    assert add_url(programme) in panel


def test_the_programme_page_shows_the_latest_versions_date_and_profile_in_words(
    programme, roskilde_coordinator, client_for
):
    version(programme, roskilde_coordinator, [2] * 6, days_ago=9)
    latest = version(programme, roskilde_coordinator, [2, 2, 2, 2, 2, 4])

    panel = _panel(client_for(member("Roskilde", role=Role.READER)), programme)

    assert f"version 2 fra {latest.assessed_on.day}." in panel
    assert "Stærkest står Data og opfølgning (4)." in panel
    assert list_url(programme) in panel


def test_the_programme_page_says_nothing_of_a_missing_assessment_after_forberede(
    roskilde, roskilde_coordinator, client_for
):
    programme = ProgrammeFactory(municipality=roskilde, phase=Phase.DEVELOP)

    assert _panel(client_for(roskilde_coordinator), programme) is None


def test_the_profiles_stylesheet_carries_the_pages_nonce(
    programme, roskilde_coordinator, client_for
):
    version(programme, roskilde_coordinator)

    response = client_for(roskilde_coordinator).get(list_url(programme))

    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<style nonce="{nonce}"' in response.content.decode()
