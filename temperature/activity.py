"""The temperature measurement's action codes in the activity log.

A round's opening and closing are entries about the round (in its programme's history); a
change to the instrument is SBST's alone (an entry without a municipality). An answer is
never logged: the log would tie it to a time, and answers are anonymous.
"""

from django.utils.translation import gettext as _

from programmes.activity import register


class Action:
    ROUND_OPENED = "temperature.round_opened"
    ROUND_CLOSED = "temperature.round_closed"
    SCALE_CHANGED = "temperature.scale_changed"
    DIMENSION_ADDED = "temperature.dimension_added"
    DIMENSION_CHANGED = "temperature.dimension_changed"
    DIMENSION_REMOVED = "temperature.dimension_removed"


def _kind(data) -> str:
    from .models import RoundKind

    try:
        return str(RoundKind(data["kind"]).label)
    except ValueError:
        return data["kind"]


def _opened(data) -> str:
    return _("%(kind)s er åbnet for %(groups)s respondentgrupper med version %(version)s.") % {
        "kind": _kind(data),
        "groups": len(data.get("groups", [])),
        "version": data["version"],
    }


def _closed(data) -> str:
    return _("%(kind)s er lukket med %(responses)s besvarelser; linkene virker ikke længere.") % {
        "kind": _kind(data),
        "responses": data["responses"],
    }


register(
    {
        Action.ROUND_OPENED: _opened,
        Action.ROUND_CLOSED: _closed,
        Action.SCALE_CHANGED: lambda data: (
            _("Temperaturmålingens skala er ændret i version %(version)s.") % data
        ),
        Action.DIMENSION_ADDED: lambda data: (
            _("Dimensionen »%(name)s« er føjet til temperaturmålingen, version %(version)s.") % data
        ),
        Action.DIMENSION_CHANGED: lambda data: (
            _("Dimensionen »%(name)s« i temperaturmålingen, version %(version)s, er ændret.") % data
        ),
        Action.DIMENSION_REMOVED: lambda data: (
            _("Dimensionen »%(name)s« er fjernet fra temperaturmålingen, version %(version)s.")
            % data
        ),
    }
)
