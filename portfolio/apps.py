from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portefølje")

    def ready(self):
        from programmes import extensions

        from . import page_cache
        from .views import nav_items

        extensions.register_nav_items(nav_items)
        page_cache.connect_signals()
