"""Roskilde's meetings for the cross-tenant walk (see tests/world.py).

A meeting page's URL names its programme too; the walk fills `programme_pk` from another
maker, so the owner's request names the meeting under a programme it is not in and is sent
on to the meeting's own URL (a redirect: the meeting was found through the owner's scope).
"""

import atexit
import datetime
import shutil
import tempfile

from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from meetings import services
from meetings.models import Meeting, private_storage
from meetings.plan import create_meeting_plan
from programmes.models import GroupMember, Level, Membership, ProgrammeGroup
from tests.factories import ProgrammeFactory
from tests.world import Made, person

from .files import pdf, upload

Role = Membership.Role

_private_dir = None


def _files_out_of_the_project():
    """The walk has no tmp_path: keep its attachment out of the project's var/private."""
    global _private_dir
    if _private_dir is None:
        _private_dir = tempfile.mkdtemp(prefix="walk-private-")
        atexit.register(shutil.rmtree, _private_dir, True)
    private_storage._wrapped = FileSystemStorage(location=_private_dir)


def _meeting(municipality, coordinator) -> Meeting:
    """The kick-off of a Roskilde programme with its meeting plan, named after Roskilde."""
    programme = ProgrammeFactory(municipality=municipality, coordinator=coordinator)
    for kind in (ProgrammeGroup.Kind.STEERING, ProgrammeGroup.Kind.IMPLEMENTATION):
        ProgrammeGroup.objects.create(
            programme=programme, kind=kind, name=f"{kind.label} i {municipality.name}"
        )
    create_meeting_plan(programme)
    meeting = Meeting.objects.get(programme=programme, phase="prepare", is_kickoff=True)
    starts_at = timezone.now() + datetime.timedelta(days=10)
    return services.schedule_meeting(
        meeting,
        by=coordinator,
        title=f"Opstart i {municipality.name}",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        place=f"Rådhuset i {municipality.name}",
    )


def make_meeting_pk(municipality) -> Made:
    coordinator = person(municipality, Role.COORDINATOR)
    return Made(_meeting(municipality, coordinator).pk, owner=coordinator)


def make_followup_pk(municipality) -> Made:
    """A follow-up task whose responsible person (with an account) may mark it done."""
    coordinator = person(municipality, Role.COORDINATOR)
    meeting = _meeting(municipality, coordinator)
    responsible = person(municipality, Role.IMPLEMENTATION)
    member = GroupMember.objects.create(
        group=meeting.groups.get(kind=ProgrammeGroup.Kind.IMPLEMENTATION),
        name=f"Ansvarlig i {municipality.name}",
        user=responsible,
        level=Level.OTHER,
    )
    services.write_minutes(
        meeting,
        by=coordinator,
        minutes=f"Referat fra {municipality.name}",
        decisions=[],
        follow_ups=[
            {
                "text": f"Opgave i {municipality.name}",
                "responsible": member,
                "due_on": timezone.localdate() + datetime.timedelta(days=14),
            }
        ],
    )
    return Made(meeting.follow_ups.get().pk, owner=responsible)


def make_attachment_pk(municipality) -> Made:
    _files_out_of_the_project()
    coordinator = person(municipality, Role.COORDINATOR)
    meeting = _meeting(municipality, coordinator)
    attachment = services.add_attachment(
        meeting, by=coordinator, upload=upload(f"Bilag {municipality.name}.pdf", pdf())
    )
    return Made(attachment.pk, owner=coordinator)


WORLD = {
    "meeting_pk": make_meeting_pk,
    "followup_pk": make_followup_pk,
    "attachment_pk": make_attachment_pk,
}
