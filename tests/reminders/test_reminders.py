"""Reminders by Celery beat: attendees before a meeting, the chair when minutes are missing,
the responsible person of a follow-up task past due; each sent once."""

import datetime
import threading
import time

import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from meetings import reminders
from meetings.models import Attendance, FollowUp
from meetings.tasks import send_reminders
from outbox.models import OutboxMessage
from programmes.models import GroupMember
from tests.calendar.helpers import at, group, group_member, meeting
from tests.factories import ProgrammeFactory, UserFactory

STARTS = at(2027, 3, 10, 10)


@pytest.fixture(autouse=True)
def _days(settings):
    settings.MEETING_REMINDER_DAYS_BEFORE = 3
    settings.MEETING_MINUTES_REMINDER_DAYS_AFTER = 3


@pytest.fixture
def coordinator():
    return UserFactory(email="koordinator@roskilde.example.dk", full_name="Rikke Koordinator")


@pytest.fixture
def steering(roskilde, coordinator):
    steering = group(ProgrammeFactory(municipality=roskilde, coordinator=coordinator))
    group_member(steering, name="Carl Formand", email="formand@roskilde.example.dk", role="chair")
    group_member(steering, name="Mona Medlem", user=UserFactory(email="mona@roskilde.example.dk"))
    group_member(steering, name="Bo Borger", kind=GroupMember.Kind.CITIZEN)  # no address
    return steering


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the beat task at `moment` as the worker would; return the addresses mailed."""

    def run_at(moment) -> list[str]:
        before = len(mail.outbox)
        with (
            time_machine.travel(moment, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            send_reminders.delay()
        return sorted(address for m in mail.outbox[before:] for address in m.to)

    return run_at


# --- attendees before the meeting ---------------------------------------------------------


def test_attendees_are_reminded_three_days_before_and_only_once(steering, run):
    held = meeting([steering], starts_at=STARTS, place="Rådhuset, mødelokale 2")

    too_early = run(STARTS - datetime.timedelta(days=3, minutes=1))
    due = run(STARTS - datetime.timedelta(days=3))
    again = run(STARTS - datetime.timedelta(days=2))

    assert too_early == []
    assert due == ["formand@roskilde.example.dk", "mona@roskilde.example.dk"]
    assert again == []
    held.refresh_from_db()
    assert held.reminder_sent_at == STARTS - datetime.timedelta(days=3)
    message = next(m for m in mail.outbox if m.to == ["mona@roskilde.example.dk"])
    assert message.subject == "Påmindelse: Styregruppemøde den 10. marts 2027"
    assert "Kære Mona Medlem" in message.body
    assert "den 10. marts 2027 kl. 10.00" in message.body
    assert "Rådhuset, mødelokale 2" in message.body
    assert message.alternatives and message.alternatives[0][1] == "text/html"


def test_the_attendance_list_decides_who_is_reminded(steering, run):
    held = meeting([steering], starts_at=STARTS)
    chair, mona, citizen = steering.members.order_by("name")[:3]  # Bo, Carl, Mona
    statuses = {"Bo Borger": "came", "Carl Formand": "apologies", "Mona Medlem": "invited"}
    for person in (chair, mona, citizen):
        Attendance.objects.create(
            meeting=held, member=person, name=person.name, status=statuses[person.name]
        )

    assert run(STARTS - datetime.timedelta(days=1)) == ["mona@roskilde.example.dk"]


def test_a_cancelled_or_undated_meeting_is_never_reminded(steering, run):
    meeting([steering], starts_at=STARTS, cancelled_at=timezone.now())
    undated = meeting([steering], starts_at=None)

    sent = [run(STARTS - datetime.timedelta(days=d)) for d in (3, 1)]
    sent.append(run(STARTS + datetime.timedelta(days=30)))

    assert sent == [[], [], []]
    undated.refresh_from_db()
    assert (undated.reminder_sent_at, undated.minutes_reminder_sent_at) == (None, None)


def test_a_meeting_already_held_is_not_announced(steering, run):
    meeting([steering], starts_at=STARTS, minutes="Referat", minutes_written_at=STARTS)

    assert run(STARTS + datetime.timedelta(hours=1)) == []


# --- the chair when minutes are missing ---------------------------------------------------


def test_the_chair_is_reminded_once_when_the_minutes_are_missing(steering, run):
    held = meeting([steering], starts_at=STARTS)
    held.reminder_sent_at = STARTS - datetime.timedelta(days=3)  # sent before the meeting
    held.save(update_fields=["reminder_sent_at"])

    too_early = run(STARTS + datetime.timedelta(days=3, minutes=-1))
    due = run(STARTS + datetime.timedelta(days=3))
    again = run(STARTS + datetime.timedelta(days=4))

    assert (too_early, due, again) == ([], ["formand@roskilde.example.dk"], [])
    message = mail.outbox[-1]
    assert message.subject == "Referatet mangler: Styregruppemøde"
    assert "referatet er ikke skrevet endnu" in message.body


def test_no_minutes_reminder_when_the_minutes_are_written(steering, run):
    meeting([steering], starts_at=STARTS, minutes="Referat", minutes_written_at=STARTS)

    assert run(STARTS + datetime.timedelta(days=5)) == []


def test_the_coordinator_is_reminded_when_the_group_has_no_chair(roskilde, coordinator, run):
    without_chair = group(ProgrammeFactory(municipality=roskilde, coordinator=coordinator))
    group_member(without_chair, name="Mona Medlem", email="mona@roskilde.example.dk")
    meeting([without_chair], starts_at=STARTS, reminder_sent_at=STARTS)

    assert run(STARTS + datetime.timedelta(days=3)) == ["koordinator@roskilde.example.dk"]


# --- follow-up tasks past due -------------------------------------------------------------


def _follow_up(steering, **fields):
    held = meeting(
        [steering],
        starts_at=STARTS,
        minutes="Referat",
        minutes_written_at=STARTS,
        reminder_sent_at=STARTS,
    )
    mona = steering.members.get(name="Mona Medlem")
    return FollowUp.objects.create(
        meeting=held,
        text="Send handleplanen til styregruppen",
        responsible=mona,
        due_on=datetime.date(2027, 3, 20),
        **fields,
    )


def test_the_responsible_person_is_reminded_once_after_the_due_date(steering, run):
    task = _follow_up(steering)

    on_the_day = run(at(2027, 3, 20, 23, 59))
    after = run(at(2027, 3, 21, 0, 1))
    again = run(at(2027, 3, 25, 9))

    assert (on_the_day, after, again) == ([], ["mona@roskilde.example.dk"], [])
    task.refresh_from_db()
    assert task.overdue_reminder_sent_at == at(2027, 3, 21, 0, 1)
    message = mail.outbox[-1]
    assert message.subject == "Fristen er overskredet: Send handleplanen til styregruppen"
    assert "Fristen var den 20. marts 2027" in message.body


def test_a_task_that_is_done_is_not_reminded(steering, run):
    _follow_up(steering, done_at=at(2027, 3, 19, 12))

    assert run(at(2027, 3, 25, 9)) == []


# --- once, whoever runs it ----------------------------------------------------------------


def test_two_runs_of_the_task_send_each_reminder_once(steering, run):
    meeting([steering], starts_at=STARTS, reminder_sent_at=STARTS)  # its minutes are missing
    _follow_up(steering)  # past due
    meeting([steering], title="Næste møde", starts_at=at(2027, 3, 23, 10))  # in two days

    first = run(at(2027, 3, 21, 9))
    second = run(at(2027, 3, 21, 9))

    assert first == [
        "formand@roskilde.example.dk",  # the minutes
        "formand@roskilde.example.dk",  # the next meeting
        "mona@roskilde.example.dk",  # the next meeting
        "mona@roskilde.example.dk",  # the task
    ]
    assert second == []
    assert OutboxMessage.objects.count() == 4


def _wait_until_a_session_waits_for_my_locks(*, unless, seconds=10) -> bool:
    """Poll PostgreSQL until another session is blocked by this connection's locks."""
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline and not unless.is_set():
            cursor.execute(
                "SELECT count(*) FROM pg_locks"
                " WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid))"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.01)
    return False


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_the_reminder_once(steering):
    held = meeting([steering], starts_at=STARTS)
    now = STARTS - datetime.timedelta(days=1)
    first_claimed, second_finished = threading.Event(), threading.Event()
    outcome = {}

    def first_worker():
        # Each worker has its own database connection and no scope of its own.
        with scopes_disabled(), transaction.atomic():
            outcome["first"] = reminders.remind_attendees(held.pk, now=now)
            first_claimed.set()
            # Commit only once the second worker's claim waits for this one's row lock.
            outcome["second waited"] = _wait_until_a_session_waits_for_my_locks(
                unless=second_finished
            )
        connection.close()

    def second_worker():
        first_claimed.wait(10)
        try:
            with scopes_disabled():
                outcome["second"] = reminders.remind_attendees(held.pk, now=now)
        finally:
            second_finished.set()
            connection.close()

    threads = [threading.Thread(target=first_worker), threading.Thread(target=second_worker)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    assert outcome == {"first": 2, "second waited": True, "second": None}
    assert OutboxMessage.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "formand@roskilde.example.dk",
        "mona@roskilde.example.dk",
    ]
