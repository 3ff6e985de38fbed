from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_mail(template: str, to: list[str], context: dict, language: str = "da"):
    """Send a plain-text and HTML e-mail from `<template>_subject.txt`, `.txt` and `.html`."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    send_rendered_mail(subject, text, html, to)


def send_rendered_mail(subject: str, text: str, html: str | None, to: list[str]):
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
