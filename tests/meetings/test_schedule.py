"""Giving a meeting its date, time and place; moving and cancelling it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Attendance
from programmes.errors import DomainError
from programmes.models import ActivityEntry, Membership, ProgrammeGroup
from tests.factories import member

from .factories import at, group, kickoff, person_in, scheduled, started_programme

Kind = ProgrammeGroup.Kind
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def edit_url(meeting):
    return reverse(
        "meetings:meeting_edit",
        kwargs={"programme_pk": meeting.programme_id, "meeting_pk": meeting.pk},
    )


def detail_url(meeting):
    return reverse(
        "meetings:meeting_detail",
        kwargs={"programme_pk": meeting.programme_id, "meeting_pk": meeting.pk},
    )


def schedule_form(day, start="13.30", end="15.00", place="Rådhuset, lokale 2", **extra):
    return {
        "title": "Fælles opstartsmøde",
        "date_day": str(day.day),
        "date_month": str(day.month),
        "date_year": str(day.year),
        "start_time": start,
        "end_time": end,
        "place": place,
        "online_url": "",
        **extra,
    }


def actions(meeting):
    return list(
        ActivityEntry.objects.filter(object_id=meeting.pk, action__startswith="meetings.")
        .order_by("id")
        .values_list("action", flat=True)
    )


@pytest.fixture
def coordinator(roskilde):
    return member("Roskilde", full_name="Rikke Koordinator")


@pytest.fixture
def programme(roskilde):
    return started_programme(roskilde)


def test_the_coordinator_schedules_the_kickoff_in_copenhagen_time(
    programme, coordinator, client_for
):
    meeting = kickoff(programme)
    summer = datetime.date(timezone.localdate().year + 1, 7, 2)

    response = client_for(coordinator).post(edit_url(meeting), schedule_form(summer))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.starts_at == datetime.datetime(summer.year, 7, 2, 13, 30, tzinfo=COPENHAGEN)
    # Summer time: 13.30 in Copenhagen is 11.30 UTC.
    assert meeting.starts_at.astimezone(datetime.UTC).hour == 11
    assert meeting.ends_at == datetime.datetime(summer.year, 7, 2, 15, 0, tzinfo=COPENHAGEN)
    assert meeting.place == "Rådhuset, lokale 2"
    assert actions(meeting) == ["meetings.scheduled"]
    page = client_for(coordinator).get(detail_url(meeting)).content.decode()
    assert "kl. 13.30–15.00" in page


def test_winter_time_is_entered_and_shown_as_danish_time(programme, coordinator, client_for):
    meeting = kickoff(programme)
    winter = datetime.date(timezone.localdate().year + 1, 1, 15)

    client_for(coordinator).post(edit_url(meeting), schedule_form(winter, start="9:00", end="10"))

    meeting.refresh_from_db()
    assert meeting.starts_at.astimezone(datetime.UTC).hour == 8
    page = client_for(coordinator).get(edit_url(meeting)).content.decode()
    assert 'value="09.00"' in page and 'value="10.00"' in page


def test_a_meeting_must_end_after_it_starts(programme, coordinator, client_for):
    meeting = kickoff(programme)

    response = client_for(coordinator).post(
        edit_url(meeting), schedule_form(timezone.localdate(), start="14.00", end="13.00")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["end_time"] == [
        "Mødet skal slutte, efter det er startet."
    ]
    meeting.refresh_from_db()
    assert meeting.starts_at is None


def test_a_dated_meeting_needs_a_place_or_an_online_link(programme, coordinator, client_for):
    meeting = kickoff(programme)
    client = client_for(coordinator)

    refused = client.post(edit_url(meeting), schedule_form(timezone.localdate(), place=""))
    online = client.post(
        edit_url(meeting),
        schedule_form(timezone.localdate(), place="", online_url="https://teams.example.dk/m/123"),
    )

    assert refused.context["form"].errors["place"] == [
        "Skriv, hvor mødet holdes, eller giv et link til onlinemødet."
    ]
    assert online.status_code == 302
    meeting.refresh_from_db()
    assert meeting.online_url == "https://teams.example.dk/m/123"


def test_a_time_needs_a_date_and_a_date_needs_both_times(programme, coordinator, client_for):
    meeting = kickoff(programme)
    client = client_for(coordinator)

    no_date = client.post(
        edit_url(meeting),
        {**schedule_form(timezone.localdate()), "date_day": "", "date_month": "", "date_year": ""},
    )
    no_end = client.post(edit_url(meeting), schedule_form(timezone.localdate(), end=""))

    assert no_date.context["form"].errors["date"] == ["Skriv datoen for mødet."]
    assert no_end.context["form"].errors["end_time"] == ["Skriv, hvornår mødet slutter."]


def test_an_undated_meeting_may_get_a_title_and_place_before_its_date(programme, coordinator):
    meeting = kickoff(programme)

    services.schedule_meeting(
        meeting, by=coordinator, title="Opstart", starts_at=None, ends_at=None, place="Hal 2"
    )

    meeting.refresh_from_db()
    assert (meeting.title, meeting.place, meeting.starts_at) == ("Opstart", "Hal 2", None)
    assert actions(meeting) == ["meetings.changed"]
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_moving_a_meeting_is_logged_and_makes_its_reminder_due_again(programme, coordinator):
    meeting = scheduled(kickoff(programme), coordinator)
    meeting.reminder_sent_at = timezone.now()
    meeting.save(update_fields=["reminder_sent_at"])

    services.schedule_meeting(
        meeting,
        by=coordinator,
        title=meeting.title,
        starts_at=at(9),
        ends_at=at(9, hour=15),
        place=meeting.place,
    )

    meeting.refresh_from_db()
    assert meeting.reminder_sent_at is None
    assert actions(meeting) == ["meetings.scheduled", "meetings.rescheduled"]
    entry = ActivityEntry.objects.filter(action="meetings.rescheduled").get()
    assert "er flyttet til" in entry.message


def test_a_dated_meeting_is_not_made_undated(programme, coordinator):
    meeting = scheduled(kickoff(programme), coordinator)

    with pytest.raises(DomainError) as refused:
        services.schedule_meeting(
            meeting, by=coordinator, title="x", starts_at=None, ends_at=None, place="x"
        )

    assert refused.value.field == "date"


def test_the_coordinator_cancels_a_meeting_with_a_reason(programme, coordinator, client_for):
    meeting = scheduled(kickoff(programme), coordinator)
    url = reverse(
        "meetings:meeting_cancel",
        kwargs={"programme_pk": programme.pk, "meeting_pk": meeting.pk},
    )

    response = client_for(coordinator).post(url, {"reason": "Direktøren er syg."})

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.cancelled_at is not None
    entry = ActivityEntry.objects.filter(action="meetings.cancelled").get()
    assert entry.note == "Direktøren er syg."
    assert client_for(coordinator).get(edit_url(meeting)).status_code == 302


def test_a_meeting_that_took_place_is_not_cancelled(programme, coordinator):
    meeting = scheduled(kickoff(programme), coordinator, days=-2)

    with pytest.raises(DomainError):
        services.cancel_meeting(meeting, by=coordinator)


def test_group_members_and_readers_may_not_schedule(programme, client_for):
    meeting = kickoff(programme)
    steering_user = member("Roskilde", role=Membership.Role.STEERING)
    person_in(group(programme, Kind.STEERING), "Sanne Styre", user=steering_user)
    reader = member("Roskilde", role=Membership.Role.READER)

    assert client_for(steering_user).get(edit_url(meeting)).status_code == 403
    assert client_for(reader).get(edit_url(meeting)).status_code == 403
    assert client_for(reader).get(detail_url(meeting)).status_code == 200


def test_the_consultant_may_schedule(programme, consultant, client_for):
    meeting = kickoff(programme)

    response = client_for(consultant).post(
        edit_url(meeting), schedule_form(timezone.localdate() + datetime.timedelta(days=3))
    )

    assert response.status_code == 302


def test_another_municipality_gets_404_on_every_meeting_page(
    programme, herning_coordinator, client_for
):
    meeting = kickoff(programme)
    client = client_for(herning_coordinator)

    assert client.get(detail_url(meeting)).status_code == 404
    assert client.get(edit_url(meeting)).status_code == 404
    assert client.post(edit_url(meeting), schedule_form(timezone.localdate())).status_code == 404


def test_a_meeting_named_under_another_programme_is_sent_to_its_own_page(
    programme, coordinator, client_for, roskilde
):
    meeting = kickoff(programme)
    other = started_programme(roskilde)
    wrong = reverse(
        "meetings:meeting_edit", kwargs={"programme_pk": other.pk, "meeting_pk": meeting.pk}
    )
    client = client_for(coordinator)

    assert client.get(wrong).url == edit_url(meeting)
    assert client.post(wrong, schedule_form(timezone.localdate())).status_code == 404
    meeting.refresh_from_db()
    assert meeting.starts_at is None
