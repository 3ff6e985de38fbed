import email
import email.policy
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
    assert message["To"] == "via-worker@example.dk"
    assert "Roskilde" in message.get_body(preferencelist=("plain",)).get_content()


# The file backend ends each message with a line of 79 dashes.
SEPARATOR = "-" * 79


def _wait_for_mail(mail_dir, recipient, *, seconds):
    """The first mail to `recipient`, parsed, once the worker has written its file.

    Searched decoded: in the raw quoted-printable text a soft line break may fall inside
    any word, depending on the length of the names before it.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for path in sorted(mail_dir.iterdir()):
            text = path.read_text()
            if not text.rstrip().endswith(SEPARATOR):
                continue  # still being written
            for raw in text.split(SEPARATOR):
                if not raw.strip():
                    continue
                message = email.message_from_string(raw.lstrip(), policy=email.policy.default)
                if message["To"] == recipient:
                    return message
        time.sleep(0.2)
    raise AssertionError(f"the worker sent no mail to {recipient} within {seconds} seconds")
