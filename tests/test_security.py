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


def test_deploy_check_without_a_secret_key_stops_and_names_it():
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


def _patterns_with_a_text_segment():
    """(name, kwargs) of every named URL with a str segment, that segment a NUL byte."""
    from django.urls import URLPattern, URLResolver, get_resolver
    from django.urls.converters import IntConverter, StringConverter

    found = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                converters = getattr(pattern.pattern, "converters", {})
                if any(type(c) is StringConverter for c in converters.values()):
                    kwargs = {
                        key: 1 if isinstance(c, IntConverter) else "\x00"
                        for key, c in converters.items()
                    }
                    found.append((namespace + pattern.name, kwargs))

    walk(get_resolver().url_patterns, "")
    return found


@pytest.mark.parametrize(
    "who",
    [
        "anonymous",
        "consultant",
        "administrator",
    ],
)
def test_a_nul_byte_in_a_url_segment_is_never_a_server_error(client, client_for, db, who):
    from tests.factories import ConsultantFactory

    if who != "anonymous":
        user = ConsultantFactory(is_staff=who == "administrator", is_superuser=who != "consultant")
        client = client_for(user)
    urls = [reverse(name, kwargs=kwargs) for name, kwargs in _patterns_with_a_text_segment()]

    statuses = {url: client.get(url).status_code for url in urls}

    assert {url: status for url, status in statuses.items() if status >= 500} == {}
    assert statuses["/konto/invitation/%00/"] == 404
    if who != "anonymous":
        assert statuses["/kommuner/%00/"] == statuses["/kommuner/%00/personer/"] == 404


NUL = "a\x00b"


@pytest.mark.parametrize("field", ["username", "password"])
def test_a_nul_byte_in_a_login_field_is_a_form_error(client, roskilde_coordinator, field):
    data = {"username": roskilde_coordinator.email, "password": "forkert", field: NUL}

    response = client.post(reverse("accounts:login"), data)

    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.parametrize("field", ["email", "full_name", "municipality", "role"])
def test_a_nul_byte_in_an_invitation_field_is_a_form_error(
    client_for, roskilde_coordinator, roskilde, field
):
    data = {"email": "ny@example.dk", "full_name": "Ny", "municipality": roskilde.pk}
    data["role"] = "reader"
    data[field] = NUL

    response = client_for(roskilde_coordinator).post(reverse("accounts:invitation_list"), data)

    assert response.status_code == 200
    assert response.context["form"].errors[field]


@pytest.mark.parametrize("field", ["full_name", "password1", "password2"])
def test_a_nul_byte_in_an_accept_invitation_field_is_a_form_error(
    client, roskilde_coordinator, roskilde, field
):
    from accounts.services import invite_person

    _invitation, token = invite_person(
        by=roskilde_coordinator, email="nul@example.dk", municipality=roskilde, role="reader"
    )
    data = {"full_name": "Nul", "password1": "sikker-kode-123", "password2": "sikker-kode-123"}
    data[field] = NUL

    response = client.post(reverse("accounts:invitation_accept", args=[token]), data)

    assert response.status_code == 200
    assert response.context["form"].errors


def test_a_nul_byte_in_the_new_password_is_a_form_error(client, roskilde_coordinator):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(roskilde_coordinator.pk))
    token = default_token_generator.make_token(roskilde_coordinator)
    page = client.get(reverse("accounts:password_reset_confirm", args=[uid, token]), follow=True)
    set_url = page.redirect_chain[-1][0]

    response = client.post(set_url, {"new_password1": NUL, "new_password2": NUL})

    assert response.status_code == 200
    assert response.context["form"].errors
