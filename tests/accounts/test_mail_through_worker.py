import time

import pytest

from accounts.services import invite_person
from programmes.models import Municipality
from tests.factories import member


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_invitation_mail_is_sent_by_the_real_worker_after_commit(celery_worker_process):
    coordinator = member("Roskilde")

    invite_person(
        by=coordinator,
        email="via-worker@example.dk",
        municipality=Municipality.objects.get(name="Roskilde"),
        role="reader",
    )

    message = _wait_for_mail(celery_worker_process.mail_dir, "via-worker@example.dk", seconds=60)
    assert "To: via-worker@example.dk" in message
    assert "Roskilde" in message


def _wait_for_mail(mail_dir, recipient, *, seconds):
    """The text of the first mail file naming `recipient`, once the worker has written it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for path in mail_dir.iterdir():
            text = path.read_text()
            if recipient in text and text.rstrip().endswith("-" * 79):
                return text
        time.sleep(0.2)
    raise AssertionError(f"the worker sent no mail to {recipient} within {seconds} seconds")
