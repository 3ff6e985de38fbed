"""Groups, members and meetings built directly, for the calendar, reminder and network tests."""

import datetime
from zoneinfo import ZoneInfo

from meetings.models import Meeting, MeetingGroup
from programmes.models import GroupMember, Level, ProgrammeGroup
from tests.factories import ProgrammeFactory

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def at(year, month, day, hour=0, minute=0) -> datetime.datetime:
    """A moment in Copenhagen's time."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=COPENHAGEN)


def group(programme=None, *, kind=ProgrammeGroup.Kind.STEERING, name=None, municipality=None):
    if programme is None:
        kwargs = {"municipality": municipality} if municipality is not None else {}
        programme = ProgrammeFactory(**kwargs)
    return ProgrammeGroup.objects.create(
        programme=programme, kind=kind, name=name or str(ProgrammeGroup.Kind(kind).label)
    )


def group_member(group, *, name="Mette Medlem", user=None, email="", role=None, **fields):
    return GroupMember.objects.create(
        group=group,
        user=user,
        name=name,
        email=email,
        role=role or GroupMember.Role.MEMBER,
        level=fields.pop("level", Level.LEADER),
        **fields,
    )


def meeting(groups, *, starts_at=None, ends_at=None, title="Styregruppemøde", **fields):
    groups = list(groups)
    made = Meeting.objects.create(
        programme=groups[0].programme,
        phase=fields.pop("phase", "prepare"),
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        **fields,
    )
    MeetingGroup.objects.bulk_create(MeetingGroup(meeting=made, group=g) for g in groups)
    return made
