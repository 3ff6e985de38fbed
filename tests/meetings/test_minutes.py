"""Minutes with decisions and follow-up tasks; a task waits on its owner's start page."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Decision, FollowUp
from programmes.models import ActivityEntry, Membership, ProgrammeGroup
from tests.factories import member
from tests.forms import posted_form

from .factories import group, kickoff, person_in, scheduled, started_programme

Kind = ProgrammeGroup.Kind


@pytest.fixture
def coordinator(roskilde):
    return member("Roskilde")


@pytest.fixture
def programme(roskilde):
    return started_programme(roskilde)


@pytest.fixture
def ida(programme):
    """A member of the implementation group with an account."""
    user = member("Roskilde", role=Membership.Role.IMPLEMENTATION, full_name="Ida Implementering")
    person_in(group(programme, Kind.IMPLEMENTATION), "Ida Implementering", user=user)
    return user


def minutes_url(meeting):
    return reverse(
        "meetings:minutes_edit",
        kwargs={"programme_pk": meeting.programme_id, "meeting_pk": meeting.pk},
    )


def done_url(follow_up):
    meeting = follow_up.meeting
    return reverse(
        "meetings:followup_done",
        kwargs={
            "programme_pk": meeting.programme_id,
            "meeting_pk": meeting.pk,
            "followup_pk": follow_up.pk,
        },
    )


def due(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def write(meeting, by, responsible, *texts, days=14):
    """Minutes with one decision and a follow-up task for each of `texts` (by default one)."""
    texts = texts or ("Lav et udkast til udviklingsplanen",)
    services.write_minutes(
        meeting,
        by=by,
        minutes="Vi drøftede planen.",
        decisions=[{"text": "Styregruppen godkender planen i marts."}],
        follow_ups=[
            {"text": text, "responsible": responsible, "due_on": due(days)} for text in texts
        ],
    )
    tasks = [FollowUp.objects.get(meeting=meeting, text=text) for text in texts]
    return tasks[0] if len(tasks) == 1 else tasks


def test_a_group_member_writes_minutes_with_a_decision_and_a_follow_up(
    programme, coordinator, ida, client_for
):
    meeting = scheduled(kickoff(programme), coordinator, days=-1)
    responsible = group(programme, Kind.IMPLEMENTATION).members.get(user=ida)
    client = client_for(ida)
    data = posted_form(client.get(minutes_url(meeting)).content.decode())
    deadline = due(14)
    data.update(
        {
            "minutes": "Vi drøftede planen.",
            "decisions-0-text": "Styregruppen godkender planen i marts.",
            "follow_ups-0-text": "Lav et udkast til udviklingsplanen",
            "follow_ups-0-responsible": str(responsible.pk),
            "follow_ups-0-due_on_day": str(deadline.day),
            "follow_ups-0-due_on_month": str(deadline.month),
            "follow_ups-0-due_on_year": str(deadline.year),
        }
    )

    response = client.post(minutes_url(meeting), data)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "Vi drøftede planen."
    assert meeting.minutes_written_at is not None
    assert list(Decision.objects.filter(meeting=meeting).values_list("text", flat=True)) == [
        "Styregruppen godkender planen i marts."
    ]
    follow_up = FollowUp.objects.get(meeting=meeting)
    assert (follow_up.responsible, follow_up.due_on) == (responsible, deadline)
    entry = ActivityEntry.objects.get(action="meetings.minutes_written")
    assert entry.data["first"] is True and entry.message.startswith("Referatet af")


def test_the_responsible_is_chosen_among_the_programmes_group_members_only(
    programme, coordinator, ida, client_for, roskilde
):
    meeting = kickoff(programme)
    stranger = person_in(group(started_programme(roskilde), Kind.STEERING), "Fremmed")
    client = client_for(coordinator)
    data = posted_form(client.get(minutes_url(meeting)).content.decode())
    deadline = due(3)
    data.update(
        {
            "follow_ups-0-text": "Opgave",
            "follow_ups-0-responsible": str(stranger.pk),
            "follow_ups-0-due_on_day": str(deadline.day),
            "follow_ups-0-due_on_month": str(deadline.month),
            "follow_ups-0-due_on_year": str(deadline.year),
        }
    )

    response = client.post(minutes_url(meeting), data)

    assert response.status_code == 200
    assert "responsible" in response.context["follow_ups"].forms[0].errors
    assert not FollowUp.objects.exists()
    choices = dict(response.context["follow_ups"].forms[0].fields["responsible"].choices)
    assert stranger.pk not in choices


def test_a_follow_up_waits_on_the_responsible_persons_start_page_until_done(
    programme, coordinator, ida, client_for
):
    meeting = kickoff(programme)
    responsible = group(programme, Kind.IMPLEMENTATION).members.get(user=ida)
    follow_up = write(meeting, coordinator, responsible)
    client = client_for(ida)

    before = client.get(reverse("home")).content.decode()
    response = client.post(done_url(follow_up), {"next": reverse("home")})
    after = client.get(reverse("home")).content.decode()

    assert "Dine opfølgningsopgaver" in before
    assert "Lav et udkast til udviklingsplanen" in before
    assert response.url == reverse("home")
    assert "Dine opfølgningsopgaver" not in after
    follow_up.refresh_from_db()
    assert (follow_up.done_by, follow_up.done_at is not None) == (ida, True)
    assert ActivityEntry.objects.filter(action="meetings.follow_up_done").count() == 1


def test_someone_elses_follow_up_is_not_on_my_start_page(programme, coordinator, ida, client_for):
    meeting = kickoff(programme)
    other = person_in(group(programme, Kind.STEERING), "Sanne Styre")
    write(meeting, coordinator, other, "Sannes opgave")

    assert "Sannes opgave" not in client_for(ida).get(reverse("home")).content.decode()


def test_an_overdue_follow_up_says_so_in_words(programme, coordinator, ida, client_for):
    meeting = kickoff(programme)
    responsible = group(programme, Kind.IMPLEMENTATION).members.get(user=ida)
    write(meeting, coordinator, responsible, days=2)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=5)):
        page = client_for(ida).get(reverse("home")).content.decode()

    assert "Fristen er overskredet" in page


def test_only_the_responsible_the_coordinator_and_sbst_mark_a_follow_up_done(
    programme, coordinator, ida, client_for, consultant
):
    meeting = kickoff(programme)
    responsible = group(programme, Kind.IMPLEMENTATION).members.get(user=ida)
    colleague = member("Roskilde", role=Membership.Role.IMPLEMENTATION)
    person_in(group(programme, Kind.IMPLEMENTATION), "Kollega", user=colleague)
    first, second = write(meeting, coordinator, responsible, "Første", "Anden")

    assert client_for(colleague).post(done_url(first)).status_code == 403
    assert client_for(coordinator).post(done_url(first)).status_code == 302
    assert client_for(consultant).post(done_url(second)).status_code == 302


def test_marking_a_follow_up_done_twice_logs_it_once(programme, coordinator, ida):
    responsible = group(programme, Kind.IMPLEMENTATION).members.get(user=ida)
    follow_up = write(kickoff(programme), coordinator, responsible)

    services.mark_follow_up_done(follow_up, by=ida)
    services.mark_follow_up_done(follow_up, by=ida)

    assert ActivityEntry.objects.filter(action="meetings.follow_up_done").count() == 1


def test_rewriting_the_minutes_keeps_a_done_follow_up_done(programme, coordinator, ida):
    meeting = kickoff(programme)
    responsible = group(programme, Kind.IMPLEMENTATION).members.get(user=ida)
    follow_up = write(meeting, coordinator, responsible)
    services.mark_follow_up_done(follow_up, by=ida)

    services.write_minutes(
        meeting,
        by=coordinator,
        minutes="Rettet referat.",
        decisions=[],
        follow_ups=[
            {
                "id": follow_up.pk,
                "text": follow_up.text,
                "responsible": responsible,
                "due_on": follow_up.due_on,
            }
        ],
    )

    follow_up.refresh_from_db()
    assert follow_up.done_at is not None
    assert not Decision.objects.filter(meeting=meeting).exists()
    latest = ActivityEntry.objects.filter(action="meetings.minutes_written").latest("id")
    assert latest.data["first"] is False


def test_a_reader_may_not_write_minutes(programme, client_for):
    reader = member("Roskilde", role=Membership.Role.READER)

    assert client_for(reader).get(minutes_url(kickoff(programme))).status_code == 403
