"""Edit pages of the communication app for the resave test (tests/test_resave.py)."""

from django.urls import reverse

from communication import services
from communication.models import Channel, CommunicationActivity
from programmes.models import ProgrammeGroup
from tests.factories import member

from .factories import day, person_in, programme_with_groups


def activity_edit(roskilde):
    """An overdue activity with a responsible person, text over several lines and characters
    that HTML escapes."""
    coordinator = member("Roskilde")
    programme = programme_with_groups(roskilde)
    steering = programme.groups.get(kind=ProgrammeGroup.Kind.STEERING)
    person_in(steering, "Dorte & Co <Direktør>")
    responsible = person_in(
        programme.groups.get(kind=ProgrammeGroup.Kind.IMPLEMENTATION), "Bo & <Borger>"
    )
    activity = services.add_activity(
        programme,
        by=coordinator,
        title="Oplæg & <drøftelse> på personalemødet",
        audience="Ledere & medarbejdere",
        channel=Channel.SOCIAL_MEDIA,
        message="Linje 1\nLinje 2 & <b>\n\nLinje 4",
        materials="Slides\nPjece",
        responsible=responsible,
        planned_on=day(-2),
    )

    def state():
        return list(CommunicationActivity.objects.filter(pk=activity.pk).values())

    url = reverse(
        "communication:activity_edit",
        kwargs={"programme_pk": programme.pk, "comm_activity_pk": activity.pk},
    )
    return url, coordinator, {}, state


EDIT_PAGES = {"communication:activity_edit": activity_edit}
