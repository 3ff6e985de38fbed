"""The cycle of a trial action: plan → carry out → evaluate → decide, every transition and
every refusal, the follow-up an adaptation creates, and the plan's edits."""

import datetime

import pytest

from programmes.activity import for_object
from programmes.errors import DomainError
from programmes.models import ActivityEntry, Principle
from tests.factories import ConsultantFactory
from trial_actions import services
from trial_actions.activity import Action
from trial_actions.models import Observation, TrialAction, copenhagen_today

from .factories import (
    Kind,
    State,
    coordinator,
    decided,
    drafter,
    evaluated,
    planned,
    programme_with_plan,
    running,
    seat,
    steering_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return programme_with_plan()


@pytest.fixture
def by(programme):
    return coordinator(programme)


def actions(trial_action) -> list[str]:
    return [entry.action for entry in for_object(trial_action).order_by("id")]


# --- planning -------------------------------------------------------------------------------


def test_a_planned_trial_action_keeps_its_plan_and_logs_one_entry(programme, by):
    trial_action = planned(programme, by)

    assert trial_action.state == State.PLANNED
    assert trial_action.principles == [Principle.HOPES, Principle.RESOURCES]
    assert trial_action.sub_goals.count() == 1
    assert actions(trial_action) == [Action.PLANNED]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "  "}, "title"),
        ({"problem": ""}, "problem"),
        ({"hoped_for": ""}, "hoped_for"),
        ({"principles": []}, "principles"),
        ({"success_measure": ""}, "success_measure"),
        ({"ends_on": datetime.date(2020, 1, 1)}, "ends_on"),
        ({"evaluate_by": datetime.date(2020, 1, 1)}, "evaluate_by"),
        ({"starts_on": None}, "starts_on"),
    ],
)
def test_a_plan_that_breaks_a_rule_is_refused_on_its_field(programme, by, overrides, field):
    with pytest.raises(DomainError) as refused:
        planned(programme, by, **overrides)

    assert refused.value.field == field
    assert not TrialAction.objects.exists()


def test_a_group_person_or_sub_goal_of_another_programme_is_refused(programme, by):
    other = programme_with_plan()
    for overrides, field in (
        ({"group": other.groups.first()}, "group"),
        ({"responsible": other.groups.first().members.first()}, "responsible"),
        ({"sub_goals": [other.development_plan.goals.first().sub_goals.first()]}, "sub_goals"),
    ):
        with pytest.raises(DomainError) as refused:
            planned(programme, by, **overrides)
        assert refused.value.field == field


def test_a_plan_given_as_it_is_writes_nothing(programme, by):
    trial_action = planned(programme, by)
    before = TrialAction.objects.filter(pk=trial_action.pk).values().get()

    services.change_plan(trial_action, by=by, **services.plan_values(trial_action))

    assert TrialAction.objects.filter(pk=trial_action.pk).values().get() == before
    assert actions(trial_action) == [Action.PLANNED]


def test_a_changed_plan_logs_which_fields_changed(programme, by):
    trial_action = planned(programme, by)
    values = services.plan_values(trial_action)

    services.change_plan(
        trial_action, by=by, **{**values, "title": "Ny titel", "principles": [Principle.NETWORK]}
    )

    trial_action.refresh_from_db()
    assert trial_action.title == "Ny titel"
    assert trial_action.principles == [Principle.NETWORK]
    entry = for_object(trial_action).order_by("id").last()
    assert entry.action == Action.CHANGED
    assert entry.data["fields"] == ["title", "principles"]


