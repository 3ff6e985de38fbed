from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrialActionsConfig(AppConfig):
    name = "trial_actions"
    verbose_name = _("Prøvehandlinger")
