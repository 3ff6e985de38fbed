"""Health of the parts the app stands on: database, Redis and a Celery worker."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means the database is not usable
        return False, type(exc).__name__
    return True, "ok"


def check_redis() -> tuple[bool, str]:
    if not settings.REDIS_URL:
        return True, "not configured (tasks run in-process)"
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2
        )
        client.ping()
    except Exception as exc:
        return False, type(exc).__name__
    return True, "ok"


def check_worker(timeout: float = 1.5, app=None) -> tuple[bool, str]:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return True, "not needed (tasks run in-process)"
    if app is None:
        from config.celery import app

    try:
        # limit=1: one answer is enough, so a healthy check returns as soon as it comes.
        replies = app.control.ping(timeout=timeout, limit=1)
    except Exception as exc:
        return False, type(exc).__name__
    if not replies:
        return False, "no worker answered"
    return True, f"{len(replies)} answered"


WORKER_CACHE_KEY = "health:worker"
WORKER_CACHE_SECONDS = 10


def cached_worker_check() -> tuple[bool, str]:
    """The worker check, remembered briefly so frequent probes cannot tie up the web workers."""
    result = cache.get(WORKER_CACHE_KEY)
    if result is None:
        result = check_worker()
        cache.set(WORKER_CACHE_KEY, result, WORKER_CACHE_SECONDS)
    return tuple(result)


def health_report() -> tuple[bool, dict]:
    checks = {"database": check_database(), "redis": check_redis()}
    # Without Redis a worker cannot answer; asking would only wait out the timeout.
    checks["worker"] = cached_worker_check() if checks["redis"][0] else (False, "redis is down")
    healthy = all(ok for ok, _detail in checks.values())
    return healthy, {name: {"ok": ok, "detail": detail} for name, (ok, detail) in checks.items()}
