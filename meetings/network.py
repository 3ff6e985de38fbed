"""Network activities: SBST's meetings for the groups of several municipalities.

An activity belongs to SBST. Each municipality it is for has a `NetworkInvitation`, through
which the municipality reaches it and which holds that municipality's participants: a
municipality sees the activity and only its own people. History about one municipality is
logged on its invitation, so each municipality's log shows its own entries; history about the
activity as a whole is logged on the activity, which only SBST reads.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from programmes.activity import log_action, register
from programmes.errors import DomainError
from programmes.models import GroupMember
from programmes.permissions import is_coordinator

from .models import Attendance, NetworkActivity, NetworkInvitation, NetworkParticipant

# The fields of an activity that SBST edits, in the order the page shows them.
ACTIVITY_FIELDS = ("title", "description", "starts_at", "ends_at", "place", "online_url")


class Action:
    CREATED = "network.created"
    CHANGED = "network.changed"
    MUNICIPALITY_ADDED = "network.municipality_added"
    MUNICIPALITY_REMOVED = "network.municipality_removed"
    PARTICIPANTS_CHANGED = "network.participants_changed"
    ATTENDANCE_RECORDED = "network.attendance_recorded"


def _names(names) -> str:
    return ", ".join(str(name) for name in names)


def _changed(data) -> str:
    labels = [str(NetworkActivity._meta.get_field(f).verbose_name) for f in data.get("fields", [])]
    return _("Netværksaktiviteten er ændret: %(fields)s.") % {"fields": _names(labels)}


def _participants_changed(data) -> str:
    parts = []
    if data.get("added"):
        parts.append(_("Tilføjet: %(names)s.") % {"names": _names(data["added"])})
    if data.get("removed"):
        parts.append(_("Fjernet: %(names)s.") % {"names": _names(data["removed"])})
    return " ".join([_("Deltagerne er ændret."), *parts])


def _municipality_removed(data) -> str:
    sentence = _("%(municipality)s er ikke længere med i netværksaktiviteten.") % {
        "municipality": data["municipality"]
    }
    if data.get("participants"):
        sentence += " " + ngettext(
            "Kommunens %(count)d deltager er fjernet.",
            "Kommunens %(count)d deltagere er fjernet.",
            data["participants"],
        ) % {"count": data["participants"]}
    return sentence


def _attendance_recorded(data) -> str:
    return _("Fremmødet er registreret for %(count)d deltagere.") % {"count": data.get("count", 0)}


register(
    {
        Action.CREATED: gettext_lazy("Netværksaktiviteten %(title)s er oprettet."),
        Action.CHANGED: _changed,
        Action.MUNICIPALITY_ADDED: gettext_lazy(
            "%(municipality)s er inviteret til netværksaktiviteten."
        ),
        Action.MUNICIPALITY_REMOVED: _municipality_removed,
        Action.PARTICIPANTS_CHANGED: _participants_changed,
        Action.ATTENDANCE_RECORDED: _attendance_recorded,
    }
)


# --- who may ------------------------------------------------------------------------------


def can_manage_activities(user) -> bool:
    """SBST's consultants and administrators hold network activities."""
    return user.is_authenticated and user.is_sbst


def can_manage_participants(user, invitation: NetworkInvitation) -> bool:
    """SBST, and the invited municipality's coordinators, choose its participants."""
    return can_manage_activities(user) or is_coordinator(user, invitation.municipality)


def _refuse_unless(condition: bool, message) -> None:
    if not condition:
        raise DomainError(message)


# --- the activity -------------------------------------------------------------------------


def _check_times(starts_at, ends_at) -> None:
    if ends_at is not None and ends_at <= starts_at:
        raise DomainError(_("Aktiviteten skal slutte, efter at den starter."), field="ends_at")


def _invite(activity, municipality, *, by) -> NetworkInvitation | None:
    invitation, created = NetworkInvitation.objects.get_or_create(
        activity=activity, municipality=municipality
    )
    if not created:
        return None
    log_action(
        invitation,
        Action.MUNICIPALITY_ADDED,
        by=by,
        data={"municipality": municipality.name, "activity": activity.pk},
    )
    return invitation


@transaction.atomic
def create_network_activity(*, by, municipalities, **fields) -> NetworkActivity:
    """SBST creates an activity for `municipalities`; each gets its invitation."""
    _refuse_unless(
        can_manage_activities(by), _("Kun Social- og Boligstyrelsen opretter netværksaktiviteter.")
    )
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    _check_times(fields["starts_at"], fields.get("ends_at"))
    activity = NetworkActivity.objects.create(created_by=by, **fields)
    log_action(activity, Action.CREATED, by=by, data={"title": activity.title})
    for municipality in sorted(municipalities, key=lambda m: m.name):
        _invite(activity, municipality, by=by)
    return activity


