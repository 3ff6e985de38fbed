"""The portfolio page's content from the cache: kept until the data or the clock changes what
it shows, per user, language and query string, and never holding a per-request secret."""

import datetime
import re

import pytest
import time_machine
from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models.deletion import Collector
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from phases.models import Phase
from portfolio import page_cache, selectors
from programmes import activity
from programmes.models import GroupMember, Level, ProgrammeGroup
from tests.factories import DEFAULT_PASSWORD, ConsultantFactory, ProgrammeFactory, municipality

from .factories import portfolio

pytestmark = pytest.mark.cross_tenant

URL = reverse("portfolio:portfolio")


def _rows(response):
    """The rows, when the page was computed for this request (None: from the cache)."""
    assert response.status_code == 200
    return response.context.get("rows") if "rows" in response.context else None


@pytest.fixture
def programme(consultant):
    return ProgrammeFactory(municipality=municipality("Roskilde"), primary_contact=consultant)


def test_the_second_request_is_served_from_the_cache_with_the_same_content(
    client_for, consultant, programme, count_queries
):
    client = client_for(consultant)
    first = client.get(URL)
    queries = count_queries(lambda: client.get(URL))
    second = client.get(URL)

    assert _rows(first) is not None
    assert _rows(second) is None
    assert second.context["content"] == first.context["content"]
    assert queries <= 2  # the signed-in user and the session, not the rows


def test_a_saved_change_is_on_the_next_request_once_committed(
    client_for, consultant, programme, django_capture_on_commit_callbacks
):
    client = client_for(consultant)
    client.get(URL)
    coming = timezone.now() + datetime.timedelta(days=3)

    with django_capture_on_commit_callbacks(execute=True):
        Meeting.objects.create(
            programme=programme, phase=Phase.ENROL, title="Opstartsmøde", starts_at=coming
        )
        assert _rows(client.get(URL)) is None  # not committed yet: the page as it was

    (row,) = _rows(client.get(URL))
    assert row.next_meeting == coming


