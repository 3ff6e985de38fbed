"""The trial actions' edit page for tests/test_resave.py: built with everything it can show."""

import datetime

from django.urls import reverse

from programmes.models import Principle
from trial_actions.models import TrialAction, TrialActionPrinciple

from .factories import Kind, coordinator, group, programme_with_plan, running


def trial_action_edit(roskilde):
    """A running trial action with text over several lines, two sub-goals, three principles
    and characters HTML must escape."""
    programme = programme_with_plan()
    by = coordinator(programme)
    sub_goals = list(programme.development_plan.goals.first().sub_goals.order_by("id"))
    trial_action = running(
        programme,
        by,
        observations=1,
        title="Borgerens egne ord & <mål>",
        problem="Første linje\nAnden linje",
        hoped_for='At borgeren "genkender" sig selv & sine mål',
        principles=[Principle.EARLY, Principle.HOPES, Principle.KNOWLEDGE],
        sub_goals=sub_goals,
        group=group(programme, Kind.IMPLEMENTATION),
        ends_on=datetime.date(2031, 12, 31),
    )

    def state():
        return (
            list(TrialAction.objects.filter(programme=programme).order_by("id").values()),
            list(
                TrialActionPrinciple.objects.filter(trial_action=trial_action)
                .order_by("id")
                .values()
            ),
            sorted(trial_action.sub_goals.values_list("pk", flat=True)),
        )

    url = reverse(
        "trial_actions:trial_action_edit",
        kwargs={"programme_pk": programme.pk, "trial_action_pk": trial_action.pk},
    )
    return url, by, {}, state


EDIT_PAGES = {"trial_actions:trial_action_edit": trial_action_edit}
