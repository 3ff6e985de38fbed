"""A programme's health for SBST's consultants: green, yellow or red, with its reasons in words.

Pure rules over facts the caller has already read (the portfolio's rows,
`portfolio.selectors.portfolio_rows`): no rule asks the database. Each rule looks at one
fact and gives at most one `Finding`, a level and a whole Danish sentence saying why; the
health is the worst level found, with every reason, so a page never shows the colour alone.

A row is any object with these attributes (`portfolio.selectors.Row` has them all):

- `programme_id`
- `standing`: a `phases.selectors.Standing` (phase, window, gate, behind, days left)
- `overdue`: {kind: number} of overdue items (`OVERDUE_LABELS` names the kinds)
- `warnings`: the composition warnings (`programmes.composition.programme_warnings`)
- `days_since_activity`: days since the programme's last activity-log entry, or since it
  was created when it has none
- `meetings_held`, `meetings_planned`: this phase's meetings held and planned (not cancelled)

The thresholds are module constants so a test (and a reader) sees them in one place.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext_noop

from phases.models import Phase

from .text import choice_label, ngettext
from .text import gettext as _

GREEN, YELLOW, RED = "green", "yellow", "red"
LEVELS = (GREEN, YELLOW, RED)
LEVEL_LABELS = {GREEN: gettext_noop("Grøn"), YELLOW: gettext_noop("Gul"), RED: gettext_noop("Rød")}

# A phase whose gate does not hold this many days (or fewer) before its window ends is yellow.
GATE_WARNING_DAYS = 30
# Overdue items: any makes the programme yellow, this many red.
OVERDUE_RED = 5
# Days without any activity-log entry: yellow from the first threshold, red from the second.
QUIET_YELLOW_DAYS = 30
QUIET_RED_DAYS = 60
# No meeting of the phase held once this share (per cent) of its window has passed: yellow.
MEETINGS_DUE_SHARE = 50

OVERDUE_LABELS = {
    "communication": gettext_noop("kommunikationsaktiviteter"),
    "follow_ups": gettext_noop("opfølgningsopgaver fra møder"),
    "evaluations": gettext_noop("evalueringer af prøvehandlinger"),
}


@dataclass(frozen=True)
class Finding:
    level: str
    reason: str


@dataclass(frozen=True)
class Health:
    level: str
    reasons: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return _(LEVEL_LABELS[self.level])

    @property
    def summary(self) -> str:
        """The level and its reasons as one text (the export's cell)."""
        if not self.reasons:
            return _("%(level)s: intet at bemærke.") % {"level": self.label}
        return f"{self.label}: {' '.join(self.reasons)}"


def _phase(standing) -> str:
    return choice_label(Phase, standing.phase).lower()


def _day(value) -> str:
    return date_format(value, "j. F Y")


def behind_window(row) -> Finding | None:
    """Red: the phase's window has ended and its gate does not hold (`Standing.behind`)."""
    standing = row.standing
    if not standing.behind:
        return None
    return Finding(
        RED,
        _("Forløbet er bagud: vinduet for %(phase)s sluttede %(day)s, og fasens port holder ikke.")
        % {"phase": _phase(standing), "day": _day(standing.window.ends_on)},
    )


def gate_near_window_end(row) -> Finding | None:
    """Yellow: the window ends within `GATE_WARNING_DAYS` days and the gate does not hold
    yet; the sentence names what is missing."""
    standing = row.standing
    days = standing.days_left
    if standing.behind or days is None or days < 0 or days > GATE_WARNING_DAYS:
        return None
    if standing.gate.holds:
        return None
    missing = get_text_list([str(r.label).rstrip(".") for r in standing.gate.missing], _("og"))
    return Finding(
        YELLOW,
        ngettext(
            "Fasen %(phase)s slutter om %(days)s dag, og porten holder ikke endnu: %(missing)s.",
            "Fasen %(phase)s slutter om %(days)s dage, og porten holder ikke endnu: %(missing)s.",
            days,
        )
        % {"phase": _phase(standing), "days": days, "missing": missing},
    )


def overdue_items(row) -> Finding | None:
    """Yellow for any overdue item (communication activities, follow-up tasks, evaluations of
    trial actions), red from `OVERDUE_RED` of them."""
    total = sum(row.overdue.values())
    if not total:
        return None
    parts = get_text_list(
        [f"{n} {_(OVERDUE_LABELS[kind])}" for kind, n in row.overdue.items() if n], _("og")
    )
    return Finding(
        RED if total >= OVERDUE_RED else YELLOW,
        ngettext(
            "%(count)s opgave er overskredet: %(parts)s.",
            "%(count)s opgaver er overskredet: %(parts)s.",
            total,
        )
        % {"count": total, "parts": parts},
    )


def composition(row) -> Finding | None:
    """Yellow: the programme's organisation breaks a composition rule (each warning is
    shown on the page; the reason counts them)."""
    count = len(row.warnings)
    if not count:
        return None
    return Finding(
        YELLOW,
        ngettext(
            "Organiseringen har %(count)s advarsel om sammensætningen.",
            "Organiseringen har %(count)s advarsler om sammensætningen.",
            count,
        )
        % {"count": count},
    )


def quiet(row) -> Finding | None:
    """Yellow after `QUIET_YELLOW_DAYS` days without activity, red after `QUIET_RED_DAYS`."""
    days = row.days_since_activity
    if days is None or days < QUIET_YELLOW_DAYS:
        return None
    return Finding(
        RED if days >= QUIET_RED_DAYS else YELLOW,
        _("Der er ikke sket noget i forløbet i %(days)s dage.") % {"days": days},
    )


def meetings_not_held(row) -> Finding | None:
    """Yellow: half the phase's window (`MEETINGS_DUE_SHARE`) has passed and none of the
    phase's planned meetings has been held."""
    share = row.standing.share_of_window
    if share is None or share < MEETINGS_DUE_SHARE:
        return None
    if not row.meetings_planned or row.meetings_held:
        return None
    return Finding(
        YELLOW,
        ngettext(
            "Fasens ene planlagte møde er ikke holdt, og %(share)s %% af fasens vindue er gået.",
            "Ingen af fasens %(count)s planlagte møder er holdt, og %(share)s %% af fasens "
            "vindue er gået.",
            row.meetings_planned,
        )
        % {"count": row.meetings_planned, "share": share},
    )


RULES = (behind_window, gate_near_window_end, overdue_items, composition, quiet, meetings_not_held)


def health_of(row) -> Health:
    """One row's health: the worst level of its findings, every reason in the rules' order.
    A completed programme is green: nothing more is asked of it."""
    if row.standing.is_completed:
        return Health(GREEN, [])
    findings = [f for f in (rule(row) for rule in RULES) if f is not None]
    if not findings:
        return Health(GREEN, [])
    level = max((f.level for f in findings), key=LEVELS.index)
    return Health(level, [f.reason for f in findings])


def programme_health(rows: Iterable) -> dict[int, Health]:
    """{programme id: Health} for rows with the facts this module's docstring lists."""
    return {row.programme_id: health_of(row) for row in rows}
