"""Fase 0: a municipality's enrolment (tilmelding) and what SBST needs to approve it.

The state lives in `Enrolment.state` and changes only through `services.py`; the three
enrolment criteria are tracked alongside it and read from `Enrolment.criteria`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import SecretLink
from programmes.models import Cohort, Level, Municipality, Programme, TenantModel
from programmes.scoping import TenantQuerySet, tenant_manager

SENIOR_LEVELS = (Level.DIRECTOR, Level.CHIEF)


def mailbox(email: str) -> str:
    """The mailbox an address delivers to: case and a `+tag` in the local part ignored."""
    local, _sep, domain = email.strip().lower().partition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


def _steering_count(condition=None):
    members = SteeringMember.objects.filter(enrolment=models.OuterRef("pk"))
    if condition is not None:
        members = members.filter(condition)
    counted = members.order_by().values("enrolment").annotate(n=models.Count("pk")).values("n")
    return Coalesce(models.Subquery(counted, output_field=models.IntegerField()), 0)


class EnrolmentQuerySet(TenantQuerySet):
    def with_criteria(self):
        """Annotate what `Enrolment.criteria` needs, so a list reads it without extra queries."""
        senior_participant = MeetingParticipant.objects.filter(
            enrolment=models.OuterRef("pk"),
            level__in=SENIOR_LEVELS,
            has_strategic_responsibility=True,
        )
        return self.annotate(
            has_senior_participant=models.Exists(senior_participant),
            steering_total=_steering_count(),
            steering_answerable=_steering_count(
                models.Q(user__isnull=False) | ~models.Q(response=SteeringMember.Response.PENDING)
            ),
            steering_approved=_steering_count(models.Q(response=SteeringMember.Response.APPROVED)),
            steering_objections=_steering_count(
                models.Q(response=SteeringMember.Response.OBJECTED)
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
class SteeringCounts:
    total: int
    answerable: int
    approved: int
    objected: int

    @property
    def answered(self) -> int:
        return self.approved + self.objected

    @property
    def unanswered(self) -> int:
        return self.answerable - self.answered

    @property
    def cannot_answer(self) -> int:
        return self.total - self.answerable


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
    director_approved_at = models.DateTimeField(_("godkendt af direktøren"), null=True, blank=True)
    director_declined_at = models.DateTimeField(_("afvist af direktøren"), null=True, blank=True)
    director_decline_reason = models.TextField(_("direktørens begrundelse"), blank=True)

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

    activity = GenericRelation("programmes.ActivityEntry")

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
    def director_shares_a_mailbox(self) -> bool:
        """The director's address leads to the submitter's or the coordinator's mailbox
        (`koordinator+direktor@…`): SBST is shown this, as criterion 2 needs another person."""
        others = [
            user.email
            for user in (self.submitted_by, self.proposed_coordinator)
            if user is not None and user.email
        ]
        return bool(self.director_email) and any(
            mailbox(self.director_email) == mailbox(other) for other in others
        )

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
                _("Direktøren har afvist at godkende tilmeldingen: %(reason)s")
                % {"reason": self.director_decline_reason}
                if self.director_declined_at
                else _("Direktøren har ikke godkendt tilmeldingen endnu."),
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
    def steering_counts(self) -> "SteeringCounts":
        """How many proposed steering members there are, how many can answer, have answered,
        approved and objected; from the list's annotation when present."""
        if hasattr(self, "steering_total"):
            counts = (
                self.steering_total,
                self.steering_answerable,
                self.steering_approved,
                self.steering_objections,
            )
        else:
            members = list(self.steering_members.all())
            counts = (
                len(members),
                sum(m.can_answer for m in members),
                sum(m.response == SteeringMember.Response.APPROVED for m in members),
                sum(m.response == SteeringMember.Response.OBJECTED for m in members),
            )
        return SteeringCounts(*counts)

    @property
    def objection_count(self) -> int:
        """How many proposed steering members objected; unanswered members do not count."""
        count = getattr(self, "steering_objections", None)
        if count is None:
            count = self.steering_counts.objected
        return count

    @property
    def steering_check(self) -> Criterion:
        """The steering group approves on the municipality's side, decided on answers alone.

        Not one of the three enrolment criteria, so it has no number. It holds when every
        member who can answer has approved; SBST cannot approve while a member objects, and is
        asked to confirm while members have not answered.
        """
        counts = self.steering_counts
        if counts.objected:
            missing = ngettext(
                "%(count)d medlem af styregruppen har gjort indsigelse.",
                "%(count)d medlemmer af styregruppen har gjort indsigelse.",
                counts.objected,
            ) % {"count": counts.objected}
        elif counts.answered == 0:
            missing = _("Ingen i styregruppen har svaret endnu.")
        else:
            missing = ngettext(
                "%(count)d medlem af styregruppen har ikke svaret endnu.",
                "%(count)d medlemmer af styregruppen har ikke svaret endnu.",
                counts.unanswered,
            ) % {"count": counts.unanswered}
        return Criterion(
            None,
            _("Styregruppen har godkendt"),
            counts.answerable > 0 and counts.approved == counts.answerable,
            missing,
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

    @property
    def can_answer(self) -> bool:
        """Only a member with an account in the municipality can answer the enrolment."""
        return self.user_id is not None or self.response != self.Response.PENDING

    @property
    def answer_status(self) -> str:
        """Why this member can or cannot answer yet, in words for the enrolment page."""
        if self.response != self.Response.PENDING:
            return self.get_response_display()
        if self.user_id is not None:
            return _("Har ikke svaret")
        if not self.email:
            return _("Kan ikke svare: ingen e-mail er angivet")
        return _("Kan svare, når personen har en bruger i kommunen")


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


class DirectorLink(SecretLink, TenantModel):
    """The director's personal, expiring, single-use approval link; only its hash is stored."""

    tenant_parent = "enrolment"

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("tilmelding"),
        on_delete=models.CASCADE,
        related_name="director_links",
    )
    email = models.EmailField(_("sendt til"))
    used_at = models.DateTimeField(_("brugt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("erstattet"), null=True, blank=True)

    class Meta:
        verbose_name = _("direktørlink")
        verbose_name_plural = _("direktørlinks")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["municipality", "enrolment"], name="dirlink_muni_enrol")]

    def __str__(self):
        return self.email
