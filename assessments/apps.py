from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Organisatorisk ramme")

    def ready(self):
        from programmes import extensions

        from . import (
            activity,  # noqa: F401  (registers the assessment's action codes)
            demo,
            panels,
        )

        panels.register()
        extensions.register_demo(demo.seed_assessment_demo)
