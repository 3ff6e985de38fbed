from functools import partial

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware as BaseAuthenticationMiddleware
from django.utils.functional import SimpleLazyObject

from . import request_user
from .client_ip import client_ip


def _get_user(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = request_user.get_user(request)
    return request._cached_user


class AuthenticationMiddleware(BaseAuthenticationMiddleware):
    """Django's, with the user and their memberships from one cache read (`request_user`)."""

    def process_request(self, request):
        super().process_request(request)  # checks that sessions come first; sets auser
        request.user = SimpleLazyObject(partial(_get_user, request))


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """django-auditlog's middleware with the client address from `client_ip`.

    The original trusts the left-most X-Forwarded-For, which any client can write, and a
    malformed one fails when the log entry is saved.
    """

    @staticmethod
    def _get_remote_addr(request):
        if settings.AUDITLOG_DISABLE_REMOTE_ADDR:
            return None
        return client_ip(request)

    @staticmethod
    def _get_remote_port(request):
        # Like the address, the forwarded port means something only when a proxy wrote it.
        if settings.TRUSTED_PROXY_COUNT <= 0:
            return None
        return BaseAuditlogMiddleware._get_remote_port(request)
