"""Settings read from the environment: what a process gets with what it is given."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = {
    "SECRET_KEY": "a-long-random-production-secret-" + "x7Kq9" * 10,
    "DATABASE_URL": "postgres://forlob:secret@db.example:5432/forlob",
    "REDIS_URL": "redis://redis.example:6379/0",
}
SHOW = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'redis': s.REDIS_URL, "
    "'eager': s.CELERY_TASK_ALWAYS_EAGER, 'email': s.EMAIL_BACKEND, 'debug': s.DEBUG}))"
)


def start(env, *args):
    """Run Python in the project with exactly `env` (plus PATH), as a process would start."""
    environment = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", sorted(REQUIRED))
def test_without_debug_a_missing_variable_stops_the_start_and_names_it(missing):
    env = {name: value for name, value in REQUIRED.items() if name != missing}

    result = start(env, "-c", "import django; django.setup()")

    assert result.returncode != 0
    assert f"ImproperlyConfigured: {missing} is not set" in result.stderr


def test_without_debug_the_start_succeeds_with_the_three_variables_set():
    result = start(REQUIRED, "-c", SHOW)

    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["engine"] == "django.db.backends.postgresql"
    assert shown["redis"] == REQUIRED["REDIS_URL"]
    assert shown["eager"] is False


def test_with_debug_the_embedded_defaults_start_with_nothing_set():
    result = start({"DEBUG": "1"}, "-c", SHOW)

    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["engine"] == "django.db.backends.sqlite3"
    assert shown["redis"] == ""
    assert shown["eager"] is True


def test_without_email_host_mails_are_printed_readably_on_the_console():
    without = json.loads(start({"DEBUG": "1"}, "-c", SHOW).stdout)
    with_host = json.loads(start({"DEBUG": "1", "EMAIL_HOST": "smtp.example"}, "-c", SHOW).stdout)

    assert without["email"] == "accounts.mail_backends.ReadableConsoleBackend"
    assert with_host["email"] == "django.core.mail.backends.smtp.EmailBackend"


def test_celery_tasks_have_time_limits_and_redis_gives_a_lost_task_back_within_the_hour():
    from config.celery import app

    soft, hard = settings.CELERY_TASK_SOFT_TIME_LIMIT, settings.CELERY_TASK_TIME_LIMIT
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]

    assert 0 < soft < hard < visibility <= 15 * 60
    assert (app.conf.task_soft_time_limit, app.conf.task_time_limit) == (soft, hard)


def compose_environment() -> dict[str, str]:
    """The app containers' environment in docker-compose.yml, with the defaults it names."""
    text = (ROOT / "docker-compose.yml").read_text()
    block = text.split("environment: &app-env\n", 1)[1]
    env = {}
    for line in block.splitlines():
        if not line.startswith("    "):
            break
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, value = line.partition(": ")

        def default(match):
            # ${NAME:-default} takes its default; ${NAME:?message} must come from .env.
            if match.group(2) is not None:
                return match.group(2)
            return REQUIRED[match.group(1)]

        env[name] = re.sub(r"\$\{(\w+)(?::-([^}]*)|:\?[^}]*)\}", default, value)
    return env


def test_the_compose_stack_and_the_image_run_the_deploy_check_before_serving_and_pass_it():
    compose = (ROOT / "docker-compose.yml").read_text()
    web_command = compose.split("  web:", 1)[1].split("ports:", 1)[0]
    dockerfile_cmd = (ROOT / "Dockerfile").read_text().rsplit("\nCMD ", 1)[1]
    env = compose_environment()

    result = start(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")

    for command in [web_command, dockerfile_cmd]:
        check = command.index("manage.py check --deploy --fail-level WARNING &&")
        assert check < command.index("gunicorn")
    assert env["SECRET_KEY"] == REQUIRED["SECRET_KEY"]
    assert env["DATABASE_URL"] and env["REDIS_URL"]
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_process_starts_without_the_libraries_only_some_requests_need():
    # The PDF worker's memory target (< 200 MB, bench/report_render.py) leaves no room for
    # openpyxl (exports) and icalendar (calendar feeds) loaded by every process at start.
    script = (
        "import sys, django; django.setup(); "
        "from config.celery import app; app.loader.import_default_modules(); "
        "print(sorted(m for m in ('openpyxl', 'icalendar') if m in sys.modules))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
