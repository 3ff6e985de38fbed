"""Programmes with a coordinator, rounds opened through the services and answers given
through them."""

from phases.models import Phase
from programmes.models import Membership
from temperature import services
from temperature.models import RespondentKind, RoundKind, Statement
from tests.factories import ProgrammeFactory, member, municipality

Role = Membership.Role
GROUPS = {RespondentKind.LEADERS: 8, RespondentKind.EMPLOYEES: 20, RespondentKind.CITIZENS: 6}


def coordinator_of(municipality_name="Roskilde", **fields):
    return member(municipality_name, role=Role.COORDINATOR, **fields)


def programme_in(phase=Phase.PREPARE, municipality_name="Roskilde", **fields):
    return ProgrammeFactory(municipality=municipality(municipality_name), phase=phase, **fields)


def open_round(programme, by, kind=RoundKind.FIRST, groups=None):
    return services.open_round(programme, by=by, kind=kind, groups=dict(groups or GROUPS))


def group_of(round_, kind=RespondentKind.LEADERS):
    return round_.groups.get(kind=kind)


def statements_of(round_):
    return list(
        Statement.objects.filter(dimension__instrument_id=round_.instrument_id).select_related(
            "dimension"
        )
    )


def answer(group, value=3, *, per_dimension=None):
    """One response: `value` on every statement, or `per_dimension[key]` for a dimension."""
    values = {
        statement.pk: (per_dimension or {}).get(statement.dimension.key, value)
        for statement in statements_of(group.round)
    }
    return services.submit_response(group, values=values)


def answers(group, count, value=3, **kwargs):
    for _ in range(count):
        answer(group, value, **kwargs)
