"""The anchoring plan's action codes in the activity log; every entry is about the plan."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programmes.activity import register


class Action:
    PULLED_IN = "anchoring.pulled_in"
    ITEM_ADDED = "anchoring.item_added"
    ITEM_CHANGED = "anchoring.item_changed"
    ITEM_REMOVED = "anchoring.item_removed"
    PLAN_CHANGED = "anchoring.plan_changed"
    YIELD_ANSWERED = "anchoring.yield_answered"
    APPROVED = "anchoring.approved"


def _pulled_in(data) -> str:
    count = len(data.get("titles", []))
    return ngettext(
        "%(count)d vedtaget prøvehandling eller nået mål er hentet ind i forankringsplanen.",
        "%(count)d vedtagne prøvehandlinger og nåede mål er hentet ind i forankringsplanen.",
        count,
    ) % {"count": count}


def _plan_changed(data) -> str:
    fields = data.get("fields", [])
    if fields == ["continuation"]:
        return _("Forankringsplanens beskrivelse af det videre arbejde er ændret.")
    if fields == ["dimensions"]:
        return _("Forankringsplanens svar om temperaturmålingens dimensioner er ændret.")
    return _(
        "Forankringsplanens beskrivelse af det videre arbejde og svarene om "
        "temperaturmålingens dimensioner er ændret."
    )


def _yield_answered(data) -> str:
    count = len(data.get("statements", []))
    return ngettext(
        "Styregruppens svar om udbyttet er ændret for %(count)d udsagn.",
        "Styregruppens svar om udbyttet er ændret for %(count)d udsagn.",
        count,
    ) % {"count": count}


register(
    {
        Action.PULLED_IN: _pulled_in,
        Action.ITEM_ADDED: lambda data: _("»%(title)s« er føjet til forankringsplanen.") % data,
        Action.ITEM_CHANGED: lambda data: (
            _("Punktet »%(title)s« i forankringsplanen er ændret.") % data
        ),
        Action.ITEM_REMOVED: lambda data: _("»%(title)s« er fjernet fra forankringsplanen.") % data,
        Action.PLAN_CHANGED: _plan_changed,
        Action.YIELD_ANSWERED: _yield_answered,
        Action.APPROVED: lambda data: (
            _("Styregruppen har godkendt forankringsplanen som version %(number)s.") % data
        ),
    }
)
