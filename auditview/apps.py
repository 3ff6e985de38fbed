from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditViewConfig(AppConfig):
    name = "auditview"
    verbose_name = _("Aktivitet")

    def ready(self):
        from . import panels

        panels.register()
