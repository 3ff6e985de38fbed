from celery import shared_task

from .emails import send_password_reset_mail, send_templated_mail


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True, ignore_result=True
)
def send_mail_task(*, template: str, to: list[str], context: dict, language: str = "da"):
    """Send one templated e-mail off the request path; SMTP hiccups are retried."""
    send_templated_mail(template, to, context, language)


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True, ignore_result=True
)
def send_password_reset_task(*, email: str, language: str = "da"):
    """Look up the account and send its password-reset link, off the request path.

    Queued for every request, known address or not, so the request takes the same time.
    """
    send_password_reset_mail(email, language)
