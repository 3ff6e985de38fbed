"""Programmes with groups and members, for the group and composition tests."""

from programmes.models import Area, GroupMember, Level, ProgrammeGroup
from tests.factories import ConsultantFactory, ProgrammeFactory, member

Kind = ProgrammeGroup.Kind


def group_of(programme, kind=Kind.LOCAL, name=None, **fields):
    return ProgrammeGroup.objects.create(
        programme=programme, kind=kind, name=name or str(Kind(kind).label), **fields
    )


def person_in(group, name="Medlem", **fields):
    fields = {"level": Level.OTHER, **fields}
    return GroupMember.objects.create(group=group, name=name, **fields)


def well_composed_programme(municipality):
    """A programme that satisfies every composition rule."""
    programme = ProgrammeFactory(
        municipality=municipality,
        coordinator=member(municipality.name),
        primary_contact=ConsultantFactory(),
    )
    steering = group_of(programme, Kind.STEERING)
    person_in(steering, "Dorte Direktør", level=Level.DIRECTOR, kind=GroupMember.Kind.LEADER)
    implementation = group_of(programme, Kind.IMPLEMENTATION)
    person_in(implementation, "Bo Borger", kind=GroupMember.Kind.CITIZEN)
    person_in(implementation, "Mette Myndighed", area=Area.AUTHORITY)
    person_in(implementation, "Tina Tilbud", area=Area.HOUSING_SUPPORT)
    return programme
