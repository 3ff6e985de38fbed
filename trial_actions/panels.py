"""What the trial actions add to the core's pages: on the programme page, how many trial
actions are in each state and which evaluations are overdue."""

from phases.models import Phase
from phases.selectors import phase_of
from programmes import extensions

from . import permissions, selectors

# The phases in which a programme works with trial actions.
WORKING_PHASES = (Phase.DEVELOP, Phase.ANCHOR)


def programme_trial_actions_context(request, programme):
    """The counts by state and the overdue evaluations; nothing while the programme has no
    trial actions and is not yet in udvikle."""
    summary = selectors.programme_summary(programme, request.user)
    if not summary.total and phase_of(programme) not in WORKING_PHASES:
        return None
    return {
        "programme": programme,
        "summary": summary,
        "can_work": permissions.can_work(request.user, programme),
    }


def register():
    """Called from `TrialActionsConfig.ready`."""
    extensions.register_programme_panel(
        extensions.Panel("trial_actions/_programme_panel.html", programme_trial_actions_context)
    )
