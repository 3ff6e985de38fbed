from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrolmentConfig(AppConfig):
    name = "enrolment"
    verbose_name = _("Tilmelding")

    def ready(self):
        from accounts.signals import person_joined

        from . import activity  # noqa: F401  (registers the enrolment's action codes)
        from .services import grant_pending_steering_answers

        def let_them_answer(sender, user, municipality, **kwargs):
            grant_pending_steering_answers(user, municipality)

        person_joined.connect(let_them_answer, weak=False, dispatch_uid="enrolment-steering")
