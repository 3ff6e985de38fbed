"""Key figures and the support ladder as charts with a title, a sentence and their table.

Pure functions of what `selectors` read: nothing here asks the database.
"""

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pygal
from django.utils.translation import gettext as _

from charts import (
    MUTED,
    PALETTE,
    Chart,
    DataTable,
    Series,
    bar_chart,
    chart_config,
    finish_chart,
    format_value,
    line_chart,
)

from .models import FigureStatus, Indicator, Source, Theme

# A chart of one municipality, the median and at most this many others stays readable.
MAX_COMPARED = 5
# The house palette without its grey, which is too close to the median's.
COMPARED_COLOURS = [colour for colour in PALETTE[1:] if colour != "#4d4d4d"]


def number(value) -> str:
    """A figure as Danish text: at most two decimals, decimal comma, thousands with dots."""
    if value is None:
        return "–"
    rounded = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    if rounded == rounded.to_integral_value():
        return format_value(int(rounded))
    places = max(-rounded.as_tuple().exponent, 1)
    return format_value(float(rounded), places)


def with_unit(value, unit: str) -> str:
    return f"{number(value)} {unit}".strip()


def figure_text(figure) -> str:
    """A table cell: the value (marked when it is the municipality's own), "Ingen data" or
    who reported it."""
    if figure is None:
        return "–"
    reported_by = figure.reported_by.name if figure.reported_by_id else None
    return status_text(figure.status, figure.value, reported_by, figure.source)


def status_text(status, value, reported_by: str | None, source) -> str:
    if status == FigureStatus.NO_DATA:
        return _("Ingen data")
    if status == FigureStatus.REPORTED_ELSEWHERE:
        return _("Indberettet af %(municipality)s") % {
            "municipality": reported_by or _("en anden kommune")
        }
    if source == Source.LOCAL:
        return _("%(value)s (kommunens eget tal)") % {"value": number(value)}
    return number(value)


def _as_point(figure):
    if figure is None or figure.status != FigureStatus.VALUE:
        return None
    return float(figure.value)


def _direction_word(change: Decimal) -> str:
    return _("steg") if change > 0 else _("faldt")


def indicator_summary(indicator: Indicator, municipality, own: dict, medians: dict) -> str:
    """What the chart of one indicator shows: the latest year against the national median,
    and the municipality's direction over the years, read with `higher_is_better`."""
    name = municipality.name
    if not own:
        return _("Der er ingen tal for %(municipality)s endnu.") % {"municipality": name}
    values = {year: f.value for year, f in own.items() if f.status == FigureStatus.VALUE}
    if not values:
        latest = own[max(own)]
        if latest.status == FigureStatus.REPORTED_ELSEWHERE and latest.reported_by_id:
            return _(
                "Tallene for %(municipality)s indberettes af %(other)s, så der er ingen "
                "særskilte tal for kommunen (senest %(year)s)."
            ) % {"municipality": name, "other": latest.reported_by.name, "year": latest.year}
        return _("Der er ingen data for %(municipality)s (senest %(year)s).") % {
            "municipality": name,
            "year": latest.year,
        }
    unit = indicator.unit
    year = max(values)
    value = values[year]
    sentences = []
    median = medians.get(year)
    if median is None:
        sentences.append(
            _("I %(year)s var tallet for %(municipality)s %(value)s; der er ingen landsmedian.")
            % {"year": year, "municipality": name, "value": with_unit(value, unit)}
        )
    else:
        sentences.append(
            _(
                "I %(year)s var tallet for %(municipality)s %(value)s, og landsmedianen var "
                "%(median)s."
            )
            % {
                "year": year,
                "municipality": name,
                "value": with_unit(value, unit),
                "median": with_unit(median, unit),
            }
        )
        if value == median:
            sentences.append(_("%(municipality)s ligger på medianen.") % {"municipality": name})
        elif (value > median) == indicator.higher_is_better:
            sentences.append(
                _("%(municipality)s ligger bedre end medianen, da %(rule)s.")
                % {"municipality": name, "rule": _rule(indicator)}
            )
        else:
            sentences.append(
                _("%(municipality)s ligger dårligere end medianen, da %(rule)s.")
                % {"municipality": name, "rule": _rule(indicator)}
            )
    first = min(values)
    if first != year:
        change = values[year] - values[first]
        facts = {
            "first": first,
            "last": year,
            "from": number(values[first]),
            "to": with_unit(value, unit),
        }
        if change == 0:
            sentences.append(_("Fra %(first)s til %(last)s var tallet uændret.") % facts)
        else:
            facts["moved"] = _direction_word(change)
            if (change > 0) == indicator.higher_is_better:
                sentences.append(
                    _(
                        "Fra %(first)s til %(last)s %(moved)s tallet fra %(from)s til %(to)s, "
                        "i den ønskede retning."
                    )
                    % facts
                )
            else:
                sentences.append(
                    _(
                        "Fra %(first)s til %(last)s %(moved)s tallet fra %(from)s til %(to)s, "
                        "modsat den ønskede retning."
                    )
                    % facts
                )
    return " ".join(sentences)


