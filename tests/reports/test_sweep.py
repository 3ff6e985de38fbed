"""The sweep hands over what the broker never took, lost, or whose worker died; a transient
failure puts the report back in the queue for the task's next try."""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from reports import rendering, services
from reports.models import Report, ReportState

from .factories import approved_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def handed(monkeypatch):
    """The (kind, id) pairs the sweep hands to the broker, without a broker."""
    calls = []
    monkeypatch.setattr(services, "hand_over", lambda kind, pk: calls.append((kind, pk)) or True)
    return calls


def _queued(**fields):
    programme, coordinator = approved_plan()
    report, _created = services.request_development_plan(programme, by=coordinator)
    Report.objects.filter(pk=report.pk).update(**fields)
    return report


def test_the_sweep_sends_a_report_the_broker_never_took(handed):
    report = _queued(handed_over_at=None)

    assert services.sweep() == 1
    assert handed == [("programme", report.pk)]


def test_the_sweep_leaves_a_report_the_broker_took_a_moment_ago(handed):
    _queued(handed_over_at=timezone.now())

    assert services.sweep() == 0


def test_the_sweep_sends_again_what_the_broker_lost_after_its_visibility_timeout(handed):
    report = _queued(handed_over_at=timezone.now() - services.RESEND_AFTER - timedelta(seconds=1))

    assert services.sweep() == 1
    assert handed == [("programme", report.pk)]


def test_the_sweep_sends_again_a_render_whose_worker_died(handed):
    report = _queued(
        state=ReportState.RUNNING,
        handed_over_at=timezone.now(),
        started_at=timezone.now() - services.LOST_AFTER - timedelta(seconds=1),
    )

    assert services.sweep() == 1
    assert handed == [("programme", report.pk)]


def test_a_running_render_is_left_alone(handed):
    _queued(state=ReportState.RUNNING, handed_over_at=timezone.now(), started_at=timezone.now())

    assert services.sweep() == 0


def test_a_worker_that_finds_a_dead_workers_render_takes_it_over():
    report = _queued(state=ReportState.RUNNING, started_at=timezone.now(), attempts=1)

    services.render("programme", report.pk)

    report.refresh_from_db()
    assert (report.state, report.attempts) == (ReportState.DONE, 2)


def test_a_transient_error_puts_the_report_back_in_the_queue(monkeypatch):
    report = _queued(handed_over_at=timezone.now())

    def database_gone(_report):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(rendering, "render_pdf", database_gone)
    with pytest.raises(services.TransientError):
        services.render("programme", report.pk)
    services.release_for_retry("programme", report.pk, "server closed the connection")

    report.refresh_from_db()
    assert (report.state, report.attempts) == (ReportState.QUEUED, 1)
    assert "server closed" in report.error


@pytest.mark.task_failure_expected
def test_an_error_that_will_not_pass_fails_the_report_with_its_error(monkeypatch):
    report = _queued(handed_over_at=timezone.now())

    def broken(_report):
        raise ValueError("the template is broken")

    monkeypatch.setattr(rendering, "render_pdf", broken)
    services.render("programme", report.pk)

    report.refresh_from_db()
    assert report.state == ReportState.FAILED
    assert report.error == "ValueError: the template is broken"
    assert report.file_path == ""


def test_asking_again_after_a_failure_queues_the_same_report_again(handed):
    report = _queued(state=ReportState.FAILED, error="ValueError: x", attempts=1)

    again, created = services.request_development_plan(report.programme, by=report.requested_by)

    again.refresh_from_db()
    assert (again.pk, created, again.state, again.error, again.attempts) == (
        report.pk,
        False,
        ReportState.QUEUED,
        "",
        0,
    )


@pytest.mark.task_failure_expected
def test_a_render_whose_worker_died_as_often_as_we_try_is_given_up():
    report = _queued(
        state=ReportState.RUNNING, started_at=timezone.now(), attempts=services.MAX_ATTEMPTS
    )

    services.render("programme", report.pk)

    report.refresh_from_db()
    assert report.state == ReportState.FAILED
    assert "gave up after 3 attempts" in report.error
