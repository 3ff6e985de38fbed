from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationConfig(AppConfig):
    name = "communication"
    verbose_name = _("Kommunikationsplan")

    def ready(self):
        from programmes import extensions

        from . import (
            activity,  # noqa: F401  (registers the communication plan's action codes)
            demo,
            panels,
        )

        panels.register()
        extensions.register_demo(demo.seed_communication_plan_demo)
