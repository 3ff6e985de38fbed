"""What the phases add to a programme's page (registered in `PhasesConfig.ready`)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import prefetch_related_objects

from programmes.models import ActivityEntry, Programme

from . import permissions
from .activity import Action
from .forms import MoveForm
from .kinds import template_for
from .schedule import phase_schedule
from .selectors import standing
from .timeline import build_timeline, timeline_items


def programme_phase_context(request, programme):
    """Where the programme stands: its phase and gate, its timeline, how it got here."""
    # The cohort's windows are read by both the standing and the schedule: fetch them once.
    prefetch_related_objects([programme], "cohort__phase_windows")
    state = standing(programme)
    template = template_for(programme)
    schedule = phase_schedule(programme.cohort, programme.kind)
    items = timeline_items(programme)
    moves = ActivityEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Programme),
        object_id=programme.pk,
        action=Action.MOVED,
    ).select_related("actor")
    next_phase = template.next_phase(state.phase)
    can_move = next_phase is not None and permissions.can_move_programme(request.user, programme)
    return {
        "programme": programme,
        "standing": state,
        "template": template,
        "phase_template": template.phase(state.phase),
        "schedule": schedule,
        "timeline": build_timeline(schedule, state.phase, items, today=state.today),
        "timeline_items": items,
        "moves": moves,
        "next_phase": next_phase,
        "move_form": MoveForm(initial={"to": next_phase}) if can_move else None,
    }
