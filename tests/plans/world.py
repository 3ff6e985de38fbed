"""Roskilde's development plan for the cross-tenant walk (see tests/world.py).

The plan's pages sit under their programme's URL, which the walk fills from the programme
maker (a programme of its own, made after these): a goal or sub-goal named under it is sent
on to its own address, and a version number it has not reached is told on its plan page.
Writing the draft is for its drafters: the pages that name no goal are opened by the
programme's coordinator (see tests/programmes/world.py).
"""

from plans import services
from programmes.models import Membership
from tests.world import Made

from .factories import add_goal, add_sub_goal, drafter, programme_with_groups, steering_member

Role = Membership.Role


def _goal(municipality):
    programme = programme_with_groups(municipality.name)
    by = drafter(programme, full_name=f"Implementeringsgruppen i {municipality.name}")
    goal = add_goal(programme, by, title=f"Mål i {municipality.name}")
    return goal, by


def make_goal_pk(municipality) -> Made:
    goal, by = _goal(municipality)
    return Made(goal.pk, owner=by)


def make_sub_goal_pk(municipality) -> Made:
    goal, by = _goal(municipality)
    sub_goal = add_sub_goal(goal, by, title=f"Delmål i {municipality.name}")
    return Made(sub_goal.pk, owner=by)


def make_version_number(municipality) -> Made:
    goal, by = _goal(municipality)
    add_sub_goal(goal, by, title=f"Delmål i {municipality.name}")
    programme = goal.plan.programme
    version = services.approve_plan(goal.plan, by=steering_member(programme))
    return Made(version.number, owner=by)


WORLD = {
    "goal_pk": make_goal_pk,
    "sub_goal_pk": make_sub_goal_pk,
    "version_number": make_version_number,
}
