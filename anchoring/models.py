from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import TenantModel
from programmes.validators import no_personal_identifiers, single_line
from programmes.versioning.models import ApprovedVersion, VersionedDraft


class AnchoringPlan(VersionedDraft):
    """A programme's anchoring plan (forankringsplan): what is anchored, how, by whom and
    when it is followed up; what was done about the dimensions the temperature measurement
    flagged; how the transformation continues after the programme; and the steering group's
    answers to the expected yield. Versioned like the development plan: each approval by the
    steering group freezes the draft into an `AnchoringPlanVersion`."""

    tenant_parent = "programme"

    programme = models.OneToOneField(
        "programmes.Programme",
        verbose_name=_("forløb"),
        on_delete=models.CASCADE,
        related_name="anchoring_plan",
    )
    continuation = models.TextField(
        _("sådan fortsætter omlægningen efter forløbet"),
        blank=True,
        validators=[no_personal_identifiers],
    )

    class Meta:
        verbose_name = _("forankringsplan")
        verbose_name_plural = _("forankringsplaner")

    def __str__(self):
        return str(self.programme)


class Mechanism(models.TextChoices):
    """How a change is made lasting."""

    PROCEDURES = "procedures", _("Procedurer og arbejdsgange")
    JOB_DESCRIPTIONS = "job_descriptions", _("Funktionsbeskrivelser")
    MEETING_STRUCTURES = "meeting_structures", _("Mødestrukturer")
    KEY_FIGURES = "key_figures", _("Nøgletal, der følges")
    BUDGET = "budget", _("Budget")


class Source(models.TextChoices):
    """What an anchored item comes from (read from its links, kept in a version)."""

    TRIAL_ACTION = "trial_action", _("Vedtagne prøvehandlinger")
    GOAL = "goal", _("Mål fra udviklingsplanen")
    OTHER = "other", _("Andet, der forankres")


class AnchoredItem(TenantModel):
    """One thing the plan anchors: an adopted trial action, a goal of the development plan,
    or something written in words; how it is anchored, its owner and its follow-up."""

    tenant_parent = "plan"

    plan = models.ForeignKey(
        AnchoringPlan,
        verbose_name=_("forankringsplan"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    # A link removed from its app (a goal taken out of the development plan) leaves the item
    # as free text: the group decides whether it is still to be anchored.
    trial_action = models.ForeignKey(
        "trial_actions.TrialAction",
        verbose_name=_("prøvehandling"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="anchored_items",
    )
    goal = models.ForeignKey(
        "plans.Goal",
        verbose_name=_("mål"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="anchored_items",
    )
    title = models.CharField(
        _("hvad forankres"), max_length=300, validators=[single_line, no_personal_identifiers]
    )
    # Codes of `Mechanism` (JSON, so SQLite serves too).
    mechanisms = models.JSONField(_("forankres gennem"), default=list, blank=True)
    description = models.TextField(
        _("sådan forankres det"), blank=True, validators=[no_personal_identifiers]
    )
    owner = models.ForeignKey(
        "programmes.GroupMember",
        verbose_name=_("ejer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    follow_up_on = models.DateField(_("følges op"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("punkt i forankringsplanen")
        verbose_name_plural = _("punkter i forankringsplaner")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(trial_action__isnull=True) | Q(goal__isnull=True),
                name="anchored_item_one_source",
            ),
            models.UniqueConstraint(
                fields=["municipality", "plan", "trial_action"],
                condition=Q(trial_action__isnull=False),
                name="anchored_trial_action_once",
            ),
            models.UniqueConstraint(
                fields=["municipality", "plan", "goal"],
                condition=Q(goal__isnull=False),
                name="anchored_goal_once",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "plan"])]

    def __str__(self):
        return self.title

    @property
    def source(self) -> str:
        if self.trial_action_id is not None:
            return Source.TRIAL_ACTION
        if self.goal_id is not None:
            return Source.GOAL
        return Source.OTHER


class DimensionAnswer(TenantModel):
    """What was done about a dimension the first temperature measurement flagged. The
    dimension is named by its stable key; its name is kept as it was answered."""

    tenant_parent = "plan"

    plan = models.ForeignKey(
        AnchoringPlan,
        verbose_name=_("forankringsplan"),
        on_delete=models.CASCADE,
        related_name="dimension_answers",
    )
    dimension_key = models.CharField(_("dimension"), max_length=100)
    dimension_name = models.CharField(_("dimensionens navn"), max_length=300)
    answer = models.TextField(_("det blev gjort"), validators=[no_personal_identifiers])

    class Meta:
        verbose_name = _("svar om en dimension")
        verbose_name_plural = _("svar om dimensioner")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "plan", "dimension_key"], name="dimension_answer_once"
            )
        ]

    def __str__(self):
        return self.dimension_name


