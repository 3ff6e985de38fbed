"""Settings for Forløbsportalen: one module, read from environment variables.

With DEBUG=1 and no DATABASE_URL and no REDIS_URL the app runs on a SQLite file with Celery
tasks run eagerly in-process (the embedded quick start, bin/dev). Without DEBUG, SECRET_KEY,
DATABASE_URL and REDIS_URL are required: a missing one stops the start.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)


def required(name: str, debug_default: str) -> str:
    """`name` from the environment; without DEBUG a missing one stops the start (fails closed).

    With DEBUG=1 (bin/dev) the embedded default is used instead.
    """
    value = env(name)
    if value:
        return value
    if DEBUG:
        return debug_default
    raise ImproperlyConfigured(
        f"{name} is not set. Set it in the environment (bin/test sets test values), "
        "or set DEBUG=1 for development on the embedded defaults."
    )


SECRET_KEY = required("SECRET_KEY", "django-insecure-development-only")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "guardian",
    "crispy_forms",
    "axes",
    "django_htmx",
    "django_filters",
    "auditlog",
    "accounts",
    "programmes",
    "outbox",
    "enrolment",
    "phases",
    "meetings",
    "assessments",
    "casereview",
    "keyfigures",
    "plans",
    "communication",
    "charts",
    "trial_actions",
    "measures",
    "temperature",
    "anchoring",
    "reports",
    "portfolio",
    "auditview",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.csp.ContentSecurityPolicyMiddleware",  # Django's, the policy kept without a nonce
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "programmes.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the user and their memberships from one cache read.
    "accounts.middleware.AuthenticationMiddleware",
    "accounts.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "programmes.middleware.HtmxNavigationMiddleware",
    "programmes.middleware.CurrentMunicipalityMiddleware",
    # Axes must come last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "programmes.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        required("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
INVITATION_VALID_DAYS = envint("INVITATION_VALID_DAYS", 7)
# Throttles, per hour (accounts/throttle.py): invitations per inviter, password-reset e-mails
# per address and password-reset requests per client address.
INVITATION_LIMIT_PER_HOUR = envint("INVITATION_LIMIT_PER_HOUR", 30)
PASSWORD_RESET_LIMIT_PER_ADDRESS = envint("PASSWORD_RESET_LIMIT_PER_ADDRESS", 3)
PASSWORD_RESET_LIMIT_PER_IP = envint("PASSWORD_RESET_LIMIT_PER_IP", 10)

# django-guardian: users log in by e-mail and there is no anonymous user row.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# django-axes: lock the combination of account and IP address after repeated failures.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The login form posts the e-mail as "username" (Django's AuthenticationForm).
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Every spelling of an address counts as one account (case and spaces).
AXES_USERNAME_CALLABLE = "accounts.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"

# django-auditlog: who changed which row, field by field, for SBST administrators.
AUDITLOG_DISABLE_REMOTE_ADDR = False
# The correlation id of an entry, read from the running request when an entry is written.
AUDITLOG_CID_GETTER = "accounts.middleware.request_cid"
# Diffs read the old row through the base manager, not the scoped one, so a change made in a
# task or command (outside any request scope) is still logged with its old values.
AUDITLOG_USE_BASE_MANAGER = True

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("Engelsk"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if envbool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", DEBUG)
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "media/"
# Meeting attachments (and later the PDF reports) live here: outside STATIC_ROOT and
# MEDIA_ROOT, served only by views that check the reader.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
MEETING_ATTACHMENT_MAX_BYTES = envint("MEETING_ATTACHMENT_MAX_MB", 20) * 1024 * 1024
# Days before a meeting its attendees are reminded; days after it the chair is reminded of
# missing minutes.
MEETING_REMINDER_DAYS_BEFORE = envint("MEETING_REMINDER_DAYS_BEFORE", 3)
MEETING_MINUTES_REMINDER_DAYS_AFTER = envint("MEETING_MINUTES_REMINDER_DAYS_AFTER", 3)

CRISPY_ALLOWED_TEMPLATE_PACKS = ["dkfds"]
CRISPY_TEMPLATE_PACK = "dkfds"

# Security. Production defaults; DEBUG=1 relaxes what plain http on localhost cannot do.
SECURE_COOKIES = envbool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_NAME = "__Host-sessionid" if SECURE_COOKIES else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if SECURE_COOKIES else "csrftoken"
LANGUAGE_COOKIE_NAME = "__Host-language" if SECURE_COOKIES else "django_language"
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10
# Sessions are read from the cache (Redis; locmem with DEBUG and no REDIS_URL) and written
# through to the database, so a flushed or restarted Redis (or a restarted development
# server) logs nobody out; a request reads its session without SQL.
SESSION_ENGINE = "accounts.sessions"  # cached_db, read with the user in one round trip
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
# SECURE_SSL_REDIRECT=0 set on purpose (the compose stack on plain http, or a proxy that
# redirects by itself) is a decision, so `check --deploy` need not warn that it is off.
SILENCED_SYSTEM_CHECKS = (
    ["security.W008"] if env("SECURE_SSL_REDIRECT") and not SECURE_SSL_REDIRECT else []
)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_PROXY = envbool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies append to X-Forwarded-For; 0 ignores the header (accounts/client_ip.py).
TRUSTED_PROXY_COUNT = envint("AXES_PROXY_COUNT", 1) if BEHIND_PROXY else 0
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# E-mail: SMTP when EMAIL_HOST is set, otherwise printed to the console.
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "accounts.mail_backends.ReadableConsoleBackend",
)
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Forløbsportalen <noreply@forlobsportalen.dk>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery. Without REDIS_URL (DEBUG only) tasks run eagerly in the web process.
REDIS_URL = required("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
# A crashing task raises to its eager caller (tests, the embedded default); a failing e-mail
# does not, since the outbox records it on its message and tries again later.
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task past its soft limit gets SoftTimeLimitExceeded, past the hard limit its process is
# killed. Redis hands an unacknowledged (acks_late) task to another worker after the
# visibility timeout, so it stays above the hard limit and well below an hour.
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 900}
CELERY_BEAT_SCHEDULE = {
    # Hands over outbox messages the broker missed and retries failed ones (outbox.services).
    "outbox-sweep": {"task": "outbox.tasks.sweep_outbox", "schedule": 60.0},
    # Meeting reminders, missing minutes and overdue follow-up tasks; each is sent once.
    "meeting-reminders": {"task": "meetings.tasks.send_reminders", "schedule": 15 * 60.0},
    # Overdue evaluations of trial actions: the responsible person, once.
    "trial-action-reminders": {
        "task": "trial_actions.tasks.send_evaluation_reminders",
        "schedule": 60 * 60.0,
    },
    # PDF reports the broker never took (it was down) or lost, and renders whose worker died.
    "report-sweep": {"task": "reports.tasks.sweep_reports", "schedule": 60.0},
    # Each consultant's weekly digest (auditview.digest): due from Monday 07:00, sent once per
    # ISO week however often this runs.
    "weekly-digest": {"task": "auditview.tasks.send_weekly_digests", "schedule": 60 * 60.0},
}

CACHES = {
    "default": (
        # Django's, with one Redis client per pool rather than one per call.
        {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that hangs fails a cache read in a second (the callers fall back to the
            # database) instead of holding the request.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# The portfolio page's content from the cache until what it shows changes (portfolio/page_cache.py).
PORTFOLIO_PAGE_CACHE = envbool("PORTFOLIO_PAGE_CACHE", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
