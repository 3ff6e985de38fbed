import unicodedata

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .lockout import normalise_email
from .models import User


def render_text(template_name: str, context: dict) -> str:
    """Render a plain-text template (a subject or a text body) without HTML escaping.

    A name like `Ib & Bo <x>'s` must read as typed in a text e-mail, not as `Ib &amp; Bo`.
    """
    template = Engine.get_default().get_template(template_name)
    return template.render(Context(context, autoescape=False))


def send_templated_mail(template: str, to: list[str], context: dict, language: str = "da"):
    """Send a plain-text and HTML e-mail from `<template>_subject.txt`, `.txt` and `.html`."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = " ".join(render_text(f"{template}_subject.txt", context).split())
        text = render_text(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    send_rendered_mail(subject, text, html, to)


def send_rendered_mail(subject: str, text: str, html: str | None, to: list[str]):
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def send_password_reset_mail(email: str, language: str = "da") -> int:
    """E-mail a link to choose a new password to the active account with `email`, if any.

    The link starts with SITE_URL, never a host a request named. Returns the number sent.
    """
    sent = 0
    for user in _accounts_for_password_reset(email):
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        link = settings.SITE_URL + reverse(
            "accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token}
        )
        send_templated_mail(
            "registration/password_reset_email",
            [user.email],
            {"user": user, "link": link},
            language,
        )
        sent += 1
    return sent


def _accounts_for_password_reset(email: str):
    # As Django's PasswordResetForm.get_users: active, with a password, and the same address
    # after Unicode case folding (so a look-alike spelling cannot receive another's link).
    email = normalise_email(email)
    for user in User.objects.filter(email__iexact=email, is_active=True):
        if user.has_usable_password() and _casefold(user.email) == _casefold(email):
            yield user


def _casefold(value: str) -> str:
    return unicodedata.normalize("NFKC", value).casefold()
