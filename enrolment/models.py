"""Fase 0: a municipality's enrolment (tilmelding) and what SBST needs to approve it.

The state lives in `Enrolment.state` and changes only through `services.py`; the three
enrolment criteria are tracked alongside it and read from `Enrolment.criteria`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from programmes.models import Cohort, Level, Municipality, Programme, TenantModel
from programmes.scoping import TenantQuerySet, tenant_manager

SENIOR_LEVELS = (Level.DIRECTOR, Level.CHIEF)


class EnrolmentQuerySet(TenantQuerySet):
    def with_criteria(self):
        """Annotate what `Enrolment.criteria` needs, so a list reads it without extra queries."""
        senior_participant = MeetingParticipant.objects.filter(
            enrolment=models.OuterRef("pk"),
            level__in=SENIOR_LEVELS,
            has_strategic_responsibility=True,
        )
        objections = (
            SteeringMember.objects.filter(
                enrolment=models.OuterRef("pk"), response=SteeringMember.Response.OBJECTED
            )
            .order_by()
            .values("enrolment")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            has_senior_participant=models.Exists(senior_participant),
            steering_objections=Coalesce(
                models.Subquery(objections, output_field=models.IntegerField()), 0
            ),
        )

    def missing_criterion(self, number: int):
        """Enrolments where criterion `number` (1, 2 or 3) does not hold yet."""
        if number == 1:
            return self.exclude(
                includes_strategic_management=True,
                includes_authority_area=True,
                includes_social_offers=True,
            )
        if number == 2:
            return self.filter(director_approved_at__isnull=True)
        if number == 3:
            return self.with_criteria().exclude(meeting_held=True, has_senior_participant=True)
        return self

    def active(self):
        return self.filter(state__in=Enrolment.ACTIVE_STATES)


@dataclass(frozen=True)
class Criterion:
    number: int | None
    title: str
    met: bool
    missing: str


class Enrolment(TenantModel):
    """A municipality's enrolment in one cohort: the form, the approvals and SBST's decision."""

    tenant_parent = None

    class State(models.TextChoices):
        DRAFT = "draft", _("Kladde")
        SUBMITTED = "submitted", _("Indsendt")
        APPROVED = "approved", _("Godkendt")
        REJECTED = "rejected", _("Afvist")
        WITHDRAWN = "withdrawn", _("Trukket tilbage")

    ACTIVE_STATES = (State.DRAFT, State.SUBMITTED, State.APPROVED)

    class DirectorApprovalVia(models.TextChoices):
        ACCOUNT = "account", _("fra sin brugerkonto")
        LINK = "link", _("via personligt link")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.CASCADE, related_name="enrolments"
    )
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("hold"), on_delete=models.PROTECT, related_name="enrolments"
    )
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.DRAFT)

    # Criterion 1: the whole social psychiatry takes part.
    includes_strategic_management = models.BooleanField(_("den strategiske ledelse"), default=False)
    includes_authority_area = models.BooleanField(_("myndighedsområdet"), default=False)
    includes_social_offers = models.BooleanField(_("de sociale tilbud"), default=False)
    ambitions = models.TextField(_("kommunens ønsker og ambitioner"), blank=True)
    current_practice = models.TextField(
        _("hvor langt kommunen er med recovery-orienteret rehabilitering"), blank=True
    )
    proposed_coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("foreslået koordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # Criterion 2: a director responsible for social psychiatry approves.
    director_name = models.CharField(_("direktørens navn"), max_length=200, blank=True)
    director_title = models.CharField(_("direktørens titel"), max_length=200, blank=True)
    director_email = models.EmailField(_("direktørens e-mail"), blank=True)
    director_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("direktørens brugerkonto"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    director_approved_at = models.DateTimeField(_("godkendt af direktøren"), null=True, blank=True)
    director_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("godkendt af (bruger)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    director_approved_via = models.CharField(
        _("godkendt via"), max_length=10, choices=DirectorApprovalVia.choices, blank=True
    )

    # Criterion 3: the enrolment meeting with someone at chief level or above.
    meeting_date = models.DateField(_("dato for tilmeldingsmødet"), null=True, blank=True)
    meeting_held = models.BooleanField(_("mødet er afholdt"), default=False)

    submitted_at = models.DateTimeField(_("indsendt"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("indsendt af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgjort af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reason = models.TextField(_("begrundelse"), blank=True)
    programme = models.OneToOneField(
        Programme,
        verbose_name=_("forløb"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolment",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    objects = tenant_manager(EnrolmentQuerySet)

    class Meta:
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        ordering = ["-created_at"]
        permissions = [
            ("approve_as_steering_member", _("Må svare på tilmeldingen som styregruppemedlem")),
            ("fill_in_enrolment", _("Må udfylde og indsende kommunens tilmelding")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "cohort"],
                condition=models.Q(state__in=["draft", "submitted", "approved"]),
                name="enrolment_one_active_per_cohort",
                violation_error_message=_("Kommunen har allerede en aktiv tilmelding til holdet."),
            )
        ]
        indexes = [models.Index(fields=["municipality", "state"], name="enrolment_muni_state")]

    def __str__(self):
        return f"{self.municipality} · {self.cohort}"

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE_STATES

    @property
    def is_editable(self) -> bool:
        return self.state == self.State.DRAFT

    @property
    def includes_all_areas(self) -> bool:
        return (
            self.includes_strategic_management
            and self.includes_authority_area
            and self.includes_social_offers
        )

    @property
    def director_approved(self) -> bool:
        return self.director_approved_at is not None

    @property
    def meeting_criterion_met(self) -> bool:
        senior = getattr(self, "has_senior_participant", None)
        if senior is None:
            senior = any(p.is_senior for p in self.meeting_participants.all())
        return self.meeting_held and senior

    @property
    def criteria(self) -> list[Criterion]:
        """The three enrolment criteria, each with what is missing when it does not hold."""
        missing_areas = [
            str(label)
            for flag, label in (
                (self.includes_strategic_management, _("den strategiske ledelse")),
                (self.includes_authority_area, _("myndighedsområdet")),
                (self.includes_social_offers, _("de sociale tilbud")),
            )
            if not flag
        ]
        if self.meeting_held:
            meeting_missing = _(
                "Ingen deltager på mindst chefniveau med strategisk ansvar er registreret."
            )
        else:
            meeting_missing = _("Tilmeldingsmødet er ikke registreret som afholdt.")
        return [
            Criterion(
                1,
                _("Hele socialpsykiatrien er med"),
                self.includes_all_areas,
                _("Mangler: %(areas)s.") % {"areas": get_text_list(missing_areas, _("og"))},
            ),
            Criterion(
                2,
                _("Godkendt af en direktør med ansvar for socialpsykiatrien"),
                self.director_approved,
                _("Direktøren har ikke godkendt tilmeldingen endnu."),
            ),
            Criterion(
                3,
                _("Tilmeldingsmøde afholdt med deltagelse på mindst chefniveau"),
                self.meeting_criterion_met,
                meeting_missing,
            ),
        ]

    @property
    def all_criteria_met(self) -> bool:
        return all(c.met for c in self.criteria)

    @property
    def objection_count(self) -> int:
        """How many proposed steering members objected; unanswered members do not count."""
        count = getattr(self, "steering_objections", None)
        if count is None:
            count = self.steering_members.filter(response=SteeringMember.Response.OBJECTED).count()
        return count

    @property
    def steering_check(self) -> Criterion:
        """The steering group approves on the municipality's side: no member may object.

        Not one of the three enrolment criteria, so it has no number; SBST cannot approve
        while it does not hold.
        """
        count = self.objection_count
        return Criterion(
            None,
            _("Styregruppen har ikke gjort indsigelse"),
            count == 0,
            ngettext(
                "%(count)d medlem af styregruppen har gjort indsigelse.",
                "%(count)d medlemmer af styregruppen har gjort indsigelse.",
                count,
            )
            % {"count": count},
        )

    @property
    def checklist(self) -> list[Criterion]:
        """What the enrolment page checks before SBST may approve: the criteria and the
        steering group's answers."""
        return [*self.criteria, self.steering_check]

    @property
    def ready_for_approval(self) -> bool:
        return all(c.met for c in self.checklist)


