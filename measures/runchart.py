"""A measure's run chart: its points over time, their median as a dashed line, and the start
of each linked trial action as a vertical line, drawn by pygal and finished as every chart
of the project is (`charts`): a title, a summary, the picture and the table of its data.
The Anhøj verdict (`anhoej.py`) is shown in words beside it."""

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

import pygal
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from charts import MUTED, PALETTE, Chart, DataTable, chart_config, finish_chart, format_value

from . import anhoej
from .models import UnitKind

# The points in the house blue, the median in the muted grey, the starts in other colours.
START_COLOURS = tuple(colour for colour in PALETTE[1:] if colour != "#4d4d4d")


@dataclass(frozen=True)
class Start:
    """Where a linked trial action begins: the start of its period."""

    on: datetime.date
    title: str
    trial_action_id: int


def start_of(trial_action) -> Start:
    return Start(
        on=trial_action.starts_on, title=trial_action.title, trial_action_id=trial_action.pk
    )


def verdict_of(points) -> anhoej.Verdict:
    """The Anhøj verdict on `points` (in date order)."""
    return anhoej.verdict([point.value for point in points])


def verdict_text(verdict: anhoej.Verdict) -> str:
    """The verdict as one sentence in the reader's language."""
    return verdict.message(_)


def verdict_label(verdict: anhoej.Verdict) -> str:
    """The verdict in a few words, for a list of measures."""
    if not verdict.enough:
        return _("For få punkter til en vurdering")
    if verdict.signal:
        return _("Tegn på en ændring")
    return _("Tilfældig variation")


def _long(day: datetime.date) -> str:
    return date_format(day, "DATE_FORMAT")


def _short(day: datetime.date) -> str:
    return date_format(day, "j. b Y")


def unit_label(unit: str) -> str:
    return str(UnitKind(unit).label)


def format_number(value) -> str:
    """A value as Danish text with the decimals it has (at most two): 42,5, not 42,50."""
    if value is None:
        return format_value(None)
    number = Decimal(str(value)).quantize(Decimal("0.01")).normalize()
    return format_value(number, decimals=max(-number.as_tuple().exponent, 0))


def format_point(unit: str, value) -> str:
    text = format_number(value)
    return f"{text} %" if unit == UnitKind.PERCENTAGE and value is not None else text


def _side(value, median) -> str:
    if value > median:
        return _("Over")
    if value < median:
        return _("Under")
    return _("På medianen")


def run_chart(measure, points, starts=()) -> Chart | None:
    """The run chart of `measure`'s `points` (in date order), with `starts` (`Start`s) that
    fall within the points' dates marked; None without points."""
    if not points:
        return None
    values = [float(point.value) for point in points]
    median = anhoej.median([point.value for point in points])
    first, last = points[0].measured_on, points[-1].measured_on
    shown_starts = sorted(
        (start for start in starts if first <= start.on <= last), key=lambda s: s.on
    )
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or 1
    bottom, top = max(low - pad, 0) if low >= 0 else low - pad, high + pad
    colours = (PALETTE[0], MUTED) + tuple(
        START_COLOURS[i % len(START_COLOURS)] for i in range(len(shown_starts))
    )
    chart = pygal.DateLine(
        **chart_config(
            colours,
            y_title=unit_label(measure.unit),
            allow_interruptions=True,
            show_x_guides=False,
            show_y_guides=False,
            x_value_formatter=_short,
            x_label_rotation=0,
            dots_size=4,
            range=(bottom, top),
            legend_at_bottom_columns=1,
        )
    )
    every = max(math.ceil(len(points) / 6), 1)
    chart.x_labels = [point.measured_on for point in points][::every]
    chart.add(measure.name, [(p.measured_on, v) for p, v in zip(points, values, strict=True)])
    chart.add(
        _("Median (%(median)s)") % {"median": format_point(measure.unit, median)},
        [(first, float(median)), (last, float(median))],
        show_dots=False,
        stroke_style={"width": 3, "dasharray": "8, 6"},
    )
    for start in shown_starts:
        chart.add(
            _("Start: %(title)s (%(date)s)") % {"title": start.title, "date": _short(start.on)},
            [(start.on, bottom), (start.on, top)],
            show_dots=False,
            stroke_style={"width": 2, "dasharray": "3, 3"},
        )
    title = _("Seriediagram: %(name)s") % {"name": measure.name}
    table = DataTable(
        row_header=_("Dato"),
        columns=[unit_label(measure.unit), _("I forhold til medianen")],
        rows=[
            (
                _long(point.measured_on),
                [format_point(measure.unit, point.value), _side(point.value, median)],
            )
            for point in points
        ],
    )
    return finish_chart(chart, title, _summary(measure, points, median, starts), table)


def _summary(measure, points, median, starts) -> str:
    parts = [
        ngettext(
            "%(count)d punkt den %(start)s.",
            "%(count)d punkter fra %(start)s til %(end)s.",
            len(points),
        )
        % {
            "count": len(points),
            "start": _long(points[0].measured_on),
            "end": _long(points[-1].measured_on),
        },
        _("Medianen er %(median)s.") % {"median": format_point(measure.unit, median)},
    ]
    first, last = points[0].measured_on, points[-1].measured_on
    for start in sorted(starts, key=lambda s: s.on):
        if start.on < first:
            sentence = _("Prøvehandlingen »%(title)s« startede %(date)s, før det første punkt.")
        elif start.on > last:
            sentence = _("Prøvehandlingen »%(title)s« starter %(date)s, efter det sidste punkt.")
        else:
            sentence = _("Prøvehandlingen »%(title)s« startede %(date)s (den lodrette streg).")
        parts.append(sentence % {"title": start.title, "date": _long(start.on)})
    return " ".join(parts)
