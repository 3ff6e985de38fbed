"""The client's IP address, the one answer the login lock, the audit log and throttles share."""

import functools
import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The address of the client that sent `request`, or None when it is not a valid address.

    Without a proxy (`TRUSTED_PROXY_COUNT` 0) it is REMOTE_ADDR and X-Forwarded-For is
    ignored: anyone can send that header. Behind N trusted proxies each appends the address it
    received the request from, so the client is the N-th entry from the right; anything to its
    left was written by the client and is not trusted. A missing, short or malformed header
    falls back to REMOTE_ADDR.
    """
    proxy_count = settings.TRUSTED_PROXY_COUNT
    if proxy_count > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(hops) >= proxy_count:
            address = _parse(hops[-proxy_count])
            if address:
                return address
    return _parse(request.META.get("REMOTE_ADDR", ""))


@functools.lru_cache(maxsize=4096)  # every request asks; the same few addresses return
def _parse(value: str) -> str | None:
    """`value` as a normalised IP address, with a port (`1.2.3.4:80`, `[::1]:80`) removed."""
    value = value.strip()
    if "%" in value:  # an IPv6 zone index means nothing outside the host that wrote it
        return None
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None
