"""Tasks run in the web process in the embedded default (no REDIS_URL) and in these tests.

A crashing task raises there (CELERY_TASK_EAGER_PROPAGATES), and the suite fails a test in
which a task failed (tests/conftest.py); the outbox still keeps a failing e-mail from
turning a saved change into a server error.
"""

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from accounts.models import Invitation
from accounts.tasks import send_mail_task
from config.celery import app as celery_app
from outbox.models import OutboxMessage
from tests.outbox.test_outbox import mail_kwargs


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise RuntimeError("the mail server is down")


@pytest.mark.task_failure_expected
def test_a_task_that_crashes_in_eager_mode_raises(settings):
    settings.EMAIL_BACKEND = "tests.test_eager_tasks.BrokenBackend"

    assert celery_app.conf.task_eager_propagates is True
    with pytest.raises(RuntimeError, match="the mail server is down"):
        send_mail_task.apply(kwargs=mail_kwargs())


@pytest.mark.task_failure_expected
def test_a_failing_mail_in_the_embedded_default_keeps_the_saved_change(
    client_for, roskilde_coordinator, roskilde, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_eager_tasks.BrokenBackend"
    settings.CELERY_TASK_ALWAYS_EAGER = True

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(roskilde_coordinator).post(
            reverse("accounts:invitation_list"),
            {
                "email": "ny@example.dk",
                "full_name": "Ny Person",
                "municipality": roskilde.pk,
                "role": "reader",
            },
        )

    assert response.status_code == 302
    assert Invitation.objects.filter(email="ny@example.dk").exists()
    message = OutboxMessage.objects.get()
    assert (message.state, message.attempts) == (OutboxMessage.State.PENDING, 1)
    assert "the mail server is down" in message.last_error
