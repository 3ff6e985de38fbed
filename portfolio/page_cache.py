"""The portfolio page's content, kept in the cache until something it shows can have changed.

Reading the rows of a consultant's programmes takes some twenty-five queries and rendering
them tens of milliseconds per hundred rows, and SBST opens the page far more often than
programmes change. So the rendered content (the filter form, the table and the pending
enrolments: everything between the page's header and footer, which hold the per-request
parts such as the CSRF token and the CSP nonce) is cached per user, language and query
string, under a *generation* that every change to the data replaces:

- every save or delete of a model, except those of the apps in `NOT_SHOWN` (sessions, the
  login lock, the logs, outbox and report bookkeeping), replaces it at once and again when
  the transaction commits: a page computed meanwhile from the old data is then never read;
- a bulk change sends no signal, so every service that changes rows in bulk also writes an
  activity entry (`programmes.activity`), whose save does.

What the page shows also changes with time alone: a meeting counts as held once it starts,
and overdue items, days since activity and the phase's window move at midnight. An entry
therefore lives until the next local midnight or the start of the earliest next meeting
its rows show, whichever comes first, and never longer than `MAX_AGE`.

Without a working cache the page is computed for every request, as before.
"""

import datetime
import hashlib
import logging
import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)

GENERATION_KEY = "portfolio:generation"
MAX_AGE = 15 * 60

# Apps whose rows the portfolio never shows: their saves (a login, a log line, an e-mail
# sent) leave the cached pages alone. Any other app's change invalidates them.
NOT_SHOWN = frozenset(
    {
        "admin",
        "auditlog",
        "auditview",
        "axes",
        "contenttypes",
        "outbox",
        "reports",
        "sessions",
    }
)

# What signing in saves on the user (`django.contrib.auth.models.update_last_login`).
LOGIN_ONLY = frozenset({"last_login"})


def generation() -> str | None:
    """The current generation; a new one when the cache holds none (None: no cache)."""
    try:
        current = cache.get(GENERATION_KEY)
        if current is None:
            cache.add(GENERATION_KEY, secrets.token_hex(8), None)
            current = cache.get(GENERATION_KEY)
        return current
    except Exception:
        logger.exception("Could not read the portfolio's generation from the cache")
        return None


def replace_generation() -> None:
    try:
        cache.set(GENERATION_KEY, secrets.token_hex(8), None)
    except Exception:
        logger.exception("Could not replace the portfolio's generation in the cache")


def _replace_after_commit() -> None:
    replace_generation()


def data_changed(sender, **kwargs) -> None:
    """A signal receiver: `sender`'s rows changed, so every cached page may be out of date."""
    if sender._meta.app_label in NOT_SHOWN or kwargs.get("update_fields") == LOGIN_ONLY:
        return
    replace_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        callback is _replace_after_commit for _sids, callback, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_replace_after_commit)


def connect_signals() -> None:
    """Called from `PortfolioConfig.ready`."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(data_changed, dispatch_uid=f"portfolio.page_cache.{signal!r}")


def page_key(request, current: str) -> str:
    query = "&".join(sorted(request.GET.urlencode().split("&")))
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    language = translation.get_language() or ""
    return f"portfolio:page:{current}:{request.user.pk}:{language}:{digest}"


def seconds_valid(next_meetings, now: datetime.datetime) -> int:
    """How long a page stays right by the clock: until midnight or the next meeting starts."""
    today = timezone.localdate(now)
    midnight = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    )
    until = min([midnight, *(start for start in next_meetings if start and start > now)])
    return max(1, min(MAX_AGE, int((until - now).total_seconds())))


def cached_page(request, render: Callable[[], tuple[str, list]]) -> tuple[str, list | None]:
    """The page's content for this request: from the cache, else `render()`ed and kept.

    `render` returns the content and the next meetings its rows show. Returns the content
    and, when it was rendered now, those meetings (None from the cache).
    """
    current = generation()
    if current is None:
        return render()
    key = page_key(request, current)
    try:
        content = cache.get(key)
    except Exception:
        logger.exception("Could not read a portfolio page from the cache")
        return render()
    if content is not None:
        return mark_safe(content), None  # our own rendered template, as it was stored
    now = timezone.now()
    content, next_meetings = render()
    try:
        cache.set(key, content, seconds_valid(next_meetings, now))
    except Exception:
        logger.exception("Could not keep a portfolio page in the cache")
    return content, next_meetings
