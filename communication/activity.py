"""The communication plan's action codes in the activity log; every entry is about one
activity of the plan."""

from django.utils.translation import gettext as _

from programmes.activity import as_date, register

from .models import ActivityStatus


class Action:
    ADDED = "communication.added"
    CHANGED = "communication.changed"
    DONE = "communication.done"
    REMOVED = "communication.removed"


def _added(data) -> str:
    return _("Kommunikationsaktiviteten »%(title)s« er sat i planen til %(date)s.") % {
        "title": data["title"],
        "date": as_date(data["planned_on"]),
    }


def _changed(data) -> str:
    sentence = _("Kommunikationsaktiviteten »%(title)s« er ændret.") % {"title": data["title"]}
    if "status" in data.get("fields", ()):
        sentence += " " + _("Status er nu: %(status)s.") % {
            "status": _status_label(data.get("status", "")).lower()
        }
    return sentence


def _status_label(status: str) -> str:
    try:
        return str(ActivityStatus(status).label)
    except ValueError:
        return status


register(
    {
        Action.ADDED: _added,
        Action.CHANGED: _changed,
        Action.DONE: lambda data: (
            _("Kommunikationsaktiviteten »%(title)s« er gennemført.") % {"title": data["title"]}
        ),
        Action.REMOVED: lambda data: (
            _("Kommunikationsaktiviteten »%(title)s« er fjernet fra planen.")
            % {"title": data["title"]}
        ),
    }
)
