"""The anchoring plan (forankringsplan) as PDF, drawn in-process like the development plan's
(test_reports.py): what the file holds, the temperature measurement's two rounds, user text
that names files, who may ask, and when the button is offered."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from phases.models import Phase, ProgrammePhase
from reports import rendering, services
from reports.models import Report, ReportState
from temperature import services as temperature_services
from temperature.models import Dimension, RespondentKind, RoundKind
from tests.anchoring.factories import programme_in_anchor
from tests.factories import member
from tests.temperature.factories import answer, group_of, open_round

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


# The dimension the answers below set apart from the other five.
INVOLVEMENT = "borgerinddragelse"


def _closed_round(programme, by, kind, phase, answers):
    """A round of `kind` opened in `phase` and closed: per respondent group, one response for
    each (value on every statement, value on INVOLVEMENT's)."""
    ProgrammePhase.objects.filter(programme=programme, ended_at=None).update(phase=phase)
    round_ = open_round(programme, by, kind=kind, groups=dict.fromkeys(answers, 10))
    for respondents, values in answers.items():
        for value, involvement in values:
            answer(group_of(round_, respondents), value, per_dimension={INVOLVEMENT: involvement})
    return temperature_services.close_round(round_, by=by)


def _lines(data: bytes) -> list[str]:
    """The PDF's text line by line as pypdf reads it, spaces squeezed."""
    reader = PdfReader(BytesIO(data))
    return [
        " ".join(line.split())
        for page in reader.pages
        for line in page.extract_text().splitlines()
        if line.strip()
    ]


def test_the_temperature_chapter_sets_both_rounds_means_side_by_side_and_no_small_group():
    programme, coordinator = approved_anchoring_plan()
    leaders, employees = RespondentKind.LEADERS, RespondentKind.EMPLOYEES
    _closed_round(
        programme,
        coordinator,
        RoundKind.FIRST,
        Phase.DEVELOP,
        {leaders: [(2, 1), (2, 1), (2, 1), (3, 1), (3, 2)], employees: [(1, 1), (2, 2)] * 2},
    )
    _closed_round(
        programme,
        coordinator,
        RoundKind.FOLLOW_UP,
        Phase.ANCHOR,
        {leaders: [(4, 3), (4, 3), (4, 3), (5, 3), (5, 4)], employees: [(1, 1), (2, 2)] * 2},
    )
    report, _created = services.request_anchoring_plan(programme, by=coordinator)
    report = services.render("programme", report.pk)
    assert report.state == ReportState.DONE, report.error

    lines = _lines(_file(report))

    intro = lines.index("Den opfølgende måling med den første måling ved siden af.")
    chapter = lines[intro : lines.index("Det forventede udbytte", intro)]
    table = chapter[
        chapter.index("Tallene bag figuren: Ledere: gennemsnit pr. dimension, opfølgende måling")
        + 1 : chapter.index("Medarbejdere")
    ]
    names = dict(
        Dimension.objects.filter(instrument__rounds__programme=programme).values_list("key", "name")
    )
    assert table[0] == "Dimension Første måling Opfølgende måling"
    assert f"{names.pop(INVOLVEMENT)} 1,2 3,2" in table
    assert len(names) == 5 and all(f"{name} 2,4 4,4" in table for name in names.values())
    # Four answers in each round (means 1,5): the employees' group shows no figure, only why.
    employees = chapter.index("Medarbejdere")
    assert chapter[employees : employees + 3] == [
        "Medarbejdere",
        "For få svar til at vise et resultat.",
        "Det blev gjort ved de dimensioner, den første måling pegede på",
    ]
    assert not any("Medarbejdere:" in line or "1,5" in line for line in chapter)


EVIL = '<img src="file:///etc/passwd"> <img src="https://example.org/x.png"> æøå'
ESCAPED = "&lt;img src=&quot;file:///etc/passwd&quot;&gt;"


def test_user_text_naming_a_local_file_or_a_remote_image_embeds_neither(monkeypatch):
    fetchers = []
    real = rendering.static_fetcher

    def spy():
        fetcher = real()
        fetchers.append(fetcher)
        return fetcher

    monkeypatch.setattr(rendering, "static_fetcher", spy)
    programme, coordinator = approved_anchoring_plan(
        title=f"Forankret {EVIL}", description=EVIL, measure_name=f"Måling {EVIL}"
    )
    report, _created = services.request_anchoring_plan(programme, by=coordinator)
    report = services.render("programme", report.pk)

    html = rendering.build_html(report)
    pdf = read_pdf(_file(report))

    assert "<img" not in html
    item = html[html.index('<th scope="row">Forankret') :].split("</tr>", 1)[0]
    assert item.count(ESCAPED) == 2, "the item's title and its text, escaped"
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert chart.count('&lt;img src="file:///etc/passwd"&gt;') == 2, "its title and legend"
    assert "root:x:0" not in pdf.text
    assert pdf.images == 0
    assert fetchers and fetchers[0].refused == [], "nothing asked for either file"
    assert f"Måling {EVIL}" in pdf.text.splitlines(), "shown as text"
