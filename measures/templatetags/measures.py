"""The measures panel's data: `{% measures_panel_data owner as panel %}` in
`measures/partials/measures_panel.html`, for a trial action, a goal, or a goal of the plan as
its page reads it (`plans.versions.ReadableGoal`, with the page's `programme`)."""

from django import template
from django.urls import reverse

from plans.models import Goal
from trial_actions.models import TrialAction

from .. import permissions, selectors

register = template.Library()


def _goal_measures(programme, user) -> dict:
    """All goals' measures of the programme, read once per page (however many goals the
    page shows), remembered on the programme for the request."""
    cache = programme.__dict__.setdefault("_measures_by_goal", {})
    if user.pk not in cache:
        cache[user.pk] = selectors.goal_measures_of(programme, user)
    return cache[user.pk]


@register.simple_tag(takes_context=True)
def measures_panel_data(context, owner):
    user = context["request"].user
    if isinstance(owner, TrialAction):
        programme = owner.programme
        measures = selectors.measures_of(owner, user)
        can_edit = permissions.can_edit_measures_of(user, owner)
        add_url = reverse(
            "measures:trial_action_measure_add",
            kwargs={"programme_pk": owner.programme_id, "trial_action_pk": owner.pk},
        )
        key = f"proevehandling-{owner.pk}"
    else:
        programme = owner.plan.programme if isinstance(owner, Goal) else context["programme"]
        goal_id = owner.pk if isinstance(owner, Goal) else owner.id
        measures = _goal_measures(programme, user).get(goal_id, [])
        can_edit = permissions.can_edit_goal_measures(user, programme)
        add_url = reverse(
            "measures:goal_measure_add",
            kwargs={"programme_pk": programme.pk, "goal_pk": goal_id},
        )
        key = f"maal-{goal_id}"
    return {
        "programme": programme,
        "is_goal": not isinstance(owner, TrialAction),
        "summaries": [selectors.summarise(measure) for measure in measures],
        "can_edit": can_edit,
        "add_url": add_url,
        "title": owner.title,
        "key": key,
    }
