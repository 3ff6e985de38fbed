from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TemperatureConfig(AppConfig):
    name = "temperature"
    verbose_name = _("Temperaturmåling")

    def ready(self):
        from programmes import extensions

        from . import activity, demo, panels  # noqa: F401  (activity registers the action codes)

        panels.register()
        extensions.register_demo(demo.seed_temperature_demo)
