"""The rules that change a programme's communication plan: add, change and remove its
activities, and mark one done.

Each function takes the acting user, checks the right (`permissions.py`), works in one
transaction with the activity's row locked where it already exists (two people may edit the
same plan), changes nothing and logs nothing when it is given what is already there, and
otherwise writes one activity-log entry on the activity.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from programmes.activity import log_action
from programmes.edits import save_changes
from programmes.errors import DomainError
from programmes.models import GroupMember

from . import permissions
from .activity import Action
from .models import ActivityStatus, Channel, CommunicationActivity

# The fields a person writes; `responsible` is given as a GroupMember (or its id, or None).
FIELDS = (
    "title",
    "audience",
    "channel",
    "message",
    "materials",
    "responsible_id",
    "planned_on",
    "status",
)


def _refuse_unless_editor(by, programme) -> None:
    if not permissions.can_edit_plan(by, programme):
        raise DomainError(
            _(
                "Kun koordinatoren, implementeringsgruppen og Social- og Boligstyrelsen kan "
                "ændre kommunikationsplanen."
            )
        )


def _values(
    programme, *, title, audience, channel, message, materials, responsible, planned_on, status
) -> dict:
    """The activity's fields as they will be stored, checked against the plan's rules."""
    values = {
        "title": (title or "").strip(),
        "audience": (audience or "").strip(),
        "channel": channel or "",
        "message": (message or "").strip(),
        "materials": (materials or "").strip(),
        "responsible_id": getattr(responsible, "pk", responsible),
        "planned_on": planned_on,
        "status": status or ActivityStatus.PLANNED,
    }
    if not values["title"]:
        raise DomainError(_("Skriv, hvad aktiviteten er."), field="title")
    if not values["audience"]:
        raise DomainError(_("Skriv, hvem aktiviteten henvender sig til."), field="audience")
    if values["channel"] not in Channel.values:
        raise DomainError(_("Vælg en af kanalerne."), field="channel")
    if not values["message"]:
        raise DomainError(_("Skriv aktivitetens budskab."), field="message")
    if values["planned_on"] is None:
        raise DomainError(_("Skriv datoen for aktiviteten."), field="planned_on")
    if values["status"] not in ActivityStatus.values:
        raise DomainError(_("Vælg planlagt, gennemført eller aflyst."), field="status")
    if values["responsible_id"] is not None and not (
        GroupMember.objects.filter(
            pk=values["responsible_id"], group__programme_id=programme.pk
        ).exists()
    ):
        raise DomainError(
            _("Den ansvarlige skal være medlem af en af forløbets grupper."), field="responsible"
        )
    return values


def _log(activity, action: str, *, by, **data) -> None:
    log_action(activity, action, by=by, data={"title": activity.title, **data})


def add_activity(
    programme,
    *,
    by,
    title: str,
    audience: str,
    channel: str,
    message: str,
    planned_on,
    materials: str = "",
    responsible=None,
    status: str = ActivityStatus.PLANNED,
) -> CommunicationActivity:
    """Put an activity in the programme's communication plan."""
    _refuse_unless_editor(by, programme)
    values = _values(
        programme,
        title=title,
        audience=audience,
        channel=channel,
        message=message,
        materials=materials,
        responsible=responsible,
        planned_on=planned_on,
        status=status,
    )
    with transaction.atomic():
        activity = CommunicationActivity.objects.create(programme=programme, **values)
        _log(
            activity,
            Action.ADDED,
            by=by,
            planned_on=activity.planned_on.isoformat(),
            status=activity.status,
        )
    return activity


def _lock(activity) -> CommunicationActivity:
    locked = CommunicationActivity.objects.select_for_update().filter(pk=activity.pk).first()
    if locked is None:
        raise DomainError(_("Aktiviteten findes ikke længere i planen."))
    return locked


def _refresh(activity, locked) -> CommunicationActivity:
    """Copy the saved fields back onto the caller's instance, which stays in use."""
    for field in activity._meta.concrete_fields:
        setattr(activity, field.attname, getattr(locked, field.attname))
    return activity


def change_activity(
    activity: CommunicationActivity,
    *,
    by,
    title: str,
    audience: str,
    channel: str,
    message: str,
    materials: str,
    responsible,
    planned_on,
    status: str,
) -> CommunicationActivity:
    """Change what the activity is, for whom, how, by whom, when, and its status.

    Given what is stored already, it changes no row and logs nothing."""
    _refuse_unless_editor(by, activity.programme)
    values = _values(
        activity.programme,
        title=title,
        audience=audience,
        channel=channel,
        message=message,
        materials=materials,
        responsible=responsible,
        planned_on=planned_on,
        status=status,
    )
    with transaction.atomic():
        locked = _lock(activity)
        changed = save_changes(locked, values, FIELDS)
        if not changed:
            return _refresh(activity, locked)
        _log(
            locked,
            Action.CHANGED,
            by=by,
            fields=[name.removesuffix("_id") for name in changed],
            planned_on=locked.planned_on.isoformat(),
            status=locked.status,
        )
    return _refresh(activity, locked)


def mark_activity_done(activity: CommunicationActivity, *, by) -> CommunicationActivity:
    """The responsible person (or anyone who edits the plan) marks a planned activity done;
    marking it again changes nothing, and a cancelled activity is not done."""
    if not permissions.can_mark_done(by, activity):
        raise DomainError(
            _(
                "Kun den ansvarlige, koordinatoren, implementeringsgruppen og Social- og "
                "Boligstyrelsen kan markere aktiviteten som gennemført."
            )
        )
    with transaction.atomic():
        locked = _lock(activity)
        if locked.status == ActivityStatus.DONE:
            return _refresh(activity, locked)
        if locked.status == ActivityStatus.CANCELLED:
            raise DomainError(
                _("Aktiviteten er aflyst. Ret dens status, hvis den alligevel er gennemført.")
            )
        locked.status = ActivityStatus.DONE
        locked.save(update_fields=["status"])
        _log(locked, Action.DONE, by=by)
    return _refresh(activity, locked)


def remove_activity(activity: CommunicationActivity, *, by) -> None:
    """Take the activity out of the plan; its history stays in the programme's log."""
    _refuse_unless_editor(by, activity.programme)
    with transaction.atomic():
        locked = CommunicationActivity.objects.select_for_update().filter(pk=activity.pk).first()
        if locked is None:
            return
        _log(locked, Action.REMOVED, by=by, planned_on=locked.planned_on.isoformat())
        locked.delete()
