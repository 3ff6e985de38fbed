"""The request floor: a signed-in request reads its session, user and memberships from the
cache, and every change to them reaches the next request."""

import re

import pytest
from django.core import mail
from django.core.cache import cache, caches
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from accounts import request_user, sessions
from programmes.models import Membership
from tests.factories import DEFAULT_PASSWORD, MembershipFactory, member, municipality

pytestmark = pytest.mark.urls("tests.accounts.request_floor_urls")

Role = Membership.Role


def state(client):
    response = client.get(reverse("request_floor"))
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def two_municipality_person(db):
    """A steering member in Roskilde who also reads in Herning."""
    person = member("Roskilde", role=Role.STEERING, email="to-kommuner@example.dk")
    MembershipFactory(user=person, municipality=municipality("Herning"), role=Role.READER)
    return person


def test_a_signed_in_request_after_the_first_makes_no_query(
    client_for, two_municipality_person, count_queries
):
    client = client_for(two_municipality_person)
    url = reverse("request_floor")
    client.get(url)  # the first request fills the user's entry

    assert count_queries(lambda: client.get(url)) == 0
    assert state(client)["municipalities"] == ["Herning", "Roskilde"]


def test_an_sbst_consultant_request_after_the_first_makes_no_query(
    client_for, consultant, count_queries
):
    client = client_for(consultant)
    url = reverse("request_floor")
    client.get(url)

    assert count_queries(lambda: client.get(url)) == 0


def test_a_request_without_the_entry_reads_user_and_memberships_and_keeps_them(
    client_for, two_municipality_person, count_queries
):
    client = client_for(two_municipality_person)
    url = reverse("request_floor")
    client.get(url)
    cache.delete(request_user.cache_key(two_municipality_person.pk))

    assert count_queries(lambda: client.get(url)) == 2, "the user, then the memberships"
    assert count_queries(lambda: client.get(url)) == 0


def test_a_request_without_the_cache_reads_session_user_and_memberships(
    client_for, two_municipality_person, count_queries
):
    client = client_for(two_municipality_person)
    url = reverse("request_floor")
    client.get(url)
    cache.clear()  # a flushed Redis: the session survives in the database

    assert count_queries(lambda: client.get(url)) == 3
    assert state(client)["user"] == "to-kommuner@example.dk"


def test_the_roles_come_with_the_memberships_without_a_query(
    client_for, two_municipality_person, count_queries
):
    client = client_for(two_municipality_person)
    url = reverse("request_floor_roles")
    client.get(url)

    # One query: the view's own for the two municipalities; none for roles_in.
    assert count_queries(lambda: client.get(url)) == 1
    assert client.get(url).json() == {"Herning": ["reader"], "Roskilde": ["steering"]}


def test_a_municipality_without_a_role_has_none_in_the_request(client_for, roskilde_coordinator):
    client = client_for(roskilde_coordinator)

    assert client.get(reverse("request_floor_roles")).json() == {
        "Herning": [],
        "Roskilde": ["coordinator"],
    }


def test_a_removed_membership_is_gone_from_the_next_request(
    client_for, two_municipality_person, roskilde_coordinator, roskilde
):
    person = client_for(two_municipality_person)
    assert state(person)["current"] == "Herning"
    assert (
        person.get(reverse("programmes:municipality_detail", args=[roskilde.code])).status_code
        == 200
    )
    membership = Membership.objects.get(user=two_municipality_person, municipality=roskilde)

    coordinator = Client()
    coordinator.force_login(
        roskilde_coordinator, backend="django.contrib.auth.backends.ModelBackend"
    )
    response = coordinator.post(
        reverse("programmes:membership_remove", args=[roskilde.code, membership.pk])
    )
    assert response.status_code == 302

    after = state(person)
    assert after["municipalities"] == ["Herning"]
    assert person.get(reverse("home")).context["user_municipalities"] == [municipality("Herning")]
    assert (
        person.get(reverse("programmes:municipality_detail", args=[roskilde.code])).status_code
        == 404
    )


