import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def production_like(settings):
    settings.SECURE_SSL_REDIRECT = True


def test_pages_send_the_security_headers(client, db, production_like):
    response = client.get(reverse("accounts:login"), secure=True)

    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp  # plus a nonce on pages that use one
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_every_script_tag_carries_the_csp_nonce_or_a_file(client, db):
    import re

    response = client.get(reverse("accounts:login"))
    html = response.content.decode()

    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or "nonce=" in tag, tag
    assert " style=" not in html


def test_plain_http_is_redirected_to_https(client, db, production_like):
    response = client.get(reverse("accounts:login"))

    assert response.status_code == 301
    assert response.url.startswith("https://")


def test_health_endpoint_is_not_redirected_to_https(client, db, production_like, settings):
    settings.REDIS_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True

    assert client.get("/healthz").status_code == 200


def test_session_and_csrf_cookies_are_secure_host_cookies(client, roskilde_coordinator):
    from tests.factories import DEFAULT_PASSWORD

    client.get(reverse("accounts:login"), secure=True)
    response = client.post(
        reverse("accounts:login"),
        {"username": roskilde_coordinator.email, "password": DEFAULT_PASSWORD},
        secure=True,
    )

    session = response.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["path"] == "/"
    assert not session["domain"]
    assert client.cookies["__Host-csrftoken"]["secure"]


def test_deploy_check_is_clean_with_production_settings():
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DEBUG", "SECURE_", "SECRET_KEY"))
    }
    env.update(
        {
            "SECRET_KEY": "a-long-random-production-secret-" + "x7Kq9" * 10,
            "ALLOWED_HOSTS": "forlobsportalen.example.dk",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_rejects_the_placeholder_secret_key():
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY"}}

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr
