"""What the assessment adds to the core's pages: a section on the programme's page and, for
SBST's administrators, the list of dimensions in the main navigation."""

from django.urls import reverse
from django.utils.translation import gettext as _

from phases.models import Phase
from phases.selectors import phase_of
from programmes import extensions

from . import permissions, selectors


def programme_assessment_context(request, programme):
    """The latest version's date and profile in words, with the way to the whole assessment;
    in forberede, a hint when there is none yet."""
    assessments = selectors.latest_two(programme)
    if not assessments and phase_of(programme) != Phase.PREPARE:
        return None
    return {
        "programme": programme,
        "profile": selectors.profile(programme, assessments),
        "can_add": permissions.can_add_assessment(request.user, programme),
    }


def nav_items(request):
    if permissions.can_manage_dimensions(request.user):
        return [(_("Rammens dimensioner"), reverse("assessments:dimension_list"))]
    return []


def register():
    """Called from `AssessmentsConfig.ready`."""
    extensions.register_programme_panel(
        extensions.Panel("assessments/_programme_panel.html", programme_assessment_context)
    )
    extensions.register_nav_items(nav_items)
