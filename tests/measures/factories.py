"""Trial actions and goals with measures, built through the services."""

import datetime
from decimal import Decimal

from measures import services
from programmes.models import Membership
from tests.factories import member
from tests.plans.factories import add_goal, drafter, programme_with_groups  # noqa: F401
from trial_actions.models import TrialAction

Role = Membership.Role
DAY = datetime.date(2027, 1, 4)


def trial_action(programme, **fields) -> TrialAction:
    """A planned trial action of `programme` (made directly: the trial actions' services are
    another app's)."""
    starts_on = fields.pop("starts_on", DAY)
    values = {
        "title": "Borgeren skriver selv sin plan",
        "problem": "Planerne er skrevet af medarbejderne.",
        "hoped_for": "Borgerne genkender deres egne mål.",
        "ends_on": starts_on + datetime.timedelta(days=90),
        "evaluate_by": starts_on + datetime.timedelta(days=100),
        "success_measure": "Andelen af planer med borgerens egne ord.",
        **fields,
    }
    return TrialAction.objects.create(programme=programme, starts_on=starts_on, **values)


def worker(programme, **user_fields):
    """A member of the implementation group of the programme's municipality: may work on
    its trial actions and draft its plan."""
    return member(programme.municipality.name, role=Role.IMPLEMENTATION, **user_fields)


def reader(programme, **user_fields):
    """A steering member of the municipality: reads, writes nothing here."""
    return member(programme.municipality.name, role=Role.STEERING, **user_fields)


def add_measure(owner, by, **overrides):
    values = {"name": "Planer med borgerens egne ord", "unit": "percentage", "description": ""}
    return services.add_measure(owner, by=by, **{**values, **overrides})


def add_points(measure, by, values, start=DAY, every_days=7):
    """Points on every `every_days`th day from `start`, one per value."""
    return [
        services.add_point(
            measure,
            by=by,
            measured_on=start + datetime.timedelta(days=every_days * index),
            value=Decimal(str(value)),
            note="",
        )
        for index, value in enumerate(values)
    ]
