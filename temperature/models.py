"""The temperature measurement (temperaturmåling): SBST's instrument, and the rounds a
programme takes with it.

The instrument (dimensions, their statements, the scale) is SBST's data, edited by its
administrators and kept as numbered versions: a version a round has been taken with is never
changed, an edit of it makes the next version. A round keeps the version it was taken with.

Answers are anonymous. A `Response` knows only its respondent group; its `Answer` rows know
only the statement and the value. No user, address, session or time is stored with them, and
neither model is registered with django-auditlog.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from accounts.models import SecretLink, hash_token
from programmes.models import TenantModel
from programmes.validators import single_line

# A group's result shows only from this many answers: fewer could point at a person.
MIN_ANSWERS = 5
# Below this share of the expected respondents a group's response rate is a warning.
LOW_RESPONSE_RATE = 0.5


class Instrument(models.Model):
    """One version of the temperature measurement's instrument.

    `scale` holds the labels of the answer scale, lowest first: an answer is the label's
    position counted from 1 (on the default scale 1 = "Helt uenig", 5 = "Helt enig").
    """

    version = models.PositiveSmallIntegerField(_("version"), unique=True)
    scale = models.JSONField(_("skala"), default=list)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("måleredskab")
        verbose_name_plural = _("måleredskaber")
        ordering = ["-version"]

    def __str__(self):
        return str(_("Temperaturmåling, version %(version)s") % {"version": self.version})

    @property
    def scale_values(self) -> list[tuple[int, str]]:
        return list(enumerate(self.scale, start=1))

    @property
    def midpoint(self) -> float:
        """The scale's middle (3 on 1–5): a dimension's mean below it shows a need."""
        return (1 + len(self.scale)) / 2


class Dimension(models.Model):
    """A dimension of one version of the instrument. `key` stays the same from version to
    version, so rounds taken with different versions can be set side by side."""

    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="dimensions",
    )
    key = models.SlugField(_("kode"), max_length=50)
    name = models.CharField(_("navn"), max_length=200, validators=[single_line])
    description = models.TextField(_("beskrivelse"), blank=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("dimension i temperaturmålingen")
        verbose_name_plural = _("dimensioner i temperaturmålingen")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "key"], name="tm_dimension_key_once"),
            models.UniqueConstraint(fields=["instrument", "name"], name="tm_dimension_name_once"),
        ]

    def __str__(self):
        return self.name


class Statement(models.Model):
    """A statement the respondent answers on the scale (enig/uenig)."""

    dimension = models.ForeignKey(
        Dimension,
        verbose_name=_("dimension"),
        on_delete=models.CASCADE,
        related_name="statements",
    )
    text = models.CharField(_("udsagn"), max_length=300, validators=[single_line])
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("udsagn")
        verbose_name_plural = _("udsagn")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class RoundKind(models.TextChoices):
    FIRST = "first", _("Første måling")
    FOLLOW_UP = "follow_up", _("Opfølgende måling")


class MeasurementRound(TenantModel):
    """One round of the measurement in a programme: the first (in forberede) or the
    follow-up (in forankre). Open until the coordinator closes it; its links close with it."""

    tenant_parent = "programme"

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("forløb"),
        on_delete=models.CASCADE,
        related_name="temperature_rounds",
    )
    kind = models.CharField(_("måling"), max_length=20, choices=RoundKind.choices)
    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("version af måleredskabet"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    opened_on = models.DateField(_("åbnet den"), default=timezone.localdate)
    closed_on = models.DateField(_("lukket den"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("åbnet af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("temperaturmåling")
        verbose_name_plural = _("temperaturmålinger")
        ordering = ["programme", "opened_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "programme", "kind"], name="tm_round_kind_once"
            )
        ]

    def __str__(self):
        return f"{self.programme} · {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class RespondentKind(models.TextChoices):
    LEADERS = "leaders", _("Ledere")
    EMPLOYEES = "employees", _("Medarbejdere")
    CITIZENS = "citizens", _("Borgerrepræsentanter")


class RespondentGroup(SecretLink, TenantModel):
    """One group of respondents in a round, with the number expected to answer and its own
    link.

    Only the token's hash is stored (as for every secret link). The token itself is drawn
    from `nonce` with the site's secret key, so the coordinator can copy the link again from
    the round's page while a leaked database still leaks no usable link.
    """

    tenant_parent = "round"

    round = models.ForeignKey(
        MeasurementRound,
        verbose_name=_("måling"),
        on_delete=models.CASCADE,
        related_name="groups",
    )
    kind = models.CharField(_("respondenter"), max_length=20, choices=RespondentKind.choices)
    expected = models.PositiveSmallIntegerField(
        _("forventet antal svar"), validators=[MinValueValidator(1), MaxValueValidator(10_000)]
    )
    nonce = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("respondentgruppe")
        verbose_name_plural = _("respondentgrupper")
        ordering = ["round", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "round", "kind"], name="tm_group_kind_once"
            )
        ]

    def __str__(self):
        return self.get_kind_display()

    @staticmethod
    def token_for(nonce: str) -> str:
        return salted_hmac("temperature.survey-link", nonce, algorithm="sha256").hexdigest()

    @property
    def token(self) -> str:
        return self.token_for(self.nonce)

    @classmethod
    def hash_for(cls, nonce: str) -> str:
        return hash_token(cls.token_for(nonce))


class Response(TenantModel):
    """One person's answer to a round, through their group's link. Deliberately nothing but
    the group: no user, no address, no session, no time."""

    tenant_parent = "group"

    group = models.ForeignKey(
        RespondentGroup,
        verbose_name=_("respondentgruppe"),
        on_delete=models.CASCADE,
        related_name="responses",
    )

    class Meta:
        verbose_name = _("besvarelse")
        verbose_name_plural = _("besvarelser")
        indexes = [models.Index(fields=["municipality", "group"], name="tm_response_group")]

    def __str__(self):
        return str(self.group)


class Answer(TenantModel):
    """One statement's value in a response; empty when the respondent did not know."""

    tenant_parent = "response"

    response = models.ForeignKey(
        Response, verbose_name=_("besvarelse"), on_delete=models.CASCADE, related_name="answers"
    )
    statement = models.ForeignKey(
        Statement, verbose_name=_("udsagn"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.PositiveSmallIntegerField(_("svar"), null=True, blank=True)

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "response", "statement"], name="tm_answer_once"
            )
        ]

    def __str__(self):
        return f"{self.statement}: {self.value}"
