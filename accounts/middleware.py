from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.conf import settings

from .client_ip import client_ip


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
