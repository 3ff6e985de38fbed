"""The rules that change a meeting: plan it, cancel it, its agenda, attendance, minutes with
decisions and follow-up tasks, and its attachments.

Each function takes the acting user, checks the right (`permissions.py`), works in one
transaction with the meeting row locked (two people may edit the same meeting), changes
nothing and logs nothing when it is given what is already there, and otherwise writes one
activity entry on the meeting.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from programmes.activity import log_action
from programmes.errors import DomainError
from programmes.models import GroupMember

from . import permissions
from .activity import Action
from .attachments import inspect_upload
from .models import AgendaItem, Attachment, Attendance, Decision, FollowUp, Meeting, MeetingGroup
from .selectors import deliverable_choices


def _refuse_unless(condition: bool, message) -> None:
    if not condition:
        raise DomainError(message)


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _refresh(meeting: Meeting, locked: Meeting) -> Meeting:
    """Copy the saved fields back onto the caller's instance, which stays in use."""
    for field in meeting._meta.concrete_fields:
        setattr(meeting, field.attname, getattr(locked, field.attname))
    return meeting


def _not_cancelled(meeting: Meeting) -> None:
    if meeting.cancelled_at is not None:
        raise DomainError(_("Mødet er aflyst og kan ikke ændres."))


def _log(meeting: Meeting, action: str, *, by, **data) -> None:
    log_action(meeting, action, by=by, data={"title": meeting.title, **data})


def _iso(value) -> str:
    return value.isoformat() if value else ""


def ensure_attendance(meeting: Meeting) -> int:
    """Give every member of the meeting's groups an attendance row (invited); idempotent.

    Members who joined a group later are added while the meeting has not taken place, and
    the first time attendance is opened for a meeting that has. A person in two of a joint
    meeting's groups (two memberships, one account) is invited once. Returns rows added.
    """
    existing = Attendance.objects.filter(meeting_id=meeting.pk)
    if meeting.is_past and existing.exists():
        return 0
    present_members = set(existing.values_list("member_id", flat=True))
    present_users = set(
        existing.exclude(member__user=None).values_list("member__user_id", flat=True)
    )
    groups = MeetingGroup.objects.filter(meeting_id=meeting.pk).values("group_id")
    rows = []
    for member in GroupMember.objects.filter(group_id__in=groups).order_by("name", "id"):
        if member.pk in present_members or (member.user_id and member.user_id in present_users):
            continue
        if member.user_id:
            present_users.add(member.user_id)
        rows.append(Attendance(meeting=meeting, member=member, name=member.name))
    if rows:
        Attendance.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def schedule_meeting(
    meeting: Meeting, *, by, title: str, starts_at, ends_at, place: str = "", online_url: str = ""
) -> Meeting:
    """Give a meeting its title, date, time and place (or an online link), or change them.

    A dated meeting needs an end after its start and a place or an online link; a meeting
    once dated is not made undated again (it is cancelled instead). Dating the meeting invites
    the members of its groups; moving it makes its reminders due again.
    """
    _refuse_unless(
        permissions.can_manage_meetings(by, meeting.programme),
        _("Kun koordinatoren og Social- og Boligstyrelsen kan planlægge møder."),
    )
    title = (title or "").strip()
    place = (place or "").strip()
    online_url = (online_url or "").strip()
    if not title:
        raise DomainError(_("Giv mødet en titel."), field="title")
    with transaction.atomic():
        locked = _lock(meeting)
        _not_cancelled(locked)
        if starts_at is None:
            if locked.starts_at is not None:
                raise DomainError(
                    _(
                        "Et møde med en dato kan ikke gøres udateret igen. Flyt det til en "
                        "anden dato, eller aflys det."
                    ),
                    field="date",
                )
            ends_at = None
        else:
            if ends_at is None:
                raise DomainError(_("Skriv, hvornår mødet slutter."), field="end_time")
            if ends_at <= starts_at:
                raise DomainError(_("Mødet skal slutte, efter det er startet."), field="end_time")
            if not place and not online_url:
                raise DomainError(
                    _("Skriv, hvor mødet holdes, eller giv et link til onlinemødet."),
                    field="place",
                )
        before = (locked.title, locked.starts_at, locked.ends_at, locked.place, locked.online_url)
        after = (title, starts_at, ends_at, place, online_url)
        if before == after:
            return _refresh(meeting, locked)
        was_dated = locked.starts_at is not None
        moved = (locked.starts_at, locked.ends_at) != (starts_at, ends_at)
        relocated = (locked.place, locked.online_url) != (place, online_url)
        fields = ["title", "starts_at", "ends_at", "place", "online_url"]
        if locked.starts_at != starts_at:
            locked.reminder_sent_at = None
            locked.minutes_reminder_sent_at = None
            fields += ["reminder_sent_at", "minutes_reminder_sent_at"]
        (
            locked.title,
            locked.starts_at,
            locked.ends_at,
            locked.place,
            locked.online_url,
        ) = after
        locked.save(update_fields=fields)
        if starts_at is not None and not was_dated:
            action = Action.SCHEDULED
        elif was_dated and (moved or relocated):
            action = Action.RESCHEDULED
        else:
            action = Action.CHANGED
        _log(
            locked,
            action,
            by=by,
            starts_at=_iso(starts_at),
            ends_at=_iso(ends_at),
            previous_starts_at=_iso(before[1]),
            place=place,
            online=bool(online_url),
        )
        if starts_at is not None:
            ensure_attendance(locked)
    return _refresh(meeting, locked)