class SteeringMember(TenantModel):
    """A proposed member of the steering group and their answer to the enrolment."""

    tenant_parent = "enrolment"

    class Response(models.TextChoices):
        PENDING = "pending", _("Har ikke svaret")
        APPROVED = "approved", _("Godkender")
        OBJECTED = "objected", _("Gør indsigelse")

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("tilmelding"),
        on_delete=models.CASCADE,
        related_name="steering_members",
    )
    name = models.CharField(_("navn"), max_length=200)
    title = models.CharField(_("stilling"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    response = models.CharField(
        _("svar"), max_length=20, choices=Response.choices, default=Response.PENDING
    )
    comment = models.TextField(_("kommentar"), blank=True)
    responded_at = models.DateTimeField(_("svaret"), null=True, blank=True)


    class Meta:
        verbose_name = _("foreslået styregruppemedlem")
        verbose_name_plural = _("foreslåede styregruppemedlemmer")
        ordering = ["id"]
        indexes = [models.Index(fields=["municipality", "enrolment"], name="steering_muni_enrol")]

    def __str__(self):
        return self.name


class MeetingParticipant(TenantModel):
    """A municipal participant in the enrolment meeting (tilmeldingsmøde)."""

    tenant_parent = "enrolment"

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("tilmelding"),
        on_delete=models.CASCADE,
        related_name="meeting_participants",
    )
    name = models.CharField(_("navn"), max_length=200)
    title = models.CharField(_("stilling"), max_length=200, blank=True)
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices)
    has_strategic_responsibility = models.BooleanField(
        _("strategisk ansvar for socialpsykiatrien"), default=False
    )


    class Meta:
        verbose_name = _("mødedeltager")
        verbose_name_plural = _("mødedeltagere")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["municipality", "enrolment"], name="participant_muni_enrol")
        ]

    def __str__(self):
        return self.name

    @property
    def is_senior(self) -> bool:
        return self.level in SENIOR_LEVELS and self.has_strategic_responsibility


