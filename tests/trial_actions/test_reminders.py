"""The reminder of an overdue evaluation: the responsible person's account is written to once
by Celery beat, through the outbox, however often the task runs."""

import datetime

import pytest
import time_machine
from django.core import mail

from outbox.models import OutboxMessage
from programmes.models import GroupMember, Level
from tests.calendar.helpers import at
from tests.factories import UserFactory
from trial_actions import services
from trial_actions.models import TrialAction
from trial_actions.tasks import send_evaluation_reminders

from .factories import Kind, State, coordinator, group, planned, programme_with_plan

pytestmark = pytest.mark.django_db

DUE = datetime.date(2027, 3, 20)


@pytest.fixture
def programme():
    return programme_with_plan()


@pytest.fixture
def by(programme):
    return coordinator(programme)


@pytest.fixture
def lone(programme):
    """A member of the local group with an account."""
    return GroupMember.objects.create(
        group=group(programme, Kind.LOCAL),
        name="Lone Bech",
        user=UserFactory(email="lone@roskilde.example.dk"),
        level=Level.OTHER,
    )


def due_on(programme, by, responsible, **overrides):
    return planned(
        programme,
        by,
        responsible=responsible,
        starts_on=datetime.date(2027, 3, 1),
        ends_on=datetime.date(2027, 3, 14),
        evaluate_by=DUE,
        **overrides,
    )


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the beat task at `moment` as the worker would; return the addresses mailed."""

    def run_at(moment) -> list[str]:
        before = len(mail.outbox)
        with (
            time_machine.travel(moment, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            send_evaluation_reminders.delay()
        return sorted(address for m in mail.outbox[before:] for address in m.to)

    return run_at


def test_the_responsible_person_is_reminded_once_the_day_after_the_evaluation_date(
    programme, by, lone, run
):
    trial_action = due_on(programme, by, lone)

    on_the_day = run(at(2027, 3, 20, 23, 59))
    after = run(at(2027, 3, 21, 0, 1))
    again = run(at(2027, 3, 28, 9))

    assert (on_the_day, after, again) == ([], ["lone@roskilde.example.dk"], [])
    trial_action.refresh_from_db()
    assert trial_action.overdue_reminder_sent_at == at(2027, 3, 21, 0, 1)
    message = mail.outbox[-1]
    assert message.subject == f"Evalueringen er forsinket: {trial_action.title}"
    assert "senest den 20. marts 2027" in message.body
    assert f"/proevehandlinger/{trial_action.pk}/" in message.body


def test_two_runs_in_a_row_send_the_reminder_once(programme, by, lone, run):
    due_on(programme, by, lone)
    due_on(programme, by, lone, title="En anden prøve")

    first = run(at(2027, 3, 22, 9))
    second = run(at(2027, 3, 22, 9))

    assert first == ["lone@roskilde.example.dk", "lone@roskilde.example.dk"]
    assert second == []
    assert OutboxMessage.objects.count() == 2


def test_an_evaluated_trial_action_is_not_reminded(programme, by, lone, run):
    trial_action = services.start_trial_action(due_on(programme, by, lone), by=by)
    services.evaluate_trial_action(trial_action, by=by, what_happened="x", learning="y")

    assert run(at(2027, 3, 25, 9)) == []
    assert TrialAction.objects.get().state == State.EVALUATED


def test_a_responsible_person_without_an_account_is_not_written_to_but_the_claim_stands(
    programme, by, run
):
    no_account = group(programme, Kind.LOCAL).members.first()
    trial_action = due_on(programme, by, no_account)

    assert run(at(2027, 3, 25, 9)) == []
    trial_action.refresh_from_db()
    assert trial_action.overdue_reminder_sent_at is not None
    assert not OutboxMessage.objects.exists()


def test_a_new_evaluation_date_lets_the_reminder_come_again(programme, by, lone, run):
    trial_action = due_on(programme, by, lone)
    assert run(at(2027, 3, 21, 9)) == ["lone@roskilde.example.dk"]

    values = services.plan_values(trial_action)
    services.change_plan(
        trial_action, by=by, **{**values, "evaluate_by": datetime.date(2027, 4, 1)}
    )

    assert run(at(2027, 3, 25, 9)) == []
    assert run(at(2027, 4, 2, 9)) == ["lone@roskilde.example.dk"]
