"""The meetings' action codes in the activity log; every entry is about one meeting."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programmes.activity import register


class Action:
    SCHEDULED = "meetings.scheduled"
    RESCHEDULED = "meetings.rescheduled"
    CHANGED = "meetings.changed"
    CANCELLED = "meetings.cancelled"
    AGENDA_CHANGED = "meetings.agenda_changed"
    ATTENDANCE_TAKEN = "meetings.attendance_taken"
    MINUTES_WRITTEN = "meetings.minutes_written"
    FOLLOW_UP_DONE = "meetings.follow_up_done"
    ATTACHMENT_ADDED = "meetings.attachment_added"
    ATTACHMENT_REMOVED = "meetings.attachment_removed"
    # The meeting plan, made in bulk: entries about the programme, or the group added late.
    PLAN_CREATED = "meetings.plan_created"
    PLAN_EXTENDED = "meetings.plan_extended"


def when(value: str) -> str:
    """An ISO date and time from `data`, in Danish time and the reader's format."""
    moment = datetime.datetime.fromisoformat(value)
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _scheduled(data) -> str:
    return _("Mødet »%(title)s« er planlagt til %(when)s.") % {
        "title": data["title"],
        "when": when(data["starts_at"]),
    }


def _rescheduled(data) -> str:
    if data.get("previous_starts_at") == data.get("starts_at"):
        return _("Stedet for mødet »%(title)s« er ændret.") % {"title": data["title"]}
    return _("Mødet »%(title)s« er flyttet til %(when)s.") % {
        "title": data["title"],
        "when": when(data["starts_at"]),
    }


def _agenda_changed(data) -> str:
    return ngettext(
        "Dagsordenen for »%(title)s« er ændret og har nu %(count)d punkt.",
        "Dagsordenen for »%(title)s« er ændret og har nu %(count)d punkter.",
        data["count"],
    ) % {"title": data["title"], "count": data["count"]}


def _attendance_taken(data) -> str:
    return _(
        "Fremmødet ved »%(title)s« er registreret: %(came)d deltog, %(apologies)d meldte afbud."
    ) % {"title": data["title"], "came": data["came"], "apologies": data["apologies"]}


def _minutes_written(data) -> str:
    if data.get("first"):
        return _("Referatet af »%(title)s« er skrevet.") % {"title": data["title"]}
    return _("Referatet af »%(title)s« er ændret.") % {"title": data["title"]}


def _plan_created(data) -> str:
    return ngettext(
        "Mødeplanen er lagt: %(count)d møde i forløbets faser.",
        "Mødeplanen er lagt: %(count)d møder i forløbets faser.",
        data["meetings"],
    ) % {"count": data["meetings"]}


def _plan_extended(data) -> str:
    return ngettext(
        "%(name)s har fået %(count)d møde i mødeplanen.",
        "%(name)s har fået %(count)d møder i mødeplanen.",
        data["meetings"],
    ) % {"name": data["name"], "count": data["meetings"]}


register(
    {
        Action.PLAN_CREATED: _plan_created,
        Action.PLAN_EXTENDED: _plan_extended,
        Action.SCHEDULED: _scheduled,
        Action.RESCHEDULED: _rescheduled,
        Action.CHANGED: lambda data: _("Mødet »%(title)s« er ændret.") % data,
        Action.CANCELLED: lambda data: _("Mødet »%(title)s« er aflyst.") % data,
        Action.AGENDA_CHANGED: _agenda_changed,
        Action.ATTENDANCE_TAKEN: _attendance_taken,
        Action.MINUTES_WRITTEN: _minutes_written,
        Action.FOLLOW_UP_DONE: lambda data: (
            _("Opfølgningsopgaven »%(task)s« fra »%(title)s« er udført.") % data
        ),
        Action.ATTACHMENT_ADDED: lambda data: (
            _("Bilaget »%(name)s« er lagt ved »%(title)s«.") % data
        ),
        Action.ATTACHMENT_REMOVED: lambda data: (
            _("Bilaget »%(name)s« er fjernet fra »%(title)s«.") % data
        ),
    }
)
