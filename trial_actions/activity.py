"""The trial actions' action codes in the activity log; every entry is about one trial
action (an adaptation's entry names the follow-up it created)."""

from django.utils.translation import gettext as _

from programmes.activity import as_date, register


class Action:
    PLANNED = "trial_actions.planned"
    CHANGED = "trial_actions.changed"
    STARTED = "trial_actions.started"
    OBSERVED = "trial_actions.observed"
    EVALUATED = "trial_actions.evaluated"
    ADOPTED = "trial_actions.adopted"
    ADAPTED = "trial_actions.adapted"
    DROPPED = "trial_actions.dropped"


register(
    {
        Action.PLANNED: lambda data: _("Prøvehandlingen »%(title)s« er planlagt.") % data,
        Action.CHANGED: lambda data: _("Planen for prøvehandlingen »%(title)s« er ændret.") % data,
        Action.STARTED: lambda data: _("Prøvehandlingen »%(title)s« er sat i gang.") % data,
        Action.OBSERVED: lambda data: (
            _("En iagttagelse fra %(date)s er skrevet i loggen.")
            % {"date": as_date(data["observed_on"])}
        ),
        Action.EVALUATED: lambda data: _("Prøvehandlingen »%(title)s« er evalueret.") % data,
        Action.ADOPTED: lambda data: (
            _("Prøvehandlingen »%(title)s« er vedtaget og skal forankres.") % data
        ),
        Action.ADAPTED: lambda data: (
            _(
                "Prøvehandlingen »%(title)s« tilpasses: en ny prøvehandling er oprettet i "
                "forlængelse af den."
            )
            % data
        ),
        Action.DROPPED: lambda data: _("Prøvehandlingen »%(title)s« er droppet.") % data,
    }
)
