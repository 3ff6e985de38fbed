from celery import shared_task

from .emails import send_rendered_mail, send_templated_mail


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True, ignore_result=True
)
def send_mail_task(*, template: str, to: list[str], context: dict, language: str = "da"):
    """Send one templated e-mail off the request path; SMTP hiccups are retried."""
    send_templated_mail(template, to, context, language)


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True, ignore_result=True
)
def send_rendered_mail_task(*, subject: str, text: str, html: str | None, to: list[str]):
    """Send an e-mail rendered in the request (it carries a one-time link), off the request path."""
    send_rendered_mail(subject, text, html, to)
