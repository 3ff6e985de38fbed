from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnchoringConfig(AppConfig):
    name = "anchoring"
    verbose_name = _("Forankringsplan")

    def ready(self):
        from phases.gates import register_gate_check
        from programmes import extensions

        from . import activity, demo, panels  # noqa: F401  (activity registers the action codes)
        from .selectors import approved_anchoring_plan_programme_ids

        # Forankre's gate: the steering group has approved the anchoring plan at least once;
        # passing it lets the consultant complete the programme.
        register_gate_check("anchoring_plan_approved", approved_anchoring_plan_programme_ids)
        panels.register()
        extensions.register_demo(demo.seed_anchoring_plan_demo)