def test_an_added_membership_shows_in_the_next_request(client_for, roskilde_coordinator):
    client = client_for(roskilde_coordinator)
    assert state(client)["municipalities"] == ["Roskilde"]

    MembershipFactory(
        user=roskilde_coordinator, municipality=municipality("Herning"), role=Role.READER
    )

    assert state(client)["municipalities"] == ["Herning", "Roskilde"]


def test_a_changed_role_is_the_next_requests_role(client_for, roskilde_coordinator, roskilde):
    # Two roles, so that the person still reads Roskilde when coordinator becomes reader.
    MembershipFactory(user=roskilde_coordinator, municipality=roskilde, role=Role.STEERING)
    client = client_for(roskilde_coordinator)
    people = reverse("programmes:municipality_people", args=[roskilde.code])
    assert client.get(people).status_code == 200

    membership = Membership.objects.get(user=roskilde_coordinator, role=Role.COORDINATOR)
    membership.role = Role.READER
    membership.save(update_fields=["role"])  # as the admin does

    assert state(client)["roles"] == ["Roskilde:reader", "Roskilde:steering"]
    assert client.get(people).status_code == 403


def test_a_deactivated_user_is_logged_out_at_the_next_request(client_for, roskilde_coordinator):
    client = client_for(roskilde_coordinator)
    assert state(client)["user"] == roskilde_coordinator.email

    roskilde_coordinator.is_active = False
    roskilde_coordinator.save(update_fields=["is_active"])

    assert state(client)["user"] is None
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_password_set_through_the_reset_link_logs_out_the_other_sessions(
    client, roskilde_coordinator, django_capture_on_commit_callbacks
):
    signed_in = Client()
    signed_in.force_login(roskilde_coordinator, backend="django.contrib.auth.backends.ModelBackend")
    assert state(signed_in)["user"] == roskilde_coordinator.email

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": roskilde_coordinator.email})
    link = re.search(r"/konto/adgangskode/ny/\S+/\S+/", mail.outbox[0].body).group(0)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "en-helt-ny-kode-42", "new_password2": "en-helt-ny-kode-42"}
    )
    assert done.status_code == 302

    assert state(signed_in)["user"] is None
    roskilde_coordinator.refresh_from_db()
    assert not roskilde_coordinator.check_password(DEFAULT_PASSWORD)


def test_a_password_changed_and_saved_logs_out_the_session(client_for, roskilde_coordinator):
    client = client_for(roskilde_coordinator)
    assert state(client)["user"] == roskilde_coordinator.email

    roskilde_coordinator.set_password("en-anden-kode-77")
    roskilde_coordinator.save()  # as the admin's password form does

    assert state(client)["user"] is None


def test_signing_in_again_keeps_the_entry(client_for, roskilde_coordinator, count_queries):
    client = client_for(roskilde_coordinator)
    url = reverse("request_floor")
    client.get(url)

    Client().force_login(roskilde_coordinator, backend="django.contrib.auth.backends.ModelBackend")

    assert count_queries(lambda: client.get(url)) == 0


def test_a_renamed_municipality_shows_in_the_next_request(
    client_for, roskilde_coordinator, roskilde
):
    client = client_for(roskilde_coordinator)
    assert state(client)["current"] == "Roskilde"

    with scopes_disabled():
        roskilde.name = "Roskilde Kommune"
        roskilde.save(update_fields=["name"])

    assert state(client)["current"] == "Roskilde Kommune"


def test_after_a_committed_change_an_entry_read_before_it_is_not_kept(
    two_municipality_person, django_capture_on_commit_callbacks
):
    user_id = two_municipality_person.pk
    stale = request_user.read_database(user_id)  # a request read the rows before the commit

    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        Membership.objects.get(user=two_municipality_person, role=Role.READER).delete()

    assert request_user.store(user_id, stale) is False
    _user, memberships = request_user.load(user_id)
    assert [m.municipality.name for m in memberships] == ["Roskilde"]


