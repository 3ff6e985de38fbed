from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrolmentConfig(AppConfig):
    name = "enrolment"
    verbose_name = _("Tilmelding")

    def ready(self):
        from accounts.signals import person_joined
        from programmes import extensions

        from . import (
            activity,  # noqa: F401  (registers the enrolment's action codes)
            demo,
            panels,
        )
        from .services import grant_pending_steering_answers

        extensions.register_user_panel(
            extensions.Panel("enrolment/_awaiting.html", panels.awaiting_context)
        )
        extensions.register_municipality_panel(
            extensions.Panel(
                "enrolment/_municipality_panel.html", panels.municipality_enrolment_context
            )
        )
        extensions.register_nav_items(panels.nav_items)
        extensions.register_demo(demo.seed_enrolment_demo)

        def let_them_answer(sender, user, municipality, **kwargs):
            grant_pending_steering_answers(user, municipality)

        person_joined.connect(let_them_answer, weak=False, dispatch_uid="enrolment-steering")
