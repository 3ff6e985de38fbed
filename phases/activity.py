"""The phases' action codes in the activity log."""

from django.utils.translation import gettext as _

from programmes.activity import as_date, register

from .models import Phase


class Action:
    MOVED = "phases.moved"
    WINDOW_CHANGED = "phases.window_changed"


def _label(code) -> str:
    try:
        return str(Phase(code).label)
    except ValueError:
        return code or ""


def _moved(data) -> str:
    if not data.get("from"):
        return _("Forløbet startede i fasen %(to)s.") % {"to": _label(data.get("to"))}
    if data.get("overridden"):
        return _("Forløbet gik fra %(from)s til %(to)s, selv om porten ikke var opfyldt.") % {
            "from": _label(data["from"]),
            "to": _label(data.get("to")),
        }
    return _("Forløbet gik fra %(from)s til %(to)s.") % {
        "from": _label(data["from"]),
        "to": _label(data.get("to")),
    }


def _window_changed(data) -> str:
    return _("Vinduet for fasen %(phase)s på %(cohort)s er nu %(start)s til %(end)s.") % {
        "phase": _label(data.get("phase")),
        "cohort": data.get("cohort", ""),
        "start": as_date(data["start"]),
        "end": as_date(data["end"]),
    }


register({Action.MOVED: _moved, Action.WINDOW_CHANGED: _window_changed})
