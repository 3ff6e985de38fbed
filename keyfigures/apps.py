from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KeyFiguresConfig(AppConfig):
    name = "keyfigures"
    verbose_name = _("Nøgletal og indsatstrappe")

    def ready(self):
        from programmes import extensions

        from . import (
            activity,  # noqa: F401  (registers the key figures' action codes)
            demo,
            panels,
        )

        panels.register()
        extensions.register_demo(demo.seed_key_figures_demo)
