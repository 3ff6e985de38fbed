"""The weekly digest: each consultant, once per ISO week from Monday 07:00, about the
programmes they are the contact of: those that turned red, gates due within three weeks,
overdue items; plain text in Danish with links from SITE_URL."""

import datetime
import threading
import time

import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction
from django_scopes import scopes_disabled

from auditview import digest
from auditview.models import DigestSent, WeeklyHealth
from auditview.tasks import send_weekly_digests
from outbox.models import OutboxMessage
from phases.selectors import standing
from tests.communication.factories import activity, programme_with_groups
from tests.factories import ConsultantFactory, ProgrammeFactory

from .factories import at, group_entry

pytestmark = pytest.mark.cross_tenant  # the consultants' programmes in every municipality


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://forlob.example.dk"


@pytest.fixture
def karen():
    return ConsultantFactory(full_name="Karen Konsulent", email="karen@sbst.example.dk")


@pytest.fixture
def programme(roskilde, karen, roskilde_coordinator):
    """Roskilde's programme in forberede, Karen its contact, with one communication activity
    (overdue once its date has passed)."""
    programme = programme_with_groups(
        roskilde, primary_contact=karen, coordinator=roskilde_coordinator
    )
    activity(programme, roskilde_coordinator, title="Nyhedsbrev til medarbejderne")
    return programme


def _monday_before(day: datetime.date, hour=8) -> datetime.datetime:
    monday = day - datetime.timedelta(days=day.weekday())
    return at(monday.year, monday.month, monday.day, hour)


@pytest.fixture
def weeks(programme):
    """Mondays 08:00: two weeks or more before forberede's window ends (gate due), and the
    Monday three weeks later (the window has ended without the gate: red)."""
    ends_on = standing(programme).window.ends_on
    due = _monday_before(ends_on - datetime.timedelta(days=14))
    return {"due": due, "red": due + datetime.timedelta(days=21), "ends_on": ends_on}


@pytest.fixture
def run(django_capture_on_commit_callbacks, programme, roskilde_coordinator):
    """Run the beat task at `moment` as the worker would (after an entry that keeps the
    programme from being quiet); return the e-mails sent."""

    def run_at(moment) -> list:
        before = len(mail.outbox)
        with time_machine.travel(moment, tick=False):
            group_entry(programme, roskilde_coordinator, f"Gruppe {moment:%Y%m%d%H}")
            with django_capture_on_commit_callbacks(execute=True):
                send_weekly_digests.delay()
        return mail.outbox[before:]

    return run_at


def test_the_digest_is_due_from_monday_seven_oclock_for_the_rest_of_the_week():
    monday = at(2027, 3, 1, 0)

    assert [
        digest.is_due(monday + datetime.timedelta(hours=h)) for h in (6, 7, 30, 24 * 6 + 23)
    ] == [
        False,
        True,
        True,
        True,
    ]
    assert digest.week_of(at(2027, 3, 7, 23)) == datetime.date(2027, 3, 1)


def test_the_consultant_gets_one_digest_a_week_however_often_beat_runs(run, weeks, karen):
    sunday_night = weeks["due"] - datetime.timedelta(hours=9)

    early = run(sunday_night)
    first = run(weeks["due"])
    again = run(weeks["due"] + datetime.timedelta(hours=1))
    later_that_week = run(weeks["due"] + datetime.timedelta(days=3))
    next_week = run(weeks["due"] + datetime.timedelta(days=7))

    assert [len(sent) for sent in (first, again, later_that_week, next_week)] == [1, 0, 0, 1]
    assert [m.to for m in first] == [["karen@sbst.example.dk"]]
    assert len(early) == 1  # Sunday belongs to the week before, which had not had its digest
    assert DigestSent.objects.filter(user=karen).count() == 3
    assert OutboxMessage.objects.filter(task_name="auditview.tasks.send_digest_mail").count() == 3


