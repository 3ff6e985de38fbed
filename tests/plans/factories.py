"""Programmes with the groups a development plan needs, and plans built through the services."""

import datetime

from phases.models import Phase
from plans import services
from programmes.models import GroupMember, Level, Membership, ProgrammeGroup
from tests.factories import ProgrammeFactory, member, municipality

Kind = ProgrammeGroup.Kind
Role = Membership.Role


def programme_with_groups(municipality_name="Roskilde", **fields):
    """A programme in forberede with a steering group, an implementation group and a local
    group, each with one member without an account (a possible responsible person)."""
    programme = ProgrammeFactory(
        municipality=municipality(municipality_name), phase=Phase.PREPARE, **fields
    )
    for kind, name in (
        (Kind.STEERING, "Styregruppe"),
        (Kind.IMPLEMENTATION, "Implementeringsgruppe"),
        (Kind.LOCAL, "Lokal gruppe: Bostøtten"),
    ):
        group = ProgrammeGroup.objects.create(programme=programme, kind=kind, name=name)
        GroupMember.objects.create(
            group=group, name=f"{name} ({municipality_name})", level=Level.OTHER
        )
    return programme


def group(programme, kind) -> ProgrammeGroup:
    return programme.groups.get(kind=kind)


def seat(programme, kind, user, **fields) -> GroupMember:
    """`user` as a member of the programme's group of `kind`, linked to their account."""
    fields = {"level": Level.OTHER, "name": user.full_name, **fields}
    return GroupMember.objects.create(group=group(programme, kind), user=user, **fields)


def steering_member(programme, **user_fields):
    """A new user with a seat in the programme's steering group."""
    user = member(programme.municipality.name, role=Role.STEERING, **user_fields)
    seat(programme, Kind.STEERING, user, level=Level.CHIEF)
    return user


def drafter(programme, **user_fields):
    """A new implementation-group member of the programme's municipality."""
    return member(programme.municipality.name, role=Role.IMPLEMENTATION, **user_fields)


def responsible(programme, kind=Kind.IMPLEMENTATION) -> GroupMember:
    return group(programme, kind).members.order_by("id").first()


def goal_values(**overrides) -> dict:
    return {
        "title": "Borgerens egne mål står i handleplanen",
        "description": "",
        "purposes": [1],
        "principles": [1, 2],
        "evaluation_kind": "criterion",
        "criterion": "Otte af ti nye handleplaner har borgerens egne mål.",
        **overrides,
    }


def add_goal(programme, by, **overrides):
    return services.add_goal(programme, by=by, **goal_values(**overrides))


def add_sub_goal(goal, by, **overrides):
    programme = goal.plan.programme
    starts_on = programme.cohort.starts_on
    values = {
        "title": "Ny skabelon til handleplanen",
        "responsible": responsible(programme),
        "starts_on": starts_on,
        "due_on": starts_on + datetime.timedelta(days=60),
        "status": "planned",
        **overrides,
    }
    return services.add_sub_goal(goal, by=by, **values)


def ready_plan(programme, by, goals=1, sub_goals=1):
    """A plan with `goals` complete goals, each with `sub_goals` sub-goals."""
    made = []
    for number in range(goals):
        goal = add_goal(programme, by, title=f"Mål nummer {number + 1}")
        for sub in range(sub_goals):
            add_sub_goal(goal, by, title=f"Delmål {number + 1}.{sub + 1}")
        made.append(goal)
    return made[0].plan if made else None