def cancel_meeting(meeting: Meeting, *, by, reason: str = "") -> Meeting:
    """Cancel a meeting that has not taken place; cancelling it again changes nothing."""
    _refuse_unless(
        permissions.can_manage_meetings(by, meeting.programme),
        _("Kun koordinatoren og Social- og Boligstyrelsen kan aflyse møder."),
    )
    with transaction.atomic():
        locked = _lock(meeting)
        if locked.cancelled_at is not None:
            return _refresh(meeting, locked)
        if locked.is_past:
            raise DomainError(_("Mødet har allerede fundet sted og kan ikke aflyses."))
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["cancelled_at"])
        _log(locked, Action.CANCELLED, by=by, note=(reason or "").strip())
    return _refresh(meeting, locked)


def _sync_rows(model, meeting, current: list, wanted: list[dict], fields: tuple[str, ...]):
    """Make the meeting's rows of `model` the `wanted` ones, in order: rows named by an id of
    this meeting are updated, the others created, the missing ones deleted."""
    by_id = {row.pk: row for row in current}
    keep = set()
    for position, values in enumerate(wanted):
        row = by_id.get(values.get("id"))
        if row is None:
            model.objects.create(meeting=meeting, position=position, **values_for(values, fields))
            continue
        keep.add(row.pk)
        changed = [f for f in fields if getattr(row, f) != values[f]]
        if row.position != position:
            changed.append("position")
        row.position = position
        for name in fields:
            setattr(row, name, values[name])
        if changed:
            row.save(update_fields=changed)
    model.objects.filter(meeting=meeting).exclude(pk__in=keep).filter(pk__in=list(by_id)).delete()


def values_for(values: dict, fields) -> dict:
    return {name: values[name] for name in fields}


AGENDA_FIELDS = ("title", "description", "principle", "deliverable")


def set_agenda(meeting: Meeting, *, by, items: list[dict]) -> Meeting:
    """The meeting's agenda as the ordered `items` (id of an existing item or none, title,
    description, principle, deliverable code)."""
    _refuse_unless(
        permissions.can_manage_meetings(by, meeting.programme),
        _("Kun koordinatoren og Social- og Boligstyrelsen kan ændre dagsordenen."),
    )
    codes = {code for code, _label in deliverable_choices(meeting.programme)}
    wanted = []
    for item in items:
        row = {
            "id": item.get("id"),
            "title": (item.get("title") or "").strip(),
            "description": (item.get("description") or "").strip(),
            "principle": item.get("principle") or None,
            "deliverable": item.get("deliverable") or "",
        }
        if not row["title"]:
            raise DomainError(_("Hvert punkt på dagsordenen skal have en overskrift."))
        if row["deliverable"] and row["deliverable"] not in codes:
            raise DomainError(_("Vælg en af forløbets leverancer."), field="deliverable")
        wanted.append(row)
    with transaction.atomic():
        locked = _lock(meeting)
        _not_cancelled(locked)
        current = list(AgendaItem.objects.filter(meeting=locked).order_by("position", "id"))
        known = {row.pk for row in current}
        for row in wanted:
            if row["id"] not in known:
                row["id"] = None
        shown = [(r.pk, *(getattr(r, f) for f in AGENDA_FIELDS)) for r in current]
        if shown == [(r["id"], *(r[f] for f in AGENDA_FIELDS)) for r in wanted]:
            return _refresh(meeting, locked)
        _sync_rows(AgendaItem, locked, current, wanted, AGENDA_FIELDS)
        _log(locked, Action.AGENDA_CHANGED, by=by, count=len(wanted))
    return _refresh(meeting, locked)