def test_the_digest_names_the_gate_due_and_the_overdue_items(run, weeks, programme):
    message = run(weeks["due"])[0]

    week = weeks["due"].isocalendar().week
    assert message.subject == f"Ugeoversigt for uge {week}: dine forløb"
    assert message.alternatives == []  # plain text only
    body = message.body
    assert "Kære Karen Konsulent" in body
    gates = body.split("PORTE, DER SKAL NÅS")[1].split("OVERSKREDNE OPGAVER")[0]
    assert f"Roskilde, {programme.cohort.name}: Fasen forberede slutter" in gates
    assert "og porten holder ikke endnu. Den kræver: Udviklingsplanen er godkendt" in gates
    assert f"https://forlob.example.dk/forloeb/{programme.pk}/" in gates
    overdue = body.split("OVERSKREDNE OPGAVER")[1]
    assert "Overskredet: 1 kommunikationsaktivitet." in overdue
    assert "https://forlob.example.dk/portefolje/" in body
    red = body.split("FORLØB, DER ER BLEVET RØDE")[1].split("PORTE")[0]
    assert "Ingen forløb er blevet røde siden sidste uge." in red


def test_a_programme_that_turned_red_is_named_once_with_its_reasons(run, weeks, programme):
    before = run(weeks["due"])[0].body
    turned = run(weeks["red"])[0].body
    still = run(weeks["red"] + datetime.timedelta(days=7))[0].body

    def red_section(body):
        return body.split("FORLØB, DER ER BLEVET RØDE")[1].split("PORTE")[0]

    assert "Roskilde" not in red_section(before)
    assert f"Roskilde, {programme.cohort.name}: Forløbet er bagud" in red_section(turned)
    assert "Roskilde" not in red_section(still)  # red last week already
    assert list(
        WeeklyHealth.objects.filter(programme=programme).order_by("week").values_list("level")
    ) == [("yellow",), ("red",), ("red",)]


def test_only_the_contacts_own_ongoing_programmes_are_in_their_digest(
    run, weeks, karen, herning, roskilde
):
    other = ConsultantFactory(email="ole@sbst.example.dk")
    ProgrammeFactory(municipality=herning, primary_contact=other)
    ProgrammeFactory(municipality=roskilde)  # no contact: nobody's digest

    sent = run(weeks["due"])

    by_address = {m.to[0]: m.body for m in sent}
    assert set(by_address) == {"karen@sbst.example.dk", "ole@sbst.example.dk"}
    assert "Herning" not in by_address["karen@sbst.example.dk"]
    assert "Roskilde" not in by_address["ole@sbst.example.dk"]


def test_the_digest_asks_as_often_for_many_programmes_as_for_one(
    weeks, karen, roskilde, herning, count_queries
):
    def queries(moment):
        with time_machine.travel(moment, tick=False):
            return count_queries(lambda: digest.send_weekly_digests())

    one = queries(weeks["due"])
    for place in (roskilde, herning, roskilde, herning):
        ProgrammeFactory(municipality=place, primary_contact=karen)
    DigestSent.objects.all().delete()
    five = queries(weeks["due"] + datetime.timedelta(hours=1))

    assert one == five


# --- once, whoever runs it ----------------------------------------------------------------


def _wait_until_a_session_waits_for_my_locks(*, unless, seconds=10) -> bool:
    """Poll PostgreSQL until another session is blocked by this connection's locks."""
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline and not unless.is_set():
            cursor.execute(
                "SELECT count(*) FROM pg_locks"
                " WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid))"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.01)
    return False


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_the_digest_once(karen):
    week = datetime.date(2027, 3, 1)
    first_claimed, second_finished = threading.Event(), threading.Event()
    outcome = {}

    def first_worker():
        # Each worker has its own database connection and no scope of its own.
        with scopes_disabled(), transaction.atomic():
            outcome["first"] = digest.claim_and_send(karen, week, "Ugeoversigt", "Tekst")
            first_claimed.set()
            # Commit only once the second worker's claim waits for this one's row.
            outcome["second waited"] = _wait_until_a_session_waits_for_my_locks(
                unless=second_finished
            )
        connection.close()

    def second_worker():
        first_claimed.wait(10)
        try:
            with scopes_disabled():
                outcome["second"] = digest.claim_and_send(karen, week, "Ugeoversigt", "Tekst")
        finally:
            second_finished.set()
            connection.close()

    threads = [threading.Thread(target=first_worker), threading.Thread(target=second_worker)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    assert outcome == {"first": True, "second waited": True, "second": False}
    assert OutboxMessage.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["karen@sbst.example.dk"]]