def test_a_deleted_row_is_gone_on_the_next_request(
    client_for, consultant, programme, django_capture_on_commit_callbacks
):
    client = client_for(consultant)
    meeting = Meeting.objects.create(
        programme=programme,
        phase=Phase.ENROL,
        title="Opstartsmøde",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    client.get(URL)

    with django_capture_on_commit_callbacks(execute=True):
        meeting.delete()

    (row,) = _rows(client.get(URL))
    assert row.next_meeting is None


def test_a_bulk_change_reaches_the_page_through_its_activity_entry(
    client_for, consultant, programme, django_capture_on_commit_callbacks
):
    client = client_for(consultant)
    with django_capture_on_commit_callbacks(execute=True):
        group = ProgrammeGroup.objects.create(programme=programme, kind="steering", name="Styre")
    (before,) = _rows(client.get(URL))
    assert any("direktionsniveau" in w or "direktions-" in w for w in before.warnings)

    # A bulk insert sends no signal: the service's activity entry is what invalidates.
    with django_capture_on_commit_callbacks(execute=True):
        GroupMember.objects.bulk_create([GroupMember(group=group, name="D", level=Level.DIRECTOR)])
        assert _rows(client.get(URL)) is None
    with django_capture_on_commit_callbacks(execute=True):
        activity.log_action(
            group, activity.CoreAction.MEMBER_ADDED, by=consultant, data={"name": "D"}
        )

    (after,) = _rows(client.get(URL))
    assert not any("direktions-" in w for w in after.warnings)


def test_signing_in_and_out_and_a_failed_sign_in_leave_the_cached_page_alone(
    client, consultant, programme, django_capture_on_commit_callbacks
):
    login = reverse("accounts:login")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(login, {"username": consultant.email, "password": DEFAULT_PASSWORD})
    client.get(URL)

    with django_capture_on_commit_callbacks(execute=True):
        Client().post(login, {"username": consultant.email, "password": "forkert"})
        other = Client()
        other.post(login, {"username": consultant.email, "password": DEFAULT_PASSWORD})
        other.post(reverse("accounts:logout"))
        session = SessionStore()
        session["x"] = 1
        session.save()

    assert _rows(client.get(URL)) is None


def test_a_page_is_kept_per_user_per_language_and_per_query(
    client_for, consultant, programme, settings
):
    other = ConsultantFactory(full_name="Ole Anden")
    client = client_for(consultant)
    client.get(URL)

    assert _rows(client.get(URL, {"visning": "alle"})) is not None
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(URL)
    assert _rows(english) is not None
    assert "Portfolio" in english.content.decode()
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert _rows(client_for(other).get(URL)) is not None  # Ole's own "mine": empty
    assert _rows(client_for(consultant).get(URL)) is None


def test_the_cached_content_holds_no_csrf_token_and_no_nonce(
    client_for, consultant, programme, settings
):
    client = client_for(consultant)
    page = client.get(URL).content.decode()
    content = client.get(URL).context["content"]

    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    assert "csrfmiddlewaretoken" in page  # the header's sign-out form, outside the content
    assert token
    assert "csrfmiddlewaretoken" not in content
    assert token not in content
    assert "nonce" not in content


def test_a_meeting_that_starts_makes_the_page_count_it_as_held(client_for, consultant, programme):
    client = client_for(consultant)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        Meeting.objects.create(
            programme=programme,
            phase=Phase.PREPARE,
            title="Opstartsmøde",
            starts_at=timezone.now() + datetime.timedelta(minutes=30),
        )
        (row,) = _rows(client.get(URL))
        assert (row.meetings_held, row.meetings_planned) == (0, 1)
        assert _rows(client.get(URL)) is None

        traveller.shift(datetime.timedelta(minutes=31))

        (row,) = _rows(client.get(URL))
        assert (row.meetings_held, row.meetings_planned) == (1, 1)


def test_a_page_lives_until_midnight_or_the_next_meeting_and_never_past_max_age():
    now = timezone.make_aware(datetime.datetime(2026, 12, 7, 23, 50))
    soon = now + datetime.timedelta(minutes=4)

    assert page_cache.seconds_valid([], now) == 10 * 60  # midnight
    assert page_cache.seconds_valid([None, soon], now) == 4 * 60
    assert page_cache.seconds_valid([now - datetime.timedelta(hours=1)], now) == 10 * 60
    morning = timezone.make_aware(datetime.datetime(2026, 12, 7, 8, 0))
    assert page_cache.seconds_valid([], morning) == page_cache.MAX_AGE


def test_a_change_replaces_the_generation_when_it_commits(db, django_capture_on_commit_callbacks):
    before = page_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        ProgrammeFactory()
        assert page_cache.generation() == before  # not before the commit

    assert page_cache.generation() != before


def test_the_watched_models_are_every_table_the_page_reads(
    client_for, consultant, count_queries, settings
):
    portfolio(12, contact=consultant)  # every phase, so every gate check runs
    client = client_for(consultant)
    client.get(URL, {"visning": "alle"})  # the user's own entries are in the cache now
    page_cache.replace_generation()
    with CaptureQueriesContext(connection) as queries:
        assert _rows(client.get(URL, {"visning": "alle"}))

    tables = set()
    for query in queries:
        tables.update(re.findall(r'(?:FROM|JOIN) "([a-z0-9_]+)"', query["sql"]))
    by_table = {model._meta.db_table: model for model in apps.get_models()}
    read = {by_table[table]._meta.label for table in tables}
    assert read <= set(page_cache.WATCHED), read - set(page_cache.WATCHED)
    print("READ", sorted(read), "EXTRA", sorted(set(page_cache.WATCHED) - read))
    assert len(read) >= 15


def test_no_model_loses_djangos_fast_delete(db):
    assert Collector("default").can_fast_delete(Session.objects.all())


def test_a_page_with_a_row_filtered_out_expires_when_that_rows_meeting_starts(
    client_for, consultant, programme
):
    client = client_for(consultant)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        Meeting.objects.create(
            programme=programme,
            phase=Phase.PREPARE,
            title="Opstartsmøde",
            starts_at=timezone.now() + datetime.timedelta(minutes=30),
        )
        assert _rows(client.get(URL, {"fase": Phase.DEVELOP})) == []  # not shown
        assert _rows(client.get(URL, {"fase": Phase.DEVELOP})) is None

        traveller.shift(datetime.timedelta(minutes=31))

        assert _rows(client.get(URL, {"fase": Phase.DEVELOP})) == []  # computed again


def test_a_repeated_parameter_reads_as_django_reads_it(client_for, consultant, programme):
    ProgrammeFactory(municipality=municipality("Herning"), primary_contact=ConsultantFactory())
    client = client_for(consultant)

    assert len(_rows(client.get(f"{URL}?visning=mine&visning=alle"))) == 2
    mine = client.get(f"{URL}?visning=alle&visning=mine")
    assert "1 forløb vises" in mine.content.decode()


def test_parameters_the_page_does_not_read_make_no_new_entry(client_for, consultant, programme):
    client = client_for(consultant)
    client.get(URL, {"visning": "alle"})

    response = client.get(URL, {"visning": "alle", "hvadsomhelst": "1"})

    assert _rows(response) is None
    assert "hvadsomhelst" not in response.context["content"]


def test_a_change_committed_while_the_page_was_computed_keeps_it_out_of_the_cache(
    client_for, consultant, programme, monkeypatch
):
    client = client_for(consultant)
    render_rows = selectors.portfolio_rows

    def rows_then_a_change(*args, **kwargs):
        rows = render_rows(*args, **kwargs)
        page_cache.replace_generation()  # another request committed meanwhile
        return rows

    monkeypatch.setattr(selectors, "portfolio_rows", rows_then_a_change)
    client.get(URL)
    monkeypatch.setattr(selectors, "portfolio_rows", render_rows)

    assert _rows(client.get(URL)) is not None


def test_with_the_page_cache_switched_off_the_page_is_computed_every_time(
    client_for, consultant, programme, settings
):
    settings.PORTFOLIO_PAGE_CACHE = False
    client = client_for(consultant)

    assert _rows(client.get(URL)) is not None
    assert _rows(client.get(URL)) is not None


def test_without_a_cache_the_page_is_computed_every_time(
    client_for, consultant, programme, settings
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    client = client_for(consultant)

    assert _rows(client.get(URL)) is not None
    assert _rows(client.get(URL)) is not None
