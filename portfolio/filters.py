"""The portfolio's filters, kept in the URL (`?hold=3&region=sjaelland&sundhed=red&q=roskilde`).

Cohort, SBST contact, region, search and "mine" narrow the programmes in the database; phase,
health and warnings are facts computed per row (`portfolio.selectors`), so they narrow the
rows after they are read (`filter_rows`). The page and its exports use the same two steps.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phases.models import Phase
from programmes.models import Cohort, Programme, Region

from .health import LEVEL_LABELS, LEVELS

User = get_user_model()

MINE, ALL = "mine", "alle"
WITH, WITHOUT = "ja", "nej"


def default_view(user) -> str:
    """A consultant starts with their own programmes; an administrator with all of them."""
    return MINE if user.sbst_role == User.SbstRole.CONSULTANT else ALL


class PortfolioFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Søg på kommune eller kommunekode"), method="filter_search"
    )
    visning = django_filters.ChoiceFilter(
        label=_("Vis"),
        choices=((MINE, _("Mine forløb")), (ALL, _("Alle forløb"))),
        empty_label=None,
        method="filter_view",
    )
    hold = django_filters.ModelChoiceFilter(
        label=_("Hold"),
        field_name="cohort",
        queryset=Cohort.objects.order_by("-starts_on"),
        empty_label=_("Alle hold"),
    )
    fase = django_filters.ChoiceFilter(
        label=_("Fase"), choices=Phase.choices, empty_label=_("Alle faser"), method="after_reading"
    )
    kontakt = django_filters.ModelChoiceFilter(
        label=_("SBST-kontakt"),
        field_name="primary_contact",
        queryset=User.objects.filter(
            sbst_role__in=(User.SbstRole.CONSULTANT, User.SbstRole.ADMINISTRATOR)
        ).order_by("full_name", "email"),
        empty_label=_("Alle konsulenter"),
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        field_name="municipality__region",
        choices=Region.choices,
        empty_label=_("Alle regioner"),
    )
    sundhed = django_filters.ChoiceFilter(
        label=_("Sundhed"),
        choices=[(level, _(LEVEL_LABELS[level])) for level in reversed(LEVELS)],
        empty_label=_("Alle"),
        method="after_reading",
    )
    advarsler = django_filters.ChoiceFilter(
        label=_("Advarsler om organiseringen"),
        choices=((WITH, _("Med advarsler")), (WITHOUT, _("Uden advarsler"))),
        empty_label=_("Alle"),
        method="after_reading",
    )

    class Meta:
        model = Programme
        fields = ["q", "visning", "hold", "fase", "kontakt", "region", "sundhed", "advarsler"]

    def __init__(self, data, *, user, **kwargs):
        data = data.copy()
        if not data.get("visning"):
            data["visning"] = default_view(user)
        self.user = user
        super().__init__(data, **kwargs)

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(municipality__name__icontains=value) | Q(municipality__code=value))

    def filter_view(self, queryset, name, value):
        if value == MINE:
            return queryset.filter(primary_contact_id=self.user.pk)
        return queryset

    def after_reading(self, queryset, name, value):
        return queryset  # see filter_rows

    @property
    def values(self) -> dict:
        """The values of the filters that are valid; an invalid one is shown on the form and
        left out, as django-filter leaves it out of `qs`."""
        self.form.is_valid()
        return self.form.cleaned_data


def filter_rows(rows, values: dict) -> list:
    """The rows whose phase, health and warnings match the filters read in Python."""
    phase = values.get("fase")
    level = values.get("sundhed")
    warnings = values.get("advarsler")
    return [
        row
        for row in rows
        if (not phase or row.standing.phase == phase)
        and (not level or row.health.level == level)
        and (not warnings or bool(row.warnings) == (warnings == WITH))
    ]
