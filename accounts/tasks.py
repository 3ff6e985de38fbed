from celery import shared_task

from .emails import send_templated_mail


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True, ignore_result=True
)
def send_mail_task(*, template: str, to: list[str], context: dict, language: str = "da"):
    """Send one templated e-mail off the request path; SMTP hiccups are retried."""
    send_templated_mail(template, to, context, language)
