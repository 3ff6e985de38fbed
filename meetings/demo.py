"""Demo data for `seed_demo`: Roskilde's running programme with its groups and forberede
meetings (some held, with minutes), and a network activity with Herning.

Built through the services, so the activity log and the meeting plan look like the real
thing. Runs after the enrolment demo, which approves Roskilde's enrolment.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from outbox.services import suppressed as tasks_suppressed
from phases.models import Phase
from programmes import services as programme_services
from programmes.models import Area, GroupMember, Level, Municipality, Principle, Programme
from programmes.models import ProgrammeGroup as Group

from . import network, services
from .models import Attendance, Meeting, NetworkActivity

User = get_user_model()
Kind = GroupMember.Kind
NETWORK_TITLE = "Netværksmøde for styregrupper: ledelse af omlægningen"


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _members(group, by, people):
    for name, title, kind, level, area, role in people:
        programme_services.add_member(
            group,
            by=by,
            name=name,
            title=title,
            kind=kind,
            level=level,
            area=area,
            role=role,
        )


def _groups(programme, coordinator, log):
    implementation = programme.groups.get(kind=Group.Kind.IMPLEMENTATION)
    if implementation.members.exists():
        return
    _members(
        implementation,
        coordinator,
        [
            (
                "Lone Bech",
                "Leder af bostøtten",
                Kind.LEADER,
                Level.LEADER,
                Area.HOUSING_SUPPORT,
                "chair",
            ),
            ("Sara Nielsen", "", Kind.CITIZEN, Level.OTHER, "", "member"),
            ("Omar Hansen", "Sagsbehandler", Kind.EMPLOYEE, Level.OTHER, Area.AUTHORITY, "member"),
            (
                "Pia Friis",
                "Pædagog, botilbud",
                Kind.EMPLOYEE,
                Level.OTHER,
                Area.RESIDENTIAL,
                "member",
            ),
        ],
    )
    local = programme_services.add_group(
        programme, by=coordinator, name="Lokal gruppe: Bostøtte", area=Area.HOUSING_SUPPORT
    )
    _members(
        local,
        coordinator,
        [
            ("Jens Mikkelsen", "", Kind.CITIZEN, Level.OTHER, Area.HOUSING_SUPPORT, "member"),
            (
                "Lone Bech",
                "Leder af bostøtten",
                Kind.LEADER,
                Level.LEADER,
                Area.HOUSING_SUPPORT,
                "chair",
            ),
            (
                "Ahmad Karimi",
                "Bostøttemedarbejder",
                Kind.EMPLOYEE,
                Level.OTHER,
                Area.HOUSING_SUPPORT,
                "member",
            ),
        ],
    )
    log("Oprettet: Roskildes implementeringsgruppe og en lokal gruppe for bostøtten")


def _meetings(programme, coordinator, log):
    prepare = Meeting.objects.filter(programme=programme, phase=Phase.PREPARE)
    if prepare.exclude(starts_at=None).exists():
        return
    today = timezone.localdate()
    kickoff = prepare.get(is_kickoff=True)
    steering_2 = prepare.filter(groups__kind=Group.Kind.STEERING, number=2).get()
    implementation_2 = prepare.filter(groups__kind=Group.Kind.IMPLEMENTATION, number=2).get()
    town_hall = "Roskilde Rådhus, mødelokale 2"

    kickoff = services.schedule_meeting(
        kickoff,
        by=coordinator,
        title=kickoff.title,
        starts_at=_at(today - datetime.timedelta(days=21), 13),
        ends_at=_at(today - datetime.timedelta(days=21), 16),
        place=town_hall,
    )
    services.set_agenda(
        kickoff,
        by=coordinator,
        items=[
            {"title": "Velkomst og forventninger", "description": "", "principle": None},
            {
                "title": "Roller i styregruppe og implementeringsgruppe",
                "description": "Hvem beslutter hvad, og hvordan inddrager vi borgerne?",
                "principle": None,
            },
            {
                "title": "Borgerens håb, ønsker og drømme i sagsarbejdet",
                "description": "",
                "principle": Principle.HOPES,
            },
        ],
    )
    rows = list(kickoff.attendance.all())
    statuses = {row.pk: Attendance.Status.CAME for row in rows}
    if rows:
        statuses[rows[-1].pk] = Attendance.Status.APOLOGIES
    services.set_attendance(kickoff, by=coordinator, statuses=statuses)
    lone = GroupMember.objects.filter(group__programme=programme, name="Lone Bech").first()
    services.write_minutes(
        kickoff,
        by=coordinator,
        minutes=(
            "Styregruppen og implementeringsgruppen mødtes for første gang. Vi gennemgik "
            "forløbets faser og aftalte, hvordan borgerrepræsentanterne inddrages."
        ),
        decisions=[
            {"text": "Implementeringsgruppen mødes hver anden måned, første gang i januar."},
            {"text": "Borgerrepræsentanterne får mødemateriale en uge før hvert møde."},
        ],
        follow_ups=[
            {
                "text": "Find ti nyere borgersager til gennemgangen.",
                "responsible": lone,
                "due_on": today + datetime.timedelta(days=14),
            }
        ],
    )
    steering_2 = services.schedule_meeting(
        steering_2,
        by=coordinator,
        title=steering_2.title,
        starts_at=_at(today - datetime.timedelta(days=7), 9),
        ends_at=_at(today - datetime.timedelta(days=7), 10, 30),
        online_url="https://meet.example.dk/roskilde-styregruppe",
    )
    services.write_minutes(
        steering_2,
        by=coordinator,
        minutes="Styregruppen drøftede kommunens nøgletal og mål for området.",
        decisions=[{"text": "Udviklingsplanen lægges frem på næste møde."}],
        follow_ups=[],
    )
    services.schedule_meeting(
        implementation_2,
        by=coordinator,
        title=implementation_2.title,
        starts_at=_at(today + datetime.timedelta(days=10), 13),
        ends_at=_at(today + datetime.timedelta(days=10), 15),
        place=town_hall,
    )
    log("Oprettet: Roskildes forberedelsesmøder (to afholdt med referat, et planlagt)")


def _network(consultant, roskilde_programme, log):
    if NetworkActivity.objects.filter(title=NETWORK_TITLE).exists():
        return
    herning = Municipality.objects.get(name="Herning")
    roskilde = roskilde_programme.municipality
    day = timezone.localdate() + datetime.timedelta(days=24)
    activity = network.create_network_activity(
        by=consultant,
        municipalities=[roskilde, herning],
        title=NETWORK_TITLE,
        description="Styregrupperne deler erfaringer med at lede omlægningen mod recovery.",
        starts_at=_at(day, 10),
        ends_at=_at(day, 12),
        online_url="https://meet.example.dk/netvaerk-styregrupper",
    )
    invitation = activity.invitations.get(municipality=roskilde)
    steering = roskilde_programme.groups.get(kind=Group.Kind.STEERING)
    network.set_participants(invitation, list(steering.members.all()), by=consultant)
    log("Oprettet: en netværksaktivitet for Roskilde og Herning")


def seed_running_programme_demo(*, password: str, log) -> None:
    roskilde = Municipality.objects.get(name="Roskilde")
    programme = Programme.objects.filter(municipality=roskilde).order_by("created_at").first()
    if programme is None:
        return
    coordinator = User.objects.get(email="koordinator@roskilde.dk")
    consultant = User.objects.get(email="konsulent@sbst.dk")
    with tasks_suppressed():
        _groups(programme, coordinator, log)
        _meetings(programme, coordinator, log)
        _network(consultant, programme, log)