class YieldStatement(models.TextChoices):
    """The expected yield of a completed programme (seed 003, "6. Udbytte"), by a short
    name; `YIELD_TEXT` holds each statement in full."""

    CITIZENS_PARTICIPATE = "citizens_participate", _("Borgerne deltager i beslutninger")
    HOPES_IN_CASES = "hopes_in_cases", _("Borgernes håb og ressourcer fremgår af sagen")
    DEVELOPMENT_ACTIVITIES = "development_activities", _("Udviklingsaktiviteter med alle aktører")
    PREREQUISITES = "prerequisites", _("De organisatoriske forudsætninger forbedres")
    PRINCIPLES_IN_PRACTICE = "principles_in_practice", _("Principperne afspejles i praksis")
    CONTINUATION = "continuation", _("En tydelig plan for det videre arbejde")


YIELD_TEXT = {
    YieldStatement.CITIZENS_PARTICIPATE: _(
        "Borgerne deltager mere aktivt i kommunens beslutningsprocesser og udviklingsrum. Det "
        "kan eksempelvis være ved ansættelser, i præsentation af punkter til det politiske "
        "udvalg, i implementerings- og styregrupper, i strategiudviklingsprocesser samt i "
        "evalueringer af indsatserne."
    ),
    YieldStatement.HOPES_IN_CASES: _(
        "Borgernes håb, ønsker, drømme for fremtiden og deres ressourcer i forløbet fremgår "
        "tydeligt i deres egen sag (fx udredning og handleplan) og i samarbejdet med "
        "socialpsykiatrien."
    ),
    YieldStatement.DEVELOPMENT_ACTIVITIES: _(
        "Kommunen har gennemført en række selvvalgte udviklingsaktiviteter, der omfatter alle "
        "relevante aktører, herunder ledere og medarbejdere fra relevante områder samt borgere "
        "og aktører fra civilsamfundet."
    ),
    YieldStatement.PREREQUISITES: _(
        "Kommunen arbejder kontinuerligt med at forbedre de organisatoriske forudsætninger, "
        "hvor en indledende temperaturmåling har indikeret et behov."
    ),
    YieldStatement.PRINCIPLES_IN_PRACTICE: _(
        "De faglige principper for recovery-orienteret rehabilitering afspejler sig i "
        "kommunens praksis."
    ),
    YieldStatement.CONTINUATION: _(
        "Kommunen har en tydelig plan for, hvordan man vil fortsætte arbejdet med at omlægge "
        "socialpsykiatrien mod øget recovery-orienteret rehabilitering."
    ),
}


class YieldAnswerChoice(models.TextChoices):
    YES = "yes", _("Ja")
    PARTLY = "partly", _("Delvist")
    NO = "no", _("Nej")


class YieldAnswer(TenantModel):
    """The steering group's answer to one statement of the expected yield."""

    tenant_parent = "plan"

    plan = models.ForeignKey(
        AnchoringPlan,
        verbose_name=_("forankringsplan"),
        on_delete=models.CASCADE,
        related_name="yield_answers",
    )
    statement = models.CharField(_("udbytte"), max_length=40, choices=YieldStatement.choices)
    answer = models.CharField(_("svar"), max_length=10, choices=YieldAnswerChoice.choices)
    note = models.TextField(_("note"), blank=True, validators=[no_personal_identifiers])

    class Meta:
        verbose_name = _("svar om udbyttet")
        verbose_name_plural = _("svar om udbyttet")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "plan", "statement"], name="yield_answer_once"
            )
        ]

    def __str__(self):
        return f"{self.get_statement_display()}: {self.get_answer_display()}"


class AnchoringPlanVersion(ApprovedVersion):
    """An approved version of an anchoring plan: who approved it and when, and its content
    as it was then. Immutable once written."""

    plan = models.ForeignKey(
        AnchoringPlan,
        verbose_name=_("forankringsplan"),
        on_delete=models.CASCADE,
        related_name="versions",
    )

    class Meta(ApprovedVersion.Meta):
        verbose_name = _("godkendt version af forankringsplanen")
        verbose_name_plural = _("godkendte versioner af forankringsplaner")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "plan", "number"], name="anchoring_plan_version_once"
            )
        ]
