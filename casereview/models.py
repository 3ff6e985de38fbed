from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import Area, Principle, TenantModel
from programmes.validators import no_personal_identifiers, single_line

# The concept reviews ten recent citizen cases.
TARGET_CASES = 10


class Shows(models.TextChoices):
    """Whether a principle shows in the casework of one case."""

    CLEARLY = "clearly", _("Tydeligt")
    PARTLY = "partly", _("Delvist")
    NOT = "not", _("Ikke")
    NOT_RELEVANT = "not_relevant", _("Ikke relevant")


class Presence(models.TextChoices):
    """Whether the citizen's hopes, wishes and dreams (or resources) appear in a document."""

    YES = "yes", _("Ja")
    PARTLY = "partly", _("Delvist")
    NO = "no", _("Nej")


class ReviewedCase(TenantModel):
    """One recent citizen case in the ten-case review (gennemgang af ti nyere borgersager).

    Sensitive data (GDPR art. 9): the case is known only by a pseudonym the municipality
    chooses, every free-text field refuses CPR numbers, e-mail addresses and phone numbers,
    only the programme's implementation group, its coordinator and its SBST contact read it,
    and every read is recorded in the audit log.
    """

    tenant_parent = "programme"

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("forløb"),
        on_delete=models.CASCADE,
        related_name="reviewed_cases",
    )
    label = models.CharField(
        _("pseudonym"),
        max_length=60,
        validators=[single_line, no_personal_identifiers],
        help_text=_("Et navn, I selv vælger, som ikke kan føre til borgeren, fx »Sag 3«."),
    )
    area = models.CharField(_("område"), max_length=20, choices=Area.choices)
    hopes_in_assessment = models.CharField(
        _("borgerens håb, ønsker og drømme fremgår af udredningen"),
        max_length=10,
        choices=Presence.choices,
    )
    hopes_in_action_plan = models.CharField(
        _("borgerens håb, ønsker og drømme fremgår af handleplanen"),
        max_length=10,
        choices=Presence.choices,
    )
    resources_in_assessment = models.CharField(
        _("borgerens ressourcer fremgår af udredningen"),
        max_length=10,
        choices=Presence.choices,
    )
    resources_in_action_plan = models.CharField(
        _("borgerens ressourcer fremgår af handleplanen"),
        max_length=10,
        choices=Presence.choices,
    )
    note = models.TextField(_("samlet note"), blank=True, validators=[no_personal_identifiers])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registreret"), default=timezone.now)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("gennemgået borgersag")
        verbose_name_plural = _("gennemgåede borgersager")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                "municipality",
                "programme",
                Lower("label"),
                name="reviewed_case_label_once",
                violation_error_message=_("Forløbet har allerede en sag med det pseudonym."),
            )
        ]

    def __str__(self):
        return self.label

    def get_additional_data(self) -> dict:
        """What django-auditlog keeps with each entry about the case (its reads too): where
        the case belongs, so the read log can name and filter it after the case is gone."""
        return {"programme_id": self.programme_id, "municipality_id": self.municipality_id}


class PrincipleFinding(TenantModel):
    """Whether and how one of the eight principles shows in one reviewed case."""

    tenant_parent = "case"

    case = models.ForeignKey(
        ReviewedCase, verbose_name=_("sag"), on_delete=models.CASCADE, related_name="findings"
    )
    principle = models.PositiveSmallIntegerField(_("princip"), choices=Principle.choices)
    shows = models.CharField(_("kommer til udtryk"), max_length=20, choices=Shows.choices)
    note = models.TextField(_("note"), blank=True, validators=[no_personal_identifiers])

    class Meta:
        verbose_name = _("princip i en sag")
        verbose_name_plural = _("principper i sager")
        ordering = ["principle"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "case", "principle"], name="finding_once_per_principle"
            )
        ]

    def __str__(self):
        return f"{self.case} · {self.principle}"
