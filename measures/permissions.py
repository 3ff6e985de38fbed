"""Who may do what with measures, inside what the scoping layer lets them read.

Everyone who reads the programme reads its measures. A measure is written by those who may
write its owner: a trial action's measures by the people who run the trial actions
(`trial_actions.permissions.can_work`), a goal's measures by the drafters of the development
plan (`plans.permissions.can_draft_plan`).
"""

from plans import permissions as plan_permissions
from plans.models import Goal
from trial_actions import permissions as trial_action_permissions
from trial_actions.models import TrialAction


def programme_of(owner):
    """The programme of a trial action or a goal."""
    if isinstance(owner, TrialAction):
        return owner.programme
    if isinstance(owner, Goal):
        return owner.plan.programme
    raise TypeError(f"A measure belongs to a trial action or a goal, not {owner!r}.")


def can_edit_measures_of(user, owner) -> bool:
    """Add, change and remove the measures of `owner` (a trial action or a goal) and their
    points."""
    if isinstance(owner, TrialAction):
        return trial_action_permissions.can_work(user, owner.programme)
    return can_edit_goal_measures(user, programme_of(owner))


def can_edit_goal_measures(user, programme) -> bool:
    """Add, change and remove the measures of the goals of the programme's plan."""
    return plan_permissions.can_draft_plan(user, programme)


def can_edit_measure(user, measure) -> bool:
    return can_edit_measures_of(user, measure.owner)
