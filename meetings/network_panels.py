"""What the network activities and the calendar feed add to the core's pages."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from programmes import extensions
from programmes.models import GroupMember

from .models import CalendarFeed, NetworkInvitation


def upcoming_network_context(request, municipality):
    """The municipality's coming network activities, each with its own participant count."""
    invitations = list(
        NetworkInvitation.objects.for_user(request.user)
        .for_municipality(municipality)
        .filter(activity__starts_at__gte=timezone.now())
        .select_related("activity")
        .annotate(participant_count=Count("participants"))
        .order_by("activity__starts_at", "pk")
    )
    if not invitations:
        return None
    return {"municipality": municipality, "invitations": invitations}


def calendar_feed_context(request, municipality):
    """A pointer to the person's calendar address on their start page."""
    user = request.user
    if not user.is_authenticated:
        return None
    has_feed = CalendarFeed.objects.filter(user=user).exists()
    if not has_feed and not GroupMember.objects.for_user(user).filter(user=user).exists():
        return None  # no group, no meetings to subscribe to
    return {"has_feed": has_feed}


def nav_items(request):
    if request.user.is_sbst:
        return [(_("Netværksaktiviteter"), reverse("network:activity_list"))]
    return []


def register():
    """Called from `MeetingsConfig.ready`."""
    extensions.register_municipality_panel(
        extensions.Panel("meetings/network_municipality_panel.html", upcoming_network_context)
    )
    extensions.register_user_panel(
        extensions.Panel("meetings/calendar_user_panel.html", calendar_feed_context)
    )
    extensions.register_nav_items(nav_items)