def _rule(indicator) -> str:
    return _("højere er bedre") if indicator.higher_is_better else _("lavere er bedre")


@dataclass(frozen=True)
class IndicatorChart:
    indicator: Indicator
    chart: Chart | None
    summary: str


@dataclass(frozen=True)
class ThemeSection:
    theme: str
    label: str
    items: list


def indicator_charts(indicators, municipality, compared, figures, medians) -> list[ThemeSection]:
    """One chart per indicator of `municipality` over the years against the national median
    and the `compared` municipalities, grouped by theme in the themes' order."""
    by_key = defaultdict(dict)
    for figure in figures:
        by_key[(figure.indicator_id, figure.municipality_id)][figure.year] = figure
    medians_by_indicator = defaultdict(dict)
    for (indicator_id, year), value in medians.items():
        medians_by_indicator[indicator_id][year] = value
    median_label = _("Landsmedian")
    sections = {theme: [] for theme in Theme.values}
    for indicator in indicators:
        own = by_key.get((indicator.pk, municipality.pk), {})
        others = [(m, by_key.get((indicator.pk, m.pk), {})) for m in compared]
        indicator_medians = medians_by_indicator.get(indicator.pk, {})
        years = sorted(
            set(own) | set(indicator_medians) | {y for _m, found in others for y in found}
        )
        summary = indicator_summary(indicator, municipality, own, indicator_medians)
        chart = None
        if years:
            series = [
                Series(municipality.name, [_as_point(own.get(y)) for y in years]),
                Series(median_label, [_float(indicator_medians.get(y)) for y in years]),
                *[Series(m.name, [_as_point(found.get(y)) for y in years]) for m, found in others],
            ]
            chart = line_chart(
                _("%(indicator)s: %(municipality)s mod landsmedianen (%(unit)s)")
                % {
                    "indicator": indicator.name,
                    "municipality": municipality.name,
                    "unit": indicator.unit,
                },
                x_labels=years,
                series=series,
                summary=summary,
                row_header=_("År"),
                y_title=indicator.unit,
                dashed=[median_label],
                formatter=number,
                # The median in grey, so the municipality and those compared stand out.
                colors=[PALETTE[0], MUTED, *COMPARED_COLOURS],
            )
            table = DataTable(
                row_header=_("År"),
                columns=[s.name for s in series],
                rows=[
                    (
                        str(year),
                        [
                            figure_text(own.get(year)),
                            number(indicator_medians.get(year)),
                            *[figure_text(found.get(year)) for _m, found in others],
                        ],
                    )
                    for year in years
                ],
            )
            chart = dataclasses.replace(chart, table=table)
        sections[indicator.theme].append(IndicatorChart(indicator, chart, summary))
    return [
        ThemeSection(theme, Theme(theme).label, items) for theme, items in sections.items() if items
    ]


def _float(value):
    return None if value is None else float(value)


