"""Programmes with an approved development plan or anchoring plan, and reports asked for
through the services."""

import datetime
from decimal import Decimal

from anchoring import services as anchoring_services
from measures.models import Measure, MeasurePoint
from plans import services as plan_services
from programmes.models import Membership
from reports import services
from tests.anchoring.factories import item_values, programme_in_anchor, ready_plan, trial_action
from tests.factories import member
from tests.plans.factories import (
    add_goal,
    add_sub_goal,
    drafter,
    programme_with_groups,
    steering_member,
)

GOAL = "Færre borgere bor på længerevarende botilbud, og flere går i åbne fællesskaber"


def approved_plan(municipality_name="Roskilde", *, goals=1, description="", **fields):
    """A programme in forberede whose plan the steering group approved as version 1; returns
    (programme, coordinator)."""
    programme = programme_with_groups(municipality_name, **fields)
    by = drafter(programme)
    for number in range(goals):
        goal = add_goal(
            programme,
            by,
            title=GOAL if number == 0 else f"Mål nummer {number + 1} om øget trivsel",
            description=description,
        )
        add_sub_goal(goal, by, title=f"Delmål {number + 1}.1: Kursus i håb og ønsker")
    plan_services.approve_plan(goal.plan, by=steering_member(programme))
    coordinator = member(
        municipality_name,
        role=Membership.Role.COORDINATOR,
        full_name=f"Koordinator {municipality_name}",
    )
    return programme, coordinator


def plan_report(municipality_name="Roskilde", **kwargs):
    """A development plan report, asked for and drawn in-process (a test's transaction never
    commits, so the hand-over after commit does not happen)."""
    programme, coordinator = approved_plan(municipality_name, **kwargs)
    report, _created = services.request_development_plan(programme, by=coordinator)
    services.render("programme", report.pk)
    report.refresh_from_db()
    return report, coordinator


ANCHORED = "Fast opfølgning på bostøtten med borgerens håb og ønsker"
ADOPTED = "Borgeren går selv til møde på værestedet"


def approved_anchoring_plan(
    municipality_name="Roskilde", *, measure_name="Borgere på værestedet", **item
):
    """A programme in forankre with an adopted trial action measured over ten weeks and an
    anchoring plan the steering group approved as version 1; its one item (ANCHORED) takes
    the fields `item` gives. Returns (programme, coordinator)."""
    programme = programme_in_anchor(municipality_name)
    action = trial_action(programme, title=ADOPTED, what_happened="Flere kom med på værestedet.")
    measure = Measure.objects.create(
        programme=programme, trial_action=action, name=measure_name, unit="count"
    )
    for week, value in enumerate([3, 4, 3, 5, 6, 7, 6, 8, 9, 8]):
        MeasurePoint.objects.create(
            measure=measure,
            measured_on=action.starts_on + datetime.timedelta(days=7 * (week - 3)),
            value=Decimal(value),
        )
    by = drafter(programme)
    approver = steering_member(programme)
    plan = ready_plan(programme, by=by, approver=approver)
    anchoring_services.add_item(
        programme, by=by, **item_values(programme, **{"title": ANCHORED, **item})
    )
    anchoring_services.approve_plan(plan, by=approver)
    coordinator = member(
        municipality_name,
        role=Membership.Role.COORDINATOR,
        full_name=f"Koordinator {municipality_name}",
    )
    return programme, coordinator


def anchoring_report(municipality_name="Roskilde"):
    """An anchoring plan report, asked for and drawn in-process."""
    programme, coordinator = approved_anchoring_plan(municipality_name)
    report, _created = services.request_anchoring_plan(programme, by=coordinator)
    services.render("programme", report.pk)
    report.refresh_from_db()
    return report, coordinator