def set_attendance(meeting: Meeting, *, by, statuses: dict[int, str]) -> Meeting:
    """Record who came and who sent apologies: {attendance id: status}."""
    _refuse_unless(
        permissions.can_take_part(by, meeting),
        _(
            "Kun mødets grupper, koordinatoren og Social- og Boligstyrelsen kan registrere "
            "fremmøde."
        ),
    )
    valid = set(Attendance.Status.values)
    if any(status not in valid for status in statuses.values()):
        raise DomainError(_("Vælg inviteret, deltog eller meldt afbud for hver person."))
    with transaction.atomic():
        locked = _lock(meeting)
        _not_cancelled(locked)
        rows = list(Attendance.objects.filter(meeting=locked, pk__in=list(statuses)))
        changed = [row for row in rows if row.status != statuses[row.pk]]
        if not changed:
            return _refresh(meeting, locked)
        for row in changed:
            row.status = statuses[row.pk]
        Attendance.objects.bulk_update(changed, ["status"])
        counts = dict.fromkeys(valid, 0)
        for status in Attendance.objects.filter(meeting=locked).values_list("status", flat=True):
            counts[status] += 1
        _log(
            locked,
            Action.ATTENDANCE_TAKEN,
            by=by,
            came=counts[Attendance.Status.CAME],
            apologies=counts[Attendance.Status.APOLOGIES],
        )
    return _refresh(meeting, locked)


FOLLOW_UP_FIELDS = ("text", "responsible_id", "due_on")


def write_minutes(
    meeting: Meeting, *, by, minutes: str, decisions: list[dict], follow_ups: list[dict]
) -> Meeting:
    """The minutes (referat) with the meeting's decisions and follow-up tasks, in order.

    `decisions`: {id, text}; `follow_ups`: {id, text, responsible (a GroupMember of the
    programme's groups), due_on}. A follow-up kept keeps whether it is done.
    """
    _refuse_unless(
        permissions.can_take_part(by, meeting),
        _("Kun mødets grupper, koordinatoren og Social- og Boligstyrelsen kan skrive referat."),
    )
    minutes = (minutes or "").strip()
    wanted_decisions = []
    for decision in decisions:
        text = (decision.get("text") or "").strip()
        if not text:
            raise DomainError(_("En beslutning skal have en tekst."))
        wanted_decisions.append({"id": decision.get("id"), "text": text})
    allowed = set(
        GroupMember.objects.filter(group__programme_id=meeting.programme_id).values_list(
            "pk", flat=True
        )
    )
    wanted_follow_ups = []
    for follow_up in follow_ups:
        responsible = follow_up.get("responsible")
        responsible_id = getattr(responsible, "pk", responsible)
        if responsible_id not in allowed:
            raise DomainError(
                _("Den ansvarlige skal være medlem af en af forløbets grupper."),
                field="responsible",
            )
        text = (follow_up.get("text") or "").strip()
        if not text or follow_up.get("due_on") is None:
            raise DomainError(_("En opfølgningsopgave skal have en tekst og en frist."))
        wanted_follow_ups.append(
            {
                "id": follow_up.get("id"),
                "text": text,
                "responsible_id": responsible_id,
                "due_on": follow_up["due_on"],
            }
        )
    with transaction.atomic():
        locked = _lock(meeting)
        _not_cancelled(locked)
        current_decisions = list(Decision.objects.filter(meeting=locked).order_by("position"))
        current_follow_ups = list(FollowUp.objects.filter(meeting=locked).order_by("due_on", "id"))
        for wanted, current in (
            (wanted_decisions, current_decisions),
            (wanted_follow_ups, current_follow_ups),
        ):
            known = {row.pk for row in current}
            for row in wanted:
                if row["id"] not in known:
                    row["id"] = None
        same_minutes = locked.minutes == minutes
        same_decisions = [(d.pk, d.text) for d in current_decisions] == [
            (d["id"], d["text"]) for d in wanted_decisions
        ]
        # Follow-up tasks have no order of their own: compare them by id.
        same_follow_ups = all(f["id"] for f in wanted_follow_ups) and {
            f.pk: tuple(getattr(f, name) for name in FOLLOW_UP_FIELDS) for f in current_follow_ups
        } == {f["id"]: tuple(f[name] for name in FOLLOW_UP_FIELDS) for f in wanted_follow_ups}
        if same_minutes and same_decisions and same_follow_ups:
            return _refresh(meeting, locked)
        first = locked.minutes_written_at is None and bool(minutes)
        if not same_minutes:
            locked.minutes = minutes
            if minutes and locked.minutes_written_at is None:
                locked.minutes_written_at = timezone.now()
            elif not minutes:
                locked.minutes_written_at = None
            locked.save(update_fields=["minutes", "minutes_written_at"])
        if not same_decisions:
            _sync_rows(Decision, locked, current_decisions, wanted_decisions, ("text",))
        if not same_follow_ups:
            _sync_follow_ups(locked, current_follow_ups, wanted_follow_ups)
        _log(
            locked,
            Action.MINUTES_WRITTEN,
            by=by,
            first=first,
            decisions=len(wanted_decisions),
            follow_ups=len(wanted_follow_ups),
        )
    return _refresh(meeting, locked)


