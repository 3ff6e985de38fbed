"""What the communication plan adds to the core's pages: its size, its overdue activities
and the next ones on the programme page, and the responsible person's planned activities on
their start page."""

from programmes import extensions

from . import permissions, selectors
from .models import copenhagen_today


def programme_plan_context(request, programme):
    """The plan's number of activities, how many are overdue (and which), and the next ones;
    nothing when the plan is empty and the reader cannot add to it."""
    summary = selectors.plan_summary(programme, request.user)
    can_edit = permissions.can_edit_plan(request.user, programme)
    if not summary.total and not can_edit:
        return None
    return {"programme": programme, "summary": summary, "can_edit": can_edit}


def my_activities_context(request, municipality):
    """The signed-in person's planned activities, overdue ones first in date order."""
    if municipality is None or not request.user.is_authenticated:
        return None
    activities = list(
        selectors.open_activities_for(request.user, municipality, today=copenhagen_today())
    )
    return {"activities": activities} if activities else None


def register():
    """Called from `CommunicationConfig.ready`."""
    extensions.register_programme_panel(
        extensions.Panel("communication/_programme_panel.html", programme_plan_context)
    )
    extensions.register_user_panel(
        extensions.Panel("communication/_my_activities.html", my_activities_context)
    )
