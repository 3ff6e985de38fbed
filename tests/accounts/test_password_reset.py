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
