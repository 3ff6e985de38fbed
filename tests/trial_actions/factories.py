"""Programmes with groups and a development plan, and trial actions built through the
services in each state of their cycle."""

import datetime

from programmes.models import Membership, Principle
from tests.factories import member
from tests.plans.factories import (
    Kind,
    drafter,
    group,
    programme_with_groups,
    ready_plan,
    responsible,
    seat,
    steering_member,
)
from trial_actions import services
from trial_actions.models import TrialActionState, copenhagen_today

State = TrialActionState
Role = Membership.Role

__all__ = [
    "Kind",
    "State",
    "coordinator",
    "decided",
    "drafter",
    "evaluated",
    "group",
    "plan_values",
    "planned",
    "programme_with_plan",
    "running",
    "seat",
    "steering_member",
]


def programme_with_plan(municipality_name="Roskilde", **fields):
    """A programme with its three groups and a development plan of one goal with two
    sub-goals (written by an implementation-group member)."""
    programme = programme_with_groups(municipality_name, **fields)
    ready_plan(programme, drafter(programme), goals=1, sub_goals=2)
    return programme


def coordinator(programme, **user_fields):
    """A new coordinator of the programme's municipality."""
    return member(programme.municipality.name, role=Role.COORDINATOR, **user_fields)


def plan_values(programme, **overrides) -> dict:
    starts_on = copenhagen_today() - datetime.timedelta(days=14)
    sub_goal = (
        programme.development_plan.goals.first().sub_goals.order_by("id").first()
        if hasattr(programme, "development_plan")
        else None
    )
    return {
        "title": "Borgeren skriver selv sine mål i handleplanen",
        "problem": "Handleplanerne beskriver tilbuddets mål, ikke borgerens.",
        "hoped_for": "At borgeren genkender sine egne ord i planen.",
        "principles": [Principle.HOPES, Principle.RESOURCES],
        "sub_goals": [sub_goal] if sub_goal else [],
        "group": group(programme, Kind.LOCAL),
        "responsible": responsible(programme, Kind.LOCAL),
        "starts_on": starts_on,
        "ends_on": starts_on + datetime.timedelta(days=42),
        "evaluate_by": starts_on + datetime.timedelta(days=49),
        "success_measure": "Otte af ti nye handleplaner har borgerens egne ord.",
        **overrides,
    }


def planned(programme, by=None, **overrides):
    by = by or coordinator(programme)
    return services.plan_trial_action(programme, by=by, **plan_values(programme, **overrides))


def running(programme, by=None, observations=0, **overrides):
    by = by or coordinator(programme)
    trial_action = services.start_trial_action(planned(programme, by, **overrides), by=by)
    for number in range(observations):
        services.add_observation(
            trial_action,
            by=by,
            observed_on=trial_action.starts_on + datetime.timedelta(days=number),
            text=f"Iagttagelse nummer {number + 1}",
        )
    return trial_action


def evaluated(programme, by=None, **overrides):
    by = by or coordinator(programme)
    return services.evaluate_trial_action(
        running(programme, by, **overrides),
        by=by,
        what_happened="Seks af ti planer havde borgerens ord.",
        learning="Skabelonen hjælper, men samtalen skal trænes.",
    )


def decided(programme, decision, by=None, **overrides):
    by = by or coordinator(programme)
    return services.decide_trial_action(
        evaluated(programme, by, **overrides), decision, by=by, reason="Det virkede delvist."
    )
