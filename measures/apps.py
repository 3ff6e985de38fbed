from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Målinger")

    def ready(self):
        from . import activity  # noqa: F401  (registers the action codes)
