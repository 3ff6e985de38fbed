from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Kommuner og forløb")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Cohort, GroupMember, Membership, Programme, ProgrammeGroup

        for model in (Membership, Cohort, Programme, ProgrammeGroup, GroupMember):
            auditlog.register(model)
