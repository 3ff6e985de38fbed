"""The calendar: a secret feed of the person's meetings and an .ics file per meeting."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings.calendar import renew_calendar_feed
from meetings.models import CalendarFeed, NetworkActivity, NetworkInvitation, NetworkParticipant
from tests.factories import ProgrammeFactory, UserFactory, member, municipality

from .helpers import at, group, group_member, meeting


def _feed(client, token):
    response = client.get(reverse("calendar:feed_ics", kwargs={"token": token}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _uids(calendar) -> set[str]:
    return {str(event.uid) for event in calendar.events}


@pytest.fixture
def person(roskilde):
    return member("Roskilde", role="steering", full_name="Sara Styre")


@pytest.fixture
def steering(person):
    steering = group()
    group_member(steering, name="Sara Styre", user=person)
    return steering


def test_the_feed_gives_the_meetings_in_copenhagen_time_on_both_sides_of_summer_time(
    client, person, steering
):
    winter = meeting([steering], starts_at=at(2027, 3, 20, 10), ends_at=at(2027, 3, 20, 12))
    summer = meeting(
        [steering], title="Andet møde", starts_at=at(2027, 4, 10, 10), place="Rådhuset"
    )
    token = renew_calendar_feed(person)

    calendar = _feed(client, token)

    events = {str(event.uid): event for event in calendar.events}
    assert set(events) == {
        f"meeting-{winter.pk}@forlobsportalen",
        f"meeting-{summer.pk}@forlobsportalen",
    }
    first, second = (
        events[f"meeting-{winter.pk}@forlobsportalen"],
        events[f"meeting-{summer.pk}@forlobsportalen"],
    )
    assert [str(first.start.tzinfo), first.start.hour] == ["Europe/Copenhagen", 10]
    assert [str(second.start.tzinfo), second.start.hour] == ["Europe/Copenhagen", 10]
    assert first.start.utcoffset() == datetime.timedelta(hours=1)
    assert second.start.utcoffset() == datetime.timedelta(hours=2)
    assert first.end.hour == 12
    assert second.end - second.start == datetime.timedelta(hours=1), "no end: one hour"
    assert [str(tz.tz_name) for tz in calendar.timezones] == ["Europe/Copenhagen"]
    assert b"TZID=Europe/Copenhagen:20270410T100000" in calendar.to_ical()
    assert (str(second["SUMMARY"]), str(second["LOCATION"])) == ("Andet møde", "Rådhuset")
    assert str(second["URL"]).startswith("http")
    assert "DTSTAMP" in second


def test_the_feed_leaves_out_cancelled_and_undated_meetings(client, person, steering):
    kept = meeting([steering], starts_at=at(2027, 5, 1, 9))
    meeting([steering], starts_at=at(2027, 5, 2, 9), cancelled_at=timezone.now())
    meeting([steering], starts_at=None)
    token = renew_calendar_feed(person)

    assert _uids(_feed(client, token)) == {f"meeting-{kept.pk}@forlobsportalen"}


@pytest.mark.cross_tenant  # the person's groups in two municipalities, and a stranger's
def test_the_feed_has_the_persons_meetings_in_all_their_municipalities_and_nobody_elses(
    client, person, steering
):
    own = meeting([steering], starts_at=at(2027, 5, 1, 9))
    in_herning = group(municipality=municipality("Herning"))
    group_member(in_herning, name="Sara Styre", user=person)
    herning_meeting = meeting([in_herning], starts_at=at(2027, 5, 3, 9))
    other_group = group(steering.programme, kind="implementation")
    group_member(other_group, name="Anden Person", user=UserFactory())
    meeting([other_group], starts_at=at(2027, 5, 2, 9))
    stranger = group(municipality=municipality("Herning"))
    group_member(stranger, name="Hans Herning", user=UserFactory())
    meeting([stranger], starts_at=at(2027, 5, 4, 9))
    token = renew_calendar_feed(person)

    assert _uids(_feed(client, token)) == {
        f"meeting-{own.pk}@forlobsportalen",
        f"meeting-{herning_meeting.pk}@forlobsportalen",
    }


def test_the_feed_has_the_network_activities_the_person_takes_part_in(client, person, roskilde):
    member_row = group_member(group(), name="Sara Styre", user=person)
    activity = NetworkActivity.objects.create(
        title="Netværksdag om recovery",
        starts_at=at(2027, 6, 1, 10),
        ends_at=at(2027, 6, 1, 15),
        online_url="https://moede.example.dk/netvaerk",
    )
    invitation = NetworkInvitation.objects.create(municipality=roskilde, activity=activity)
    NetworkParticipant.objects.create(invitation=invitation, member=member_row, name="Sara Styre")
    NetworkActivity.objects.create(title="Ikke min", starts_at=at(2027, 6, 2, 10))
    token = renew_calendar_feed(person)

    calendar = _feed(client, token)

    (event,) = calendar.events
    assert str(event.uid) == f"network-{activity.pk}@forlobsportalen"
    assert str(event["LOCATION"]) == "https://moede.example.dk/netvaerk"
    assert (event.start.hour, event.end.hour) == (10, 15)


def test_a_renewed_address_refuses_the_old_one(client, person, steering):
    meeting([steering], starts_at=at(2027, 5, 1, 9))
    old = renew_calendar_feed(person)
    new = renew_calendar_feed(person)

    old_answer = client.get(reverse("calendar:feed_ics", kwargs={"token": old}))

    assert old_answer.status_code == 404
    assert len(_feed(client, new).events) == 1
    assert CalendarFeed.objects.filter(user=person).count() == 1


def test_a_person_without_an_address_has_no_feed_and_a_made_up_token_opens_nothing(
    client, person, steering
):
    meeting([steering], starts_at=at(2027, 5, 1, 9))

    response = client.get(reverse("calendar:feed_ics", kwargs={"token": "gaet-et-token"}))

    assert response.status_code == 404
    assert not CalendarFeed.objects.filter(user=person).exists()


def test_an_expired_address_opens_nothing(client, person, steering):
    token = renew_calendar_feed(person)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=3653)):
        response = client.get(reverse("calendar:feed_ics", kwargs={"token": token}))

    assert response.status_code == 404


def test_the_address_is_shown_once_and_only_its_hash_is_kept(client_for, person):
    client = client_for(person)

    made = client.post(reverse("calendar:feed_renew"))
    url = made.context["url"]
    later = client.get(reverse("calendar:feed"))

    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert made.status_code == 200 and url in made.content.decode()
    assert later.status_code == 200
    assert token not in later.content.decode()
    feed = CalendarFeed.objects.get(user=person)
    assert token not in feed.token_hash
    assert CalendarFeed.with_token(token).get() == feed


def test_renewing_on_the_page_makes_the_old_address_stop_working(client_for, client, person):
    old = renew_calendar_feed(person)

    client_for(person).post(reverse("calendar:feed_renew"))

    assert client.get(reverse("calendar:feed_ics", kwargs={"token": old})).status_code == 404


def test_a_meeting_downloads_as_one_event(client_for, person, steering):
    held = meeting(
        [steering],
        starts_at=at(2027, 10, 31, 9),
        ends_at=at(2027, 10, 31, 11),
        online_url="https://moede.example.dk/styre",
    )

    response = client_for(person).get(
        reverse(
            "calendar:meeting_ics",
            kwargs={"programme_pk": held.programme_id, "meeting_pk": held.pk},
        )
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    (event,) = Calendar.from_ical(response.content).events
    assert str(event.uid) == f"meeting-{held.pk}@forlobsportalen"
    assert (event.start.hour, event.start.utcoffset()) == (9, datetime.timedelta(hours=1))
    assert str(event["LOCATION"]) == "https://moede.example.dk/styre"


def test_a_meeting_without_a_date_has_no_calendar_file(client_for, person, steering):
    undated = meeting([steering], starts_at=None)

    response = client_for(person).get(
        reverse(
            "calendar:meeting_ics",
            kwargs={"programme_pk": undated.programme_id, "meeting_pk": undated.pk},
        )
    )

    assert response.status_code == 404


def test_a_meeting_file_named_under_another_programme_goes_to_its_own_address(
    client_for, person, steering
):
    held = meeting([steering], starts_at=at(2027, 5, 1, 9))
    other_programme = ProgrammeFactory()

    response = client_for(person).get(
        reverse(
            "calendar:meeting_ics",
            kwargs={"programme_pk": other_programme.pk, "meeting_pk": held.pk},
        )
    )

    assert response.status_code == 302
    assert response.url == reverse(
        "calendar:meeting_ics", kwargs={"programme_pk": held.programme_id, "meeting_pk": held.pk}
    )


def test_another_municipality_gets_no_meeting_file(client_for, steering, herning_coordinator):
    held = meeting([steering], starts_at=at(2027, 5, 1, 9))

    response = client_for(herning_coordinator).get(
        reverse(
            "calendar:meeting_ics",
            kwargs={"programme_pk": held.programme_id, "meeting_pk": held.pk},
        )
    )

    assert response.status_code == 404
