from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Møder")

    def ready(self):
        from phases.services import register_on_enter
        from programmes import extensions

        from . import (
            activity,  # noqa: F401  (registers the meetings' action codes)
            demo,
            network,  # noqa: F401  (registers the network activities' action codes)
            network_panels,
            panels,
        )
        from .plan import on_phase_entered

        register_on_enter(on_phase_entered)
        panels.register()
        network_panels.register()
        extensions.register_demo(demo.seed_running_programme_demo)
