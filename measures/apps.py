from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Målinger")

    def ready(self):
        from programmes import extensions

        from . import activity, demo  # noqa: F401  (activity registers the action codes)

        extensions.register_demo(demo.seed_measures_demo)
