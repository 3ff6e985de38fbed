"""Read queries the meeting pages and panels share; each asks the database a fixed number of
times, however many meetings a programme has."""

from dataclasses import dataclass

from django.db.models import F, Prefetch
from django.utils import timezone

from enrolment.models import Enrolment
from phases.kinds import template_for
from programmes.models import GroupMember, ProgrammeGroup

from .models import FollowUp, Meeting


def meeting_groups_prefetch():
    return Prefetch("groups", queryset=ProgrammeGroup.objects.order_by("kind", "name"))


def programme_meetings(programme, user):
    """The programme's meetings with their groups: dated ones in time order, then the ones
    without a date in the order of the plan."""
    return (
        Meeting.objects.for_user(user)
        .filter(programme_id=programme.pk)
        .prefetch_related(meeting_groups_prefetch())
        .order_by(F("starts_at").asc(nulls_last=True), "number", "id")
    )


@dataclass(frozen=True)
class PhaseMeetings:
    phase: str
    label: str
    meetings: list
    current: bool


def meetings_by_phase(programme, meetings, current_phase) -> list[PhaseMeetings]:
    """The meetings under the programme kind's phases, in the phases' order (phases without
    a meeting plan and without meetings are left out)."""
    by_phase: dict[str, list] = {}
    for meeting in meetings:
        by_phase.setdefault(meeting.phase, []).append(meeting)
    return [
        PhaseMeetings(t.phase, t.label, by_phase.get(t.phase, []), t.phase == current_phase)
        for t in template_for(programme).phases
        if t.meetings is not None or by_phase.get(t.phase)
    ]


def enrolment_meeting(programme, user):
    """The enrolment meeting of fase 0 (on the programme's enrolment), if `user` may read the
    enrolment; with its participants."""
    return (
        Enrolment.objects.for_user(user)
        .filter(programme_id=programme.pk)
        .select_related("cohort")
        .prefetch_related("meeting_participants")
        .first()
    )


def upcoming_meetings(programme, user, *, limit=3):
    """The next dated meetings of the programme that are not cancelled."""
    return list(
        Meeting.objects.for_user(user)
        .filter(programme_id=programme.pk, starts_at__gte=timezone.now(), cancelled_at=None)
        .prefetch_related(meeting_groups_prefetch())
        .order_by("starts_at", "id")[:limit]
    )


def open_follow_ups_for(user, municipality):
    """Follow-up tasks in `municipality` that `user` is responsible for and has not done."""
    return (
        FollowUp.objects.for_user(user)
        .for_municipality(municipality)
        .filter(responsible__user_id=user.pk, done_at=None)
        .select_related("meeting__programme__cohort")
        .order_by("due_on", "id")
    )


def with_overdue(follow_ups, today=None) -> list:
    """The follow-up tasks with `is_overdue`: not done and past their due date."""
    today = today or timezone.localdate()
    follow_ups = list(follow_ups)
    for follow_up in follow_ups:
        follow_up.is_overdue = follow_up.done_at is None and follow_up.due_on < today
    return follow_ups


def programme_members(programme):
    """Everyone in the programme's groups, for choosing a follow-up task's responsible."""
    return list(
        GroupMember.objects.filter(group__programme_id=programme.pk)
        .select_related("group")
        .order_by("name", "group__kind", "id")
    )


def deliverable_choices(programme) -> list[tuple[str, str]]:
    """The gate requirements of the programme kind's phases, as (code, label)."""
    return [
        (requirement.code, f"{t.label}: {requirement.label}")
        for t in template_for(programme).phases
        for requirement in t.gate
    ]
