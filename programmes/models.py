from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .scoping import MunicipalityQuerySet, tenant_manager


class Region(models.TextChoices):
    HOVEDSTADEN = "hovedstaden", _("Region Hovedstaden")
    SJAELLAND = "sjaelland", _("Region Sjælland")
    SYDDANMARK = "syddanmark", _("Region Syddanmark")
    MIDTJYLLAND = "midtjylland", _("Region Midtjylland")
    NORDJYLLAND = "nordjylland", _("Region Nordjylland")


class Level(models.TextChoices):
    """Organisational level of a person, as the enrolment criteria speak of it."""

    DIRECTOR = "director", _("Direktør")
    CHIEF = "chief", _("Chef")
    LEADER = "leader", _("Leder")
    OTHER = "other", _("Andet niveau")


class Principle(models.IntegerChoices):
    """The concept's eight guiding principles of recovery-oriented rehabilitation."""

    HOPES = 1, _("Tag udgangspunkt i borgerens håb, ønsker og drømme")
    RESOURCES = 2, _("Fokusér på borgerens ressourcer")
    NETWORK = 3, _("Inddrag borgerens netværk og almene fællesskaber")
    RESPECT = 4, _("Mød borgeren med åbenhed, tillid og respekt")
    EARLY = 5, _("Hjælp borgeren så tidligt som muligt")
    COORDINATED = 6, _("Arbejd koordineret med borgerens samlede livssituation")
    FOLLOW_UP = 7, _("Følg op, så støtten altid er den rette")
    KNOWLEDGE = 8, _("Brug viden og metoder, der virker")


class Purpose(models.IntegerChoices):
    """The five purposes the transformation must serve, used as outcome indicators."""

    WELLBEING = 1, _("Bedre trivsel, sundhed og mestring hos borgerne")
    COMMUNITIES = 2, _("Flere borgere er aktive i almene fællesskaber")
    SATISFACTION = 3, _("Højere tilfredshed hos borgerne og deres pårørende og netværk")
    LESS_INTRUSIVE = 4, _("Færre borgere har brug for indgribende indsatser")
    EDUCATION_EMPLOYMENT = 5, _("Flere borgere i uddannelse og beskæftigelse")


class Area(models.TextChoices):
    """Where in the social psychiatry a group or a person works."""

    MANAGEMENT = "management", _("Strategisk ledelse")
    AUTHORITY = "authority", _("Myndighed")
    HOUSING_SUPPORT = "housing_support", _("Bostøtte")
    RESIDENTIAL = "residential", _("Botilbud")
    OTHER = "other", _("Andet område")


# The areas that make up the social offers (de sociale tilbud), as against the authority area.
OFFER_AREAS = frozenset({Area.HOUSING_SUPPORT, Area.RESIDENTIAL})


class Municipality(models.Model):
    """The tenant: one of Denmark's 98 municipalities."""

    code = models.CharField(_("kommunekode"), max_length=3, unique=True)
    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("kort navn"), max_length=100, unique=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)

    objects = tenant_manager(MunicipalityQuerySet)

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TenantMismatch(ValidationError):
    """A tenant row would belong to another municipality than its parent row."""