def _sync_follow_ups(meeting, current, wanted) -> None:
    by_id = {row.pk: row for row in current}
    keep = set()
    for values in wanted:
        row = by_id.get(values["id"])
        if row is None:
            FollowUp.objects.create(meeting=meeting, **values_for(values, FOLLOW_UP_FIELDS))
            continue
        keep.add(row.pk)
        changed = [name for name in FOLLOW_UP_FIELDS if getattr(row, name) != values[name]]
        for name in changed:
            setattr(row, name, values[name])
        if "due_on" in changed:
            row.overdue_reminder_sent_at = None
            changed.append("overdue_reminder_sent_at")
        if changed:
            row.save(update_fields=changed)
    FollowUp.objects.filter(meeting=meeting, pk__in=list(by_id)).exclude(pk__in=keep).delete()


def mark_follow_up_done(follow_up: FollowUp, *, by) -> FollowUp:
    """The responsible person (or a coordinator, or SBST) marks the task done; once."""
    _refuse_unless(
        permissions.can_mark_done(by, follow_up),
        _(
            "Kun den ansvarlige, koordinatoren og Social- og Boligstyrelsen kan markere "
            "opgaven som udført."
        ),
    )
    with transaction.atomic():
        locked = FollowUp.objects.select_for_update().select_related("meeting").get(pk=follow_up.pk)
        if locked.done_at is None:
            locked.done_at = timezone.now()
            locked.done_by = by
            locked.save(update_fields=["done_at", "done_by"])
            _log(
                locked.meeting, Action.FOLLOW_UP_DONE, by=by, follow_up=locked.pk, task=locked.text
            )
    follow_up.done_at, follow_up.done_by_id = locked.done_at, locked.done_by_id
    return follow_up


def add_attachment(meeting: Meeting, *, by, upload) -> Attachment:
    """Store an uploaded file with the meeting after checking its content (`attachments`)."""
    _refuse_unless(
        permissions.can_take_part(by, meeting),
        _("Kun mødets grupper, koordinatoren og Social- og Boligstyrelsen kan lægge bilag ved."),
    )
    checked = inspect_upload(upload)
    with transaction.atomic():
        locked = _lock(meeting)
        _not_cancelled(locked)
        attachment = Attachment(
            meeting=locked,
            name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=by,
        )
        attachment.inherit_municipality()  # the stored path starts with it
        attachment.file.save(checked.name, upload, save=False)
        stored = attachment.file.name
        try:
            attachment.save()
            _log(
                locked, Action.ATTACHMENT_ADDED, by=by, attachment=attachment.pk, name=checked.name
            )
        except Exception:
            attachment.file.storage.delete(stored)
            raise
    return attachment


def remove_attachment(attachment: Attachment, *, by) -> None:
    """Delete an attachment and, once that is committed, its file."""
    _refuse_unless(
        permissions.can_remove_attachment(by, attachment),
        _(
            "Kun den, der lagde bilaget ved, koordinatoren og Social- og Boligstyrelsen kan "
            "fjerne det."
        ),
    )
    with transaction.atomic():
        locked = _lock(attachment.meeting)
        row = Attachment.objects.select_for_update().filter(pk=attachment.pk).first()
        if row is None:
            return
        stored, storage = row.file.name, row.file.storage
        row.delete()
        _log(locked, Action.ATTACHMENT_REMOVED, by=by, attachment=attachment.pk, name=row.name)
        transaction.on_commit(lambda: storage.delete(stored))
