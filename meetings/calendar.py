"""Meetings in people's own calendars: a secret feed per person and an .ics file per meeting.

Times are written in Europe/Copenhagen with its VTIMEZONE, so a calendar shows a meeting at
the hour it was set for on both sides of a change to or from summer time. Each event's UID
is stable (`meeting-<pk>@forlobsportalen`), so a calendar that reads the feed again updates
the event instead of adding a second one.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .models import CalendarFeed, Meeting, NetworkParticipant

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
# The address is the person's to keep in their calendar program; renewing it is how it ends.
FEED_VALID_FOR = datetime.timedelta(days=3652)
# A calendar shows an event without an end as a moment; an hour makes it visible.
DEFAULT_LENGTH = datetime.timedelta(hours=1)
# How often a calendar program should read the feed again.
REFRESH_INTERVAL = datetime.timedelta(hours=1)
UID_DOMAIN = "forlobsportalen"
DESCRIPTION_LENGTH = 300


# --- whose events -------------------------------------------------------------------------


def meetings_for_user(user):
    """The dated, non-cancelled meetings of the groups `user` is a member of, in every
    municipality. The caller holds a scope that covers them (a token link: none at all)."""
    return (
        Meeting.objects.filter(
            starts_at__isnull=False,
            cancelled_at__isnull=True,
            meeting_groups__group__members__user=user,
        )
        .select_related("programme__municipality")
        .prefetch_related("groups")
        .distinct()
        .order_by("starts_at", "id")
    )


def network_participations_for_user(user):
    """`user`'s places in network activities, one per activity (the first if several)."""
    seen = {}
    participants = (
        NetworkParticipant.objects.filter(member__user=user)
        .select_related("invitation__activity", "invitation__municipality")
        .order_by("invitation__activity__starts_at", "id")
    )
    for participant in participants:
        seen.setdefault(participant.invitation.activity_id, participant)
    return list(seen.values())


# --- the feed's secret address ------------------------------------------------------------


def renew_calendar_feed(user) -> str:
    """Give `user` a new secret feed address and return its token (shown once, never stored).

    The old address, if any, stops working at once. The user's row is locked, so two renewals
    at the same moment leave one address, the later one.
    """
    User = get_user_model()
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        CalendarFeed.objects.filter(user=user).delete()
        _feed, token = CalendarFeed.issue(valid_for=FEED_VALID_FOR, user=user)
    return token


def feed_for_token(token: str) -> CalendarFeed | None:
    """The live feed the token opens, or None (unknown, expired, or its user deactivated)."""
    feed = CalendarFeed.with_token(token).select_related("user").first()
    if feed is None or feed.is_expired or not feed.user.is_active:
        return None
    return feed


def feed_url(token: str) -> str:
    return settings.SITE_URL + reverse("calendar:feed_ics", kwargs={"token": token})


# --- events -------------------------------------------------------------------------------


def meeting_url(meeting: Meeting) -> str:
    return settings.SITE_URL + reverse(
        "meetings:meeting_detail",
        kwargs={"programme_pk": meeting.programme_id, "meeting_pk": meeting.pk},
    )


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment, COPENHAGEN)


def _span(starts_at, ends_at):
    start = _local(starts_at)
    end = _local(ends_at) if ends_at and ends_at > starts_at else start + DEFAULT_LENGTH
    return start, end


def _location(place: str, online_url: str) -> str:
    return place or online_url


def _description(*lines) -> str:
    text = "\n".join(line for line in lines if line)
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def meeting_event(meeting: Meeting):
    start, end = _span(meeting.starts_at, meeting.ends_at)
    groups = ", ".join(group.name for group in meeting.groups.all())
    url = meeting_url(meeting)
    from icalendar import Event  # loaded when a feed is asked for, not by every process

    return Event.new(
        uid=f"meeting-{meeting.pk}@{UID_DOMAIN}",
        summary=meeting.title,
        start=start,
        end=end,
        location=_location(meeting.place, meeting.online_url) or None,
        url=url,
        description=_description(
            f"{meeting.programme.municipality.name}: {groups}" if groups else "",
            _("Onlinemøde: %(url)s") % {"url": meeting.online_url}
            if meeting.place and meeting.online_url
            else "",
            url,
        ),
    )


def network_event(participant: NetworkParticipant):
    activity = participant.invitation.activity
    start, end = _span(activity.starts_at, activity.ends_at)
    url = settings.SITE_URL + reverse(
        "network:invitation_detail", kwargs={"invitation_pk": participant.invitation_id}
    )
    from icalendar import Event  # loaded when a feed is asked for, not by every process

    return Event.new(
        uid=f"network-{activity.pk}@{UID_DOMAIN}",
        summary=activity.title,
        start=start,
        end=end,
        location=_location(activity.place, activity.online_url) or None,
        url=url,
        description=_description(
            _("Netværksaktivitet i Social- og Boligstyrelsen"),
            activity.description,
            _("Onlinemøde: %(url)s") % {"url": activity.online_url}
            if activity.place and activity.online_url
            else "",
            url,
        ),
    )


def build_calendar(events: list, *, name: str) -> bytes:
    """The events as one iCalendar file with the VTIMEZONE its times need."""
    from icalendar import Calendar

    calendar = Calendar.new(
        prodid="-//Social- og Boligstyrelsen//Forløbsportalen//DA",
        name=name,
        method="PUBLISH",
        refresh_interval=REFRESH_INTERVAL,
    )
    for event in events:
        calendar.add_component(event)
    if events:
        starts = [event.start.date() for event in events]
        # The zone's rules from a year before the first event to two after the last.
        calendar.add_missing_timezones(
            first_date=datetime.date(min(starts).year - 1, 1, 1),
            last_date=datetime.date(max(starts).year + 2, 1, 1),
        )
    return calendar.to_ical()


def user_calendar(user) -> bytes:
    """The feed of everything `user` meets at: their groups' meetings, their network
    activities. The caller holds a scope that covers them."""
    events = [meeting_event(m) for m in meetings_for_user(user)]
    events += [network_event(p) for p in network_participations_for_user(user)]
    events.sort(key=lambda event: event.start)
    return build_calendar(events, name=_("Møder i Forløbsportalen"))


def meeting_calendar(meeting: Meeting) -> bytes:
    return build_calendar([meeting_event(meeting)], name=meeting.title)
