from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import Municipality, TenantModel
from programmes.scoping import TenantQuerySet, tenant_manager
from programmes.validators import no_personal_identifiers, single_line


class Theme(models.TextChoices):
    """The four themes of Socialpsykiatriens Nøgletal."""

    RECOVERY = "recovery", _("Øget personlig recovery og trivsel")
    EARLY = "early", _("Tidligere indsats")
    EDUCATION_EMPLOYMENT = "education_employment", _("Øget grad af uddannelse og beskæftigelse")
    HEALTH = "health", _("Forbedret sundhed")


class Indicator(models.Model):
    """An indicator of the key-figure catalogue, kept by SBST's administrators.

    `code` is what an import file names the indicator by.
    """

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("navn"), max_length=200, validators=[single_line])
    definition = models.TextField(_("definition"))
    unit = models.CharField(_("enhed"), max_length=60, validators=[single_line])
    source = models.CharField(_("kilde"), max_length=200, validators=[single_line])
    theme = models.CharField(_("tema"), max_length=30, choices=Theme.choices)
    higher_is_better = models.BooleanField(_("højere er bedre"), default=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    is_active = models.BooleanField(_("i brug"), default=True)

    class Meta:
        verbose_name = _("nøgletal")
        verbose_name_plural = _("nøgletal")
        ordering = ["theme", "position", "name"]

    def __str__(self):
        return self.name


class Source(models.TextChoices):
    PUBLISHED = "published", _("Offentliggjort")
    LOCAL = "local", _("Kommunens egne tal")


class FigureStatus(models.TextChoices):
    VALUE = "value", _("Tal")
    NO_DATA = "no_data", _("Ingen data")
    REPORTED_ELSEWHERE = "reported_elsewhere", _("Indberettet af en anden kommune")


class PublicFigureQuerySet(TenantQuerySet):
    def for_user(self, user):
        """Published figures are public between municipalities; a municipality's own local
        figures are read only by its people and SBST staff. Read under `scopes_disabled()`
        (see `keyfigures.selectors`), as these rows rightly cross municipalities."""
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        own = super().for_user(user)
        return self.filter(Q(source=Source.PUBLISHED) | Q(pk__in=own.values("pk")))


class FigureValue(TenantModel):
    """One municipality's value of one indicator in one year.

    "No data" and "reported by another municipality" (Vallensbæk by Ishøj) are values too,
    so a gap in a chart says why.
    """

    tenant_parent = None

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="figure_values",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("nøgletal"), on_delete=models.PROTECT, related_name="values"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    status = models.CharField(
        _("status"), max_length=20, choices=FigureStatus.choices, default=FigureStatus.VALUE
    )
    value = models.DecimalField(_("værdi"), max_digits=14, decimal_places=3, null=True, blank=True)
    reported_by = models.ForeignKey(
        Municipality,
        verbose_name=_("indberettet af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField(
        _("kilde"), max_length=20, choices=Source.choices, default=Source.PUBLISHED
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("indtastet af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    objects = tenant_manager(PublicFigureQuerySet)

    class Meta:
        verbose_name = _("nøgletalsværdi")
        verbose_name_plural = _("nøgletalsværdier")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "indicator", "year"], name="figure_value_once"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="value", value__isnull=False, reported_by__isnull=True)
                    | Q(status="no_data", value__isnull=True, reported_by__isnull=True)
                    | Q(status="reported_elsewhere", value__isnull=True, reported_by__isnull=False)
                ),
                name="figure_value_status_consistent",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "year"], name="figure_indicator_year")]

    def __str__(self):
        return f"{self.municipality} · {self.indicator} · {self.year}"


class LadderStep(models.Model):
    """A step of the support ladder (Socialpsykiatriens Indsatstrappe), from the citizen's
    own home with little support (position 1, the bottom) to residential offers with
    extensive support (the top). SBST's administrators keep the list."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("navn"), max_length=200, validators=[single_line])
    description = models.TextField(_("beskrivelse"), blank=True)
    position = models.PositiveSmallIntegerField(_("trin"), unique=True)

    class Meta:
        verbose_name = _("trin på indsatstrappen")
        verbose_name_plural = _("trin på indsatstrappen")
        ordering = ["position"]

    def __str__(self):
        return self.name


class LadderCount(TenantModel):
    """How many of a municipality's citizens were on one step of the ladder in one year."""

    tenant_parent = None

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="ladder_counts",
    )
    step = models.ForeignKey(
        LadderStep, verbose_name=_("trin"), on_delete=models.PROTECT, related_name="counts"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    citizens = models.PositiveIntegerField(_("borgere"))
    source = models.CharField(
        _("kilde"), max_length=20, choices=Source.choices, default=Source.PUBLISHED
    )
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    objects = tenant_manager(PublicFigureQuerySet)

    class Meta:
        verbose_name = _("borgere på et trin")
        verbose_name_plural = _("borgere på trinnene")
        ordering = ["year", "step__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "step", "year"], name="ladder_count_once"
            )
        ]

    def __str__(self):
        return f"{self.municipality} · {self.step} · {self.year}"


class SteeringNote(TenantModel):
    """The steering discussion of the area's current goals and governance, kept with the
    figures. Programme data: read only by the programme's municipality and SBST."""

    tenant_parent = "programme"

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("forløb"),
        on_delete=models.CASCADE,
        related_name="steering_notes",
    )
    written_on = models.DateField(_("dato"), default=timezone.localdate)
    text = models.TextField(_("note"), validators=[no_personal_identifiers])
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skrevet af"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("note fra styringsdrøftelsen")
        verbose_name_plural = _("noter fra styringsdrøftelsen")
        ordering = ["-written_on", "-id"]
        indexes = [models.Index(fields=["municipality", "programme"])]

    def __str__(self):
        return f"{self.programme} · {self.written_on}"


class FigureImport(models.Model):
    """An SBST administrator's upload of figures for all municipalities: validated in full
    and previewed first (`rows` holds the parsed rows), applied in one transaction once
    confirmed."""

    filename = models.CharField(_("filnavn"), max_length=255)
    rows = models.JSONField(_("rækker"), default=list)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("indlæst af"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("indlæst"), default=timezone.now)
    applied_at = models.DateTimeField(_("gemt"), null=True, blank=True)

    class Meta:
        verbose_name = _("import af nøgletal")
        verbose_name_plural = _("importer af nøgletal")
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename
