"""What the weekly digest remembers: each programme's health per ISO week, and which
consultant has had which week's digest (claimed once, in the transaction that writes the
e-mail to the outbox)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import Programme, TenantModel


class DigestSent(models.Model):
    """`user` has had the digest of the ISO week starting on `week` (a Monday)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("konsulent"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    week = models.DateField(_("uge (mandag)"))
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)

    class Meta:
        verbose_name = _("sendt ugeoversigt")
        verbose_name_plural = _("sendte ugeoversigter")
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="digest_once_per_user_week")
        ]

    def __str__(self):
        return f"{self.user} · {self.week:%G-W%V}"


class HealthLevel(models.TextChoices):
    GREEN = "green", _("Grøn")
    YELLOW = "yellow", _("Gul")
    RED = "red", _("Rød")


class WeeklyHealth(TenantModel):
    """A programme's health as the digest found it in the ISO week starting on `week`, so the
    next week's digest can tell which programmes turned red."""

    tenant_parent = "programme"

    programme = models.ForeignKey(
        Programme, verbose_name=_("forløb"), on_delete=models.CASCADE, related_name="+"
    )
    week = models.DateField(_("uge (mandag)"))
    level = models.CharField(_("helbred"), max_length=10, choices=HealthLevel.choices)
    recorded_at = models.DateTimeField(_("registreret"), default=timezone.now)

    class Meta:
        verbose_name = _("ugens helbred")
        verbose_name_plural = _("ugernes helbred")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "programme", "week"], name="health_once_per_week"
            )
        ]
