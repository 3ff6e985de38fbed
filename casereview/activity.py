"""The case review's action codes in the activity log; every entry is about one case.

The activity log is read by everyone who reads the programme, so an entry carries no free
text of the case, not even its pseudonym: only its area (a choice), which of its fields and
principles changed, and how many cases the review has.
"""

from django.utils.translation import gettext as _

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
    return _("En sag fra %(area)s er fjernet fra sagsgennemgangen (%(cases)d af %(target)d).") % {
        "area": _area(data),
        "cases": data["cases"],
        "target": data["target"],
    }


register({Action.RECORDED: _recorded, Action.CHANGED: _changed, Action.REMOVED: _removed})
