import pytest
from django.conf import settings
from django.contrib.auth.hashers import get_hasher
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD

LOGIN = reverse("accounts:login")


def post_login(client, email, password):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR="10.0.0.7")


def test_coordinator_logs_in_with_email_in_any_case(client, roskilde_coordinator):
    response = post_login(client, roskilde_coordinator.email.upper(), DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_wrong_password_shows_a_danish_error(client, roskilde_coordinator):
    response = post_login(client, roskilde_coordinator.email, "forkert")

    assert response.status_code == 200
    assert "E-mail eller adgangskode er forkert" in response.content.decode()


def test_login_is_locked_after_five_failures_for_that_account_and_address(
    client, roskilde_coordinator
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, roskilde_coordinator.email, "forkert")

    # Even the right password is refused while the lock lasts.
    response = post_login(client, roskilde_coordinator.email, DEFAULT_PASSWORD)

    assert response.status_code == 429
    assert "spærret i 15 minutter" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lock_on_one_account_does_not_lock_another(client, roskilde_coordinator, consultant):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, roskilde_coordinator.email, "forkert")

    response = post_login(client, consultant.email, DEFAULT_PASSWORD)

    assert response.status_code == 302


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2(roskilde_coordinator):
    assert get_hasher("default").algorithm in {"argon2", "md5"}  # tests swap in a fast hasher
    assert settings.PASSWORD_HASHERS  # the real list, before the test override
    from config import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_logout_needs_post_and_ends_the_session(client_for, roskilde_coordinator):
    client = client_for(roskilde_coordinator)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_signed_in_user_sent_back_to_login_lands_on_the_start_page(
    client_for, roskilde_coordinator
):
    login_url = reverse("accounts:login")

    response = client_for(roskilde_coordinator).get(login_url, {"next": login_url})

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_login_lock_ignores_case_and_spaces_of_the_email(client, roskilde_coordinator):
    email = roskilde_coordinator.email
    spellings = [email.upper(), f"  {email}", email.title(), f"{email.upper()}  ", email]
    for spelling in spellings[: settings.AXES_FAILURE_LIMIT]:
        post_login(client, spelling, "forkert")

    response = post_login(client, f" {email.swapcase()} ", DEFAULT_PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_works_with_the_email_in_any_case_and_with_spaces(client, roskilde_coordinator):
    response = post_login(client, f"  {roskilde_coordinator.email.upper()} ", DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(roskilde_coordinator.pk)


def test_login_lock_without_a_proxy_ignores_x_forwarded_for(client, roskilde_coordinator):
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": roskilde_coordinator.email, "password": "forkert"},
            REMOTE_ADDR="10.0.0.7",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n + 1}",
        )

    response = client.post(
        LOGIN,
        {"username": roskilde_coordinator.email, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR="10.0.0.7",
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )

    assert response.status_code == 429


def test_login_lock_behind_a_proxy_locks_the_client_not_everyone_behind_the_proxy(
    client, roskilde_coordinator, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": roskilde_coordinator.email, "password": "forkert"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR="198.51.100.66",
        )
    # The attacker writes the victim's address as the left-most hop; the proxy appends its own.
    locked = client.post(
        LOGIN,
        {"username": roskilde_coordinator.email, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.66",
    )

    victim = client.post(
        LOGIN,
        {"username": roskilde_coordinator.email, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )

    assert locked.status_code == 429
    assert victim.status_code == 302
