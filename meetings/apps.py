from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Møder")

    def ready(self):
        from phases.services import register_on_enter

        from .plan import on_phase_entered

        register_on_enter(on_phase_entered)
