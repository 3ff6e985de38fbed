"""The meeting edit pages for tests/test_resave.py: each built with everything it can show."""

import datetime

from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import AgendaItem, Attendance, Decision, FollowUp, Meeting
from programmes.models import Principle, ProgrammeGroup
from tests.factories import member

from .factories import group, kickoff, person_in, scheduled, started_programme


def _state(meeting):
    def state():
        fields = Meeting.objects.filter(pk=meeting.pk).values().get()
        return (
            fields,
            list(AgendaItem.objects.filter(meeting=meeting).order_by("id").values()),
            list(Attendance.objects.filter(meeting=meeting).order_by("id").values()),
            list(Decision.objects.filter(meeting=meeting).order_by("id").values()),
            list(FollowUp.objects.filter(meeting=meeting).order_by("id").values()),
        )

    return state


def _meeting(roskilde):
    coordinator = member("Roskilde")
    programme = started_programme(roskilde)
    person_in(group(programme, ProgrammeGroup.Kind.STEERING), "Dorte & Co <Direktør>")
    person_in(group(programme, ProgrammeGroup.Kind.IMPLEMENTATION), "Bo Borger")
    # A third person: the page's form then outgrows the language switch (tests.forms reads
    # the largest form).
    person_in(group(programme, ProgrammeGroup.Kind.STEERING), "Sif Styre")
    meeting = scheduled(kickoff(programme), coordinator, days=-1)
    services.schedule_meeting(
        meeting,
        by=coordinator,
        title="Opstart & <velkomst>",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place="Rådhuset",
        online_url="https://teams.example.dk/m?id=1&x=2",
    )
    return coordinator, meeting


def _url(name, meeting):
    return reverse(name, kwargs={"programme_pk": meeting.programme_id, "meeting_pk": meeting.pk})


def meeting_edit(roskilde):
    coordinator, meeting = _meeting(roskilde)
    return _url("meetings:meeting_edit", meeting), coordinator, {}, _state(meeting)


def agenda_edit(roskilde):
    coordinator, meeting = _meeting(roskilde)
    services.set_agenda(
        meeting,
        by=coordinator,
        items=[
            {"title": "Velkomst", "description": "Linje 1\nLinje 2", "principle": Principle.HOPES},
            {"title": "Planen", "deliverable": "development_plan_approved"},
        ],
    )
    return _url("meetings:agenda_edit", meeting), coordinator, {}, _state(meeting)


def attendance_edit(roskilde):
    coordinator, meeting = _meeting(roskilde)
    first = Attendance.objects.filter(meeting=meeting).order_by("name").first()
    services.set_attendance(meeting, by=coordinator, statuses={first.pk: Attendance.Status.CAME})
    return _url("meetings:attendance_edit", meeting), coordinator, {}, _state(meeting)


def minutes_edit(roskilde):
    coordinator, meeting = _meeting(roskilde)
    responsible = group(meeting.programme, ProgrammeGroup.Kind.IMPLEMENTATION).members.get()
    services.write_minutes(
        meeting,
        by=coordinator,
        minutes="Linje 1\n\nLinje 3 & <b>",
        decisions=[{"text": "Beslutning 1"}, {"text": "Beslutning 2\nmed to linjer"}],
        follow_ups=[
            {
                "text": "Opgave",
                "responsible": responsible,
                "due_on": timezone.localdate() + datetime.timedelta(days=10),
            },
            {"text": "Udført opgave", "responsible": responsible, "due_on": timezone.localdate()},
        ],
    )
    services.mark_follow_up_done(
        FollowUp.objects.get(meeting=meeting, text="Udført opgave"), by=coordinator
    )
    return _url("meetings:minutes_edit", meeting), coordinator, {}, _state(meeting)


EDIT_PAGES = {
    "meetings:meeting_edit": meeting_edit,
    "meetings:agenda_edit": agenda_edit,
    "meetings:attendance_edit": attendance_edit,
    "meetings:minutes_edit": minutes_edit,
}
