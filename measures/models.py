"""Measures (målinger): values a trial action or a goal of the development plan records over
time, shown as a run chart read with the Anhøj rules (`anhoej.py`)."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import TenantModel
from programmes.validators import no_personal_identifiers, single_line


class UnitKind(models.TextChoices):
    COUNT = "count", _("Antal")
    RATING = "rating", _("Vurdering")
    PERCENTAGE = "percentage", _("Procent")


class Measure(TenantModel):
    """A measure owned by exactly one trial action or one goal of the development plan."""

    tenant_parent = "programme"

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("forløb"),
        on_delete=models.CASCADE,
        related_name="measures",
    )
    trial_action = models.ForeignKey(
        "trial_actions.TrialAction",
        verbose_name=_("prøvehandling"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="measures",
    )
    goal = models.ForeignKey(
        "plans.Goal",
        verbose_name=_("mål"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="measures",
    )
    name = models.CharField(
        _("navn"), max_length=200, validators=[single_line, no_personal_identifiers]
    )
    unit = models.CharField(_("enhed"), max_length=20, choices=UnitKind.choices)
    description = models.TextField(
        _("beskrivelse"), blank=True, validators=[no_personal_identifiers]
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    updated_at = models.DateTimeField(_("ændret"), default=timezone.now)

    class Meta:
        verbose_name = _("måling")
        verbose_name_plural = _("målinger")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(trial_action__isnull=False, goal__isnull=True)
                    | Q(trial_action__isnull=True, goal__isnull=False)
                ),
                name="measure_has_one_owner",
            )
        ]
        indexes = [models.Index(fields=["municipality", "programme"])]

    def __str__(self):
        return self.name

    @property
    def owner(self):
        """The trial action or the goal the measure belongs to."""
        return self.trial_action if self.trial_action_id else self.goal


class MeasurePoint(TenantModel):
    """One value of a measure, on one date."""

    tenant_parent = "measure"

    measure = models.ForeignKey(
        Measure, verbose_name=_("måling"), on_delete=models.CASCADE, related_name="points"
    )
    measured_on = models.DateField(_("dato"))
    value = models.DecimalField(
        _("værdi"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        validators=[single_line, no_personal_identifiers],
    )

    class Meta:
        verbose_name = _("målepunkt")
        verbose_name_plural = _("målepunkter")
        ordering = ["measured_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "measure", "measured_on"], name="measure_point_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.measure} · {self.measured_on}"
