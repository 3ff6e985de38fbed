"""The plan's edit pages for tests/test_resave.py: each built with everything it can show."""

import datetime

from django.urls import reverse

from keyfigures.models import Indicator
from plans import services
from plans.models import DevelopmentPlan, Goal, PlanVersion, SubGoal

from .factories import Kind, drafter, programme_with_groups, responsible, steering_member


def _plan(roskilde):
    """An approved plan with a changed draft: an introduction over several lines, a goal
    evaluated by an indicator and one by a criterion, a sub-goal in progress."""
    programme = programme_with_groups()
    by = drafter(programme)
    indicator = Indicator.objects.create(
        code="resave-botilbud",
        name="Borgere på botilbud & <andre>",
        definition="Antal borgere",
        unit="antal",
        source="Danmarks Statistik",
        theme="early",
    )
    services.change_introduction(programme, by=by, introduction="Linje 1\n\nLinje 3 & <b>")
    by_indicator = services.add_goal(
        programme,
        by=by,
        title="Færre på botilbud & <co>",
        description="Første linje\nAnden linje",
        purposes=[4, 1],
        principles=[5, 7, 8],
        evaluation_kind="indicator",
        indicator=indicator,
        target="10 % færre",
    )
    by_criterion = services.add_goal(
        programme,
        by=by,
        title="Håb og drømme",
        purposes=[1],
        principles=[1],
        evaluation_kind="criterion",
        criterion="Otte af ti\nhandleplaner",
    )
    sub_goal = services.add_sub_goal(
        by_indicator,
        by=by,
        title="Opfølgning & <plan>",
        responsible=responsible(programme, Kind.LOCAL),
        starts_on=datetime.date(2028, 1, 31),
        due_on=datetime.date(2028, 12, 1),
        status="in_progress",
    )
    services.add_sub_goal(
        by_criterion,
        by=by,
        title="Skabelon",
        responsible=responsible(programme),
        starts_on=datetime.date(2028, 2, 1),
        due_on=datetime.date(2028, 2, 1),
    )
    plan = DevelopmentPlan.objects.get(programme=programme)
    services.approve_plan(plan, by=steering_member(programme))
    services.change_introduction(programme, by=by, introduction="Linje 1\n\nLinje 3 & <b>!")

    def state():
        return (
            list(DevelopmentPlan.objects.filter(pk=plan.pk).values()),
            list(Goal.objects.filter(plan=plan).order_by("id").values()),
            list(SubGoal.objects.filter(goal__plan=plan).order_by("id").values()),
            list(PlanVersion.objects.filter(plan=plan).order_by("id").values()),
        )

    return programme, by, by_indicator, sub_goal, state


def plan_edit(roskilde):
    programme, by, _goal, _sub_goal, state = _plan(roskilde)
    return reverse("plans:plan_edit", kwargs={"programme_pk": programme.pk}), by, {}, state


def goal_edit(roskilde):
    programme, by, goal, _sub_goal, state = _plan(roskilde)
    url = reverse("plans:goal_edit", kwargs={"programme_pk": programme.pk, "goal_pk": goal.pk})
    return url, by, {}, state


def sub_goal_edit(roskilde):
    programme, by, _goal, sub_goal, state = _plan(roskilde)
    url = reverse(
        "plans:sub_goal_edit",
        kwargs={"programme_pk": programme.pk, "sub_goal_pk": sub_goal.pk},
    )
    return url, by, {}, state


EDIT_PAGES = {
    "plans:plan_edit": plan_edit,
    "plans:goal_edit": goal_edit,
    "plans:sub_goal_edit": sub_goal_edit,
}
