"""E-mails and tasks that must not be lost live in the outbox until a worker has done them."""

import email
import email.policy
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from accounts.tasks import send_mail_task
from enrolment import services as enrolment_services
from outbox import services
from outbox.models import OutboxMessage
from tests.enrolment.factories import draft_enrolment, steering_user
from tests.factories import ConsultantFactory, member

DEAD_BROKER = "redis://127.0.0.1:1/0"  # a port where nothing listens

pytestmark = pytest.mark.cross_tenant


def mail_kwargs(to="ida@example.dk"):
    return {
        "template": "accounts/email/invitation",
        "to": [to],
        "context": {
            "municipality": "Roskilde",
            "role": "Læser",
            "invited_by": "Rikke",
            "link": "http://localhost/x",
            "expires": "1. januar 2030",
        },
    }


def test_a_message_is_written_with_the_change_and_gone_with_its_rollback(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.enqueue(send_mail_task, **mail_kwargs())
        raise RuntimeError("the change fails")

    assert OutboxMessage.objects.count() == 0


def test_a_message_is_sent_after_commit_and_marked_done(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = services.enqueue(send_mail_task, **mail_kwargs())

    message.refresh_from_db()
    assert message.state == OutboxMessage.State.DONE
    assert message.kwargs == {}, "a sent message keeps no link or personal data"
    assert [m.to for m in mail.outbox] == [["ida@example.dk"]]


def test_a_done_message_is_not_sent_again_when_handed_over_twice(db):
    message = services.enqueue(send_mail_task, **mail_kwargs())

    services.hand_over(message.pk)
    services.hand_over(message.pk)
    services.sweep()

    assert len(mail.outbox) == 1


@pytest.mark.task_failure_expected
def test_a_failing_task_is_kept_with_its_error_and_tried_again_later(db, settings):
    settings.EMAIL_BACKEND = "tests.outbox.test_outbox.BrokenBackend"
    message = services.enqueue(send_mail_task, **mail_kwargs())

    assert services.deliver_message(message.pk) is False

    message.refresh_from_db()
    assert (message.state, message.attempts) == (OutboxMessage.State.PENDING, 1)
    assert "SMTP is down" in message.last_error
    assert message.next_attempt_at > timezone.now()
    assert services.sweep() == 0, "not due yet"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.sweep(now=message.next_attempt_at) == 1
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.DONE
    assert len(mail.outbox) == 1


@pytest.mark.task_failure_expected
def test_a_message_that_keeps_failing_is_given_up_after_the_last_attempt(db, settings):
    settings.EMAIL_BACKEND = "tests.outbox.test_outbox.BrokenBackend"
    message = services.enqueue(send_mail_task, **mail_kwargs())

    for _ in range(services.MAX_ATTEMPTS):
        services.deliver_message(message.pk)

    message.refresh_from_db()
    assert message.state == OutboxMessage.State.FAILED
    assert message.attempts == services.MAX_ATTEMPTS


def test_the_sweep_forgets_messages_done_long_ago(db):
    message = services.enqueue(send_mail_task, **mail_kwargs())
    services.deliver_message(message.pk)

    services.sweep(now=timezone.now() + services.KEEP_DONE + timedelta(days=1))

    assert not OutboxMessage.objects.filter(pk=message.pk).exists()


def test_nothing_is_written_while_suppressed(db):
    with services.suppressed():
        services.enqueue(send_mail_task, **mail_kwargs())

    assert OutboxMessage.objects.count() == 0


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise OSError("SMTP is down")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_enrolment_submitted_while_the_broker_is_down_sends_each_mail_once_it_is_back(
    celery_worker_process, settings, roskilde
):
    coordinator = member("Roskilde", email="koordinator-outbox@example.dk")
    steering = steering_user(roskilde, "styre-outbox@example.dk")
    ConsultantFactory(email="konsulent-outbox@sbst.example.dk")
    enrolment = draft_enrolment(
        roskilde,
        coordinator,
        steering=[{"name": "Ida Styre", "email": steering.email, "level": "chief"}],
        director_email="direktoer-outbox@example.dk",
    )
    real_broker = settings.CELERY_BROKER_URL

    settings.CELERY_BROKER_URL = DEAD_BROKER
    enrolment_services.submit_enrolment(enrolment, by=coordinator)

    enrolment.refresh_from_db()
    assert enrolment.state == enrolment.State.SUBMITTED
    pending = OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING)
    assert pending.count() == 3  # the steering member, the director's link, SBST's notice

    settings.CELERY_BROKER_URL = real_broker
    assert services.sweep() == 3
    expected = {
        "styre-outbox@example.dk",
        "direktoer-outbox@example.dk",
        "konsulent-outbox@sbst.example.dk",
    }
    received = _wait_for_recipients(celery_worker_process.mail_dir, expected, seconds=60)
    services.sweep()  # a second sweep finds nothing left to send
    time.sleep(1)

    assert sorted(_recipients(celery_worker_process.mail_dir, expected)) == sorted(expected)
    assert received == expected
    assert not OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING).exists()


def _messages(mail_dir):
    """Every message the worker's file backend wrote, parsed."""
    for path in sorted(mail_dir.iterdir()):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                yield email.message_from_bytes(chunk.strip(), policy=email.policy.default)


def _recipients(mail_dir, wanted):
    return [
        address.strip()
        for message in _messages(mail_dir)
        for address in str(message["To"]).split(",")
        if address.strip() in wanted
    ]


def _wait_for_recipients(mail_dir, wanted, *, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = set(_recipients(mail_dir, wanted))
        if found == wanted:
            return found
        time.sleep(0.2)
    raise AssertionError(f"the worker sent to {found}, not all of {wanted}")
