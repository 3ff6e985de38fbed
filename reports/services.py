"""Asking for a PDF, handing it to a worker, drawing it once, and the sweep that sends again
what the broker never took.

Asking (`request_development_plan`, `request_anchoring_plan`, `request_programme_status`,
`request_cohort_status`)
writes the report row with the frozen facts of its source and hands the task to the broker
after commit. The row itself is the task's outbox: if the broker is down the row stays
queued with no `handed_over_at`, the page says it waits, and `sweep` (Celery beat,
`report-sweep`) hands it over when the broker is back. The project's outbox is not used for
the render because it runs its task inside a transaction that holds the message's row lock:
the report's "running" could not be seen by the page polling it until the render was over,
and the render would run under the outbox's task options instead of this task's time limits.
The e-mail that tells the requester the file is ready does go through the outbox.

The same programme, document and source (an approved plan version; a status's facts of a day)
give the same row and file: asking again returns it, and a failed one is queued again.

Rendering (`render`) runs on a worker, twice guarded: a row lock held for the whole render,
so a second delivery of the same task skips while a live worker draws (and takes over when
that worker died, since its lock died with its database connection), and the state, so a
done report is never drawn again. The file is written to a temporary name in its directory
and renamed into place, so no reader ever sees half a file.
"""

import hashlib
import json
import logging
import os
import time
from datetime import timedelta
from pathlib import Path

from celery import current_app
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from accounts.tasks import send_mail_task
from outbox.services import enqueue
from plans.models import PlanVersion
from programmes.activity import log_action
from programmes.errors import DomainError

from .activity import Action
from .models import CohortReport, Document, Report, ReportState

logger = logging.getLogger(__name__)

State = ReportState
# Task kwarg `kind` → model.
MODELS = {"programme": Report, "cohort": CohortReport}
KIND_OF = {Report: "programme", CohortReport: "cohort"}

MAX_ATTEMPTS = 3
# A queued task the broker took this long ago and nobody started is sent again (the broker
# lost it: Redis restarted without its data); kept above Redis's visibility timeout, after
# which Redis itself hands an unacknowledged task to another worker.
RESEND_AFTER = timedelta(
    seconds=settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] + 60
)
# A render still running this long after it started has lost its worker.
LOST_AFTER = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)

TRANSITIONS = {
    State.QUEUED: {State.RUNNING, State.FAILED},
    State.RUNNING: {State.DONE, State.FAILED, State.QUEUED, State.RUNNING},
    State.FAILED: {State.QUEUED},
    State.DONE: set(),
}
ACTIONS = {
    State.QUEUED: Action.QUEUED,
    State.RUNNING: Action.RUNNING,
    State.DONE: Action.DONE,
    State.FAILED: Action.FAILED,
}


class TransientError(Exception):
    """The render failed for a reason that may pass (the database went away): try again."""


def transition(report, to: str, *, by=None, **fields) -> None:
    """The one way a report changes state; call it holding the row's lock. Sets `fields`
    with the state, saves only those and logs the change once."""
    if to not in TRANSITIONS[report.state]:
        raise DomainError(
            _("En rapport kan ikke gå fra »%(before)s« til »%(after)s«.")
            % {"before": State(report.state).label, "after": State(to).label}
        )
    report.state = to
    for name, value in fields.items():
        setattr(report, name, value)
    report.save(update_fields=["state", *fields])
    data = {"document": report.document, "version": report.source_version}
    if to == State.DONE:
        data.update(pages=report.pages, sha256=report.sha256, size=report.size)
    if to == State.FAILED:
        data["note"] = report.error[:500]
    log_action(
        report,
        ACTIONS[to],
        by=by,
        actor_description="" if by else "Forløbsportalen",
        data=data,
        programme=getattr(report, "programme", None),
    )


# Asking -------------------------------------------------------------------------------------


