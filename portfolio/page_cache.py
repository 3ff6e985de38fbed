"""The portfolio page's content, kept in the cache until something it shows can have changed.

Reading the rows of a consultant's programmes takes some twenty-five queries and rendering
them tens of milliseconds per hundred rows, and SBST opens the page far more often than
programmes change. So the rendered content (the filter form, the table and the pending
enrolments: everything between the page's header and footer, which hold the per-request
parts such as the CSRF token and the CSP nonce) is cached per user, language and filter
values, under a *generation* that a change to what the page reads replaces:

- a save or delete of one of the `WATCHED` models (every model whose table the page reads:
  `tests/portfolio/test_page_cache.py` checks the list against the page's SQL) replaces it
  when its transaction commits (a page computed meanwhile from the old rows is then never
  read again);
- a bulk change sends no signal, so every service that changes rows in bulk also writes an
  activity entry (`programmes.activity`), which is watched.

What the page shows also changes with time alone: a meeting counts as held once it starts,
and overdue items, days since activity and the phase's window move at midnight. An entry
therefore lives until the next local midnight or the start of the earliest next meeting of
any row the filters read (shown or not), whichever comes first, and never longer than
`MAX_AGE`; a new release of the page's code reads none of the old entries (`CODE_VERSION`).

Without a working cache, or with `PORTFOLIO_PAGE_CACHE` off, the page is computed for every
request.
"""

import datetime
import functools
import hashlib
import logging
import secrets
from collections.abc import Callable
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)

GENERATION_KEY = "portfolio:generation"
MAX_AGE = 15 * 60

# The models whose tables the page reads (its rows, the phases' gate checks, the filter
# form's choices, the pending enrolments).
WATCHED = (
    "accounts.User",
    "anchoring.AnchoringPlan",
    "anchoring.AnchoringPlanVersion",
    "assessments.Assessment",
    "casereview.ReviewedCase",
    "communication.CommunicationActivity",
    "enrolment.Enrolment",
    "meetings.FollowUp",
    "meetings.Meeting",
    "phases.PhaseWindow",
    "phases.ProgrammePhase",
    "plans.DevelopmentPlan",
    "plans.PlanVersion",
    "programmes.ActivityEntry",
    "programmes.Cohort",
    "programmes.GroupMember",
    "programmes.Municipality",
    "programmes.Programme",
    "programmes.ProgrammeGroup",
    "temperature.MeasurementRound",
    "trial_actions.TrialAction",
)

# What signing in saves on the user (`django.contrib.auth.models.update_last_login`).
LOGIN_ONLY = frozenset({"last_login"})


@functools.cache
def code_version() -> str:
    """A digest of the portfolio's own code and templates: a release that changes how the
    page looks or what it computes starts with no cached page."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for path in sorted([*root.glob("*.py"), *root.glob("templates/**/*.html")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


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
    """A signal receiver: a watched row changed, so every cached page may be out of date
    once the change is committed (at once outside a transaction)."""
    if kwargs.get("update_fields") == LOGIN_ONLY:
        return
    transaction.on_commit(_replace_after_commit)


def watched_models() -> list:
    return [apps.get_model(label) for label in WATCHED]


def connect_signals() -> None:
    """Called from `PortfolioConfig.ready`. Each watched model is connected as a sender of
    its own: a receiver for every model would keep Django from fast-deleting any row."""
    for model in watched_models():
        for signal in (post_save, post_delete):
            signal.connect(
                data_changed,
                sender=model,
                dispatch_uid=f"portfolio.page_cache.{signal!r}.{model._meta.label}",
            )


def page_key(request, current: str, parameters) -> str:
    """The key of this user's page: the generation, the code, the language and the values
    of the parameters the page reads (the last of a repeated one, as Django reads them;
    others change nothing on the page and make no new entry)."""
    values = "&".join(f"{name}={request.GET.get(name, '')}" for name in sorted(parameters))
    digest = hashlib.sha256(values.encode()).hexdigest()[:32]
    language = translation.get_language() or ""
    return f"portfolio:page:{current}:{code_version()}:{request.user.pk}:{language}:{digest}"


def seconds_valid(next_meetings, now: datetime.datetime) -> int:
    """How long a page stays right by the clock: until midnight or the next meeting starts."""
    today = timezone.localdate(now)
    midnight = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    )
    until = min([midnight, *(start for start in next_meetings if start and start > now)])
    return max(1, min(MAX_AGE, int((until - now).total_seconds())))


def cached_page(
    request, parameters, render: Callable[[], tuple[str, list]]
) -> tuple[str, list | None]:
    """The page's content for this request: from the cache, else `render()`ed and kept.

    `parameters` are the query parameters the page reads. `render` returns the content and
    the next meetings of every row it read. Returns the content and, when it was rendered
    now, those meetings (None from the cache).
    """
    if not getattr(settings, "PORTFOLIO_PAGE_CACHE", True):
        return render()
    current = generation()
    if current is None:
        return render()
    key = page_key(request, current, parameters)
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
        # Not kept when the data changed while it was rendered: nobody would read it.
        if cache.get(GENERATION_KEY) == current:
            cache.set(key, content, seconds_valid(next_meetings, now))
    except Exception:
        logger.exception("Could not keep a portfolio page in the cache")
    return content, next_meetings
