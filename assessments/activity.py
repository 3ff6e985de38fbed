"""The organisational assessment's action codes in the activity log.

A new version is an entry about the assessment (in its programme's history); a change to the
list of dimensions is SBST's alone (an entry without a municipality).
"""

from django.utils.translation import gettext as _

from programmes.activity import as_date, register


class Action:
    ADDED = "assessments.added"
    DIMENSION_ADDED = "assessments.dimension_added"
    DIMENSION_CHANGED = "assessments.dimension_changed"
    DIMENSION_RETIRED = "assessments.dimension_retired"
    DIMENSION_REACTIVATED = "assessments.dimension_reactivated"


def _added(data) -> str:
    return _("Version %(number)s af den organisatoriske ramme er vurderet den %(date)s.") % {
        "number": data["number"],
        "date": as_date(data["assessed_on"]),
    }


register(
    {
        Action.ADDED: _added,
        Action.DIMENSION_ADDED: lambda data: (
            _("Dimensionen »%(name)s« er føjet til den organisatoriske ramme.") % data
        ),
        Action.DIMENSION_CHANGED: lambda data: _("Dimensionen »%(name)s« er ændret.") % data,
        Action.DIMENSION_RETIRED: lambda data: (
            _("Dimensionen »%(name)s« er taget ud af brug.") % data
        ),
        Action.DIMENSION_REACTIVATED: lambda data: (
            _("Dimensionen »%(name)s« er taget i brug igen.") % data
        ),
    }
)
