"""Programmes with an approved development plan, and reports asked for through the services."""

from plans import services as plan_services
from programmes.models import Membership
from reports import services
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
