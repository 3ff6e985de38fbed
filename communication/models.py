import datetime

from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import TenantModel
from programmes.scoping import TenantQuerySet, tenant_manager
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


def copenhagen_today() -> datetime.date:
    """Today's date in Denmark, whatever time zone is active."""
    return timezone.localdate(timezone=timezone.get_default_timezone())


def overdue_condition(today: datetime.date | None = None) -> Q:
    """The one statement of the rule: an activity is overdue when it is still planned and its
    date lies before today (the Danish date)."""
    return Q(status=ActivityStatus.PLANNED, planned_on__lt=today or copenhagen_today())


class CommunicationActivityQuerySet(TenantQuerySet):
    def with_overdue(self, today: datetime.date | None = None):
        """Each activity with `is_overdue` (see `overdue_condition`)."""
        return self.annotate(
            is_overdue=ExpressionWrapper(overdue_condition(today), output_field=BooleanField())
        )

    def overdue(self, today: datetime.date | None = None):
        return self.filter(overdue_condition(today))


class CommunicationActivity(TenantModel):
    """An activity of the communication plan (kommunikationsplan)."""

    tenant_parent = "programme"

    objects = tenant_manager(CommunicationActivityQuerySet)

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
