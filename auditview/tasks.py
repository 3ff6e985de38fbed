from celery import shared_task
from django_scopes import scopes_disabled

from accounts.emails import send_rendered_mail

from . import digest


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True, ignore_result=True
)
def send_digest_mail(*, to: list[str], subject: str, body: str):
    """One plain-text e-mail, composed when its digest was claimed."""
    send_rendered_mail(subject, body, None, to)


@shared_task(acks_late=True, ignore_result=True)
def send_weekly_digests():
    """Celery beat's weekly digest (see `auditview.digest`); each consultant's is sent once
    per ISO week, so running this twice, or on two workers at once, sends nothing twice."""
    # The consultants' programmes are in every municipality; each digest is claimed by its row.
    with scopes_disabled():
        return digest.send_weekly_digests()
