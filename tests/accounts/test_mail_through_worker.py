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

    deadline = time.monotonic() + 30
    sent = []
    while time.monotonic() < deadline and not sent:
        sent = [p for p in celery_worker_process.mail_dir.iterdir() if p.stat().st_size]
        time.sleep(0.2)
    assert sent, "the worker did not send the invitation within 30 seconds"
    message = sent[0].read_text()
    assert "To: via-worker@example.dk" in message
    assert "Roskilde" in message
