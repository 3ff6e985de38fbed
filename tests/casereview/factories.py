"""Programmes with the groups the review's rights come from, and reviewed cases, built
through the services."""

from casereview import services
from programmes.models import GroupMember, Level, Membership, Principle, ProgrammeGroup
from tests.factories import ProgrammeFactory, member

Kind = ProgrammeGroup.Kind
Role = Membership.Role


def review_programme(municipality, **fields):
    """A programme in forberede with a steering group, an implementation group and a local
    group."""
    programme = ProgrammeFactory(municipality=municipality, **fields)
    for kind, name in (
        (Kind.STEERING, "Styregruppe"),
        (Kind.IMPLEMENTATION, "Implementeringsgruppe"),
        (Kind.LOCAL, "Lokal gruppe"),
    ):
        ProgrammeGroup.objects.create(programme=programme, kind=kind, name=name)
    return programme


def in_group(programme, kind, role, **user_fields):
    """A user of the programme's municipality with `role`, linked to a member of its group of
    `kind`."""
    user = member(programme.municipality.name, role=role, **user_fields)
    GroupMember.objects.create(
        group=programme.groups.get(kind=kind), name=str(user), user=user, level=Level.OTHER
    )
    return user


def implementation_member(programme, **user_fields):
    return in_group(programme, Kind.IMPLEMENTATION, Role.IMPLEMENTATION, **user_fields)


def details(label="Sag 1", **fields) -> dict:
    return {
        "label": label,
        "area": "authority",
        "hopes_in_assessment": "yes",
        "hopes_in_action_plan": "partly",
        "resources_in_assessment": "no",
        "resources_in_action_plan": "yes",
        "note": "",
        **fields,
    }


def findings(shows="clearly", **by_principle) -> dict:
    """Every principle showing `shows`; `p3="not"` or `p3=("not", "note")` for one of them."""
    made = {}
    for principle in Principle:
        given = by_principle.get(f"p{principle.value}", shows)
        value, note = given if isinstance(given, tuple) else (given, "")
        made[principle.value] = {"shows": value, "note": note}
    return made


def recorded_case(programme, by, label="Sag 1", *, shows="clearly", **fields):
    return services.record_case(
        programme, by=by, details=details(label, **fields), findings=findings(shows)
    )


def form_data(label="Sag 1", *, case=None, **overrides) -> dict:
    """The case form as a browser posts it: every field, every principle clearly."""
    data = {
        "label": label,
        "area": "authority",
        "hopes_in_assessment": "yes",
        "hopes_in_action_plan": "partly",
        "resources_in_assessment": "no",
        "resources_in_action_plan": "yes",
        "note": "",
    }
    for principle in Principle:
        data[f"principle-{principle.value}-shows"] = "clearly"
        data[f"principle-{principle.value}-note"] = ""
    data.update(overrides)
    return data
