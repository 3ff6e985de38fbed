"""The rules every versioned plan follows when its draft changes and when the steering group
approves it.

A plan kind's service function takes the acting user, checks the right, works in one
transaction with the draft's row locked (`lock_draft`: a drafter and an approver may act at
once, and an approval must freeze the draft as one person saw it), changes nothing and logs
nothing when given what is already there, and otherwise writes one activity entry on the
draft and calls `note_change`, so `has_changes` says whether the draft now differs from the
last approved version. Its approval checks what that plan needs and calls `approve_draft`.
"""

import hashlib
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from programmes.activity import log_action
from programmes.errors import DomainError


def text_digest(text: str) -> str:
    """A short fingerprint of a text, for a form to say which text it was opened on."""
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


def lock_draft(plan):
    """The draft read again with its row locked until the transaction ends: a drafter and an
    approver may act at once, and an approval must freeze the draft as one person saw it."""
    return type(plan).objects.select_for_update().get(pk=plan.pk)


def latest_version(plan):
    """The draft's newest approved version, or None."""
    return plan.versions.order_by("-number").first()


def note_change(locked, snapshot: Callable[[object], dict]) -> None:
    """After a change to the `locked` draft: does it still differ from the last approved
    version? (`snapshot` is only taken when there is a version to compare with.)"""
    latest = latest_version(locked)
    locked.has_changes = latest is None or latest.content != snapshot(locked)
    locked.updated_at = timezone.now()
    locked.save(update_fields=["has_changes", "updated_at"])


def nothing_new_to_approve(content: dict, latest, *, has_changes: bool = True) -> str | None:
    """The refusal when the draft `content` is what the `latest` approved version holds (or
    the draft says it has not changed since), else None."""
    if latest is not None and (not has_changes or latest.content == content):
        return _(
            "Udkastet er det samme som den godkendte version %(number)s. Der er intet nyt at "
            "godkende."
        ) % {"number": latest.number}
    return None


def approve_draft(
    plan,
    *,
    by,
    snapshot: Callable[[object], dict],
    problem: Callable[[dict, object, object], str | None],
    action: str,
):
    """Freeze the draft as its next version: who and when, and its `snapshot` as it is, kept
    unchanged from then on; the draft has no changes after it, and the activity log one
    `action` entry on it.

    Under the lock, `problem(content, locked draft, latest version)` may refuse with a
    sentence (a `DomainError`), so a double click makes one version: the second click waits
    for the first and finds nothing new. The caller checks the approver's right first."""
    with transaction.atomic():
        locked = lock_draft(plan)
        content = snapshot(locked)
        latest = latest_version(locked)
        refusal = problem(content, locked, latest)
        if refusal:
            raise DomainError(refusal)
        version = locked.versions.create(
            number=(latest.number if latest else 0) + 1,
            content=content,
            approved_by=by,
            approved_at=timezone.now(),
        )
        locked.has_changes = False
        locked.save(update_fields=["has_changes"])
        log_action(locked, action, by=by, data={"number": version.number, "version": version.pk})
    plan.has_changes = False
    return version
