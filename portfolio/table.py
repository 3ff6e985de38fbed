"""The portfolio table's columns, once: their headers, how each sorts, and each cell as text.

The page draws the same rows in the same order from `sort_rows`; the CSV and XLSX exports
write `cells(row)` under `headers()`, so an export holds exactly what the filtered, sorted
table shows.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from phases.models import Phase

from .health import LEVELS
from .text import gettext as _

PHASE_ORDER = {code: index for index, code in enumerate(Phase.values)}


def _text(value) -> str:
    return "" if value is None else str(value)


def _next_meeting(row) -> str:
    if row.next_meeting is None:
        return ""
    return date_format(timezone.localtime(row.next_meeting), "SHORT_DATETIME_FORMAT")


def _window(row) -> str:
    share = row.standing.share_of_window
    return "" if share is None else f"{share} %"


@dataclass(frozen=True)
class Column:
    key: str
    header: object
    cell: Callable
    sort: Callable | None = None


COLUMNS = (
    Column(
        "kommune",
        gettext_lazy("Kommune"),
        lambda r: r.municipality.name,
        lambda r: r.municipality.name,
    ),
    Column("kode", gettext_lazy("Kommunekode"), lambda r: r.municipality.code),
    Column("region", gettext_lazy("Region"), lambda r: r.region_label),
    Column(
        "hold",
        gettext_lazy("Hold"),
        lambda r: r.cohort.name,
        lambda r: (r.cohort.starts_on, r.cohort.name),
    ),
    Column(
        "fase",
        gettext_lazy("Fase"),
        lambda r: r.phase_label,
        lambda r: PHASE_ORDER[r.standing.phase],
    ),
    Column(
        "vindue",
        gettext_lazy("Vinduet gået"),
        _window,
        lambda r: -1 if r.standing.share_of_window is None else r.standing.share_of_window,
    ),
    Column(
        "bagud",
        gettext_lazy("Bagud"),
        lambda r: _("Ja") if r.standing.behind else _("Nej"),
        lambda r: r.standing.behind,
    ),
    Column(
        "kontakt",
        gettext_lazy("SBST-kontakt"),
        lambda r: _text(r.contact),
        lambda r: (r.contact is None, _text(r.contact)),
    ),
    Column(
        "moeder",
        gettext_lazy("Møder holdt i fasen"),
        lambda r: r.meetings_text,
        lambda r: (r.meetings_held, r.meetings_planned),
    ),
    Column(
        "naeste",
        gettext_lazy("Næste møde"),
        _next_meeting,
        lambda r: (r.next_meeting is None, r.next_meeting or 0),
    ),
    Column(
        "leverancer",
        gettext_lazy("Fasens leverancer"),
        lambda r: "; ".join(f"{d.label}: {d.state}" for d in r.deliverables),
    ),
    Column(
        "advarsler",
        gettext_lazy("Advarsler om organiseringen"),
        lambda r: " ".join(r.warnings),
        lambda r: len(r.warnings),
    ),
    Column(
        "overskredet",
        gettext_lazy("Overskredne opgaver"),
        lambda r: r.overdue_total,
        lambda r: r.overdue_total,
    ),
    Column(
        "aktivitet",
        gettext_lazy("Dage siden seneste aktivitet"),
        lambda r: r.days_since_activity,
        lambda r: r.days_since_activity,
    ),
    Column(
        "sundhed",
        gettext_lazy("Sundhed"),
        lambda r: r.health.label,
        lambda r: LEVELS.index(r.health.level),
    ),
    Column("begrundelser", gettext_lazy("Begrundelser"), lambda r: " ".join(r.health.reasons)),
)
BY_KEY = {column.key: column for column in COLUMNS}
SORTABLE = {column.key for column in COLUMNS if column.sort is not None}
# Red first: the consultant's first look is at what needs them.
DEFAULT_SORT = "-sundhed"


def sort_key(value: str) -> str:
    """A valid `?sorter=` value (a column, `-` first for descending), else the default."""
    return value if value.removeprefix("-") in SORTABLE else DEFAULT_SORT


def sort_rows(rows, value: str) -> list:
    """The rows sorted by `value`, ties by municipality and cohort (always ascending)."""
    value = sort_key(value)
    column = BY_KEY[value.removeprefix("-")]
    rows = sorted(rows, key=lambda r: (r.municipality.name, r.cohort.starts_on))
    return sorted(rows, key=column.sort, reverse=value.startswith("-"))


def headers() -> list[str]:
    return [str(column.header) for column in COLUMNS]


def cells(row) -> list:
    """The row as the export writes it: text, or a number where the column counts."""
    result = []
    for column in COLUMNS:
        value = column.cell(row)
        result.append(value if isinstance(value, int) else str(value))
    return result
