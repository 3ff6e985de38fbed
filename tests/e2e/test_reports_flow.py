"""The development plan as PDF in a real browser, drawn by a real Celery worker: the
coordinator presses "Lav PDF" on the programme page and lands on the report's page while it is
still queued (the worker, on a queue of the test's own, starts only then). htmx polls the
state, hears nothing new while it waits (204), swaps in the finished state without reloading
and stops; the file downloads with the SHA-256 the page shows. axe on every page, and no
console error on the way (a breach of the Content-Security-Policy would be one)."""

import hashlib
import re
import uuid

import pytest
from django.urls import reverse

from reports import services
from reports.models import Report
from tests.e2e.helpers import submit, switch_user
from tests.reports.factories import approved_plan
from tests.reports.workers import own_worker

COORDINATOR = "koordinator-pdf@roskilde.example.dk"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_coordinator_asks_for_the_plan_as_pdf_watches_it_being_made_and_downloads_it(
    browser_page,
    live_server,
    login,
    assert_no_axe_violations,
    celery_worker_process,  # tasks go to the broker; this one sends the e-mail
    settings,
    tmp_path,
):
    queue = f"reports-e2e-{uuid.uuid4().hex[:8]}"
    settings.REPORTS_QUEUE = queue
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    programme, coordinator = approved_plan()
    coordinator.email = COORDINATOR
    coordinator.save(update_fields=["email"])
    page = browser_page
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    polls = []
    page.on(
        "request",
        lambda request: request.headers.get("hx-request") == "true" and polls.append(request.url),
    )

    switch_user(page, live_server, login, COORDINATOR)
    page.goto(
        live_server.url
        + reverse("programmes:programme_detail", kwargs={"programme_pk": programme.pk})
    )
    assert_no_axe_violations(page)
    submit(page, "Lav PDF af udviklingsplanen")

    report = Report.objects.get(programme=programme)
    assert page.url.endswith(
        reverse(
            "reports:report_detail", kwargs={"programme_pk": programme.pk, "report_pk": report.pk}
        )
    )
    assert "PDF'en er bestilt" in page.locator("main").inner_text()
    assert page.evaluate("[htmx.config.allowEval, htmx.config.includeIndicatorStyles]") == [
        False,
        False,
    ]
    status = page.locator(".report-progress [role=status]")
    assert status.get_attribute("aria-live") == "polite"
    assert "PDF'en står i kø" in status.inner_text()
    assert page.locator("#report-state").get_attribute("hx-trigger") == "every 2s"
    assert_no_axe_violations(page)

    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true") as polled:
        pass  # htmx asks after two seconds
    assert polled.value.url.endswith("?shown=queued")
    assert polled.value.status == 204, "nothing new while the report waits"
    page.evaluate("window.stillTheSamePage = true")

    with own_worker(queue, tmp_path, name=queue):
        download_link = page.get_by_role("link", name="Hent PDF'en")
        download_link.wait_for(timeout=90_000)

    assert page.evaluate("window.stillTheSamePage") is True, "swapped in by htmx, not reloaded"
    assert "PDF'en er klar" in status.inner_text()
    assert page.locator("#report-state").get_attribute("hx-trigger") is None
    assert_no_axe_violations(page)
    asked = len(polls)
    page.wait_for_timeout(3_000)
    assert len(polls) == asked, "the polling ends with a final state"

    with page.expect_download() as info:
        download_link.click()
    data = open(info.value.path(), "rb").read()  # noqa: SIM115, PTH123
    assert data.startswith(b"%PDF-")
    shown = page.locator(".report-sha").inner_text().strip()
    assert re.fullmatch(r"[0-9a-f]{64}", shown)
    assert hashlib.sha256(data).hexdigest() == shown
    assert info.value.suggested_filename.endswith(".pdf")

    page.goto(
        live_server.url + reverse("reports:report_list", kwargs={"programme_pk": programme.pk})
    )
    assert_no_axe_violations(page)
    assert "Færdig" in page.locator("main table").inner_text()
    assert errors == []


def _open_queued_report(page, live_server, login, settings, tmp_path):
    """The coordinator on the page of a report that stays queued (a queue nobody reads)."""
    from tests.conftest import celery_app

    celery_app.conf.task_always_eager = False
    settings.REPORTS_QUEUE = f"reports-nobody-{uuid.uuid4().hex[:8]}"
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    programme, coordinator = approved_plan()
    coordinator.email = COORDINATOR
    coordinator.save(update_fields=["email"])
    report, _created = services.request_development_plan(programme, by=coordinator)
    switch_user(page, live_server, login, COORDINATOR)
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true") as poll:
        page.goto(live_server.url + services.report_url(report))
    assert poll.value.status == 204
    return report


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_signed_out_while_the_page_polls_the_whole_page_goes_to_the_sign_in(
    browser_page, live_server, login, settings, tmp_path
):
    page = browser_page
    _open_queued_report(page, live_server, login, settings, tmp_path)

    page.context.clear_cookies()  # signed out in another tab, or the session expired
    page.wait_for_url(re.compile(r"/konto/log-ind/\?next="), timeout=10_000)

    assert page.locator("main").count() == 1
    assert page.locator("#report-state").count() == 0


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_report_gone_while_the_page_polls_reloads_the_page_once_and_polling_stops(
    browser_page, live_server, login, settings, tmp_path
):
    page = browser_page
    polls = []
    page.on(
        "response",
        lambda r: r.request.headers.get("hx-request") == "true" and polls.append(r.status),
    )
    report = _open_queued_report(page, live_server, login, settings, tmp_path)

    Report.objects.filter(pk=report.pk).delete()
    page.wait_for_timeout(7_000)

    assert polls.count(200) == 1, polls  # the one answer that asked for the reload
    assert polls[-1] == 200
    assert page.locator("#report-state").count() == 0
    assert page.locator("main").count() == 1
