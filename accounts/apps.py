from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Brugere")

    def ready(self):
        from auditlog.registry import auditlog

        from . import request_user
        from .middleware import connect_audit_receiver
        from .models import Invitation, User

        request_user.connect_signals()
        connect_audit_receiver()

        auditlog.register(User, exclude_fields=["password", "last_login"])
        auditlog.register(Invitation, exclude_fields=["token_hash"])
