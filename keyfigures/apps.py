from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KeyFiguresConfig(AppConfig):
    name = "keyfigures"
    verbose_name = _("Nøgletal og indsatstrappe")
