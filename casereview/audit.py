"""Every read of a reviewed case is recorded in django-auditlog's log (who, when, from where).

A page that shows one case sends auditlog's `accessed` signal, which writes one access entry;
the actor, address and correlation id come from the request through the auditlog middleware
(`accounts.middleware.AuditlogMiddleware`). The review page shows every case's findings, so it
writes one access entry per case in one insert: the same entries, made here from the same
request context, since a bulk insert sends no signals.

The cases and their findings are registered with auditlog (`register`) without their notes,
so the audit log never copies what someone wrote about a citizen. Each entry carries the
case's programme and municipality (`ReviewedCase.get_additional_data`), so the read log can
show and filter them after a case is removed.
"""

from auditlog.cid import get_cid
from auditlog.context import auditlog_value
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.signals import accessed
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.encoding import smart_str

from .models import PrincipleFinding, ReviewedCase


def register() -> None:
    """Called from `CaseReviewConfig.ready`: field-level history of the cases and findings,
    and access logging, with the free text left out."""
    auditlog.register(ReviewedCase, exclude_fields=["note", "updated_at"])
    auditlog.register(PrincipleFinding, exclude_fields=["note"])


def record_read(case: ReviewedCase) -> None:
    """One access entry: the signed-in person read `case`."""
    accessed.send(sender=ReviewedCase, instance=case)


def _request_context() -> dict:
    try:
        return auditlog_value.get()
    except LookupError:
        return {}


def record_reads(cases, *, by) -> None:
    """One access entry per case in `cases`, read by `by`, written in one insert; the address
    and port come from the request (the middleware's context), as for a single read."""
    cases = list(cases)
    if not cases:
        return
    context = _request_context()
    # The context is the running request's (the middleware resets it when the request ends);
    # it speaks for this read only when its actor is the reader.
    if context.get("actor") != by:
        context = {}
    actor = by
    content_type = ContentType.objects.get_for_model(ReviewedCase)
    now = timezone.now()
    cid = get_cid()
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(case.pk),
                object_id=case.pk,
                object_repr=smart_str(case),
                action=LogEntry.Action.ACCESS,
                actor=actor,
                actor_email=getattr(actor, "email", None),
                remote_addr=context.get("remote_addr"),
                remote_port=context.get("remote_port"),
                cid=cid,
                timestamp=now,
                additional_data=case.get_additional_data(),
            )
            for case in cases
        ]
    )


def reads():
    """Every recorded read of a case, newest first."""
    return (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(ReviewedCase),
            action=LogEntry.Action.ACCESS,
        )
        .select_related("actor")
        .order_by("-timestamp", "-pk")
    )