class TenantModel(models.Model):
    """The one way to be a tenant-owned row: the abstract base of every model with a
    `municipality`.

    It gives the scoped manager (`for_user`, and the django-scopes tripwire under it) and
    keeps `municipality` equal to the parent row's: a child model names its parent field in
    `tenant_parent`, takes the municipality from it when saved and refuses a parent in another
    municipality, so a row can never be moved away from its children or into a stranger's
    programme. A root row (`tenant_parent = None`) declares its own `municipality` field;
    once saved, it cannot move either. Bulk creation through the manager follows the same rule.
    """

    # The foreign key that leads to this row's municipality; None for a root.
    tenant_parent: ClassVar[str | None]

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
    )

    objects = tenant_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.inherit_municipality()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        try:
            self.inherit_municipality()
        except TenantMismatch as error:
            field = self.tenant_parent or "municipality"
            raise ValidationError({field: error.messages}) from error

    def parent_municipality_id(self):
        """The municipality of the parent row, or None for a root or a missing parent."""
        if self.tenant_parent is None:
            return None
        if getattr(self, self._meta.get_field(self.tenant_parent).attname) is None:
            return None
        return getattr(self, self.tenant_parent).municipality_id

    def inherit_municipality(self):
        """Take the municipality from the parent; refuse a mismatch or a move."""
        expected = self.parent_municipality_id()
        if expected is not None:
            if self.municipality_id is None:
                self.municipality_id = expected
            elif self.municipality_id != expected:
                raise TenantMismatch(
                    _("Rækken hører til en anden kommune end den, den er knyttet til."),
                    code="tenant_mismatch",
                )
        loaded = getattr(self, "_loaded_municipality_id", None)
        if loaded is not None and loaded != self.municipality_id:
            raise TenantMismatch(
                _("En række kan ikke flyttes til en anden kommune."), code="tenant_move"
            )

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remembered so that a save can refuse moving the row to another municipality.
        instance._loaded_municipality_id = instance.__dict__.get("municipality_id")
        return instance


class Membership(TenantModel):
    """A user's role in one municipality; the source of every municipal role."""

    tenant_parent = None

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Koordinator")
        STEERING = "steering", _("Medlem af styregruppen")
        IMPLEMENTATION = "implementation", _("Medlem af implementeringsgruppen")
        LOCAL = "local", _("Medlem af en lokal implementeringsgruppe")
        READER = "reader", _("Læser")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user", "role"], name="membership_unique_role"
            )
        ]
        indexes = [models.Index(fields=["user", "municipality"])]

    def __str__(self):
        return f"{self.user} · {self.municipality} · {self.get_role_display()}"


class CohortQuerySet(models.QuerySet):
    def open_for_enrolment(self, today=None):
        """Cohorts SBST has opened whose enrolment deadline has not passed: the one statement
        of the rule, used by the enrolment form's choices and by submission alike."""
        today = today or timezone.localdate()
        return self.filter(is_open_for_enrolment=True, enrolment_deadline__gte=today)


