from contextvars import ContextVar
from functools import partial

from auditlog import context as auditlog_context
from auditlog import get_logentry_model
from auditlog.context import auditlog_value
from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware as BaseAuthenticationMiddleware
from django.db.models.signals import pre_save
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


class AuditlogMiddleware:
    """The request's context for django-auditlog's entries (actor, address, port, correlation
    id), as auditlog's own middleware gives it, at a fraction of its cost per request.

    Auditlog's middleware connects and disconnects a `pre_save` receiver per request, which
    also empties the signal's receiver cache for every save in it. Here the request only sets
    the context: one receiver, connected once (`connect_audit_receiver`), fills an entry when
    one is saved, and the correlation id is read then (`request_cid`). The actor is the
    request's user as the request began, as with auditlog's. The client address comes from
    `client_ip`: the original trusts the left-most X-Forwarded-For, which any client can
    write; a forwarded port outside 1-65535 is dropped.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_token = _current_request.set(request)
        token = auditlog_value.set(
            {
                "actor": getattr(request, "user", None),
                "remote_addr": _remote_addr(request),
                "remote_port": _remote_port(request),
                "signal_duid": REQUEST_DUID,
            }
        )
        try:
            return self.get_response(request)
        finally:
            auditlog_value.reset(token)
            _current_request.reset(request_token)


# The request that runs, for `request_cid`.
_current_request = ContextVar("accounts.middleware.request", default=None)


def request_cid() -> str | None:
    """`AUDITLOG_CID_GETTER`: the running request's correlation id (its
    `AUDITLOG_CID_HEADER`), read only when an entry is written; None outside a request."""
    request = _current_request.get()
    header = settings.AUDITLOG_CID_HEADER
    if request is None or not header:
        return None
    return request.headers.get(header) or request.META.get(header)


# The dispatch uid of the one receiver that fills entries from a request's context.
REQUEST_DUID = ("accounts.middleware", "request")


def _remote_addr(request):
    if settings.AUDITLOG_DISABLE_REMOTE_ADDR:
        return None
    return client_ip(request)


def _remote_port(request):
    # Like the address, the forwarded port means something only when a proxy wrote it.
    if settings.TRUSTED_PROXY_COUNT <= 0:
        return None
    try:
        port = int(request.META.get("HTTP_X_FORWARDED_PORT", ""))
    except ValueError:
        return None
    return port if 0 < port < 65536 else None  # the log's column takes no other


def connect_audit_receiver():
    """Called from `AccountsConfig.ready`: auditlog's own receiver, bound to the request
    context's uid, for every entry saved while a request runs."""
    pre_save.connect(
        partial(auditlog_context._set_extra_data, signal_duid=REQUEST_DUID),
        sender=get_logentry_model(),
        dispatch_uid=REQUEST_DUID,
        weak=False,
    )
