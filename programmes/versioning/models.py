"""The two abstract models of a versioned plan: the draft and its approved versions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import TenantModel


class VersionedDraft(TenantModel):
    """A plan's working draft. `services.note_change` keeps `has_changes` true while the
    draft differs from the last approved version (or none is approved)."""

    has_changes = models.BooleanField(_("har ændringer siden godkendelsen"), default=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    updated_at = models.DateTimeField(_("ændret"), default=timezone.now)

    class Meta:
        abstract = True


class ApprovedVersion(TenantModel):
    """An approved version of a draft: its number, who approved it and when, and the draft's
    content as it was then. Immutable once written.

    A concrete version declares `plan`, a foreign key to its draft with
    `related_name="versions"`, and a unique constraint on (municipality, plan, number)."""

    tenant_parent = "plan"

    number = models.PositiveSmallIntegerField(_("version"))
    content = models.JSONField(_("indhold"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("godkendt af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("godkendt"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["plan", "-number"]

    def __str__(self):
        return f"{self.plan} · {self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("En godkendt version kan ikke ændres."), code="immutable")
        super().save(*args, **kwargs)
