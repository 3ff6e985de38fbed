"""What the reports add to the core's pages: the "Lav PDF" buttons on the programme page."""

from programmes import extensions

from . import permissions
from .models import Document


def programme_reports_context(request, programme):
    user = request.user
    if not user.is_authenticated:
        return None
    return {
        "programme": programme,
        "can_request_plan": permissions.can_request(user, programme, Document.DEVELOPMENT_PLAN),
        "can_request_anchoring": permissions.offers_anchoring_plan(user, programme),
        "can_request_status": permissions.can_request(user, programme, Document.PROGRAMME_STATUS),
        "can_use_cohort_reports": permissions.can_use_cohort_reports(user),
    }


def register():
    """Called from `ReportsConfig.ready`."""
    extensions.register_programme_panel(
        extensions.Panel("reports/_programme_panel.html", programme_reports_context)
    )
