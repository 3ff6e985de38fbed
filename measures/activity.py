"""The measures' action codes in the activity log. Entries are about the measure, except its
removal, which is told on its owner: the trial action, or the development plan of the goal."""

from decimal import InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programmes.activity import as_date, register

from .runchart import format_number


class Action:
    MEASURE_ADDED = "measures.measure_added"
    MEASURE_CHANGED = "measures.measure_changed"
    MEASURE_REMOVED = "measures.measure_removed"
    POINT_ADDED = "measures.point_added"
    POINT_CHANGED = "measures.point_changed"
    POINT_REMOVED = "measures.point_removed"


def _value(text) -> str:
    try:
        return format_number(text)
    except (InvalidOperation, ValueError):
        return str(text)


def _point(data) -> dict:
    return {
        "name": data["name"],
        "date": as_date(data["measured_on"]),
        "value": _value(data["value"]),
    }


register(
    {
        Action.MEASURE_ADDED: lambda data: _("Målingen »%(name)s« er oprettet.") % data,
        Action.MEASURE_CHANGED: lambda data: _("Målingen »%(name)s« er ændret.") % data,
        Action.MEASURE_REMOVED: lambda data: (
            ngettext(
                "Målingen »%(name)s« er fjernet med %(points)d punkt.",
                "Målingen »%(name)s« er fjernet med sine %(points)d punkter.",
                data["points"],
            )
            % data
        ),
        Action.POINT_ADDED: lambda data: (
            _("Målingen »%(name)s« har fået punktet %(value)s den %(date)s.") % _point(data)
        ),
        Action.POINT_CHANGED: lambda data: (
            _("Punktet den %(date)s i målingen »%(name)s« er ændret til %(value)s.") % _point(data)
        ),
        Action.POINT_REMOVED: lambda data: (
            _("Punktet %(value)s den %(date)s er fjernet fra målingen »%(name)s«.") % _point(data)
        ),
    }
)
