"""Everyone in a meeting's groups is invited once; attendance is taken in one form."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Attendance
from programmes.models import ActivityEntry, Membership, ProgrammeGroup
from tests.factories import member

from .factories import group, kickoff, person_in, scheduled, started_programme

Kind = ProgrammeGroup.Kind
Status = Attendance.Status


@pytest.fixture
def coordinator(roskilde):
    return member("Roskilde")


@pytest.fixture
def programme(roskilde):
    programme = started_programme(roskilde)
    person_in(group(programme, Kind.STEERING), "Dorte Direktør")
    person_in(group(programme, Kind.IMPLEMENTATION), "Bo Borger")
    return programme


def invited(meeting):
    return sorted(Attendance.objects.filter(meeting=meeting).values_list("name", "status"))


def attendance_url(meeting):
    return reverse(
        "meetings:attendance_edit",
        kwargs={"programme_pk": meeting.programme_id, "meeting_pk": meeting.pk},
    )


def test_scheduling_the_kickoff_invites_every_member_of_both_groups(programme, coordinator):
    meeting = scheduled(kickoff(programme), coordinator)

    assert invited(meeting) == [("Bo Borger", Status.INVITED), ("Dorte Direktør", Status.INVITED)]


def test_moving_the_meeting_invites_nobody_twice(programme, coordinator):
    meeting = scheduled(kickoff(programme), coordinator)

    scheduled(meeting, coordinator, days=8)
    services.ensure_attendance(meeting)

    assert len(invited(meeting)) == 2


def test_a_person_in_both_groups_with_one_account_is_invited_once(programme, coordinator):
    user = member("Roskilde", role=Membership.Role.STEERING)
    person_in(group(programme, Kind.STEERING), "Sif Begge", user=user)
    person_in(group(programme, Kind.IMPLEMENTATION), "Sif Begge", user=user)

    meeting = scheduled(kickoff(programme), coordinator)

    assert [name for name, _status in invited(meeting)].count("Sif Begge") == 1


def test_a_member_added_later_is_invited_when_attendance_is_opened(
    programme, coordinator, client_for
):
    meeting = scheduled(kickoff(programme), coordinator)
    person_in(group(programme, Kind.IMPLEMENTATION), "Nina Ny")

    client_for(coordinator).get(attendance_url(meeting))

    assert ("Nina Ny", Status.INVITED) in invited(meeting)


def test_a_member_who_joined_after_a_held_meeting_is_not_put_on_it(programme, coordinator):
    meeting = scheduled(kickoff(programme), coordinator, days=-3)
    person_in(group(programme, Kind.IMPLEMENTATION), "Nina Ny")

    services.ensure_attendance(meeting)

    assert "Nina Ny" not in [name for name, _status in invited(meeting)]


def test_a_group_member_takes_attendance_for_everyone_in_one_form(
    programme, coordinator, client_for
):
    meeting = scheduled(kickoff(programme), coordinator)
    user = member("Roskilde", role=Membership.Role.IMPLEMENTATION)
    person_in(group(programme, Kind.IMPLEMENTATION), "Ib Implementering", user=user)
    client = client_for(user)
    form = client.get(attendance_url(meeting)).context["form"]
    rows = {row.name: row for row in form.rows}

    response = client.post(
        attendance_url(meeting),
        {
            f"status_{rows['Bo Borger'].pk}": Status.CAME,
            f"status_{rows['Dorte Direktør'].pk}": Status.APOLOGIES,
            f"status_{rows['Ib Implementering'].pk}": Status.CAME,
        },
    )

    assert response.status_code == 302
    assert invited(meeting) == [
        ("Bo Borger", Status.CAME),
        ("Dorte Direktør", Status.APOLOGIES),
        ("Ib Implementering", Status.CAME),
    ]
    entry = ActivityEntry.objects.get(action="meetings.attendance_taken")
    assert entry.message.endswith("2 deltog, 1 meldte afbud.")


def test_a_reader_may_not_take_attendance(programme, coordinator, client_for):
    meeting = scheduled(kickoff(programme), coordinator)
    reader = member("Roskilde", role=Membership.Role.READER)

    assert client_for(reader).get(attendance_url(meeting)).status_code == 403


def test_a_member_of_another_group_may_not_take_attendance(programme, coordinator, client_for):
    meeting = scheduled(
        programme.meetings.filter(is_kickoff=False, groups__kind=Kind.STEERING).first(),
        coordinator,
    )
    user = member("Roskilde", role=Membership.Role.IMPLEMENTATION)
    person_in(group(programme, Kind.IMPLEMENTATION), "Ib Implementering", user=user)

    assert client_for(user).get(attendance_url(meeting)).status_code == 403
