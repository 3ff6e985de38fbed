"""The key figures' action codes in the activity log.

The catalogue and the imports are SBST's (entries without a municipality); a local figure
belongs to its municipality, a steering note to its programme.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programmes.activity import as_date, register


class Action:
    INDICATOR_ADDED = "keyfigures.indicator_added"
    INDICATOR_CHANGED = "keyfigures.indicator_changed"
    IMPORT_APPLIED = "keyfigures.import_applied"
    LOCAL_FIGURE_ADDED = "keyfigures.local_figure_added"
    LOCAL_FIGURE_CHANGED = "keyfigures.local_figure_changed"
    STEERING_NOTE_ADDED = "keyfigures.steering_note_added"
    STEERING_NOTE_CHANGED = "keyfigures.steering_note_changed"


def _import_applied(data) -> str:
    sentence = (
        _(
            "Nøgletallene fra »%(filename)s« er gemt: %(new)d nye, %(changed)d ændrede og "
            "%(unchanged)d uændrede tal."
        )
        % data
    )
    if data.get("overridden_local"):
        sentence += (
            " "
            + _("%(overridden_local)d af kommunernes egne tal er erstattet af offentliggjorte.")
            % data
        )
    return sentence


register(
    {
        Action.INDICATOR_ADDED: gettext_lazy("Nøgletallet »%(name)s« er føjet til kataloget."),
        Action.INDICATOR_CHANGED: gettext_lazy("Nøgletallet »%(name)s« er ændret i kataloget."),
        Action.IMPORT_APPLIED: _import_applied,
        Action.LOCAL_FIGURE_ADDED: gettext_lazy(
            "Kommunens eget tal for »%(indicator)s« i %(year)s er tilføjet: %(value)s."
        ),
        Action.LOCAL_FIGURE_CHANGED: gettext_lazy(
            "Kommunens eget tal for »%(indicator)s« i %(year)s er rettet til %(value)s."
        ),
        Action.STEERING_NOTE_ADDED: lambda data: (
            _("En note fra styringsdrøftelsen den %(date)s er skrevet.")
            % {"date": as_date(data["written_on"])}
        ),
        Action.STEERING_NOTE_CHANGED: lambda data: (
            _("Noten fra styringsdrøftelsen den %(date)s er rettet.")
            % {"date": as_date(data["written_on"])}
        ),
    }
)
