from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programmes.models import TenantModel
from programmes.validators import no_personal_identifiers, single_line
from programmes.versioning.models import ApprovedVersion, VersionedDraft


class DevelopmentPlan(VersionedDraft):
    """A programme's development plan (udviklingsplan): the working draft of its goals and
    sub-goals. Each approval by the steering group freezes the draft into a `PlanVersion`;
    a later edit makes the draft differ again while the approved version stays readable."""

    tenant_parent = "programme"

    programme = models.OneToOneField(
        "programmes.Programme",
        verbose_name=_("forløb"),
        on_delete=models.CASCADE,
        related_name="development_plan",
    )
    introduction = models.TextField(
        _("indledning"), blank=True, validators=[no_personal_identifiers]
    )

    class Meta:
        verbose_name = _("udviklingsplan")
        verbose_name_plural = _("udviklingsplaner")

    def __str__(self):
        return str(self.programme)


class EvaluationKind(models.TextChoices):
    INDICATOR = "indicator", _("Et nøgletal og et mål")
    CRITERION = "criterion", _("Et kriterium, der kan iagttages")


class Goal(TenantModel):
    """A goal of the development plan, tied to purposes and principles, with how it will be
    evaluated."""

    tenant_parent = "plan"

    plan = models.ForeignKey(
        DevelopmentPlan,
        verbose_name=_("udviklingsplan"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    title = models.CharField(
        _("mål"), max_length=300, validators=[single_line, no_personal_identifiers]
    )
    description = models.TextField(
        _("beskrivelse"), blank=True, validators=[no_personal_identifiers]
    )
    # Numbers of `programmes.models.Purpose` and `Principle` (JSON, so SQLite serves too).
    purposes = models.JSONField(_("formål"), default=list, blank=True)
    principles = models.JSONField(_("principper"), default=list, blank=True)
    evaluation_kind = models.CharField(
        _("evalueres ved"), max_length=20, choices=EvaluationKind.choices
    )
    indicator = models.ForeignKey(
        "keyfigures.Indicator",
        verbose_name=_("nøgletal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    target = models.CharField(_("mål for nøgletallet"), max_length=200, blank=True)
    criterion = models.TextField(_("kriterium"), blank=True, validators=[no_personal_identifiers])

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["municipality", "plan"])]

    def __str__(self):
        return self.title


class SubGoalStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    IN_PROGRESS = "in_progress", _("I gang")
    DONE = "done", _("Nået")
    DROPPED = "dropped", _("Opgivet")


class SubGoal(TenantModel):
    """A concrete sub-goal (delmål) of a goal, with a responsible person and dates."""

    tenant_parent = "goal"

    goal = models.ForeignKey(
        Goal, verbose_name=_("mål"), on_delete=models.CASCADE, related_name="sub_goals"
    )
    title = models.CharField(
        _("delmål"), max_length=300, validators=[single_line, no_personal_identifiers]
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
    due_on = models.DateField(_("frist"))
    status = models.CharField(
        _("status"), max_length=20, choices=SubGoalStatus.choices, default=SubGoalStatus.PLANNED
    )

    class Meta:
        verbose_name = _("delmål")
        verbose_name_plural = _("delmål")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("starts_on")), name="sub_goal_dates_ordered"
            )
        ]
        indexes = [models.Index(fields=["municipality", "goal"])]

    def __str__(self):
        return self.title


class PlanVersion(ApprovedVersion):
    """An approved version of a development plan: who approved it and when, and its content
    as it was then. Immutable once written."""

    plan = models.ForeignKey(
        DevelopmentPlan,
        verbose_name=_("udviklingsplan"),
        on_delete=models.CASCADE,
        related_name="versions",
    )

    class Meta(ApprovedVersion.Meta):
        verbose_name = _("godkendt version af udviklingsplanen")
        verbose_name_plural = _("godkendte versioner af udviklingsplaner")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "plan", "number"], name="plan_version_once"
            )
        ]
