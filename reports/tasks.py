from celery import shared_task

from . import services


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=120,
    time_limit=150,
    max_retries=services.MAX_ATTEMPTS,
    ignore_result=True,
)
def render_report(self, *, kind: str, report_id: int):
    """Draw one report's PDF (see `reports.services.render`). Takes ids only and enters the
    report's tenant scope itself; a transient failure puts the report back in the queue and
    tries again with growing pauses."""
    try:
        services.render(kind, report_id)
    except services.TransientError as exc:
        services.release_for_retry(kind, report_id, str(exc))
        raise self.retry(exc=exc, countdown=5 * 2**self.request.retries) from exc


@shared_task(ignore_result=True)
def sweep_reports():
    """Celery beat: hand over again reports the broker never took or lost."""
    services.sweep()
