"""What the temperature measurement adds to the core's pages: a section on the programme's
page and, for SBST's administrators, the instrument in the main navigation."""

from django.urls import reverse
from django.utils.translation import gettext as _

from phases.models import Phase
from phases.selectors import phase_of
from programmes import extensions

from . import permissions, selectors

SHOWN_IN = (Phase.PREPARE, Phase.DEVELOP, Phase.ANCHOR)


def programme_temperature_context(request, programme):
    """The rounds with their counts and the flagged dimensions, for those who read the
    rounds; before the first round, only while a round can still be taken."""
    if not permissions.can_read_rounds(request.user, programme):
        return None
    rounds = selectors.rounds_of(programme)
    if not rounds and phase_of(programme) not in SHOWN_IN:
        return None
    return {
        "programme": programme,
        "rounds": rounds,
        "flagged": selectors.dimensions_needing_attention(programme) if rounds else [],
        "can_manage": permissions.can_manage_rounds(request.user, programme),
    }


def nav_items(request):
    if permissions.can_manage_instrument(request.user):
        return [(_("Temperaturmåling"), reverse("temperature:instrument"))]
    return []


def register():
    """Called from `TemperatureConfig.ready`."""
    extensions.register_programme_panel(
        extensions.Panel("temperature/_programme_panel.html", programme_temperature_context)
    )
    extensions.register_nav_items(nav_items)
