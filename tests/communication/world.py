"""The communication app's pages for the cross-tenant walk (see tests/world.py).

An activity's URL names its programme too; the walk fills `programme_pk` from the programme
maker, so the owner's GET names the activity under another programme and is sent on to the
activity's own URL.
"""

from communication import services
from communication.models import Channel
from programmes.models import Membership, ProgrammeGroup
from tests.world import Made, person

from .factories import day, person_in, programme_with_groups

Role = Membership.Role


def make_comm_activity_pk(municipality) -> Made:
    """An activity of a plan, named after the municipality, which its coordinator edits."""
    coordinator = person(municipality, Role.COORDINATOR)
    programme = programme_with_groups(municipality, coordinator=coordinator)
    responsible = person_in(
        programme.groups.get(kind=ProgrammeGroup.Kind.IMPLEMENTATION),
        f"Ansvarlig i {municipality.name}",
    )
    activity = services.add_activity(
        programme,
        by=coordinator,
        title=f"Nyhedsbrev i {municipality.name}",
        audience=f"Medarbejdere i {municipality.name}",
        channel=Channel.NEWSLETTER,
        message=f"Forløbet i {municipality.name} er gået i gang.",
        responsible=responsible,
        planned_on=day(-3),
    )
    return Made(activity.pk, owner=coordinator)


WORLD = {"comm_activity_pk": make_comm_activity_pk}

SBST_PAGES = set()
