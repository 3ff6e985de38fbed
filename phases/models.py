from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import TenantModel


class Phase(models.TextChoices):
    """Every phase any kind of programme passes through; `phases/kinds.py` says which kind
    uses which, in what order."""

    ENROL = "enrol", _("Tilmelde")
    PREPARE = "prepare", _("Forberede")
    DEVELOP = "develop", _("Udvikle")
    ANCHOR = "anchor", _("Forankre")
    COMPLETED = "completed", _("Afsluttet")


class ProgrammePhase(TenantModel):
    """A phase a programme has entered: when, by whom, and how it was left.

    The open row (no `ended_at`) is the programme's current phase; a partial unique
    constraint keeps it to one. When a phase is left while its gate does not hold, the reason
    the consultant gave is kept here, beside the activity log's entry.
    """

    tenant_parent = "programme"

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("forløb"),
        on_delete=models.CASCADE,
        related_name="phase_records",
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    started_at = models.DateTimeField(_("startet"), default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("startet af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ended_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afsluttet af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    gate_overridden = models.BooleanField(_("porten var ikke opfyldt"), default=False)
    override_reason = models.TextField(_("begrundelse"), blank=True)

    class Meta:
        verbose_name = _("fase i et forløb")
        verbose_name_plural = _("faser i forløb")
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "phase"], name="programme_phase_entered_once"
            ),
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(ended_at__isnull=True),
                name="programme_phase_one_current",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "programme"])]

    def __str__(self):
        return f"{self.programme} · {self.get_phase_display()}"


class PhaseWindow(models.Model):
    """An SBST administrator's adjustment of one phase's window for a whole cohort.

    Without a row the window is the one the programme kind's template computes.
    """

    cohort = models.ForeignKey(
        "programmes.Cohort",
        verbose_name=_("hold"),
        on_delete=models.CASCADE,
        related_name="phase_windows",
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("slut"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ændret af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("fasevindue")
        verbose_name_plural = _("fasevinduer")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "phase"], name="phase_window_once"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="phase_window_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.cohort} · {self.get_phase_display()}"