def digest_of(source: dict) -> str:
    text = json.dumps(source, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _request_approved_plan(programme, version_model, document, source_key, refusal, *, by):
    """The latest approved version of one of the programme's versioned plans as PDF:
    (report, created). Refused with `refusal` while no version is approved."""
    number = (
        version_model.objects.filter(plan__programme_id=programme.pk)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    if number is None:
        raise DomainError(refusal)
    return _request(
        Report, {"programme": programme}, document, {source_key: number}, str(number), by=by
    )


def request_development_plan(programme, *, by):
    """The latest approved version of the programme's development plan as PDF."""
    return _request_approved_plan(
        programme,
        PlanVersion,
        Document.DEVELOPMENT_PLAN,
        "plan_version",
        _(
            "Udviklingsplanen har ingen godkendt version endnu. Når styregruppen har "
            "godkendt den, kan den laves som PDF."
        ),
        by=by,
    )


def request_anchoring_plan(programme, *, by):
    """The latest approved version of the programme's anchoring plan as PDF."""
    from anchoring.models import AnchoringPlanVersion

    return _request_approved_plan(
        programme,
        AnchoringPlanVersion,
        Document.ANCHORING_PLAN,
        "anchoring_plan_version",
        _(
            "Forankringsplanen har ingen godkendt version endnu. Når styregruppen har "
            "godkendt den, kan den laves som PDF."
        ),
        by=by,
    )


def request_programme_status(programme, *, by, today=None):
    """The programme's status today, frozen now, as PDF: (report, created)."""
    from .status import status_facts

    source = {"programmes": status_facts([programme], today=today)}
    digest = digest_of(source)
    return _request(
        Report, {"programme": programme}, Document.PROGRAMME_STATUS, source, digest[:12], by=by
    )


def request_cohort_status(cohort, *, by, today=None):
    """Every programme of `cohort` today, frozen now, in one PDF for SBST: (report, created)."""
    from programmes.models import Programme

    from .status import status_facts

    with scopes_disabled():
        programmes = list(
            Programme.objects.filter(cohort_id=cohort.pk)
            .select_related("municipality", "cohort")
            .order_by("municipality__name", "pk")
        )
        if not programmes:
            raise DomainError(_("Holdet har ingen forløb, så der er ingen status at lave."))
        source = {"cohort": cohort.pk, "programmes": status_facts(programmes, today=today)}
        digest = digest_of(source)
        return _request(
            CohortReport, {"cohort": cohort}, Document.PROGRAMME_STATUS, source, digest[:12], by=by
        )


def _request(model, owner: dict, document: str, source: dict, version: str, *, by):
    digest = digest_of(source)
    with transaction.atomic():
        same = model.objects.select_for_update().filter(
            **owner, document=document, source_digest=digest
        )
        existing = same.first()
        if existing is None:
            try:
                with transaction.atomic():
                    report = model.objects.create(
                        **owner,
                        document=document,
                        source=source,
                        source_digest=digest,
                        source_version=version,
                        requested_by=by,
                    )
            except IntegrityError:  # asked at the same moment by someone else
                existing = same.get()
            else:
                log_action(
                    report,
                    Action.REQUESTED,
                    by=by,
                    data={"document": document, "version": version},
                    programme=owner.get("programme"),
                )
                _hand_over_on_commit(report)
                return report, True
        if existing.state == State.FAILED:
            transition(existing, State.QUEUED, by=by, error="", attempts=0, handed_over_at=None)
            _hand_over_on_commit(existing)
        return existing, False


def _hand_over_on_commit(report) -> None:
    kind, pk = KIND_OF[type(report)], report.pk
    transaction.on_commit(lambda: hand_over(kind, pk))


def hand_over(kind: str, report_id: int) -> bool:
    """Give the broker the render task (Celery's `delay_on_commit`, made safe against a
    broker outage): on success note when; if the broker is down, leave the row queued for
    the sweep and let the request end normally."""
    from .tasks import render_report

    kwargs = {"kind": kind, "report_id": report_id}
    if current_app.conf.task_always_eager:
        render_report.apply(kwargs=kwargs)
        return True
    options = {}
    if queue := getattr(settings, "REPORTS_QUEUE", None):
        options["queue"] = queue
    try:
        with current_app.connection_for_write(settings.CELERY_BROKER_URL) as connection:
            render_report.apply_async(kwargs=kwargs, connection=connection, retry=False, **options)
    except Exception:  # the broker is unreachable; the row waits for the sweep
        logger.warning("Report %s %s waits for the broker; the sweep sends it.", kind, report_id)
        return False
    with scopes_disabled():
        MODELS[kind].objects.filter(pk=report_id).update(handed_over_at=timezone.now())
    return True


def sweep(*, now=None) -> int:
    """Hand over again what the broker never took or lost, and renders whose worker died;
    returns how many. Called every minute by Celery beat."""
    now = now or timezone.now()
    sent = 0
    with scopes_disabled():
        for kind, model in MODELS.items():
            waiting = model.objects.filter(state=State.QUEUED).filter(
                Q(handed_over_at__isnull=True) | Q(handed_over_at__lt=now - RESEND_AFTER)
            )
            lost = model.objects.filter(state=State.RUNNING, started_at__lt=now - LOST_AFTER)
            ids = list(waiting.values_list("pk", flat=True)[:200])
            ids += list(lost.values_list("pk", flat=True)[:200])
            sent += sum(hand_over(kind, pk) for pk in ids)
    return sent


# Rendering ----------------------------------------------------------------------------------


def render(kind: str, report_id: int):
    """Draw the report's PDF once (see the module's docstring); returns the row."""
    model = MODELS[kind]
    if model is Report:
        with scopes_disabled():
            municipality_id = (
                Report.objects.filter(pk=report_id)
                .values_list("municipality_id", flat=True)
                .first()
            )
        if municipality_id is None:
            return None
        with scope(municipality=[municipality_id]):
            return _render(model, report_id)
    # A cohort's report reads every municipality of the cohort, as SBST staff do.
    with scopes_disabled():
        return _render(model, report_id)


def _claim(model, report_id):
    """Mark the report running, unless it is finished or a live worker holds it."""
    with transaction.atomic():
        report = model.objects.select_for_update(skip_locked=True).filter(pk=report_id).first()
        if report is None or report.state in (State.DONE, State.FAILED):
            return None
        if report.state == State.RUNNING and report.attempts >= MAX_ATTEMPTS:
            # Its worker died as often as we try (killed past the hard time limit, say).
            _fail(report, RuntimeError(f"gave up after {report.attempts} attempts"))
            return None
        transition(report, State.RUNNING, started_at=timezone.now(), attempts=report.attempts + 1)
        return report


def _render(model, report_id):
    from . import rendering

    if _claim(model, report_id) is None:
        return model.objects.filter(pk=report_id).first()
    started = time.monotonic()
    with transaction.atomic():
        # Held until the file is in place: a second delivery skips (see `_claim`).
        report = (
            model.objects.select_for_update(skip_locked=True)
            .filter(pk=report_id, state=State.RUNNING)
            .first()
        )
        if report is None:
            return model.objects.filter(pk=report_id).first()
        try:
            result = rendering.render_pdf(report)
            path = _store(report, result.pdf)
        except (OperationalError, InterfaceError) as exc:
            if report.attempts < MAX_ATTEMPTS:
                raise TransientError(str(exc)) from exc
            _fail(report, exc)
            return report
        except Exception as exc:
            logger.exception("Report %s failed", report.pk)
            _fail(report, exc)
            return report
        transition(
            report,
            State.DONE,
            finished_at=timezone.now(),
            file_path=str(path),
            sha256=hashlib.sha256(result.pdf).hexdigest(),
            size=len(result.pdf),
            pages=result.pages,
            pdf_seconds=round(result.pdf_seconds, 3),
            render_seconds=round(time.monotonic() - started, 3),
            error="",
        )
        _tell_requester(report)
        return report


def _fail(report, exc) -> None:
    transition(
        report,
        State.FAILED,
        finished_at=timezone.now(),
        error=f"{type(exc).__name__}: {exc}"[:2000],
    )


def release_for_retry(kind: str, report_id: int, error: str) -> None:
    """A transient failure: the report waits queued for the task's next try."""
    with scopes_disabled(), transaction.atomic():
        report = (
            MODELS[kind]
            .objects.select_for_update()
            .filter(pk=report_id, state=State.RUNNING)
            .first()
        )
        if report is not None:
            transition(report, State.QUEUED, error=error[:2000])


def relative_path(report) -> Path:
    if isinstance(report, Report):
        folder = Path("reports") / str(report.municipality_id) / str(report.programme_id)
    else:
        folder = Path("reports") / "hold" / str(report.cohort_id)
    version = "".join(c for c in report.source_version if c.isalnum())
    return folder / f"{report.pk}-{report.document}-{version}.pdf"


def _store(report, pdf: bytes) -> Path:
    """Write the file under a temporary name in its directory, then rename it into place."""
    relative = relative_path(report)
    final = Path(settings.PRIVATE_MEDIA_ROOT) / relative
    final.parent.mkdir(parents=True, exist_ok=True)
    temporary = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(pdf)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, final)
    # What a worker killed while writing left behind.
    for stale in final.parent.glob(f".{final.name}.*.tmp"):
        stale.unlink(missing_ok=True)
    return relative


def file_of(report) -> Path | None:
    if report.state != State.DONE or not report.file_path:
        return None
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    path = (root / report.file_path).resolve()
    return path if path.is_relative_to(root) else None


def report_url(report) -> str:
    if isinstance(report, Report):
        return reverse(
            "reports:report_detail",
            kwargs={"programme_pk": report.programme_id, "report_pk": report.pk},
        )
    return reverse(
        "reports:cohort_report_detail",
        kwargs={"cohort_pk": report.cohort_id, "cohort_report_pk": report.pk},
    )


def _tell_requester(report) -> None:
    user = report.requested_by
    if not user.email:
        return
    enqueue(
        send_mail_task,
        template="reports/email/report_done",
        to=[user.email],
        context={
            "name": user.full_name or user.email,
            "document": str(Document(report.document).label),
            "subject": str(report.programme if isinstance(report, Report) else report.cohort),
            "version": report.source_version,
            "pages": report.pages,
            "sha256": report.sha256,
            "link": settings.SITE_URL + report_url(report),
        },
        language="da",
    )