class DirectorLink(TenantModel):
    """The director's personal, expiring, single-use approval link; only its hash is stored."""

    tenant_parent = "enrolment"

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("tilmelding"),
        on_delete=models.CASCADE,
        related_name="director_links",
    )
    email = models.EmailField(_("sendt til"))
    # Looked up by the hash alone: the token is the credential of someone without an account.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    expires_at = models.DateTimeField(_("udløber"))
    used_at = models.DateTimeField(_("brugt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("erstattet"), null=True, blank=True)


    class Meta:
        verbose_name = _("direktørlink")
        verbose_name_plural = _("direktørlinks")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["municipality", "enrolment"], name="dirlink_muni_enrol")]

    def __str__(self):
        return self.email

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class EnrolmentEvent(TenantModel):
    """One line of the enrolment's history: who did what, when."""

    tenant_parent = "enrolment"

    class Kind(models.TextChoices):
        CREATED = "created", _("Oprettet")
        UPDATED = "updated", _("Ændret")
        SUBMITTED = "submitted", _("Indsendt")
        DIRECTOR_LINK_SENT = "director_link_sent", _("Link sendt til direktøren")
        DIRECTOR_APPROVED = "director_approved", _("Godkendt af direktøren")
        STEERING_APPROVED = "steering_approved", _("Godkendt af styregruppemedlem")
        STEERING_OBJECTED = "steering_objected", _("Indsigelse fra styregruppemedlem")
        MEETING_RECORDED = "meeting_recorded", _("Tilmeldingsmøde registreret")
        APPROVED = "approved", _("Godkendt af SBST")
        REJECTED = "rejected", _("Afvist af SBST")
        WITHDRAWN = "withdrawn", _("Trukket tilbage")

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("tilmelding"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("udført af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_description = models.CharField(_("udført af (beskrivelse)"), max_length=300, blank=True)
    kind = models.CharField(_("hændelse"), max_length=30, choices=Kind.choices)
    text = models.TextField(_("tekst"), blank=True)
    created_at = models.DateTimeField(_("tidspunkt"), default=timezone.now)


    class Meta:
        verbose_name = _("hændelse")
        verbose_name_plural = _("hændelser")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["municipality", "enrolment", "created_at"], name="event_muni_enrol"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"
