from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Kommuner og forløb")

    def ready(self):
        from auditlog.registry import auditlog

        from accounts.signals import person_joined

        from .models import Cohort, GroupMember, Membership, Programme, ProgrammeGroup

        for model in (Membership, Cohort, Programme, ProgrammeGroup, GroupMember):
            auditlog.register(model)

        def link_group_members(sender, user, municipality, **kwargs):
            from django_scopes import scope

            from .services import link_joined_person

            with scope(municipality=[municipality.pk]):
                link_joined_person(user, municipality)

        person_joined.connect(link_group_members, weak=False, dispatch_uid="programmes-groups")