def lower_steps(steps) -> list:
    """The lower half of the ladder (the bottom two of five steps): where recovery-oriented
    work is expected to move citizens."""
    return list(steps[: max(len(steps) // 2, 1)])


def _percent(share) -> str:
    return f"{number(share * 100)} %"


def _shares(steps, counts, years) -> dict:
    lower = {step.pk for step in lower_steps(steps)}
    shares = {}
    for year in years:
        total = sum(counts.get((step.pk, year), 0) for step in steps)
        if total:
            on_lower = sum(counts.get((step.pk, year), 0) for step in steps if step.pk in lower)
            shares[year] = (Decimal(on_lower) / Decimal(total)).quantize(Decimal("0.001"))
    return shares


def ladder_summary(steps, counts) -> str:
    """A sentence on the movement over the ladder: a rising share of citizens on the lower
    steps is the expected direction, down the ladder."""
    years = sorted({year for _step, year in counts})
    shares = _shares(steps, counts, years)
    if not shares:
        return _("Der er ingen tal for indsatstrappen endnu.")
    names = _(" og ").join(step.name.lower() for step in lower_steps(steps))
    first, last = min(shares), max(shares)
    if first == last:
        return _(
            "I %(year)s var %(share)s af borgerne på de nederste trin (%(steps)s). Der er "
            "tal for ét år, så bevægelsen kan ikke ses endnu."
        ) % {"year": last, "share": _percent(shares[last]), "steps": names}
    facts = {
        "first": first,
        "last": last,
        "from": _percent(shares[first]),
        "to": _percent(shares[last]),
        "steps": names,
    }
    if facts["from"] == facts["to"]:
        return (
            _(
                "Fra %(first)s til %(last)s var andelen af borgerne på de nederste trin "
                "(%(steps)s) uændret %(to)s."
            )
            % facts
        )
    if shares[last] > shares[first]:
        return (
            _(
                "Fra %(first)s til %(last)s steg andelen af borgerne på de nederste trin "
                "(%(steps)s) fra %(from)s til %(to)s: borgerne bevæger sig ned ad trappen, som "
                "omlægningen forventes at føre til."
            )
            % facts
        )
    return (
        _(
            "Fra %(first)s til %(last)s faldt andelen af borgerne på de nederste trin "
            "(%(steps)s) fra %(from)s til %(to)s: borgerne bevæger sig op ad trappen, modsat "
            "den forventede retning."
        )
        % facts
    )


def ladder_chart(municipality, steps, counts) -> Chart | None:
    """The ladder as horizontal bars, the top step at the top, one series per year; its
    table lists the steps from the top, with the total and the share on the lower steps."""
    years = sorted({year for _step, year in counts})
    if not years or not steps:
        return None
    summary = ladder_summary(steps, counts)
    series = [Series(str(year), [counts.get((step.pk, year)) for step in steps]) for year in years]
    chart = bar_chart(
        _("Indsatstrappen i %(municipality)s") % {"municipality": municipality.name},
        # pygal draws the first label at the bottom: the ladder's bottom step.
        x_labels=[step.name for step in steps],
        series=series,
        summary=summary,
        row_header=_("Trin"),
        horizontal=True,
        formatter=number,
    )
    shares = _shares(steps, counts, years)
    rows = [
        (step.name, [number(counts.get((step.pk, year))) for year in years])
        for step in reversed(steps)
    ]
    rows.append(
        (
            _("I alt"),
            [number(sum(counts.get((step.pk, year), 0) for step in steps)) for year in years],
        )
    )
    rows.append(
        (
            _("Andel på de nederste trin"),
            [_percent(shares[year]) if year in shares else "–" for year in years],
        )
    )
    table = DataTable(row_header=_("Trin"), columns=[str(year) for year in years], rows=rows)
    return dataclasses.replace(chart, table=table)


def ranking_summary(indicator, municipality, year, ranked, median) -> str:
    """Where `municipality` stands among the municipalities with a published value."""
    count = len(ranked)
    own = next((r for r in ranked if r.mark == "own"), None)
    sentences = [
        _(
            "%(count)s kommuner har et offentliggjort tal for %(year)s; landsmedianen er "
            "%(median)s (%(rule)s)."
        )
        % {
            "count": count,
            "year": year,
            "median": with_unit(median, indicator.unit),
            "rule": _rule(indicator),
        }
    ]
    if own is None:
        sentences.append(
            _("%(municipality)s har intet offentliggjort tal for %(year)s.")
            % {"municipality": municipality.name, "year": year}
        )
    else:
        sentences.append(
            _("%(municipality)s er nummer %(rank)s af %(count)s med %(value)s.")
            % {
                "municipality": municipality.name,
                "rank": own.rank,
                "count": count,
                "value": with_unit(own.value, indicator.unit),
            }
        )
    in_programme = sum(1 for r in ranked if r.mark == "programme")
    if in_programme:
        sentences.append(
            _("%(count)s af de øvrige er i et strategisk udviklingsforløb.")
            % {"count": in_programme}
        )
    return " ".join(sentences)


def ranking_chart(indicator, municipality, year, ranked, median) -> Chart | None:
    """All municipalities with a published value, best on top, in three colours: the
    municipality the page is about, those in a programme, and the rest (the table says the
    same in words)."""
    if not ranked:
        return None
    marks = [("own", municipality.name), ("programme", _("I et forløb")), ("", _("Øvrige"))]
    used = [(mark, label) for mark, label in marks if any(r.mark == mark for r in ranked)]
    labels = [f"{r.rank}. {r.municipality.name}" for r in ranked]
    series = [
        Series(label, [float(r.value) if r.mark == mark else None for r in ranked])
        for mark, label in used
    ]
    colours = {"own": PALETTE[0], "programme": PALETTE[1], "": MUTED}
    # Stacked, so each municipality has one full-width bar whatever its colour.
    chart = pygal.HorizontalStackedBar(
        **chart_config(
            [colours[mark] for mark, _label in used],
            value_formatter=number,
            height=max(420, 18 * len(ranked) + 120),
        )
    )
    # pygal draws a horizontal chart's first label at the bottom: the best goes last.
    chart.x_labels = labels[::-1]
    for item in series:
        chart.add(item.name, list(item.values)[::-1])
    # The column only where the reader may know of other municipalities' programmes.
    marked = any(r.mark == "programme" for r in ranked)
    table = DataTable(
        row_header=_("Placering"),
        columns=[_("Kommune"), _("Værdi"), *([_("Forløb")] if marked else [])],
        rows=[
            (
                str(r.rank),
                [
                    r.municipality.name,
                    number(r.value),
                    *([_("I et forløb") if r.mark == "programme" else ""] if marked else []),
                ],
            )
            for r in ranked
        ],
    )
    title = _("%(indicator)s i %(year)s: alle kommuner (%(unit)s)") % {
        "indicator": indicator.name,
        "year": year,
        "unit": indicator.unit,
    }
    summary = ranking_summary(indicator, municipality, year, ranked, median)
    return finish_chart(chart, title, summary, table)
