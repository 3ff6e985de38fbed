from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import TenantModel
from programmes.validators import no_personal_identifiers, single_line


class Channel(models.TextChoices):
    MEETING = "meeting", _("Møde")
    NEWSLETTER = "newsletter", _("Nyhedsbrev")
    INTRANET = "intranet", _("Intranet")
    EMAIL = "email", _("E-mail")
    WEBSITE = "website", _("Hjemmeside")
    SOCIAL_MEDIA = "social_media", _("Sociale medier")
    PRESS = "press", _("Presse")
    OTHER = "other", _("Andet")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    DONE = "done", _("Gennemført")
    CANCELLED = "cancelled", _("Aflyst")


class CommunicationActivity(TenantModel):
    """An activity of the communication plan (kommunikationsplan)."""

    tenant_parent = "programme"

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("forløb"),
        on_delete=models.CASCADE,
        related_name="communication_activities",
    )
    title = models.CharField(
        _("aktivitet"), max_length=300, validators=[single_line, no_personal_identifiers]
    )
    audience = models.CharField(_("målgruppe"), max_length=300, validators=[single_line])
    channel = models.CharField(_("kanal"), max_length=20, choices=Channel.choices)
    message = models.TextField(_("budskab"), validators=[no_personal_identifiers])
    materials = models.TextField(_("materialer"), blank=True, validators=[no_personal_identifiers])
    responsible = models.ForeignKey(
        "programmes.GroupMember",
        verbose_name=_("ansvarlig"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    planned_on = models.DateField(_("dato"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("kommunikationsaktivitet")
        verbose_name_plural = _("kommunikationsaktiviteter")
        ordering = ["planned_on", "id"]
        indexes = [models.Index(fields=["municipality", "programme", "planned_on"])]

    def __str__(self):
        return self.title
