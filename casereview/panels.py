"""What the case review adds to the core's pages: its progress on the programme page."""

from phases.models import Phase
from phases.selectors import phase_of
from programmes import extensions

from . import permissions
from .models import TARGET_CASES, ReviewedCase


def programme_review_context(request, programme):
    """How many of the ten cases are reviewed; the link only for those who read the review.
    A programme still enrolling has no review yet."""
    cases = ReviewedCase.objects.for_user(request.user).filter(programme_id=programme.pk).count()
    if not cases and phase_of(programme) == Phase.ENROL:
        return None
    return {
        "programme": programme,
        "cases": cases,
        "target": TARGET_CASES,
        "can_read": permissions.can_read_review(request.user, programme),
    }


def register():
    """Called from `CaseReviewConfig.ready`."""
    extensions.register_programme_panel(
        extensions.Panel("casereview/_programme_panel.html", programme_review_context)
    )
