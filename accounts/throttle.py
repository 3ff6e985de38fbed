"""A fixed-window counter in Django's cache, to limit how often something may happen."""

import hashlib

from django.core.cache import cache


def allow(key: str, *, limit: int, period_seconds: int) -> bool:
    """Count one attempt under `key` and say whether it is within `limit` per period.

    The window starts at the first attempt and lasts `period_seconds`; every attempt in it
    counts, refused ones too, so hammering does not open it sooner. The count lives in Django's
    cache (Redis in production, shared by every web process and worker), under a hash of
    `key`, so an e-mail address in a key is not stored in clear text. Name the purpose in the
    key, e.g. `allow(f"password-reset:address:{email}", limit=3, period_seconds=3600)`.
    """
    cache_key = "throttle:" + hashlib.sha256(key.encode()).hexdigest()
    if cache.add(cache_key, 1, timeout=period_seconds):
        return limit >= 1
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # The window ended between add() and incr(): this attempt opens the next one.
        cache.add(cache_key, 1, timeout=period_seconds)
        count = 1
    return count <= limit
