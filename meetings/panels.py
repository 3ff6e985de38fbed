"""What the meetings add to the core's pages: the responsible person's open follow-up tasks
on their start page, the next meetings on the programme page, the dated meetings on the
programme's timeline, and meetings for a local group added to a running programme."""

from django.urls import reverse
from django.utils import timezone

from phases.selectors import phase_of
from phases.timeline import TimelineItem, register_timeline_items
from programmes import extensions
from programmes.models import ProgrammeGroup

from . import selectors
from .models import Meeting
from .plan import plan_for_new_group


def my_follow_ups_context(request, municipality):
    """The signed-in person's follow-up tasks not yet done, soonest due first."""
    if municipality is None or not request.user.is_authenticated:
        return None
    follow_ups = selectors.with_overdue(selectors.open_follow_ups_for(request.user, municipality))
    return {"follow_ups": follow_ups} if follow_ups else None


def programme_meetings_context(request, programme):
    """The programme's next dated meetings, and how many still lack a date."""
    meetings = Meeting.objects.for_user(request.user).filter(
        programme_id=programme.pk, cancelled_at=None
    )
    if not meetings.exists():
        return None
    return {
        "programme": programme,
        "upcoming": selectors.upcoming_meetings(programme, request.user),
        "unscheduled": meetings.filter(starts_at=None).count(),
    }


def meeting_timeline_items(programme) -> list[TimelineItem]:
    """Each dated meeting of the programme that is not cancelled, as a mark on the timeline."""
    now = timezone.now()
    meetings = Meeting.objects.filter(
        programme_id=programme.pk, cancelled_at=None, starts_at__isnull=False
    ).order_by("starts_at", "id")
    return [
        TimelineItem(
            day=timezone.localtime(meeting.starts_at).date(),
            label=meeting.title,
            url=reverse(
                "meetings:meeting_detail",
                kwargs={"programme_pk": programme.pk, "meeting_pk": meeting.pk},
            ),
            done=meeting.starts_at <= now,
        )
        for meeting in meetings
    ]


def local_group_added(group, *, by) -> None:
    """A local implementation group added to a running programme gets its own meetings in
    the current and later phases, and joins a kick-off that has not taken place."""
    if group.kind != ProgrammeGroup.Kind.LOCAL:
        return
    plan_for_new_group(group, phase_of(group.programme), by=by)


def register():
    """Called from `MeetingsConfig.ready`."""
    extensions.register_user_panel(
        extensions.Panel("meetings/_my_follow_ups.html", my_follow_ups_context)
    )
    extensions.register_programme_panel(
        extensions.Panel("meetings/_programme_panel.html", programme_meetings_context)
    )
    register_timeline_items(meeting_timeline_items)
    extensions.register_group_added(local_group_added)
