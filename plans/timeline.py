"""The sub-goals of a development plan in time: one bar per sub-goal from its start to its
due date, coloured by goal, under the windows of udvikle and forankre.

Drawn by pygal (a date line per goal, broken between its sub-goals) and finished as every
chart of the project is (`charts`), so the page and a PDF show the same picture, with a
title, a summary and the table behind it.
"""

import copy
import datetime

import pygal
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from charts import PALETTE, STYLE, Chart, DataTable, chart_config, finish_chart
from phases.models import Phase
from phases.schedule import phase_schedule

SHOWN_PHASES = (Phase.DEVELOP, Phase.ANCHOR)
ROW_HEIGHT = 34
GOAL_COLOURS = tuple(colour for colour in PALETTE if colour != "#4d4d4d")
WINDOW_COLOURS = ("#4d4d4d", "#747474")


def _style(goal_count: int):
    """The charts' style with each line drawn as a bar (pygal sets the width on the line
    itself, which a series' own width cannot override), the goals in the palette's colours
    and the phase windows in greys."""
    style = copy.copy(STYLE)
    style.stroke_width = style.stroke_width_hover = "12"
    goals = tuple(GOAL_COLOURS[i % len(GOAL_COLOURS)] for i in range(goal_count))
    style.colors = goals + WINDOW_COLOURS
    return style


def _short(day: datetime.date) -> str:
    return date_format(day, "j. b Y")


def _long(day: datetime.date) -> str:
    return date_format(day, "DATE_FORMAT")


def _phase_of(day, windows) -> str:
    for span in windows:
        if span.contains(day):
            return str(span.label)
    return _("Uden for udvikle og forankre")


def sub_goal_timeline(programme, goals) -> Chart | None:
    """The chart of `goals` (from `versions.readable`) against the programme's windows of
    udvikle and forankre, or None when no sub-goal has dates."""
    rows = [(goal, sub) for goal in goals for sub in goal.sub_goals if sub.starts_on and sub.due_on]
    if not rows:
        return None
    windows = [
        span
        for span in phase_schedule(programme.cohort, programme.kind)
        if span.phase in SHOWN_PHASES and span.starts_on
    ]
    # Rows from the top: the first sub-goal highest, the phase windows at the bottom (0).
    y_of = {id(sub): len(rows) - index for index, (_goal, sub) in enumerate(rows)}
    drawn = [goal for goal in goals if any(id(sub) in y_of for sub in goal.sub_goals)]
    title = _("Delmålene over tid")
    chart = pygal.DateLine(
        **chart_config(
            style=_style(len(drawn)),
            margin_right=48,
            height=160 + ROW_HEIGHT * (len(rows) + 1),
            allow_interruptions=True,
            show_x_guides=True,
            show_y_guides=False,
            x_value_formatter=_short,
            x_label_rotation=0,
            dots_size=4,
            range=(-0.6, len(rows) + 0.6),
            legend_at_bottom_columns=1,
        )
    )
    chart.y_labels = [{"label": _("Faser"), "value": 0}] + [
        {"label": sub.number, "value": y_of[id(sub)]} for _goal, sub in rows
    ]
    for goal in drawn:
        points = []
        for sub in goal.sub_goals:
            if id(sub) not in y_of:
                continue
            if points:
                points.append(None)
            y = y_of[id(sub)]
            points += [(sub.starts_on, y), (sub.due_on, y)]
        chart.add(
            _("Mål %(number)s: %(title)s") % {"number": goal.number, "title": goal.title},
            points,
            stroke_style={"linecap": "butt"},
        )
    for span in windows:
        chart.add(
            _("Vinduet for %(phase)s") % {"phase": str(span.label).lower()},
            [(span.starts_on, 0), (span.ends_on, 0)],
            stroke_style={"linecap": "butt", "dasharray": "3, 3"},
        )
    days = {day for _goal, sub in rows for day in (sub.starts_on, sub.due_on)}
    days |= {day for span in windows for day in (span.starts_on, span.ends_on)}
    chart.x_labels = sorted({span.starts_on for span in windows} | {min(days), max(days)})

    table = DataTable(
        row_header=_("Delmål"),
        columns=[_("Mål"), _("Start"), _("Frist"), _("Fase ved start"), _("Status")],
        rows=[
            (
                f"{sub.number} {sub.title}",
                [
                    str(goal.number),
                    _long(sub.starts_on),
                    _long(sub.due_on),
                    _phase_of(sub.starts_on, windows),
                    sub.status_label,
                ],
            )
            for goal, sub in rows
        ],
    )
    return finish_chart(chart, title, _summary(rows, windows), table)


def _summary(rows, windows) -> str:
    start = min(sub.starts_on for _goal, sub in rows)
    end = max(sub.due_on for _goal, sub in rows)
    parts = [
        ngettext(
            "%(count)d delmål fra %(start)s til %(end)s.",
            "%(count)d delmål fra %(start)s til %(end)s.",
            len(rows),
        )
        % {"count": len(rows), "start": _long(start), "end": _long(end)}
    ]
    for span in windows:
        starting = sum(1 for _goal, sub in rows if span.contains(sub.starts_on))
        parts.append(
            ngettext(
                "%(count)d starter i %(phase)s (%(start)s til %(end)s).",
                "%(count)d starter i %(phase)s (%(start)s til %(end)s).",
                starting,
            )
            % {
                "count": starting,
                "phase": str(span.label).lower(),
                "start": _long(span.starts_on),
                "end": _long(span.ends_on),
            }
        )
    outside = sum(
        1 for _goal, sub in rows if not any(span.contains(sub.starts_on) for span in windows)
    )
    if outside:
        parts.append(
            ngettext(
                "%(count)d starter uden for udvikle og forankre.",
                "%(count)d starter uden for udvikle og forankre.",
                outside,
            )
            % {"count": outside}
        )
    return " ".join(parts)
