"""The outbox: work that must happen after a change, written in the change's transaction."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """One Celery task call that must not be lost: an e-mail to send, a report to render.

    Written in the same transaction as the change it follows, so it exists exactly when the
    change does; a worker runs it and marks it done, and the periodic sweep sends again what
    the broker did not take or what failed, with growing pauses.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Venter")
        DONE = "done", _("Udført")
        FAILED = "failed", _("Opgivet")

    task_name = models.CharField(_("opgave"), max_length=200)
    kwargs = models.JSONField(_("argumenter"), encoder=DjangoJSONEncoder, default=dict)
    state = models.CharField(
        _("status"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    next_attempt_at = models.DateTimeField(_("næste forsøg"), default=timezone.now)
    last_error = models.TextField(_("seneste fejl"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    done_at = models.DateTimeField(_("udført"), null=True, blank=True)

    class Meta:
        verbose_name = _("besked i udbakken")
        verbose_name_plural = _("beskeder i udbakken")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state="pending"),
                name="outbox_pending_due",
            )
        ]

    def __str__(self):
        return f"{self.task_name} · {self.get_state_display()}"
