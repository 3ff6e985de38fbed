from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TemperatureConfig(AppConfig):
    name = "temperature"
    verbose_name = _("Temperaturmåling")

    def ready(self):
        from . import activity  # noqa: F401  (registers the measurement's action codes)