class Cohort(models.Model):
    """A hold: programmes that start together in January or August."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    starts_on = models.DateField(_("startdato"))
    enrolment_deadline = models.DateField(_("tilmeldingsfrist"))
    is_open_for_enrolment = models.BooleanField(_("åben for tilmelding"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("hold")
        verbose_name_plural = pgettext_lazy("flertal", "hold")
        ordering = ["starts_on"]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.starts_on and self.starts_on.month not in (1, 8):
            errors["starts_on"] = _(
                "Et hold starter efter juleferien eller sommerferien, altså i januar eller august."
            )
        if self.starts_on and self.enrolment_deadline and self.enrolment_deadline > self.starts_on:
            errors["enrolment_deadline"] = _("Tilmeldingsfristen skal ligge før holdets startdato.")
        if errors:
            raise ValidationError(errors)


class ProgrammeKind(models.TextChoices):
    """The kinds of programme; each has its template of phases in `phases/kinds.py`."""

    STRATEGIC = "strategic", _("Strategisk udviklingsforløb")


class Programme(TenantModel):
    """One municipality's strategic development programme (strategisk udviklingsforløb)."""

    tenant_parent = None

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("hold"), on_delete=models.PROTECT, related_name="programmes"
    )
    kind = models.CharField(
        _("slags forløb"),
        max_length=20,
        choices=ProgrammeKind.choices,
        default=ProgrammeKind.STRATEGIC,
        editable=False,
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("koordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_programmes",
    )
    primary_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("primær kontakt i SBST"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consulted_programmes",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("udviklingsforløb")
        verbose_name_plural = pgettext_lazy("flertal", "udviklingsforløb")
        ordering = ["municipality__name", "cohort__starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "cohort"], name="programme_one_per_cohort"
            )
        ]

    def __str__(self):
        return f"{self.municipality} · {self.cohort}"


class ProgrammeGroup(TenantModel):
    """A steering group, implementation group or local implementation group."""

    tenant_parent = "programme"

    class Kind(models.TextChoices):
        STEERING = "steering", _("Styregruppe")
        IMPLEMENTATION = "implementation", _("Implementeringsgruppe")
        LOCAL = "local", _("Lokal implementeringsgruppe")

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("forløb"),
        on_delete=models.CASCADE,
        related_name="groups",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("navn"), max_length=200)
    # The area a local implementation group works in; `area_name` names an "other" area.
    area = models.CharField(_("område"), max_length=20, choices=Area.choices, blank=True)
    area_name = models.CharField(_("andet område"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("gruppe")
        verbose_name_plural = _("grupper")
        ordering = ["kind", "name"]
        indexes = [models.Index(fields=["municipality", "programme"])]

    def __str__(self):
        return self.name


class GroupMember(TenantModel):
    """A person in a group; `user` is set when the person has an account (citizens often
    have none)."""

    tenant_parent = "group"

    class Role(models.TextChoices):
        CHAIR = "chair", _("Formand")
        MEMBER = "member", _("Medlem")

    class Kind(models.TextChoices):
        CITIZEN = "citizen", _("Borgerrepræsentant")
        LEADER = "leader", _("Leder")
        EMPLOYEE = "employee", _("Medarbejder")
        POLITICIAN = "politician", _("Politiker")
        PARTNER = "partner", _("Samarbejdspartner")

    group = models.ForeignKey(
        ProgrammeGroup,
        verbose_name=_("gruppe"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_memberships",
    )
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    title = models.CharField(_("stilling"), max_length=200, blank=True)
    role = models.CharField(
        _("rolle i gruppen"), max_length=20, choices=Role.choices, default=Role.MEMBER
    )
    kind = models.CharField(
        _("repræsenterer"), max_length=20, choices=Kind.choices, default=Kind.EMPLOYEE
    )
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices)
    area = models.CharField(_("område"), max_length=20, choices=Area.choices, blank=True)

    class Meta:
        verbose_name = _("gruppemedlem")
        verbose_name_plural = _("gruppemedlemmer")
        ordering = ["name"]
        indexes = [models.Index(fields=["municipality", "group"])]

    def __str__(self):
        return self.name


class ActivityEntry(TenantModel):
    """One line of the one domain activity log: who did what, when, to which object.

    Services write it in the same transaction as the change, through
    `programmes.activity.log_action`; pages render it in the reader's language from `action`
    and `data` (never from a stored sentence). django-auditlog keeps field-level changes
    made in the admin beside it. An entry without a municipality is SBST's alone.
    """

    tenant_parent = None

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("forløb"),
        on_delete=models.CASCADE,
        related_name="activity",
        null=True,
        blank=True,
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("udført af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Who acted when it was no user of the portal (a director using a personal link).
    actor_description = models.CharField(_("udført af (beskrivelse)"), max_length=300, blank=True)
    action = models.CharField(_("handling"), max_length=80)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, blank=True
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(_("data"), encoder=DjangoJSONEncoder, default=dict, blank=True)
    created_at = models.DateTimeField(_("tidspunkt"), default=timezone.now)

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["municipality", "content_type", "object_id", "created_at"],
                name="activity_muni_object",
            ),
            models.Index(
                fields=["municipality", "programme", "created_at"], name="activity_muni_prog"
            ),
            models.Index(fields=["action", "created_at"], name="activity_action"),
        ]

    def __str__(self):
        return f"{self.action} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def message(self) -> str:
        """The entry as a sentence in the active language."""
        from .activity import describe

        return describe(self)

    @property
    def note(self) -> str:
        """Free text a person wrote with the action (a reason, a comment), shown as written."""
        return self.data.get("note", "")

    @property
    def who(self) -> str:
        if self.actor_description:
            return self.actor_description
        return self.actor.get_full_name() if self.actor else ""
