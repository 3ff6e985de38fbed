"""Started programmes with groups, members and the meeting plan, built through the services."""

import datetime

from django.utils import timezone

from meetings import services
from meetings.models import Meeting
from phases.models import Phase
from phases.services import start_programme
from programmes.models import Area, GroupMember, Level, ProgrammeGroup
from tests.factories import ConsultantFactory, ProgrammeFactory

Kind = ProgrammeGroup.Kind


def started_programme(municipality=None, *, local_groups=(), consultant=None, **fields):
    """A programme just approved: in forberede, with its steering group, the implementation
    group made at the start, any local groups named, and the meeting plan."""
    if municipality is not None:
        fields["municipality"] = municipality
    programme = ProgrammeFactory(phase=Phase.ENROL, **fields)
    ProgrammeGroup.objects.create(programme=programme, kind=Kind.STEERING, name="Styregruppe")
    for name in local_groups:
        local_group(programme, name)
    start_programme(programme, by=consultant or ConsultantFactory())
    return programme


def local_group(programme, name="Bostøtten", area=Area.HOUSING_SUPPORT):
    return ProgrammeGroup.objects.create(programme=programme, kind=Kind.LOCAL, name=name, area=area)


def group(programme, kind):
    return programme.groups.get(kind=kind)


def person_in(group, name, user=None, **fields):
    """A member of `group`, linked to `user`'s account when given."""
    fields = {"level": Level.OTHER, **fields}
    return GroupMember.objects.create(group=group, name=name, user=user, **fields)


def kickoff(programme, phase=Phase.PREPARE) -> Meeting:
    return Meeting.objects.get(programme=programme, phase=phase, is_kickoff=True)


def at(days=7, hour=13, minute=0):
    """A moment `days` from today at hh:mm Danish time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute)),
        timezone.get_default_timezone(),
    )


def scheduled(meeting, by, *, days=7, hours=2, place="Rådhuset, mødelokale 1"):
    """`meeting` dated `days` from today at 13.00 for `hours` hours."""
    starts_at = at(days)
    return services.schedule_meeting(
        meeting,
        by=by,
        title=meeting.title,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=hours),
        place=place,
    )
