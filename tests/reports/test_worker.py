"""The PDFs drawn by a real Celery worker process against the real Redis and PostgreSQL:
asked for through the page, a worker killed mid-render, the broker down when asked."""

import email
import email.policy
import os
import signal
import time
import uuid

import pytest
from django.db import close_old_connections
from django.urls import reverse

from reports import services
from reports.models import Report, ReportState

from .factories import GOAL, approved_plan
from .pdfcheck import read_pdf
from .workers import own_worker, pool_processes

DEAD_BROKER = "redis://127.0.0.1:1/0"  # a port where nothing listens

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _wait_for(report_pk, states, *, seconds=120) -> Report:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        report = Report.objects.get(pk=report_pk)
        if report.state in states:
            return report
        time.sleep(0.05)
    raise AssertionError(f"report {report_pk} is still {report.state} after {seconds} s")


def _mails_to(mail_dir, recipient):
    found = []
    for path in sorted(mail_dir.iterdir()):
        text = path.read_text()
        if not text.rstrip().endswith("-" * 79):
            continue
        for raw in text.split("-" * 79):
            if raw.strip():
                message = email.message_from_string(raw.lstrip(), policy=email.policy.default)
                if message["To"] == recipient:
                    found.append(message)
    return found


def test_the_real_worker_draws_the_plan_asked_for_through_the_page_and_mails_the_link(
    celery_worker_process, client_for
):
    programme, coordinator = approved_plan()
    client = client_for(coordinator)

    response = client.post(
        reverse("reports:report_request", kwargs={"programme_pk": programme.pk}),
        {"document": "development_plan"},
    )

    report = Report.objects.get(programme=programme)
    assert response.status_code == 302
    assert report.handed_over_at is not None
    report = _wait_for(report.pk, {ReportState.DONE, ReportState.FAILED})
    assert report.state == ReportState.DONE, report.error
    pdf = read_pdf(services.file_of(report).read_bytes())
    assert "Roskilde" in pdf.text and GOAL in " ".join(pdf.text.split())
    assert (pdf.lang, pdf.marked, pdf.tagged) == ("da", True, True)
    page = client.get(services.report_url(report)).content.decode()
    assert report.sha256 in page
    deadline = time.monotonic() + 60
    while not (mails := _mails_to(celery_worker_process.mail_dir, coordinator.email)):
        assert time.monotonic() < deadline, "no e-mail to the requester"
        time.sleep(0.2)
    body = mails[0].get_body(preferencelist=("plain",)).get_content()
    assert services.report_url(report) in body and report.sha256 in body


def test_a_plan_asked_for_while_the_broker_is_down_is_kept_and_sent_by_the_sweep(
    celery_worker_process, client_for, settings
):
    programme, coordinator = approved_plan()
    real_broker = settings.CELERY_BROKER_URL

    settings.CELERY_BROKER_URL = DEAD_BROKER
    response = client_for(coordinator).post(
        reverse("reports:report_request", kwargs={"programme_pk": programme.pk}),
        {"document": "development_plan"},
        follow=True,
    )

    report = Report.objects.get(programme=programme)
    assert (report.state, report.handed_over_at) == (ReportState.QUEUED, None)
    assert "venter" in response.content.decode()
    settings.CELERY_BROKER_URL = real_broker
    assert services.sweep() == 1
    report = _wait_for(report.pk, {ReportState.DONE, ReportState.FAILED})
    assert report.state == ReportState.DONE, report.error
    assert services.sweep() == 0, "nothing left to send"


def test_a_worker_killed_mid_render_leaves_a_task_that_runs_again_into_one_file(
    celery_worker_process, client_for, settings, tmp_path
):
    queue = f"reports-kill-{uuid.uuid4().hex[:8]}"
    settings.REPORTS_QUEUE = queue
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    # Enough goals for a render of a few seconds, so the kill lands inside it.
    programme, coordinator = approved_plan(goals=40)

    with own_worker(queue, tmp_path, name=queue) as worker:
        client_for(coordinator).post(
            reverse("reports:report_request", kwargs={"programme_pk": programme.pk}),
            {"document": "development_plan"},
        )
        report = Report.objects.get(programme=programme)
        _wait_for(report.pk, {ReportState.RUNNING}, seconds=60)
        [pool_process] = pool_processes(worker)
        os.kill(pool_process, signal.SIGKILL)
        close_old_connections()
        report = _wait_for(report.pk, {ReportState.DONE, ReportState.FAILED}, seconds=120)

    assert report.state == ReportState.DONE, report.error
    assert report.attempts == 2, "drawn once more after the kill"
    folder = services.file_of(report).parent
    assert [p.name for p in folder.iterdir()] == [services.file_of(report).name]
    assert read_pdf(services.file_of(report).read_bytes()).pages == report.pages
