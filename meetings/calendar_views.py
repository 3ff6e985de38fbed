"""The calendar pages: the person's secret feed address, the feed itself, one meeting's file."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe
from django_scopes import scopes_disabled

from programmes.scoping import get_for_user_or_404

from . import calendar
from .models import CalendarFeed, Meeting

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _ics_response(content: bytes, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _feed_page(request, *, url: str = ""):
    feed = CalendarFeed.objects.filter(user=request.user).first()
    if feed is not None and feed.is_expired:
        feed = None
    return render(request, "meetings/calendar_feed.html", {"feed": feed, "url": url})


@login_required
@require_GET
@never_cache
def feed(request):
    """Where a person subscribes to their meetings; the address is shown once, when made."""
    return _feed_page(request)


@login_required
@require_POST
@never_cache
def feed_renew(request):
    """Make a new address (the old one stops working) and show it on this answer only: only
    its hash is kept."""
    token = calendar.renew_calendar_feed(request.user)
    return _feed_page(request, url=calendar.feed_url(token))


@require_safe
@never_cache
def feed_ics(request, token):
    """The feed a calendar program reads: no login, the token is the credential."""
    # The token names one person; their meetings may lie in any of their municipalities.
    with scopes_disabled():
        feed = calendar.feed_for_token(token)
        if feed is None:
            raise Http404
        content = calendar.user_calendar(feed.user)
    response = _ics_response(content, "forlobsportalen.ics", attachment=False)
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_GET
def meeting_ics(request, programme_pk, meeting_pk):
    """One meeting as an .ics file; a meeting without a date has nothing to put in one."""
    meeting = get_for_user_or_404(
        Meeting.objects.select_related("programme__municipality"), request.user, pk=meeting_pk
    )
    if meeting.programme_id != programme_pk:
        # Found through the reader's scope but named under another programme (an old or
        # hand-edited link): on to its own address, as the meeting pages do.
        return redirect(
            "calendar:meeting_ics", programme_pk=meeting.programme_id, meeting_pk=meeting.pk
        )
    if meeting.starts_at is None:
        raise Http404
    return _ics_response(
        calendar.meeting_calendar(meeting), f"moede-{meeting.pk}.ics", attachment=True
    )
