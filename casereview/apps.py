from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseReviewConfig(AppConfig):
    name = "casereview"
    verbose_name = _("Gennemgang af borgersager")

    def ready(self):
        from programmes import extensions

        from . import (
            activity,  # noqa: F401  (registers the case review's action codes)
            audit,
            demo,
            panels,
        )

        audit.register()
        panels.register()
        extensions.register_demo(demo.seed_case_review_demo)
