"""Write work to the outbox with a change, hand it to the broker on commit, run it once.

`enqueue` is called inside the service's transaction. After commit the message is handed to
the broker; if the broker is down, the message waits in the database and `sweep` hands it over
later. `deliver` runs on a worker: it locks the message, skips it if another worker has it or
it is done, runs the task and marks it done in the same transaction, so each message's work
is done once however often it was handed over.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from functools import partial

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
SWEEP_BATCH = 500
KEEP_DONE = timedelta(days=30)

_suppressed: ContextVar[bool] = ContextVar("outbox_suppressed", default=False)


def enqueue(task, **kwargs) -> OutboxMessage | None:
    """Record `task(**kwargs)` in the current transaction; hand it to the broker on commit."""
    if _suppressed.get():
        return None
    message = OutboxMessage.objects.create(task_name=task.name, kwargs=kwargs)
    transaction.on_commit(partial(hand_over, message.pk))
    return message


@contextmanager
def suppressed():
    """Enqueue nothing inside this block (demo data is built for mailboxes that do not exist)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def hand_over(message_id: int) -> bool:
    """Give the broker the message to deliver; on a broker outage leave it for the sweep."""
    from .tasks import deliver

    if current_app.conf.task_always_eager:
        # In-process (the embedded default, tests): the task's own failures are recorded on
        # the message by `deliver_message`; anything else is a bug and should show.
        deliver.apply(kwargs={"message_id": message_id})
        return True
    try:
        with current_app.connection_for_write(settings.CELERY_BROKER_URL) as connection:
            deliver.apply_async(
                kwargs={"message_id": message_id}, connection=connection, retry=False
            )
    except Exception:  # the broker is unreachable; the change stays saved
        logger.warning("Outbox message %s waits for the broker; the sweep sends it.", message_id)
        return False
    return True


def _backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2**attempts, 60))


def deliver_message(message_id: int) -> bool:
    """Run one pending message's task once; on failure record it and schedule another try."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, state=OutboxMessage.State.PENDING)
            .first()
        )
        if message is None:
            return False  # done already, or another worker holds it
        now = timezone.now()
        try:
            with transaction.atomic():
                current_app.tasks[message.task_name](**message.kwargs)
        except Exception as exc:
            message.attempts += 1
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.state = OutboxMessage.State.FAILED
            message.next_attempt_at = now + _backoff(message.attempts)
            message.save(update_fields=["attempts", "last_error", "state", "next_attempt_at"])
            logger.warning(
                "Outbox message %s failed (attempt %s): %s", message.pk, message.attempts, exc
            )
            return False
        message.state = OutboxMessage.State.DONE
        message.done_at = now
        # The arguments may carry a one-time link or personal data: keep them no longer.
        message.kwargs = {}
        message.save(update_fields=["state", "done_at", "kwargs"])
        return True


def sweep(*, now=None) -> int:
    """Hand over again every pending message whose time has come; returns how many.

    Also forgets messages done more than `KEEP_DONE` ago.
    """
    now = now or timezone.now()
    OutboxMessage.objects.filter(
        state=OutboxMessage.State.DONE, done_at__lt=now - KEEP_DONE
    ).delete()
    due = list(
        OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    return sum(hand_over(pk) for pk in due)
