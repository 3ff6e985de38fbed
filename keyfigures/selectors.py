"""Read queries of key figures and the support ladder.

Published figures are public between municipalities, so these queries rightly cross the
tenant tripwire: a request's scope holds only the user's own municipalities. Each one runs
under `scopes_disabled()`, always through `FigureValue.objects.for_user(user)` (or the
ladder's), which lets through published figures and, for a municipality's own people and
SBST staff, its local ones; each evaluates its queryset inside the context manager. Every
function asks the database a fixed number of times, however many indicators, years or
municipalities it reads.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django_scopes import scopes_disabled

from programmes.models import Municipality, Programme

from .display import figure_text, number
from .models import (
    FigureStatus,
    FigureValue,
    Indicator,
    LadderCount,
    LadderStep,
    Source,
    Theme,
)


def catalogue(*, active_only=True) -> list[Indicator]:
    """The indicators in the catalogue's order (theme, position, name)."""
    indicators = Indicator.objects.all()
    if active_only:
        indicators = indicators.filter(is_active=True)
    return list(indicators)


def ladder_steps() -> list[LadderStep]:
    """The support ladder's steps from the bottom (position 1) up."""
    return list(LadderStep.objects.order_by("position"))


def all_municipalities() -> list[Municipality]:
    """Every municipality (id, code and name), by name: names and codes are public, so a
    user may choose any of them to compare with."""
    with scopes_disabled():
        return list(Municipality.objects.only("pk", "code", "name").order_by("name"))


def figures_for(user, municipalities, indicators=None) -> list[FigureValue]:
    """The figures of `municipalities` that `user` may read: published ones, and local ones
    of the user's own municipality (all of them for SBST staff)."""
    ids = [m.pk for m in municipalities]
    if not ids:
        return []
    with scopes_disabled():
        figures = (
            FigureValue.objects.for_user(user)
            .filter(municipality_id__in=ids)
            .select_related("reported_by")
            .order_by("indicator_id", "year", "municipality_id")
        )
        if indicators is not None:
            figures = figures.filter(indicator_id__in=[i.pk for i in indicators])
        return list(figures)


def national_medians(user, indicators) -> dict[tuple[int, int], Decimal]:
    """{(indicator id, year): median}: the median over the municipalities with a published
    value that year. "No data", "reported by another municipality" and local figures count
    for nothing."""
    ids = [i.pk for i in indicators]
    if not ids:
        return {}
    with scopes_disabled():
        rows = list(
            FigureValue.objects.for_user(user)
            .filter(
                indicator_id__in=ids,
                source=Source.PUBLISHED,
                status=FigureStatus.VALUE,
                value__isnull=False,
            )
            .values_list("indicator_id", "year", "value")
        )
    values = defaultdict(list)
    for indicator_id, year, value in rows:
        values[(indicator_id, year)].append(value)
    return {key: median(found) for key, found in values.items()}


def median(values) -> Decimal:
    """The middle value, or the mean of the two middle values of an even count."""
    return Decimal(statistics.median(values))


def ladder_counts(user, municipality) -> dict[tuple[int, int], int]:
    """{(step id, year): citizens} of one municipality, as far as `user` may read them."""
    with scopes_disabled():
        rows = list(
            LadderCount.objects.for_user(user)
            .filter(municipality_id=municipality.pk)
            .values_list("step_id", "year", "citizens")
        )
    return {(step_id, year): citizens for step_id, year, citizens in rows}


@dataclass(frozen=True)
class Headline:
    """An indicator's latest figure for a municipality beside that year's national median."""

    indicator: Indicator
    figure: FigureValue | None
    median: Decimal | None

    @property
    def comparison(self) -> str:
        """ "better", "worse", "same" or "" (nothing to compare)."""
        figure = self.figure
        if figure is None or figure.status != FigureStatus.VALUE or self.median is None:
            return ""
        if figure.value == self.median:
            return "same"
        higher = figure.value > self.median
        return "better" if higher == self.indicator.higher_is_better else "worse"

    @property
    def text(self) -> str:
        return figure_text(self.figure)

    @property
    def median_text(self) -> str:
        return number(self.median)


def latest_figures(user, municipality) -> list[Headline]:
    """Per indicator of the catalogue, the municipality's figure of its latest year (a
    value before "no data") with the national median of that year: three queries."""
    themes = {theme: index for index, theme in enumerate(Theme.values)}
    indicators = sorted(catalogue(), key=lambda i: themes.get(i.theme, len(themes)))
    by_indicator = defaultdict(list)
    for figure in figures_for(user, [municipality], indicators):
        by_indicator[figure.indicator_id].append(figure)
    medians = national_medians(user, indicators)
    headlines = []
    for indicator in indicators:
        found = by_indicator.get(indicator.pk, [])
        with_value = [f for f in found if f.status == FigureStatus.VALUE]
        latest = max(with_value or found, key=lambda f: f.year, default=None)
        median_value = medians.get((indicator.pk, latest.year)) if latest else None
        headlines.append(Headline(indicator, latest, median_value))
    return headlines


def steering_notes(user, programme):
    """The programme's steering notes, newest first, with their authors."""
    from .models import SteeringNote

    return (
        SteeringNote.objects.for_user(user)
        .filter(programme_id=programme.pk)
        .select_related("author")
        .order_by("-written_on", "-id")
    )


def programmes_of(user, municipality):
    """The municipality's programmes `user` may read (for links from the figures page)."""
    return list(
        Programme.objects.for_user(user)
        .for_municipality(municipality)
        .select_related("cohort")
        .order_by("cohort__starts_on")
    )


@dataclass(frozen=True)
class Ranked:
    """One municipality's published value of an indicator in a year, and its place."""

    rank: int
    municipality: Municipality
    value: Decimal
    # "programme" for a municipality in a programme the reader may know of, "own" for the
    # reader's chosen municipality, "" otherwise.
    mark: str


def published_years(indicator) -> list[int]:
    """The years with at least one published value of `indicator`, newest first."""
    with scopes_disabled():
        return list(
            FigureValue.objects.filter(
                indicator_id=indicator.pk,
                source=Source.PUBLISHED,
                status=FigureStatus.VALUE,
                value__isnull=False,
            )
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )


def ranking(user, indicator, year, *, municipality) -> list[Ranked]:
    """Every municipality with a published value of `indicator` in `year`, best first (by
    `higher_is_better`; equal values share a rank). Municipalities in a programme are marked
    only as far as `user` may read programmes (all for SBST staff, their own for a
    municipality's people), so nobody learns of another municipality's programme here;
    `municipality` is marked as the one the page is about. Two queries."""
    with scopes_disabled():
        rows = list(
            FigureValue.objects.filter(
                indicator_id=indicator.pk,
                year=year,
                source=Source.PUBLISHED,
                status=FigureStatus.VALUE,
                value__isnull=False,
            )
            .select_related("municipality")
            .only("value", "municipality__code", "municipality__name")
        )
    in_programme = set(Programme.objects.for_user(user).values_list("municipality_id", flat=True))
    rows.sort(key=lambda f: f.municipality.name)
    rows.sort(key=lambda f: f.value, reverse=indicator.higher_is_better)
    ranked, rank, previous = [], 0, None
    for position, figure in enumerate(rows, start=1):
        if figure.value != previous:
            rank, previous = position, figure.value
        mark = (
            "own"
            if figure.municipality_id == municipality.pk
            else ("programme" if figure.municipality_id in in_programme else "")
        )
        ranked.append(Ranked(rank, figure.municipality, figure.value, mark))
    return ranked
