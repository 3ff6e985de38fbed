"""The anchoring plan (forankringsplan) as PDF, drawn in-process like the development plan's
(test_reports.py): what the file holds, who may ask, and when the button is offered."""

import pytest
from django.urls import reverse

from reports import services
from reports.models import Report, ReportState
from tests.anchoring.factories import programme_in_anchor
from tests.factories import member

from .factories import ADOPTED, ANCHORED, anchoring_report, approved_anchoring_plan
from .pdfcheck import read_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _file(report) -> bytes:
    return services.file_of(report).read_bytes()


def _request_url(programme) -> str:
    return reverse("reports:report_request", kwargs={"programme_pk": programme.pk})


def test_the_coordinator_asks_for_the_anchoring_plan_and_gets_a_tagged_danish_pdf(
    client_for, django_capture_on_commit_callbacks
):
    programme, coordinator = approved_anchoring_plan()
    client = client_for(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_request_url(programme), {"document": "anchoring_plan"})

    report = Report.objects.get(programme=programme)
    assert response.status_code == 302
    assert response["Location"] == services.report_url(report)
    assert (report.document, report.state, report.source_version) == (
        "anchoring_plan",
        ReportState.DONE,
        "1",
    )
    pdf = read_pdf(_file(report))
    text = " ".join(pdf.text.split())
    assert pdf.pages > 1
    assert "Roskilde" in text
    assert ANCHORED in text
    assert ADOPTED in text
    assert "æ" in text and "ø" in text and "å" in text
    assert pdf.title == "Forankringsplan for Roskilde, version 1"
    assert pdf.lang == "da"
    assert pdf.marked and pdf.tagged and pdf.ua
    assert report.pages == pdf.pages


def test_the_anchoring_plan_pdf_has_its_chapters_in_the_table_of_contents_and_a_run_chart():
    report, _coordinator = anchoring_report()

    text = read_pdf(_file(report)).text

    assert "Forankringsplan · Roskilde · version 1" in text
    contents = text.split("Indhold", 1)[1].split("Side", 1)[0]
    for chapter in (
        "Det, der forankres",
        "Vedtagne prøvehandlinger og deres målinger",
        "Temperaturmålingen",
        "Det forventede udbytte",
        "Sådan fortsætter arbejdet",
    ):
        assert chapter in contents
    assert "Seriediagram: Borgere på værestedet" in " ".join(text.split())


def test_the_anchoring_plan_cannot_be_asked_for_before_the_steering_group_approved_a_version(
    client_for,
):
    programme = programme_in_anchor()
    coordinator = member("Roskilde")

    response = client_for(coordinator).post(
        _request_url(programme), {"document": "anchoring_plan"}, follow=True
    )

    assert "Forankringsplanen har ingen godkendt version endnu" in response.content.decode()
    assert not Report.objects.exists()


def test_the_programme_page_offers_the_anchoring_plan_pdf_only_once_a_version_is_approved(
    client_for,
):
    programme = programme_in_anchor()
    coordinator = member("Roskilde")
    url = reverse("programmes:programme_detail", kwargs={"programme_pk": programme.pk})
    button = "Lav PDF af forankringsplanen"

    before = client_for(coordinator).get(url).content.decode()
    _programme, approved_coordinator = approved_anchoring_plan("Roskilde")
    approved_url = reverse("programmes:programme_detail", kwargs={"programme_pk": _programme.pk})
    after = client_for(approved_coordinator).get(approved_url).content.decode()

    assert "Lav PDF af udviklingsplanen" in before and button not in before
    assert button in after


def test_another_municipality_cannot_ask_for_the_anchoring_plan(client_for, herning_coordinator):
    programme, _coordinator = approved_anchoring_plan()

    response = client_for(herning_coordinator).post(
        _request_url(programme), {"document": "anchoring_plan"}
    )

    assert response.status_code == 404
    assert not Report.objects.exists()
