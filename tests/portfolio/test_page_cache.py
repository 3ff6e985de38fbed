"""The portfolio page's content from the cache: kept until the data or the clock changes what
it shows, per user, language and query string, and never holding a per-request secret."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from phases.models import Phase
from portfolio import page_cache
from programmes import activity
from programmes.models import GroupMember, Level, ProgrammeGroup
from tests.factories import ConsultantFactory, ProgrammeFactory, municipality

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


def test_a_saved_change_is_on_the_next_request(client_for, consultant, programme):
    client = client_for(consultant)
    client.get(URL)
    coming = timezone.now() + datetime.timedelta(days=3)

    Meeting.objects.create(
        programme=programme, phase=Phase.ENROL, title="Opstartsmøde", starts_at=coming
    )

    (row,) = _rows(client.get(URL))
    assert row.next_meeting == coming


def test_a_deleted_row_is_gone_on_the_next_request(client_for, consultant, programme):
    client = client_for(consultant)
    meeting = Meeting.objects.create(
        programme=programme,
        phase=Phase.ENROL,
        title="Opstartsmøde",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    client.get(URL)

    meeting.delete()

    (row,) = _rows(client.get(URL))
    assert row.next_meeting is None


def test_a_bulk_change_reaches_the_page_through_its_activity_entry(
    client_for, consultant, programme
):
    client = client_for(consultant)
    group = ProgrammeGroup.objects.create(programme=programme, kind="steering", name="Styre")
    (before,) = _rows(client.get(URL))
    assert any("direktionsniveau" in w or "direktions-" in w for w in before.warnings)

    # A bulk insert sends no signal: the service's activity entry is what invalidates.
    GroupMember.objects.bulk_create([GroupMember(group=group, name="D", level=Level.DIRECTOR)])
    activity.log_action(
        group, activity.CoreAction.MEMBER_ADDED, by=consultant, data={"name": "D"}
    )

    (after,) = _rows(client.get(URL))
    assert not any("direktions-" in w for w in after.warnings)


def test_signing_in_and_the_logs_leave_the_cached_page_alone(client_for, consultant, programme):
    client = client_for(consultant)
    client.get(URL)

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


def test_the_cached_content_holds_no_csrf_token_and_no_nonce(client_for, consultant, programme):
    client = client_for(consultant)
    page = client.get(URL).content.decode()
    content = client.get(URL).context["content"]

    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else None
    assert "csrfmiddlewaretoken" in page  # the header's sign-out form, outside the content
    assert "csrfmiddlewaretoken" not in content
    assert "nonce" not in content
    assert token is None or token not in content


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


def test_a_commit_replaces_the_generation_again(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        programme = ProgrammeFactory()
        during = page_cache.generation()
        programme.save()  # one callback per transaction, however many saves

    ours = [c for c in callbacks if c is page_cache._replace_after_commit]
    assert len(ours) == 1
    assert page_cache.generation() != during


def test_without_a_cache_the_page_is_computed_every_time(
    client_for, consultant, programme, settings
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    client = client_for(consultant)

    assert _rows(client.get(URL)) is not None
    assert _rows(client.get(URL)) is not None
