from celery import shared_task

from . import services


@shared_task(acks_late=True, ignore_result=True)
def deliver(*, message_id: int):
    """Run one outbox message (see `outbox.services.deliver_message`)."""
    services.deliver_message(message_id)


@shared_task(ignore_result=True)
def sweep_outbox():
    """Celery beat: hand over what the broker missed and what waits for another try."""
    services.sweep()
