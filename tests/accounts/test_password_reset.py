import re

from django.core import mail
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD


def test_password_reset_mails_a_danish_link_that_sets_a_new_password(
    client, roskilde_coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("accounts:password_reset"), {"email": roskilde_coordinator.email}
        )

    assert len(callbacks) == 1, "the e-mail is queued after the commit, not sent in the request"

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [roskilde_coordinator.email]
    assert "adgangskode" in message.subject.lower()
    assert message.alternatives, "the e-mail has an HTML part"
    link = re.search(r"/konto/adgangskode/ny/\S+/\S+/", message.body).group(0)

    form_page = client.get(link, follow=True)
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "en-helt-ny-kode-42", "new_password2": "en-helt-ny-kode-42"}
    )

    assert done.status_code == 302
    roskilde_coordinator.refresh_from_db()
    assert roskilde_coordinator.check_password("en-helt-ny-kode-42")
    assert not roskilde_coordinator.check_password(DEFAULT_PASSWORD)


def test_password_reset_for_unknown_email_tells_nothing(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "ingen@example.dk"})

    assert response.status_code == 302
    assert mail.outbox == []


RESET = reverse("accounts:password_reset")
DONE = reverse("accounts:password_reset_done")


def ask_for_reset(client, email, ip="10.0.0.7", **extra):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip, **extra)


def test_password_reset_link_starts_with_site_url_not_the_host_the_request_named(
    client, roskilde_coordinator, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://forlob.example.dk"
    settings.ALLOWED_HOSTS = ["*"]

    with django_capture_on_commit_callbacks(execute=True):
        ask_for_reset(client, roskilde_coordinator.email, HTTP_HOST="angriber.example")

    (message,) = mail.outbox
    assert "angriber.example" not in message.body
    assert re.search(r"^https://forlob\.example\.dk/konto/adgangskode/ny/\S+/$", message.body, re.M)
    html = message.alternatives[0][0]
    assert 'href="https://forlob.example.dk/konto/adgangskode/ny/' in html


def test_password_reset_does_the_same_work_in_the_request_for_known_and_unknown_addresses(
    client, roskilde_coordinator, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    work = {}
    for email in [roskilde_coordinator.email, "ingen@example.dk"]:
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=False) as callbacks,
        ):
            response = ask_for_reset(client, email)
        work[email] = (
            response.status_code,
            response.url,
            len(queries),
            len(callbacks),
            [template.name for template in response.templates],
        )

    # No account lookup, token or e-mail rendering in the request: the task does that.
    assert work[roskilde_coordinator.email] == work["ingen@example.dk"]
    assert work["ingen@example.dk"][:2] == (302, DONE)
    assert work["ingen@example.dk"][3:] == (1, [])
    assert mail.outbox == []


def test_password_reset_is_throttled_per_address_with_the_same_page_and_no_mail(
    client, roskilde_coordinator, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 3
    email = roskilde_coordinator.email
    spellings = [email, email.upper(), f"  {email} ", email]

    responses = []
    with django_capture_on_commit_callbacks(execute=True):
        for n, spelling in enumerate(spellings):
            responses.append(ask_for_reset(client, spelling, ip=f"10.0.0.{n + 1}"))

    assert [(r.status_code, r.url) for r in responses] == [(302, DONE)] * 4
    assert len(mail.outbox) == 3


def test_password_reset_is_throttled_per_client_address(
    client, roskilde_coordinator, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_LIMIT_PER_IP = 10
    for n in range(10):
        ask_for_reset(client, f"ukendt{n}@example.dk", ip="192.0.2.9")

    with django_capture_on_commit_callbacks(execute=True):
        refused = ask_for_reset(client, roskilde_coordinator.email, ip="192.0.2.9")
        allowed = ask_for_reset(client, roskilde_coordinator.email, ip="192.0.2.10")

    assert (refused.status_code, refused.url) == (allowed.status_code, allowed.url) == (302, DONE)
    assert len(mail.outbox) == 1


def test_plain_text_password_reset_mail_shows_a_name_with_ampersand_and_brackets_as_typed(
    client, roskilde_coordinator, django_capture_on_commit_callbacks
):
    roskilde_coordinator.full_name = "Ib & Bo <x>'s"
    roskilde_coordinator.save(update_fields=["full_name"])

    with django_capture_on_commit_callbacks(execute=True):
        ask_for_reset(client, roskilde_coordinator.email)

    (message,) = mail.outbox
    assert "Hej Ib & Bo <x>'s" in message.body
    assert "&amp;" not in message.body and "&lt;" not in message.body
    assert "Ib &amp; Bo &lt;x&gt;&#x27;s" in message.alternatives[0][0]


def test_password_reset_with_a_nul_byte_in_the_address_is_a_form_error(client, db):
    response = client.post(RESET, {"email": "a\x00b@example.dk"})

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