def test_a_failing_cache_falls_back_to_the_database(
    client_for, two_municipality_person, monkeypatch
):
    client = client_for(two_municipality_person)
    assert state(client)["municipalities"] == ["Herning", "Roskilde"]

    def broken(*args, **kwargs):
        raise ConnectionError("Redis is down")

    backend = caches["default"]
    for method in ("get", "add", "delete"):
        monkeypatch.setattr(backend, method, broken)

    assert state(client)["municipalities"] == ["Herning", "Roskilde"]
    with scopes_disabled():
        Membership.objects.get(user=two_municipality_person, role=Role.READER).delete()
    assert state(client)["municipalities"] == ["Roskilde"]


def _cache_reads(monkeypatch):
    """Count the default cache's reads by the request: {"get": n, "get_many": n} (a get made
    by the cache's own get_many is part of that one read)."""
    backend = caches["default"]
    reads = {"get": 0, "get_many": 0}
    inside = []
    get, get_many = backend.get, backend.get_many

    def counted_get(*args, **kwargs):
        if not inside:
            reads["get"] += 1
        return get(*args, **kwargs)

    def counted_get_many(*args, **kwargs):
        reads["get_many"] += 1
        inside.append(True)
        try:
            return get_many(*args, **kwargs)
        finally:
            inside.pop()

    monkeypatch.setattr(backend, "get", counted_get)
    monkeypatch.setattr(backend, "get_many", counted_get_many)
    return reads


def test_the_session_and_the_user_are_read_in_one_cache_round_trip(
    client_for, two_municipality_person, monkeypatch
):
    client = client_for(two_municipality_person)
    state(client)  # the first request learns whose session it is
    reads = _cache_reads(monkeypatch)

    assert state(client)["municipalities"] == ["Herning", "Roskilde"]
    assert reads == {"get": 0, "get_many": 1}


def test_a_session_remembered_as_another_users_reads_its_own_user(
    client_for, two_municipality_person, roskilde_coordinator
):
    client = client_for(two_municipality_person)
    state(client)
    request_user.load(roskilde_coordinator.pk)  # the other user's entry is in the cache
    sessions.remember(client.session.session_key, roskilde_coordinator.pk)  # a wrong guess

    assert state(client)["user"] == "to-kommuner@example.dk"
    assert state(client)["municipalities"] == ["Herning", "Roskilde"]


def test_a_prefetched_tombstone_sends_the_request_to_the_database(
    client_for, two_municipality_person, django_capture_on_commit_callbacks
):
    client = client_for(two_municipality_person)
    state(client)
    state(client)
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        Membership.objects.get(user=two_municipality_person, role=Role.READER).delete()
    key = request_user.cache_key(two_municipality_person.pk)
    assert cache.get(key) == request_user.TOMBSTONE

    assert state(client)["municipalities"] == ["Roskilde"]
    assert state(client)["municipalities"] == ["Roskilde"]
    assert cache.get(key) == request_user.TOMBSTONE  # not refilled before it expires


def test_the_remembered_sessions_are_bounded(monkeypatch):
    monkeypatch.setattr(sessions, "_USERS", {})
    monkeypatch.setattr(sessions, "_MAX_REMEMBERED", 3)
    for n in range(5):
        sessions.remember(f"key{n}", n)

    assert len(sessions._USERS) <= 3
    assert sessions._USERS["key4"] == 4


@pytest.fixture
def redis_down(settings):
    """The cache is a Redis that refuses every connection."""
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def test_with_redis_down_a_signed_in_request_reads_session_and_user_from_the_database(
    client_for, two_municipality_person, redis_down
):
    client = client_for(two_municipality_person)

    assert state(client)["municipalities"] == ["Herning", "Roskilde"]
    assert state(client)["user"] == "to-kommuner@example.dk"


def test_with_redis_down_a_person_can_sign_in(client, two_municipality_person, redis_down):
    response = client.post(
        reverse("accounts:login"),
        {"username": "to-kommuner@example.dk", "password": DEFAULT_PASSWORD},
    )

    assert response.status_code == 302
    assert state(client)["user"] == "to-kommuner@example.dk"
