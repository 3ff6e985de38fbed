"""The meeting list, the meeting page, and what meetings add to the programme page."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from enrolment import services as enrolment_services
from meetings import services
from meetings.models import Meeting, MeetingGroup
from meetings.panels import meeting_timeline_items
from phases.models import Phase
from programmes.models import Membership, ProgrammeGroup
from tests.enrolment.factories import ready_for_decision
from tests.factories import ProgrammeFactory, member

from .factories import kickoff, scheduled, started_programme

Kind = ProgrammeGroup.Kind


@pytest.fixture
def coordinator(roskilde):
    return member("Roskilde")


def list_url(programme):
    return reverse("meetings:meeting_list", kwargs={"programme_pk": programme.pk})


def detail_url(meeting):
    return reverse(
        "meetings:meeting_detail",
        kwargs={"programme_pk": meeting.programme_id, "meeting_pk": meeting.pk},
    )


def test_the_enrolment_meeting_comes_first_then_the_phases_in_order(
    roskilde, consultant, client_for
):
    coordinator = member("Roskilde")
    enrolment = ready_for_decision(roskilde, coordinator, consultant)
    programme = enrolment_services.approve_enrolment(enrolment, by=consultant).programme

    page = client_for(coordinator).get(list_url(programme)).content.decode()

    positions = [
        page.index(text)
        for text in (
            "Tilmeldingsmøde",
            "Charlotte Chef",
            reverse("enrolment:enrolment_detail", args=[enrolment.pk]),
            "Forberede: Fælles opstartsmøde",
            "Udvikle: Fælles kick-off",
            'id="phase-anchor-heading"',
        )
    ]
    assert positions == sorted(positions)
    assert page.count("Ikke planlagt endnu") == Meeting.objects.filter(programme=programme).count()


def test_the_list_shows_when_where_and_whether_a_meeting_was_held(
    roskilde, coordinator, client_for
):
    programme = started_programme(roskilde)
    held = scheduled(kickoff(programme), coordinator, days=-7, place="Byrådssalen")
    services.schedule_meeting(
        kickoff(programme, Phase.DEVELOP),
        by=coordinator,
        title="Kick-off",
        starts_at=timezone.now() + datetime.timedelta(days=30),
        ends_at=timezone.now() + datetime.timedelta(days=30, hours=2),
        online_url="https://teams.example.dk/kick-off",
    )

    page = client_for(member("Roskilde", role=Membership.Role.READER)).get(list_url(programme))
    body = page.content.decode()

    assert "Byrådssalen" in body and "Afholdt" in body and "Online" in body
    assert held.title in body
    assert "Implementeringsgruppe, Styregruppe" in body


def _meeting(programme, groups, number):
    meeting = Meeting.objects.create(
        programme=programme, phase=Phase.PREPARE, number=number, title=f"Møde {number}"
    )
    MeetingGroup.objects.bulk_create(MeetingGroup(meeting=meeting, group=g) for g in groups)
    return meeting


def test_the_meeting_list_takes_as_many_queries_for_five_meetings_as_for_one(
    roskilde, coordinator, client_for, count_queries
):
    programme = ProgrammeFactory(municipality=roskilde)
    groups = [
        ProgrammeGroup.objects.create(programme=programme, kind=kind, name=str(kind.label))
        for kind in (Kind.STEERING, Kind.IMPLEMENTATION)
    ]
    _meeting(programme, groups, 1)
    client = client_for(coordinator)
    url = list_url(programme)
    client.get(url)

    one = count_queries(lambda: client.get(url))
    for number in range(2, 6):
        _meeting(programme, groups[number % 2 :], number)
    five = count_queries(lambda: client.get(url))

    assert one == five
    assert client.get(url).content.decode().count("Møde ") >= 5


def test_the_meeting_page_links_to_its_calendar_file_once_dated(roskilde, coordinator, client_for):
    meeting = scheduled(kickoff(started_programme(roskilde)), coordinator)
    ics = reverse(
        "calendar:meeting_ics",
        kwargs={"programme_pk": meeting.programme_id, "meeting_pk": meeting.pk},
    )

    page = client_for(coordinator).get(detail_url(meeting)).content.decode()

    assert ics in page
    assert "Fælles opstartsmøde er planlagt" not in page  # the log speaks in sentences
    assert "er planlagt til" in page


def _crumbs(page: str) -> list[tuple[str, str | None, bool]]:
    """The breadcrumbs as (label, link or None, whether it is the current page)."""
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', page, re.S)[0]
    return [
        (
            " ".join(re.sub(r"<[^>]+>", " ", item).split()),
            (re.search(r'<a [^>]*href="([^"]+)"', item) or [None, None])[1],
            "aria-current" in item,
        )
        for item in re.findall(r"<li[^>]*>.*?</li>", nav, re.S)
    ]


def test_the_meeting_pages_crumbs_lead_back_through_the_meeting_to_the_list(
    roskilde, coordinator, client_for
):
    meeting = scheduled(kickoff(started_programme(roskilde)), coordinator)
    programme = meeting.programme
    client = client_for(coordinator)
    edit_url = reverse(
        "meetings:meeting_edit", kwargs={"programme_pk": programme.pk, "meeting_pk": meeting.pk}
    )

    listed = _crumbs(client.get(list_url(programme)).content.decode())
    shown = _crumbs(client.get(detail_url(meeting)).content.decode())
    edited = _crumbs(client.get(edit_url).content.decode())

    assert listed[:3] == [
        ("Forside", "/", False),
        ("Roskilde", reverse("programmes:municipality_detail", args=[roskilde.code]), False),
        (programme.cohort.name, reverse("programmes:programme_detail", args=[programme.pk]), False),
    ]
    assert listed[3:] == [("Møder", None, True)]
    assert shown[3:] == [("Møder", list_url(programme), False), (meeting.title, None, True)]
    assert edited[3:] == [
        ("Møder", list_url(programme), False),
        (meeting.title, detail_url(meeting), False),
        ("Tid og sted", None, True),
    ]


def test_the_programme_page_shows_the_next_meetings_and_links_to_all(
    roskilde, coordinator, client_for
):
    programme = started_programme(roskilde)
    meeting = scheduled(kickoff(programme), coordinator, place="Rådhuset")

    page = client_for(coordinator).get(reverse("programmes:programme_detail", args=[programme.pk]))
    body = page.content.decode()

    assert detail_url(meeting) in body
    assert list_url(programme) in body
    assert "mangler dato, tid og sted" in body


def test_the_timeline_marks_each_dated_meeting_that_is_not_cancelled(roskilde, coordinator):
    programme = started_programme(roskilde)
    held = scheduled(kickoff(programme), coordinator, days=-3)
    coming = scheduled(kickoff(programme, Phase.DEVELOP), coordinator, days=20)
    cancelled = scheduled(
        programme.meetings.filter(phase=Phase.PREPARE, is_kickoff=False).first(),
        coordinator,
        days=5,
    )
    services.cancel_meeting(cancelled, by=coordinator)

    items = meeting_timeline_items(programme)

    assert [(i.label, i.done, i.url) for i in items] == [
        (held.title, True, detail_url(held)),
        (coming.title, False, detail_url(coming)),
    ]
    assert items[0].day == timezone.localdate() - datetime.timedelta(days=3)


def test_another_municipality_gets_404_for_the_meeting_list(
    roskilde, herning_coordinator, client_for
):
    programme = started_programme(roskilde)

    assert client_for(herning_coordinator).get(list_url(programme)).status_code == 404