def test_a_new_evaluation_date_lets_the_reminder_be_sent_again(programme, by):
    trial_action = planned(programme, by)
    TrialAction.objects.filter(pk=trial_action.pk).update(
        overdue_reminder_sent_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    values = services.plan_values(trial_action)

    services.change_plan(
        trial_action,
        by=by,
        **{**values, "evaluate_by": values["evaluate_by"] + datetime.timedelta(days=7)},
    )

    trial_action.refresh_from_db()
    assert trial_action.overdue_reminder_sent_at is None


def test_the_plan_of_an_evaluated_trial_action_cannot_change(programme, by):
    trial_action = evaluated(programme, by)

    with pytest.raises(DomainError, match="kan ikke længere ændres"):
        services.change_plan(
            trial_action, by=by, **{**services.plan_values(trial_action), "title": "Andet"}
        )


# --- the cycle ------------------------------------------------------------------------------


def test_starting_a_planned_trial_action_sets_it_running(programme, by):
    trial_action = services.start_trial_action(planned(programme, by), by=by)

    assert trial_action.state == State.RUNNING
    assert trial_action.started_at is not None
    assert actions(trial_action) == [Action.PLANNED, Action.STARTED]


def test_starting_twice_changes_nothing_the_second_time(programme, by):
    trial_action = running(programme, by)

    services.start_trial_action(trial_action, by=by)

    assert actions(trial_action) == [Action.PLANNED, Action.STARTED]


def test_observations_are_logged_while_it_is_carried_out(programme, by):
    trial_action = running(programme, by, observations=2)

    assert Observation.objects.filter(trial_action=trial_action).count() == 2
    assert actions(trial_action) == [
        Action.PLANNED,
        Action.STARTED,
        Action.OBSERVED,
        Action.OBSERVED,
    ]


def test_no_observation_on_a_planned_trial_action(programme, by):
    trial_action = planned(programme, by)

    with pytest.raises(DomainError, match="Sæt den i gang"):
        services.add_observation(
            trial_action, by=by, observed_on=copenhagen_today(), text="For tidligt"
        )


@pytest.mark.parametrize("state", [State.EVALUATED, State.ADOPTED, State.DROPPED])
def test_no_observation_once_it_is_evaluated_or_decided(programme, by, state):
    trial_action = (
        evaluated(programme, by) if state == State.EVALUATED else decided(programme, state, by)
    )

    with pytest.raises(DomainError, match="loggen er lukket"):
        services.add_observation(
            trial_action, by=by, observed_on=copenhagen_today(), text="For sent"
        )


def test_an_observation_dated_in_the_future_or_empty_is_refused(programme, by):
    trial_action = running(programme, by)

    with pytest.raises(DomainError) as future:
        services.add_observation(
            trial_action,
            by=by,
            observed_on=copenhagen_today() + datetime.timedelta(days=1),
            text="I morgen",
        )
    with pytest.raises(DomainError) as empty:
        services.add_observation(trial_action, by=by, observed_on=copenhagen_today(), text=" ")

    assert (future.value.field, empty.value.field) == ("observed_on", "text")


def test_no_evaluation_before_it_was_carried_out(programme, by):
    trial_action = planned(programme, by)

    with pytest.raises(DomainError, match="kan ikke evalueres, før den er afprøvet"):
        services.evaluate_trial_action(trial_action, by=by, what_happened="x", learning="y")


def test_an_evaluation_needs_what_happened_and_what_was_learnt(programme, by):
    trial_action = running(programme, by)

    with pytest.raises(DomainError) as no_story:
        services.evaluate_trial_action(trial_action, by=by, what_happened="", learning="y")
    with pytest.raises(DomainError) as no_learning:
        services.evaluate_trial_action(trial_action, by=by, what_happened="x", learning="")

    assert (no_story.value.field, no_learning.value.field) == ("what_happened", "learning")


def test_evaluating_a_running_trial_action_keeps_the_evaluation(programme, by):
    trial_action = evaluated(programme, by)

    assert trial_action.state == State.EVALUATED
    assert trial_action.learning == "Skabelonen hjælper, men samtalen skal trænes."
    assert trial_action.evaluated_at is not None
    assert actions(trial_action)[-1] == Action.EVALUATED


@pytest.mark.parametrize("decision", [State.ADOPTED, State.ADAPTED, State.DROPPED])
def test_no_decision_without_an_evaluation(programme, by, decision):
    trial_action = running(programme, by)

    with pytest.raises(DomainError, match="uden en evaluering"):
        services.decide_trial_action(trial_action, decision, by=by, reason="Fordi")


def test_a_decision_needs_its_reason(programme, by):
    trial_action = evaluated(programme, by)

    with pytest.raises(DomainError) as refused:
        services.decide_trial_action(trial_action, State.ADOPTED, by=by, reason="")

    assert refused.value.field == "decision_reason"


def test_a_decision_must_be_adopt_adapt_or_drop(programme, by):
    trial_action = evaluated(programme, by)

    with pytest.raises(DomainError) as refused:
        services.decide_trial_action(trial_action, State.RUNNING, by=by, reason="Fordi")

    assert refused.value.field == "decision"


@pytest.mark.parametrize(
    ("decision", "action"),
    [(State.ADOPTED, Action.ADOPTED), (State.DROPPED, Action.DROPPED)],
)
def test_adopting_or_dropping_records_the_decision_and_its_reason(programme, by, decision, action):
    trial_action = decided(programme, decision, by)

    assert trial_action.state == decision
    assert trial_action.decided_at is not None
    assert trial_action.decision_reason == "Det virkede delvist."
    entry = for_object(trial_action).order_by("id").last()
    assert entry.action == action
    assert entry.data["note"] == "Det virkede delvist."
    assert not trial_action.follow_ups.exists()


def test_adapting_creates_the_linked_follow_up_with_the_same_plan(programme, by):
    original = evaluated(programme, by)
    entries = ActivityEntry.objects.count()

    adapted = services.decide_trial_action(original, State.ADAPTED, by=by, reason="Justér")

    follow_up = adapted.created_follow_up
    assert adapted.state == State.ADAPTED
    assert follow_up.follows_id == original.pk
    assert follow_up.state == State.PLANNED
    assert (follow_up.title, follow_up.problem, follow_up.hoped_for) == (
        original.title,
        original.problem,
        original.hoped_for,
    )
    assert (follow_up.group_id, follow_up.responsible_id) == (
        original.group_id,
        original.responsible_id,
    )
    assert follow_up.principles == original.principles
    assert list(follow_up.sub_goals.all()) == list(original.sub_goals.all())
    today = copenhagen_today()
    assert follow_up.starts_on == today
    assert follow_up.ends_on - follow_up.starts_on == original.ends_on - original.starts_on
    assert follow_up.evaluate_by - today == original.evaluate_by - original.starts_on
    assert ActivityEntry.objects.count() == entries + 1
    assert for_object(original).order_by("id").last().data["follow_up"] == follow_up.pk


def test_adapting_twice_creates_one_follow_up(programme, by):
    original = evaluated(programme, by)

    services.decide_trial_action(original, State.ADAPTED, by=by, reason="Justér")
    services.decide_trial_action(original, State.ADAPTED, by=by, reason="Justér")

    assert original.follow_ups.count() == 1


@pytest.mark.parametrize("first", [State.ADOPTED, State.ADAPTED, State.DROPPED])
@pytest.mark.parametrize("then", [State.ADOPTED, State.ADAPTED, State.DROPPED, State.RUNNING])
def test_a_decided_trial_action_cannot_be_decided_or_restarted_again(programme, by, first, then):
    if first == then:
        return
    trial_action = decided(programme, first, by)

    with pytest.raises(DomainError, match="allerede truffet en beslutning"):
        services.transition_trial_action(trial_action, then, by=by, decision_reason="Igen")


def test_an_evaluated_trial_action_cannot_be_restarted(programme, by):
    with pytest.raises(DomainError, match="kan ikke sættes i gang igen"):
        services.start_trial_action(evaluated(programme, by), by=by)


def test_no_way_back_to_planned(programme, by):
    with pytest.raises(DomainError, match="tilbage til at være planlagt"):
        services.transition_trial_action(running(programme, by), State.PLANNED, by=by)


# --- who may act ----------------------------------------------------------------------------


def test_implementation_and_local_group_members_may_run_trial_actions(programme):
    from tests.factories import UserFactory

    local = UserFactory()
    seat(programme, Kind.LOCAL, local)

    trial_action = planned(programme, local)
    services.start_trial_action(trial_action, by=drafter(programme))

    assert TrialAction.objects.get().state == State.RUNNING


def test_the_programme_coordinator_without_a_role_may_run_trial_actions(programme):
    from tests.factories import UserFactory

    own = UserFactory()
    programme.coordinator = own
    programme.save(update_fields=["coordinator"])

    assert planned(programme, own).state == State.PLANNED


@pytest.mark.parametrize("who", ["steering", "consultant"])
def test_a_steering_member_or_the_consultant_cannot_run_trial_actions(programme, by, who):
    user = steering_member(programme) if who == "steering" else ConsultantFactory()
    trial_action = planned(programme, by)

    with pytest.raises(DomainError, match="Kun forløbets koordinator"):
        services.start_trial_action(trial_action, by=user)
    with pytest.raises(DomainError, match="Kun forløbets koordinator"):
        planned(programme, user)
