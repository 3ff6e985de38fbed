"""The case review's action codes in the activity log; every entry is about one case.

The activity log is read by everyone who reads the programme, so an entry carries no free
text of the case, not even its pseudonym: only its area (a choice), which of its fields and
principles changed, how many cases the review has, and how many findings went with a
removed case.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programmes.activity import register
from programmes.models import Area


class Action:
    RECORDED = "casereview.case_recorded"
    CHANGED = "casereview.case_changed"
    REMOVED = "casereview.case_removed"


def _area(data) -> str:
    try:
        return str(Area(data.get("area", "")).label).lower()
    except ValueError:
        return _("et ukendt område")


def _recorded(data) -> str:
    return _("En sag fra %(area)s er føjet til sagsgennemgangen (%(cases)d af %(target)d).") % {
        "area": _area(data),
        "cases": data["cases"],
        "target": data["target"],
    }


def _changed(data) -> str:
    return _("En sag fra %(area)s i sagsgennemgangen er ændret.") % {"area": _area(data)}


def _removed(data) -> str:
    """The case, with the findings removed with it (entries written before those were
    counted, or of a case without findings, read without a count)."""
    counts = {"area": _area(data), "cases": data["cases"], "target": data["target"]}
    if not data.get("findings"):
        return (
            _("En sag fra %(area)s er fjernet fra sagsgennemgangen (%(cases)d af %(target)d).")
            % counts
        )
    return ngettext(
        "En sag fra %(area)s er fjernet fra sagsgennemgangen med sin vurdering af "
        "%(findings)d princip (%(cases)d af %(target)d).",
        "En sag fra %(area)s er fjernet fra sagsgennemgangen med sin vurdering af "
        "%(findings)d principper (%(cases)d af %(target)d).",
        data["findings"],
    ) % {**counts, "findings": data["findings"]}


register({Action.RECORDED: _recorded, Action.CHANGED: _changed, Action.REMOVED: _removed})
