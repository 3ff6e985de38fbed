from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import TenantModel
from programmes.validators import no_personal_identifiers, single_line


class Dimension(models.Model):
    """A dimension of the organisational assessment; SBST's administrators keep the list.

    The concept's official names are not public, so the dimensions are data, seeded with a
    sensible default set. A dimension no longer used is retired, not deleted: earlier
    assessments keep their ratings of it.
    """

    name = models.CharField(_("navn"), max_length=200, unique=True, validators=[single_line])
    description = models.TextField(_("beskrivelse"), blank=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    is_active = models.BooleanField(_("i brug"), default=True)

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensioner")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Score(models.IntegerChoices):
    """The fixed scale every dimension is assessed on."""

    ABSENT = 1, _("1 – Ikke på plads")
    BEGINNING = 2, _("2 – I sin begyndelse")
    PARTLY = 3, _("3 – Delvist på plads")
    MOSTLY = 4, _("4 – Overvejende på plads")
    FULLY = 5, _("5 – Fuldt på plads")


class Assessment(TenantModel):
    """One dated version of a programme's organisational assessment (organisatorisk ramme).

    A new assessment never changes an earlier one: each is kept, numbered per programme, so
    the profile can be followed over time.
    """

    tenant_parent = "programme"

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("forløb"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    number = models.PositiveSmallIntegerField(_("version"))
    assessed_on = models.DateField(_("vurderet den"), default=timezone.localdate)
    summary = models.TextField(
        _("samlet vurdering"), blank=True, validators=[no_personal_identifiers]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("organisatorisk vurdering")
        verbose_name_plural = _("organisatoriske vurderinger")
        ordering = ["programme", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "programme", "number"], name="assessment_number_once"
            )
        ]

    def __str__(self):
        return f"{self.programme} · {self.number}"


class Rating(TenantModel):
    """One dimension's score in one assessment, with why and what it rests on."""

    tenant_parent = "assessment"

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("vurdering"), on_delete=models.CASCADE, related_name="ratings"
    )
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("vurdering"), choices=Score.choices)
    justification = models.TextField(_("begrundelse"), validators=[no_personal_identifiers])
    evidence = models.TextField(
        _("dokumentation"),
        blank=True,
        validators=[no_personal_identifiers],
        help_text=_("Hvad bygger vurderingen på: dokumenter, tal, iagttagelser."),
    )

    class Meta:
        verbose_name = _("vurdering af en dimension")
        verbose_name_plural = _("vurderinger af dimensioner")
        ordering = ["dimension__position", "dimension__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "assessment", "dimension"], name="rating_once"
            )
        ]

    def __str__(self):
        return f"{self.dimension}: {self.score}"
