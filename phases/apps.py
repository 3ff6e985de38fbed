from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhasesConfig(AppConfig):
    name = "phases"
    verbose_name = _("Faser")

    def ready(self):
        from programmes import extensions

        from . import activity  # noqa: F401  (registers the phases' action codes)
        from .panels import programme_phase_context

        extensions.register_programme_panel(
            extensions.Panel("phases/_programme_panel.html", programme_phase_context)
        )
