"""Programmes with groups and communication plans, built through the services."""

import datetime

from communication import services
from communication.models import Channel, copenhagen_today
from programmes.models import GroupMember, Level, ProgrammeGroup
from tests.factories import ProgrammeFactory

Kind = ProgrammeGroup.Kind


def programme_with_groups(municipality, **fields):
    """A programme in forberede with a steering group and an implementation group."""
    programme = ProgrammeFactory(municipality=municipality, **fields)
    for kind, name in (
        (Kind.STEERING, "Styregruppe"),
        (Kind.IMPLEMENTATION, "Implementeringsgruppe"),
    ):
        ProgrammeGroup.objects.create(programme=programme, kind=kind, name=name)
    return programme


def group(programme, kind):
    return programme.groups.get(kind=kind)


def person_in(group, name, user=None, **fields):
    """A member of `group`, linked to `user`'s account when given."""
    return GroupMember.objects.create(
        group=group, name=name, user=user, **{"level": Level.OTHER, **fields}
    )


def day(offset: int) -> datetime.date:
    """The Danish date `offset` days from today."""
    return copenhagen_today() + datetime.timedelta(days=offset)


def activity(programme, by, *, title="Nyhed på intranettet", days=7, **fields):
    """An activity of `programme`'s plan dated `days` from today, added by `by`."""
    values = {
        "audience": "Medarbejdere i bostøtten",
        "channel": Channel.INTRANET,
        "message": "Vi er gået i gang med forløbet.",
        "planned_on": day(days),
        **fields,
    }
    return services.add_activity(programme, by=by, title=title, **values)
