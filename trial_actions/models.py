"""Trial actions (prøvehandlinger): small, time-boxed changes tried in practice in udvikle,
each in the cycle plan → carry out → evaluate → decide (a PDSA cycle).

A trial action is planned (PLANNED), carried out (RUNNING, with dated observations),
evaluated (EVALUATED: what happened, what was learnt) and then decided: adopted (to be
anchored in forankre), adapted (a follow-up trial action that `follows` this one is created
from it) or dropped. Every change goes through `trial_actions.services`.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import Principle, TenantModel
from programmes.scoping import TenantQuerySet, tenant_manager
from programmes.validators import no_personal_identifiers, single_line


class TrialActionState(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    RUNNING = "running", _("Afprøves")
    EVALUATED = "evaluated", _("Evalueret")
    ADOPTED = "adopted", _("Vedtaget – skal forankres")
    ADAPTED = "adapted", _("Tilpasset")
    DROPPED = "dropped", _("Droppet")


# The states in which a trial action has been evaluated (udvikle's gate counts these).
EVALUATED_STATES = (
    TrialActionState.EVALUATED,
    TrialActionState.ADOPTED,
    TrialActionState.ADAPTED,
    TrialActionState.DROPPED,
)
# The states that end a trial action: a decision was made.
DECIDED_STATES = (TrialActionState.ADOPTED, TrialActionState.ADAPTED, TrialActionState.DROPPED)
# The states in which an evaluation is still owed.
OPEN_STATES = (TrialActionState.PLANNED, TrialActionState.RUNNING)


def copenhagen_today() -> datetime.date:
    """Today's date in Denmark, whatever time zone is active."""
    return timezone.localdate(timezone=timezone.get_default_timezone())


def overdue_condition(today: datetime.date | None = None) -> Q:
    """The one statement of the rule: an evaluation is overdue when the trial action is still
    planned or running and its evaluation date lies before today (the Danish date)."""
    return Q(state__in=OPEN_STATES, evaluate_by__lt=today or copenhagen_today())


class TrialActionQuerySet(TenantQuerySet):
    def with_overdue(self, today: datetime.date | None = None):
        """Each trial action with `is_overdue` (see `overdue_condition`)."""
        return self.annotate(
            is_overdue=ExpressionWrapper(overdue_condition(today), output_field=BooleanField())
        )

    def overdue(self, today: datetime.date | None = None):
        return self.filter(overdue_condition(today))


class TrialAction(TenantModel):
    """A trial action of a programme in udvikle."""

    tenant_parent = "programme"

    objects = tenant_manager(TrialActionQuerySet)

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("forløb"),
        on_delete=models.CASCADE,
        related_name="trial_actions",
    )
    title = models.CharField(
        _("titel"), max_length=300, validators=[single_line, no_personal_identifiers]
    )
    problem = models.TextField(_("problemet"), validators=[no_personal_identifiers])
    hoped_for = models.TextField(_("det håber vi på"), validators=[no_personal_identifiers])
    sub_goals = models.ManyToManyField(
        "plans.SubGoal", verbose_name=_("delmål"), blank=True, related_name="trial_actions"
    )
    group = models.ForeignKey(
        "programmes.ProgrammeGroup",
        verbose_name=_("gruppe"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trial_actions",
    )
    responsible = models.ForeignKey(
        "programmes.GroupMember",
        verbose_name=_("ansvarlig"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("slut"))
    evaluate_by = models.DateField(_("evalueres senest"))
    success_measure = models.TextField(
        _("sådan ser vi, om det lykkes"), validators=[no_personal_identifiers]
    )
    state = models.CharField(
        _("tilstand"),
        max_length=20,
        choices=TrialActionState.choices,
        default=TrialActionState.PLANNED,
    )
    follows = models.ForeignKey(
        "self",
        verbose_name=_("tilpasser"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    # The evaluation and the decision.
    what_happened = models.TextField(
        _("hvad skete der"), blank=True, validators=[no_personal_identifiers]
    )
    learning = models.TextField(
        _("hvad lærte vi"), blank=True, validators=[no_personal_identifiers]
    )
    decision_reason = models.TextField(
        _("begrundelse for beslutningen"), blank=True, validators=[no_personal_identifiers]
    )
    started_at = models.DateTimeField(_("sat i gang"), null=True, blank=True)
    evaluated_at = models.DateTimeField(_("evalueret"), null=True, blank=True)
    decided_at = models.DateTimeField(_("besluttet"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    updated_at = models.DateTimeField(_("ændret"), default=timezone.now)
    # Set once, in the same statement that claims the reminder, so it is sent once;
    # cleared by `services.edit_plan` when `evaluate_by` moves.
    overdue_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("prøvehandling")
        verbose_name_plural = _("prøvehandlinger")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="trial_action_dates_ordered",
            )
        ]
        indexes = [models.Index(fields=["municipality", "programme", "state"])]

    def __str__(self):
        return self.title

    @property
    def principles(self) -> list[int]:
        """The numbers of its principles, in order (from prefetched `principle_rows` when
        there)."""
        return sorted(row.principle for row in self.principle_rows.all())

    @property
    def principle_labels(self) -> list[str]:
        return [Principle(number).label for number in self.principles]


class TrialActionPrinciple(TenantModel):
    """One of the principles a trial action serves (a child table, not JSON, so that the
    board can filter on it on SQLite too)."""

    tenant_parent = "trial_action"

    trial_action = models.ForeignKey(
        TrialAction,
        verbose_name=_("prøvehandling"),
        on_delete=models.CASCADE,
        related_name="principle_rows",
    )
    principle = models.PositiveSmallIntegerField(_("princip"), choices=Principle.choices)

    class Meta:
        verbose_name = _("princip for prøvehandling")
        verbose_name_plural = _("principper for prøvehandlinger")
        ordering = ["principle"]
        constraints = [
            models.UniqueConstraint(
                fields=["trial_action", "principle"], name="trial_action_principle_once"
            )
        ]

    def __str__(self):
        return Principle(self.principle).label


class Observation(TenantModel):
    """A dated observation logged while a trial action is carried out."""

    tenant_parent = "trial_action"

    trial_action = models.ForeignKey(
        TrialAction,
        verbose_name=_("prøvehandling"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    observed_on = models.DateField(_("dato"))
    text = models.TextField(_("iagttagelse"), validators=[no_personal_identifiers])
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skrevet af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("iagttagelse")
        verbose_name_plural = _("iagttagelser")
        ordering = ["observed_on", "id"]
        indexes = [models.Index(fields=["municipality", "trial_action"])]

    def __str__(self):
        return f"{self.observed_on}: {self.text[:40]}"