@transaction.atomic
def change_network_activity(activity: NetworkActivity, *, by, **fields) -> list[str]:
    """Change what SBST typed about the activity; returns the fields that changed (none: no
    entry in the log)."""
    _refuse_unless(
        can_manage_activities(by), _("Kun Social- og Boligstyrelsen ændrer netværksaktiviteter.")
    )
    locked = NetworkActivity.objects.select_for_update().get(pk=activity.pk)
    changed = [
        name for name in ACTIVITY_FIELDS if name in fields and getattr(locked, name) != fields[name]
    ]
    if not changed:
        return []
    for name in changed:
        setattr(locked, name, fields[name])
    _check_times(locked.starts_at, locked.ends_at)
    locked.save(update_fields=changed)
    for name in changed:
        setattr(activity, name, fields[name])
    log_action(activity, Action.CHANGED, by=by, data={"fields": changed})
    return changed


@transaction.atomic
def add_municipalities(activity: NetworkActivity, municipalities, *, by) -> list:
    """Invite more municipalities; one already invited stays as it is."""
    _refuse_unless(
        can_manage_activities(by), _("Kun Social- og Boligstyrelsen inviterer kommuner.")
    )
    NetworkActivity.objects.select_for_update().get(pk=activity.pk)
    made = [_invite(activity, m, by=by) for m in sorted(municipalities, key=lambda m: m.name)]
    return [invitation for invitation in made if invitation is not None]


@transaction.atomic
def remove_municipality(invitation: NetworkInvitation, *, by) -> None:
    """Take a municipality out of the activity, with its participants; one taken out already
    (a double click, two tabs) is left as it is, without a second entry."""
    _refuse_unless(can_manage_activities(by), _("Kun Social- og Boligstyrelsen fjerner kommuner."))
    activity = NetworkActivity.objects.select_for_update().get(pk=invitation.activity_id)
    # Read again under the locks: the caller's copy may be gone, and the count must not race
    # set_participants, which locks the invitation.
    locked = (
        NetworkInvitation.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .filter(pk=invitation.pk)
        .first()
    )
    if locked is None:
        return
    municipality = locked.municipality
    participants = locked.participants.count()
    locked.delete()
    log_action(
        activity,
        Action.MUNICIPALITY_REMOVED,
        by=by,
        data={
            "municipality": municipality.name,
            "municipality_id": municipality.pk,
            "participants": participants,
        },
    )


# --- one municipality's participants ------------------------------------------------------


def _lock(invitation: NetworkInvitation) -> NetworkInvitation:
    return NetworkInvitation.objects.select_for_update().get(pk=invitation.pk)


@transaction.atomic
def set_participants(invitation: NetworkInvitation, members, *, by) -> tuple[list, list]:
    """Make `members` (people of the invitation's municipality's groups) its participants:
    new ones are added with their name copied, those left out are removed. Returns the names
    added and removed; no change, no entry in the log."""
    _refuse_unless(
        can_manage_participants(by, invitation),
        _("Du har ikke ret til at vælge kommunens deltagere."),
    )
    _lock(invitation)
    members = list(members)
    _refuse_unless(
        all(m.municipality_id == invitation.municipality_id for m in members),
        _("Deltagerne skal være fra kommunens egne grupper."),
    )
    current = {p.member_id: p for p in invitation.participants.filter(member__isnull=False)}
    wanted = {m.pk: m for m in members}
    added = [
        NetworkParticipant.objects.create(invitation=invitation, member=m, name=m.name).name
        for pk, m in wanted.items()
        if pk not in current
    ]
    leaving = [p for pk, p in current.items() if pk not in wanted]
    removed = [p.name for p in leaving]
    NetworkParticipant.objects.filter(pk__in=[p.pk for p in leaving]).delete()
    if added or removed:
        log_action(
            invitation,
            Action.PARTICIPANTS_CHANGED,
            by=by,
            data={"added": sorted(added), "removed": sorted(removed)},
        )
    return added, removed


@transaction.atomic
def record_attendance(invitation: NetworkInvitation, statuses: dict[int, str], *, by) -> int:
    """Set each participant's attendance ({participant pk: status}); returns how many
    changed."""
    _refuse_unless(
        can_manage_participants(by, invitation),
        _("Du har ikke ret til at registrere kommunens fremmøde."),
    )
    _refuse_unless(set(statuses.values()) <= set(Attendance.Status.values), _("Ukendt fremmøde."))
    _lock(invitation)
    changed = 0
    for participant in invitation.participants.filter(pk__in=list(statuses)):
        status = statuses[participant.pk]
        if participant.status != status:
            participant.status = status
            participant.save(update_fields=["status"])
            changed += 1
    if changed:
        log_action(invitation, Action.ATTENDANCE_RECORDED, by=by, data={"count": changed})
    return changed


def members_to_choose(invitation: NetworkInvitation, user):
    """The people of the invited municipality's programme groups, as `user` reads them."""
    return (
        GroupMember.objects.for_user(user)
        .for_municipality(invitation.municipality)
        .select_related("group__programme__cohort")
        .order_by("group__programme__cohort__starts_on", "group__kind", "group__name", "name")
    )
