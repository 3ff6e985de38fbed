"""Anchoring plans built through the services, on the development plan's programmes
(`tests/plans/factories.py`): groups with members, drafters and steering members."""

import datetime

from anchoring import services
from anchoring.models import AnchoringPlan, YieldStatement
from plans.models import SubGoalStatus
from tests.plans.factories import (  # noqa: F401  (the anchoring tests' cast)
    Kind,
    add_goal,
    add_sub_goal,
    drafter,
    programme_with_groups,
    responsible,
    seat,
    steering_member,
)
from trial_actions.models import TrialAction, TrialActionState


def programme_in_anchor(municipality_name="Roskilde", **fields):
    """`programme_with_groups` (which starts in forberede) moved on to forankre."""
    from phases.models import Phase, ProgrammePhase

    programme = programme_with_groups(municipality_name, **fields)
    ProgrammePhase.objects.filter(programme=programme, ended_at=None).update(phase=Phase.ANCHOR)
    return programme


def trial_action(programme, title="Fast opfølgning efter bevilling", **fields):
    """A trial action of `programme` (adopted unless told), written straight to the table:
    the anchoring plan reads trial actions, it does not move them."""
    starts_on = programme.cohort.starts_on
    values = {
        "title": title,
        "problem": "Opfølgningen kommer for sent.",
        "hoped_for": "Støtten passer til borgeren.",
        "starts_on": starts_on,
        "ends_on": starts_on + datetime.timedelta(days=60),
        "evaluate_by": starts_on + datetime.timedelta(days=70),
        "success_measure": "Otte af ti opfølgninger holdes til tiden.",
        "state": TrialActionState.ADOPTED,
        "responsible": responsible(programme),
        **fields,
    }
    return TrialAction.objects.create(programme=programme, **values)


def reached_goal(programme, by, title="Borgerens egne mål står i handleplanen"):
    """A goal of the development plan whose sub-goals are reached (one) and dropped (one)."""
    goal = add_goal(programme, by, title=title)
    add_sub_goal(goal, by, title=f"{title}: nået", status=SubGoalStatus.DONE)
    add_sub_goal(goal, by, title=f"{title}: opgivet", status=SubGoalStatus.DROPPED)
    return goal


def item_values(programme, **overrides) -> dict:
    """Everything an item needs for approval."""
    return {
        "title": "Ny mødestruktur i bostøtten",
        "mechanisms": ["meeting_structures", "procedures"],
        "description": "Fast punkt på teammødet hver uge.",
        "owner": responsible(programme),
        "follow_up_on": programme.cohort.starts_on + datetime.timedelta(days=400),
        **overrides,
    }


def all_yes() -> dict:
    return {statement: {"answer": "yes", "note": ""} for statement in YieldStatement.values}


def ready_plan(programme, by=None, approver=None, items=1) -> AnchoringPlan:
    """A plan that can be approved: `items` complete items, the continuation and the yield
    answered (by `approver`, a new steering member unless given)."""
    by = by or drafter(programme)
    approver = approver or steering_member(programme)
    for number in range(items):
        services.add_item(
            programme, by=by, **item_values(programme, title=f"Punkt nummer {number + 1}")
        )
    services.change_plan(
        programme, by=by, continuation="Implementeringsgruppen fortsætter som driftsgruppe."
    )
    services.answer_yield(programme, by=approver, answers=all_yes())
    return AnchoringPlan.objects.get(programme=programme)
