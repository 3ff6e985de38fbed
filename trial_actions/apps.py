from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrialActionsConfig(AppConfig):
    name = "trial_actions"
    verbose_name = _("Prøvehandlinger")

    def ready(self):
        from phases.gates import register_gate_check
        from programmes import extensions

        from . import activity, demo, panels  # noqa: F401  (activity registers the action codes)
        from .selectors import evaluated_programme_ids

        # Udvikle's gate: at least one trial action has been evaluated.
        register_gate_check("trial_action_evaluated", evaluated_programme_ids)
        panels.register()
        extensions.register_demo(demo.seed_trial_actions_demo)
