"""The development plan as PDF in a real browser, drawn by the real Celery worker: the
coordinator presses "Lav PDF" on the programme page, watches the page follow the report
from the queue to done without reloading, and downloads the file; axe on every page."""

import hashlib
import re

import pytest
from django.urls import reverse

from reports.models import Report
from tests.e2e.helpers import submit, switch_user
from tests.reports.factories import approved_plan

COORDINATOR = "koordinator-pdf@roskilde.example.dk"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_coordinator_asks_for_the_plan_as_pdf_watches_it_being_made_and_downloads_it(
    browser_page, live_server, login, assert_no_axe_violations, celery_worker_process
):
    programme, coordinator = approved_plan()
    coordinator.email = COORDINATOR
    coordinator.save(update_fields=["email"])
    page = browser_page

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
    assert_no_axe_violations(page)
    download_link = page.get_by_role("link", name="Hent PDF'en")
    download_link.wait_for(timeout=90_000)  # the page polls; no reload
    assert "PDF'en er klar" in page.locator("#report-state").inner_text()
    assert_no_axe_violations(page)

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
