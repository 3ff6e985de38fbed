"""Reminders that Celery beat sends (`meetings.tasks.send_reminders`, every 15 minutes).

- The attendees of a dated meeting, MEETING_REMINDER_DAYS_BEFORE days before it.
- The chairs of its groups (or the programme's coordinator) when the minutes are still missing
  MEETING_MINUTES_REMINDER_DAYS_AFTER days after it.
- The responsible person of a follow-up task past its due date and not done.

Each is sent once, however often the task runs and however many workers run it at once: a
conditional UPDATE claims the reminder (`..._sent_at` from NULL to now; only the first of two
concurrent claimers updates a row, the second waits for its lock and then finds the column
set) and the e-mails are written to the outbox in the same transaction, so a claim without
its e-mails, or e-mails without the claim, is never committed. A meeting that is rescheduled
or a task whose due date moves has its claim cleared by `meetings.services`.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format

from accounts.tasks import send_mail_task
from outbox.services import enqueue
from programmes.models import GroupMember

from .calendar import COPENHAGEN, meeting_url
from .models import Attendance, FollowUp, Meeting

WILL_ATTEND = (Attendance.Status.INVITED, Attendance.Status.CAME)


# --- who is reminded ----------------------------------------------------------------------


def email_of(member: GroupMember | None) -> str:
    """A group member's address: their own, or their account's."""
    if member is None:
        return ""
    return member.email or (member.user.email if member.user_id else "")


def _unique(people) -> list[tuple[str, str]]:
    """(e-mail, name) pairs without blanks, each address once whatever its case."""
    seen, unique = set(), []
    for email, name in people:
        if email and email.lower() not in seen:
            seen.add(email.lower())
            unique.append((email, name))
    return unique


def attendee_recipients(meeting: Meeting) -> list[tuple[str, str]]:
    """The people expected at the meeting: its attendance list (those invited or who came)
    once it has one, otherwise the members of its groups."""
    rows = list(meeting.attendance.select_related("member__user"))
    if rows:
        people = [(email_of(r.member), r.name) for r in rows if r.status in WILL_ATTEND]
    else:
        members = GroupMember.objects.filter(
            group_id__in=meeting.meeting_groups.values("group_id")
        ).select_related("user")
        people = [(email_of(m), m.name) for m in members.order_by("name", "id")]
    return _unique(people)


def chair_recipients(meeting: Meeting) -> list[tuple[str, str]]:
    """The chairs of the meeting's groups; the programme's coordinator when none has an
    address."""
    chairs = GroupMember.objects.filter(
        group_id__in=meeting.meeting_groups.values("group_id"), role=GroupMember.Role.CHAIR
    ).select_related("user")
    people = _unique((email_of(c), c.name) for c in chairs.order_by("name", "id"))
    coordinator = meeting.programme.coordinator
    if not people and coordinator is not None and coordinator.is_active:
        people = _unique([(coordinator.email, coordinator.get_full_name())])
    return people


# --- what is due --------------------------------------------------------------------------


def _before() -> datetime.timedelta:
    return datetime.timedelta(days=settings.MEETING_REMINDER_DAYS_BEFORE)


def _after() -> datetime.timedelta:
    return datetime.timedelta(days=settings.MEETING_MINUTES_REMINDER_DAYS_AFTER)


def meetings_to_remind(now):
    """Dated, not cancelled, not yet reminded, starting within the coming days."""
    return Meeting.objects.filter(
        cancelled_at__isnull=True,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + _before(),
    )


def meetings_missing_minutes(now):
    """Held (not cancelled) some days ago, without minutes, the chair not yet reminded."""
    return Meeting.objects.filter(
        cancelled_at__isnull=True,
        minutes_written_at__isnull=True,
        minutes_reminder_sent_at__isnull=True,
        starts_at__lte=now - _after(),
    )


def follow_ups_overdue(now):
    """Not done, past their due date, their responsible person not yet reminded."""
    today = timezone.localtime(now, COPENHAGEN).date()
    return FollowUp.objects.filter(
        done_at__isnull=True, overdue_reminder_sent_at__isnull=True, due_on__lt=today
    )


# --- claim and send -----------------------------------------------------------------------


def _when(moment) -> dict:
    local = timezone.localtime(moment, COPENHAGEN)
    return {"date": date_format(local, "DATE_FORMAT"), "time": time_format(local, "TIME_FORMAT")}


def _meeting_context(meeting: Meeting) -> dict:
    return {
        "title": meeting.title,
        "municipality": meeting.programme.municipality.name,
        "place": meeting.place,
        "online_url": meeting.online_url,
        "link": meeting_url(meeting),
        **_when(meeting.starts_at),
    }


def _send(template: str, people, context: dict) -> int:
    # One e-mail each: the attendees do not see one another's addresses.
    for email, name in people:
        enqueue(
            send_mail_task,
            template=template,
            to=[email],
            context={**context, "name": name},
            language="da",
        )
    return len(people)


def _meeting(meeting_id: int) -> Meeting:
    return Meeting.objects.select_related("programme__municipality", "programme__coordinator").get(
        pk=meeting_id
    )


def remind_attendees(meeting_id: int, *, now) -> int | None:
    """Claim the meeting's reminder and write its e-mails; None when it was not due or
    another run has claimed it, else the number of e-mails."""
    with transaction.atomic():
        claimed = meetings_to_remind(now).filter(pk=meeting_id).update(reminder_sent_at=now)
        if not claimed:
            return None
        meeting = _meeting(meeting_id)
        with translation.override("da"):
            context = _meeting_context(meeting)
        return _send("meetings/email/meeting_reminder", attendee_recipients(meeting), context)


def remind_chair(meeting_id: int, *, now) -> int | None:
    """Claim the missing-minutes reminder and write its e-mails (as `remind_attendees`)."""
    with transaction.atomic():
        claimed = (
            meetings_missing_minutes(now).filter(pk=meeting_id).update(minutes_reminder_sent_at=now)
        )
        if not claimed:
            return None
        meeting = _meeting(meeting_id)
        with translation.override("da"):
            context = _meeting_context(meeting)
        return _send("meetings/email/minutes_reminder", chair_recipients(meeting), context)


def remind_responsible(follow_up_id: int, *, now) -> int | None:
    """Claim the overdue reminder of a follow-up task and write its e-mail."""
    with transaction.atomic():
        claimed = (
            follow_ups_overdue(now).filter(pk=follow_up_id).update(overdue_reminder_sent_at=now)
        )
        if not claimed:
            return None
        follow_up = FollowUp.objects.select_related("responsible__user").get(pk=follow_up_id)
        meeting = _meeting(follow_up.meeting_id)
        with translation.override("da"):
            context = {
                **_meeting_context(meeting),
                "task": follow_up.text,
                "due": date_format(follow_up.due_on, "DATE_FORMAT"),
            }
        responsible = follow_up.responsible
        people = _unique([(email_of(responsible), responsible.name if responsible else "")])
        return _send("meetings/email/follow_up_overdue", people, context)


def send_due_reminders(now=None) -> dict[str, int]:
    """Every reminder that is due now, each claimed in its own transaction; the caller holds
    a scope that covers every municipality. Returns how many e-mails of each kind."""
    now = now or timezone.now()
    sent = {"meetings": 0, "minutes": 0, "follow_ups": 0}
    for kind, due, remind in (
        ("meetings", meetings_to_remind(now), remind_attendees),
        ("minutes", meetings_missing_minutes(now), remind_chair),
        ("follow_ups", follow_ups_overdue(now), remind_responsible),
    ):
        for pk in list(due.order_by("pk").values_list("pk", flat=True)):
            sent[kind] += remind(pk, now=now) or 0
    return sent
