"""The answer page behind a group's link: no account, one answer per browser, a closed
link, and nothing stored that ties an answer to a person."""

import datetime

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.models import Session
from django.db import connection, models
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from programmes.models import ActivityEntry
from temperature import services
from temperature.models import Answer, RespondentKind, Response

from .factories import coordinator_of, group_of, open_round, programme_in, statements_of

pytestmark = pytest.mark.django_db


def survey_url(group):
    return reverse("temperature:survey", kwargs={"token": group.token})


def _filled(round_, value="4"):
    return {f"s{s.pk}": value for s in statements_of(round_)}


@pytest.fixture
def round_():
    return open_round(programme_in(), coordinator_of())


def test_a_respondent_answers_through_the_link_without_an_account(round_):
    group = group_of(round_, RespondentKind.CITIZENS)
    client = Client()

    page = client.get(survey_url(group))
    assert page.status_code == 200
    assert "Temperaturmåling i Roskilde Kommune" in page.content.decode()
    response = client.post(survey_url(group), _filled(round_))

    assert response.status_code == 200
    assert "Tak for dit svar" in response.content.decode()
    assert Response.objects.filter(group=group).count() == 1
    assert set(Answer.objects.values_list("value", flat=True)) == {4}


def test_a_missing_statement_is_named_and_nothing_is_saved(round_):
    group = group_of(round_)
    values = _filled(round_)
    first = statements_of(round_)[0]
    del values[f"s{first.pk}"]

    response = Client().post(survey_url(group), values)

    assert response.status_code == 200
    assert first.text in response.content.decode()
    assert "Du mangler at svare på nogle udsagn" in response.content.decode()
    assert not Response.objects.exists()


def test_dont_know_is_stored_as_no_value(round_):
    Client().post(survey_url(group_of(round_)), _filled(round_, "0"))

    assert set(Answer.objects.values_list("value", flat=True)) == {None}


def test_a_second_answer_from_the_same_browser_is_refused(round_):
    group = group_of(round_)
    client = Client()
    client.post(survey_url(group), _filled(round_))

    again = client.get(survey_url(group))
    posted_again = client.post(survey_url(group), _filled(round_, "2"))

    assert "Du har allerede svaret" in again.content.decode()
    assert "Du har allerede svaret" in posted_again.content.decode()
    assert Response.objects.filter(group=group).count() == 1
    # Another browser may answer; the cookie belongs to this group only.
    Client().post(survey_url(group), _filled(round_))
    client.post(survey_url(group_of(round_, RespondentKind.EMPLOYEES)), _filled(round_))
    assert Response.objects.count() == 3


def test_a_forged_answered_cookie_does_not_count(round_):
    group = group_of(round_)
    client = Client()
    client.cookies[f"temperatur-{group.pk}"] = "1"

    assert "Du har allerede svaret" not in client.get(survey_url(group)).content.decode()


def test_a_closed_rounds_link_says_so_and_takes_no_answer(round_):
    group = group_of(round_)
    services.close_round(round_, by=coordinator_of())

    page = Client().get(survey_url(group))
    posted = Client().post(survey_url(group), _filled(round_))

    assert page.status_code == posted.status_code == 410
    assert "Målingen er lukket" in page.content.decode()
    assert not Response.objects.exists()


def test_an_unknown_link_is_not_found():
    response = Client().get(reverse("temperature:survey", kwargs={"token": "ikke-et-link"}))

    assert response.status_code == 404


def test_a_signed_in_user_answering_is_not_remembered_either(round_, client_for):
    client = client_for(coordinator_of())

    response = client.post(survey_url(group_of(round_)), _filled(round_))

    assert "Tak for dit svar" in response.content.decode()
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        (Response, {"id", "municipality_id", "group_id"}),
        (Answer, {"id", "municipality_id", "response_id", "statement_id", "value"}),
    ],
)
def test_the_answer_tables_hold_no_column_that_could_tie_an_answer_to_a_person(model, expected):
    with connection.cursor() as cursor:
        described = {
            c.name
            for c in connection.introspection.get_table_description(cursor, model._meta.db_table)
        }

    assert described == expected
    assert not [f for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)]


def test_an_answer_leaves_no_trace_in_the_logs_the_sessions_or_the_login_lock(round_):
    with scopes_disabled():
        before = (
            ActivityEntry.objects.count(),
            LogEntry.objects.count(),
            Session.objects.count(),
            AccessLog.objects.count(),
            AccessAttempt.objects.count(),
        )
    client = Client(REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Testbrowser/1.0")
    client.get(survey_url(group_of(round_)))
    client.post(survey_url(group_of(round_)), _filled(round_))

    with scopes_disabled():
        after = (
            ActivityEntry.objects.count(),
            LogEntry.objects.count(),
            Session.objects.count(),
            AccessLog.objects.count(),
            AccessAttempt.objects.count(),
        )
        stored = [
            str(v)
            for row in list(Response.objects.values_list()) + list(Answer.objects.values_list())
            for v in row
        ]
    assert Response.objects.count() == 1
    assert after == before
    assert not [v for v in stored if "203.0.113.7" in v or "Testbrowser" in v]
    assert not [v for v in stored if isinstance(v, datetime.datetime)]
    assert "sessionid" not in client.cookies and "__Host-sessionid" not in client.cookies


def test_the_answer_models_are_not_in_the_audit_log():
    from auditlog.registry import auditlog

    assert not auditlog.contains(Response)
    assert not auditlog.contains(Answer)
