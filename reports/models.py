"""PDF documents drawn by a Celery worker: what was asked for, from which version of its
source, where it stands and, once done, the file with its SHA-256.

A programme's documents are `Report` rows (a tenant row under the programme). A status
report for a whole cohort covers many municipalities, so it cannot be a tenant row (the
tenant base wants exactly one municipality, and a null one is refused): it is a
`CohortReport`, a row of its own that only SBST staff read, with the same fields and the same
states. Both move between states only through `reports.services.transition`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import TenantModel


class Document(models.TextChoices):
    DEVELOPMENT_PLAN = "development_plan", _("Udviklingsplan")
    ANCHORING_PLAN = "anchoring_plan", _("Forankringsplan")
    PROGRAMME_STATUS = "programme_status", _("Statusrapport")


class ReportState(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("Laves")
    DONE = "done", _("Færdig")
    FAILED = "failed", _("Mislykkedes")


class RenderedDocument(models.Model):
    """What every PDF row keeps; see the module's docstring."""

    document = models.CharField(_("dokument"), max_length=30, choices=Document.choices)
    # Which version of the source the file shows: "1" for the approved plan version 1, or
    # the first characters of `source_digest` for a status taken on a given day.
    source_version = models.CharField(_("kildens version"), max_length=64)
    # The SHA-256 of the source as JSON: one file per programme, document and digest.
    source_digest = models.CharField(max_length=64, editable=False)
    # The facts the document is drawn from, frozen when it was asked for (a status report),
    # or what names them (the plan version's number).
    source = models.JSONField(default=dict, editable=False)
    state = models.CharField(
        _("status"), max_length=10, choices=ReportState.choices, default=ReportState.QUEUED
    )
    error = models.TextField(_("fejl"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bestilt af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("bestilt"), default=timezone.now)
    # When the broker last took the task; None while it waits for the sweep.
    handed_over_at = models.DateTimeField(null=True, blank=True, editable=False)
    started_at = models.DateTimeField(_("startet"), null=True, blank=True)
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    # Relative to settings.PRIVATE_MEDIA_ROOT.
    file_path = models.CharField(max_length=300, blank=True, editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    size = models.PositiveIntegerField(_("størrelse i byte"), null=True, blank=True)
    pages = models.PositiveSmallIntegerField(_("sider"), null=True, blank=True)
    # Seconds: the whole render, and WeasyPrint's share of it.
    render_seconds = models.FloatField(null=True, blank=True)
    pdf_seconds = models.FloatField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.state in (ReportState.DONE, ReportState.FAILED)

    @property
    def progress(self) -> str:
        """What the report's page says of it: its state, or "waiting" while a queued report
        has not reached the broker. The page's polling names it, and hears nothing new until
        it changes."""
        if self.state == ReportState.QUEUED and self.handed_over_at is None:
            return "waiting"
        return self.state


class Report(TenantModel, RenderedDocument):
    """A PDF of one programme: its development plan (a version) or its status."""

    tenant_parent = "programme"

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("forløb"),
        on_delete=models.CASCADE,
        related_name="reports",
    )

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        ordering = ["-requested_at", "-id"]
        constraints = [
            # Asking twice for the same source gives the same row (and file).
            models.UniqueConstraint(
                fields=["municipality", "programme", "document", "source_digest"],
                name="report_once_per_source",
            )
        ]
        indexes = [
            models.Index(fields=["municipality", "programme", "document"]),
            models.Index(
                fields=["requested_at"],
                condition=Q(state__in=["queued", "running"]),
                name="report_unfinished",
            ),
        ]

    def __str__(self):
        return f"{self.programme} · {self.get_document_display()} · {self.source_version}"


class CohortReport(RenderedDocument):
    """The status of every programme of a cohort in one PDF, for SBST staff only."""

    cohort = models.ForeignKey(
        "programmes.Cohort",
        verbose_name=_("hold"),
        on_delete=models.CASCADE,
        related_name="status_reports",
    )

    class Meta:
        verbose_name = _("statusrapport for et hold")
        verbose_name_plural = _("statusrapporter for hold")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "document", "source_digest"],
                name="cohort_report_once_per_source",
            )
        ]
        indexes = [
            models.Index(
                fields=["requested_at"],
                condition=Q(state__in=["queued", "running"]),
                name="cohort_report_unfinished",
            ),
        ]

    def __str__(self):
        return f"{self.cohort} · {self.get_document_display()} · {self.source_version}"
