from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseReviewConfig(AppConfig):
    name = "casereview"
    verbose_name = _("Gennemgang af borgersager")
