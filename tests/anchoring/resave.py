"""The anchoring plan's edit pages for tests/test_resave.py: each built with everything it
can show."""

import datetime

from django.urls import reverse

from anchoring import services
from anchoring.models import (
    AnchoredItem,
    AnchoringPlan,
    AnchoringPlanVersion,
    DimensionAnswer,
    YieldAnswer,
)

from .factories import (
    Kind,
    add_goal,
    all_yes,
    drafter,
    programme_in_anchor,
    responsible,
    steering_member,
    trial_action,
)


def _plan():
    """An approved plan with a changed draft: items pulled in from trial actions (one made
    complete, one adopted after the approval with nothing filled in), a goal, a free-text
    item with every field, a continuation over several lines, the yield answered with
    notes."""
    programme = programme_in_anchor()
    by = drafter(programme)
    approver = steering_member(programme)
    goal = add_goal(programme, by, title="Håb og drømme")
    services.add_item(
        programme,
        by=by,
        goal=goal,
        title="",
        mechanisms=["procedures"],
        owner=responsible(programme),
        follow_up_on=datetime.date(2030, 6, 1),
    )
    item = services.add_item(
        programme,
        by=by,
        title="Budget & <brobyggere>",
        mechanisms=["budget", "job_descriptions", "key_figures"],
        description="Første linje\nAnden linje",
        owner=responsible(programme, Kind.LOCAL),
        follow_up_on=datetime.date(2030, 1, 31),
    )
    services.change_plan(programme, by=by, continuation="Linje 1\n\nLinje 3 & <b>")
    answers = all_yes()
    answers["continuation"] = {"answer": "partly", "note": "Note & <i>\nlinje 2"}
    services.answer_yield(programme, by=approver, answers=answers)
    plan = AnchoringPlan.objects.get(programme=programme)
    services.approve_plan(plan, by=approver)
    services.change_plan(programme, by=by, continuation="Linje 1\n\nLinje 3 & <b>!")
    trial_action(programme, "Vedtaget senere & <co>", responsible=None)
    services.pull_in(programme, by=by)

    def state():
        return (
            list(AnchoringPlan.objects.filter(pk=plan.pk).values()),
            list(AnchoredItem.objects.filter(plan=plan).order_by("id").values()),
            list(DimensionAnswer.objects.filter(plan=plan).order_by("id").values()),
            list(YieldAnswer.objects.filter(plan=plan).order_by("id").values()),
            list(AnchoringPlanVersion.objects.filter(plan=plan).order_by("id").values()),
        )

    return programme, by, approver, item, state


def plan_edit(roskilde):
    programme, by, _approver, _item, state = _plan()
    return reverse("anchoring:plan_edit", kwargs={"programme_pk": programme.pk}), by, {}, state


def item_edit(roskilde):
    programme, by, _approver, item, state = _plan()
    url = reverse(
        "anchoring:item_edit",
        kwargs={"programme_pk": programme.pk, "anchored_item_pk": item.pk},
    )
    return url, by, {}, state


def pulled_item_edit(roskilde):
    """An item pulled in from a trial action, with nothing filled in yet."""
    programme, by, _approver, _item, state = _plan()
    pulled = AnchoredItem.objects.get(trial_action__isnull=False)
    url = reverse(
        "anchoring:item_edit",
        kwargs={"programme_pk": programme.pk, "anchored_item_pk": pulled.pk},
    )
    return url, by, {}, state


def yield_edit(roskilde):
    programme, _by, approver, _item, state = _plan()
    return (
        reverse("anchoring:yield_edit", kwargs={"programme_pk": programme.pk}),
        approver,
        {},
        state,
    )


EDIT_PAGES = {
    "anchoring:plan_edit": plan_edit,
    "anchoring:item_edit": item_edit,
    "anchoring:item_edit (pulled in)": pulled_item_edit,
    "anchoring:yield_edit": yield_edit,
}
