"""The anchoring plan's draft: pulled in from what was adopted and reached, without
duplicates; items, the continuation and the yield changed with one entry each, or none."""

import pytest

from anchoring import services
from anchoring.models import AnchoredItem, AnchoringPlan, DimensionAnswer, YieldAnswer
from plans.models import SubGoalStatus
from programmes.errors import DomainError
from programmes.models import ActivityEntry
from tests.factories import member
from trial_actions.models import TrialActionState

from .factories import (
    add_goal,
    add_sub_goal,
    all_yes,
    drafter,
    item_values,
    programme_with_groups,
    reached_goal,
    responsible,
    steering_member,
    trial_action,
)


@pytest.fixture
def programme(roskilde):
    return programme_with_groups()


def entries(action=None):
    rows = ActivityEntry.objects.filter(action__startswith="anchoring.")
    return rows.filter(action=action) if action else rows


def test_the_plan_starts_with_the_adopted_trial_actions_and_the_reached_goals(programme):
    by = drafter(programme)
    adopted = trial_action(programme, "Fast opfølgning")
    trial_action(programme, "Kører stadig", state=TrialActionState.RUNNING)
    trial_action(programme, "Droppet", state=TrialActionState.DROPPED)
    goal = reached_goal(programme, by, "Håb og drømme")
    open_goal = add_goal(programme, by, title="Ikke nået endnu")
    add_sub_goal(open_goal, by, status=SubGoalStatus.DONE)
    add_sub_goal(open_goal, by, title="I gang", status=SubGoalStatus.IN_PROGRESS)

    plan, added = services.pull_in(programme, by=by)

    items = list(AnchoredItem.objects.filter(plan=plan).order_by("id"))
    assert [(i.title, i.trial_action_id, i.goal_id) for i in items] == [
        ("Fast opfølgning", adopted.pk, None),
        ("Håb og drømme", None, goal.pk),
    ]
    assert items[0].owner == responsible(programme), "the trial action's responsible person"
    assert added == items
    entry = entries().get()
    assert (entry.action, entry.data["trial_actions"], entry.data["goals"]) == (
        "anchoring.pulled_in",
        1,
        1,
    )


def test_a_second_pull_adds_nothing_and_logs_nothing(programme):
    by = drafter(programme)
    trial_action(programme)
    reached_goal(programme, by)
    services.pull_in(programme, by=by)

    plan, added = services.pull_in(programme, by=by)

    assert added == []
    assert AnchoredItem.objects.filter(plan=plan).count() == 2
    assert entries().count() == 1


def test_a_trial_action_adopted_later_is_fetched_by_the_next_pull(programme):
    by = drafter(programme)
    first = trial_action(programme, "Først vedtaget")
    services.pull_in(programme, by=by)
    later = trial_action(programme, "Afprøves", state=TrialActionState.RUNNING)
    services.pull_in(programme, by=by)
    type(later).objects.filter(pk=later.pk).update(state=TrialActionState.ADOPTED)

    plan, added = services.pull_in(programme, by=by)

    assert [item.trial_action_id for item in added] == [later.pk]
    assert set(plan.items.values_list("trial_action_id", flat=True)) == {first.pk, later.pk}
    assert entries("anchoring.pulled_in").count() == 2


def test_pulling_in_nothing_still_starts_an_empty_plan_without_an_entry(programme):
    plan, added = services.pull_in(programme, by=drafter(programme))

    assert (plan.programme, added) == (programme, [])
    assert entries().count() == 0


def test_a_pull_leaves_an_item_the_group_changed_as_it_is(programme):
    by = drafter(programme)
    trial_action(programme, "Fast opfølgning")
    _plan, (item,) = services.pull_in(programme, by=by)
    services.change_item(item, by=by, **item_values(programme, title="Opfølgning i drift"))

    services.pull_in(programme, by=by)

    assert list(AnchoredItem.objects.values_list("title", flat=True)) == ["Opfølgning i drift"]


def test_an_item_is_added_changed_and_removed_with_one_entry_each(programme):
    by = drafter(programme)

    item = services.add_item(programme, by=by, **item_values(programme))
    services.change_item(item, by=by, **item_values(programme, description="Hver anden uge."))
    services.remove_item(item, by=by)

    assert AnchoredItem.objects.count() == 0
    assert list(entries().order_by("id").values_list("action", flat=True)) == [
        "anchoring.item_added",
        "anchoring.item_changed",
        "anchoring.item_removed",
    ]
    assert entries("anchoring.item_changed").get().data["fields"] == ["description"]


