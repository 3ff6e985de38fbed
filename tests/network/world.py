"""Network activities for the cross-tenant walk (see tests/world.py)."""

import datetime

from django.utils import timezone

from meetings.models import NetworkActivity, NetworkInvitation, NetworkParticipant
from programmes.models import GroupMember, Level, Membership, ProgrammeGroup
from tests.factories import ConsultantFactory, ProgrammeFactory
from tests.world import Made, person


def _activity() -> NetworkActivity:
    return NetworkActivity.objects.create(
        title="Netværksdag", starts_at=timezone.now() + datetime.timedelta(days=30)
    )


def make_invitation_pk(municipality) -> Made:
    """The municipality's place in an activity, with one participant named after it."""
    coordinator = person(municipality, Membership.Role.COORDINATOR)
    group = ProgrammeGroup.objects.create(
        programme=ProgrammeFactory(municipality=municipality, coordinator=coordinator),
        kind=ProgrammeGroup.Kind.STEERING,
        name=f"Styregruppen i {municipality.name}",
    )
    member = GroupMember.objects.create(
        group=group, name=f"Deltager fra {municipality.name}", level=Level.CHIEF
    )
    invitation = NetworkInvitation.objects.create(municipality=municipality, activity=_activity())
    NetworkParticipant.objects.create(invitation=invitation, member=member, name=member.name)
    return Made(invitation.pk, owner=coordinator)


def make_activity_pk(municipality) -> Made:
    """An activity the municipality is invited to; only SBST opens the activity's pages."""
    activity = _activity()
    NetworkInvitation.objects.create(municipality=municipality, activity=activity)
    return Made(activity.pk, owner=ConsultantFactory())


WORLD = {"invitation_pk": make_invitation_pk, "activity_pk": make_activity_pk}

SBST_PAGES = {
    "network:activity_list",
    "network:activity_create",
    "network:activity_detail",
    "network:activity_edit",
    "network:activity_municipalities",
    "network:invitation_remove",
}
