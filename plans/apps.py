from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Udviklingsplan")

    def ready(self):
        from phases.gates import register_gate_check
        from programmes import extensions

        from . import activity, demo, panels  # noqa: F401  (activity registers the action codes)
        from .selectors import approved_plan_programme_ids

        # Forberede's gate: the steering group has approved the plan at least once.
        register_gate_check("development_plan_approved", approved_plan_programme_ids)
        panels.register()
        extensions.register_demo(demo.seed_development_plan_demo)