def test_an_unchanged_item_writes_nothing(programme):
    by = drafter(programme)
    item = services.add_item(programme, by=by, **item_values(programme))
    plan = AnchoringPlan.objects.get()
    before = (plan.updated_at, entries().count())

    services.change_item(
        item, by=by, **item_values(programme, mechanisms=["procedures", "meeting_structures"])
    )

    plan.refresh_from_db()
    assert (plan.updated_at, entries().count()) == before


def test_a_goal_is_added_by_hand_once(programme):
    by = drafter(programme)
    goal = add_goal(programme, by, title="Flere i fællesskaber")

    item = services.add_item(programme, by=by, goal=goal, **item_values(programme, title=""))

    assert (item.title, item.goal) == ("Flere i fællesskaber", goal)
    with pytest.raises(DomainError, match="allerede med"):
        services.add_item(programme, by=by, goal=goal, **item_values(programme))


def test_a_reached_goal_added_by_hand_is_not_pulled_in_again(programme):
    by = drafter(programme)
    goal = reached_goal(programme, by)
    services.add_item(programme, by=by, goal=goal, **item_values(programme))

    _plan, added = services.pull_in(programme, by=by)

    assert added == []
    assert AnchoredItem.objects.filter(goal=goal).count() == 1


def test_a_goal_of_another_programme_is_refused(programme):
    other = programme_with_groups()
    goal = add_goal(other, drafter(other))

    with pytest.raises(DomainError, match="udviklingsplan"):
        services.add_item(programme, by=drafter(programme), goal=goal, **item_values(programme))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "  "}, "title"),
        ({"mechanisms": ["magic"]}, "mechanisms"),
        ({"owner": "OTHER"}, "owner"),
    ],
)
def test_an_item_breaking_a_rule_is_refused(programme, overrides, field):
    if overrides.get("owner") == "OTHER":
        overrides["owner"] = responsible(programme_with_groups())

    with pytest.raises(DomainError) as refused:
        services.add_item(programme, by=drafter(programme), **item_values(programme, **overrides))

    assert refused.value.field == field
    assert AnchoredItem.objects.count() == 0


@pytest.mark.parametrize("who", ["reader", "steering"])
def test_readers_and_steering_members_do_not_draft(programme, who):
    user = member("Roskilde", role="reader") if who == "reader" else steering_member(programme)

    with pytest.raises(DomainError, match="Kun implementeringsgruppen"):
        services.pull_in(programme, by=user)
    with pytest.raises(DomainError, match="Kun implementeringsgruppen"):
        services.add_item(programme, by=user, **item_values(programme))


def test_the_continuation_is_saved_once_and_not_over_someone_elses_text(programme):
    by = drafter(programme)
    shown = services.text_digest("")
    services.change_plan(programme, by=by, continuation="Første tekst", shown=shown)
    services.change_plan(programme, by=by, continuation="Første tekst\r\n", shown=shown)

    with pytest.raises(DomainError, match="En anden har ændret") as refused:
        services.change_plan(programme, by=by, continuation="Min tekst", shown=shown)

    assert refused.value.field == "continuation"
    assert AnchoringPlan.objects.get().continuation == "Første tekst"
    assert entries("anchoring.plan_changed").count() == 1


def test_the_yield_is_answered_by_the_steering_group_with_one_entry(programme):
    approver = steering_member(programme)
    answers = all_yes()
    answers["continuation"] = {"answer": "partly", "note": "Planen mangler budget."}

    services.answer_yield(programme, by=approver, answers=answers)
    services.answer_yield(programme, by=approver, answers=answers)

    assert YieldAnswer.objects.count() == 6
    assert YieldAnswer.objects.get(statement="continuation").note == "Planen mangler budget."
    assert entries("anchoring.yield_answered").count() == 1


def test_a_yield_note_needs_an_answer_and_only_the_steering_group_answers(programme):
    with pytest.raises(DomainError) as refused:
        services.answer_yield(
            programme,
            by=steering_member(programme),
            answers={"continuation": {"answer": "", "note": "Noget"}},
        )
    assert refused.value.field == "continuation_answer"

    with pytest.raises(DomainError, match="Kun styregruppens medlemmer"):
        services.answer_yield(programme, by=drafter(programme), answers=all_yes())

    assert YieldAnswer.objects.count() == 0


def test_answers_about_dimensions_not_flagged_are_refused(programme):
    with pytest.raises(DomainError, match="dimensioner er ændret"):
        services.change_plan(
            programme,
            by=drafter(programme),
            continuation="",
            dimension_answers={"ikke-en-dimension": "Noget"},
        )

    assert DimensionAnswer.objects.count() == 0
