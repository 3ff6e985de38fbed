"""PDF documents asked for through the pages and drawn in-process (the real worker's tests
are in test_worker.py): what the file holds, who may ask and read, one file per source."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from plans import services as plan_services
from reports import rendering, services
from reports.models import CohortReport, Report, ReportState
from tests.factories import ConsultantFactory, ProgrammeFactory, member, municipality
from tests.plans.factories import steering_member
from tests.trial_actions import factories as trial_actions

from .factories import GOAL, approved_plan, plan_report
from .pdfcheck import read_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _file(report) -> bytes:
    return services.file_of(report).read_bytes()


def test_the_coordinator_asks_for_the_plan_and_gets_a_tagged_danish_pdf(
    client_for, django_capture_on_commit_callbacks
):
    programme, coordinator = approved_plan()
    client = client_for(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:report_request", kwargs={"programme_pk": programme.pk}),
            {"document": "development_plan"},
        )

    report = Report.objects.get(programme=programme)
    assert response.status_code == 302
    assert response["Location"] == services.report_url(report)
    assert (report.state, report.source_version, report.requested_by) == (
        ReportState.DONE,
        "1",
        coordinator,
    )
    pdf = read_pdf(_file(report))
    assert pdf.pages >= 4
    assert "Roskilde" in pdf.text
    assert GOAL in " ".join(pdf.text.split())
    assert "Delmål 1.1: Kursus i håb og ønsker" in pdf.text
    assert pdf.title == "Udviklingsplan for Roskilde, version 1"
    assert pdf.lang == "da"
    assert pdf.marked and pdf.tagged and pdf.ua
    assert report.pages == pdf.pages
    assert report.size == len(_file(report))
    page = client.get(services.report_url(report))
    assert report.sha256 in page.content.decode()


def test_the_pdf_has_page_numbers_a_running_header_and_a_table_of_contents():
    report, _coordinator = plan_report(goals=3)

    text = read_pdf(_file(report)).text

    assert f"Side 2 af {report.pages}" in text
    assert "Udviklingsplan · Roskilde · version 1" in text
    contents = text.split("Indhold", 1)[1].split("Side", 1)[0]
    assert "Mål og delmål" in contents and "Kommunikationsplan" in contents


def test_asking_again_for_the_same_version_returns_the_stored_file_without_a_second_render(
    monkeypatch,
):
    report, coordinator = plan_report()
    drawn = []
    real = rendering.render_pdf
    monkeypatch.setattr(rendering, "render_pdf", lambda r: drawn.append(r.pk) or real(r))

    again, created = services.request_development_plan(report.programme, by=coordinator)
    services.render("programme", report.pk)

    assert (again.pk, created, drawn) == (report.pk, False, [])
    assert Report.objects.count() == 1


def test_a_new_approved_version_gets_its_own_file_and_the_earlier_stays_downloadable(client_for):
    report, coordinator = plan_report()
    programme = report.programme
    plan = programme.development_plan
    plan_services.change_plan(programme, by=coordinator, introduction="Ændret indledning.")
    plan_services.approve_plan(plan, by=steering_member(programme))

    second, created = services.request_development_plan(programme, by=coordinator)
    second = services.render("programme", second.pk)

    assert created and second.source_version == "2"
    assert second.file_path != report.file_path
    client = client_for(coordinator)
    for each in (report, second):
        url = reverse(
            "reports:report_download", kwargs={"programme_pk": programme.pk, "report_pk": each.pk}
        )
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == _file(each)


def test_the_plan_cannot_be_asked_for_before_the_steering_group_approved_a_version(client_for):
    programme = ProgrammeFactory(municipality=municipality("Roskilde"))
    coordinator = member("Roskilde")

    response = client_for(coordinator).post(
        reverse("reports:report_request", kwargs={"programme_pk": programme.pk}),
        {"document": "development_plan"},
        follow=True,
    )

    assert "ingen godkendt version endnu" in response.content.decode()
    assert not Report.objects.exists()


def test_another_municipality_finds_neither_the_report_nor_its_file(
    client_for, herning_coordinator
):
    report, _coordinator = plan_report()
    client = client_for(herning_coordinator)
    kwargs = {"programme_pk": report.programme_id, "report_pk": report.pk}

    for name in ("reports:report_detail", "reports:report_download"):
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 404
    assert (
        client.post(
            reverse("reports:report_request", kwargs={"programme_pk": report.programme_id}),
            {"document": "development_plan"},
        ).status_code
        == 404
    )


def _poll(client, report, shown):
    """What htmx asks every two seconds: the report's page, naming the state it shows."""
    return client.get(services.report_url(report), {"shown": shown}, headers={"HX-Request": "true"})


def test_the_report_page_polls_with_htmx_and_swaps_in_only_a_changed_state(client_for):
    programme, coordinator = approved_plan()
    report, _created = services.request_development_plan(programme, by=coordinator)
    client = client_for(coordinator)
    url = services.report_url(report)

    page = client.get(url).content.decode()
    unchanged = _poll(client, report, "waiting")
    Report.objects.filter(pk=report.pk).update(handed_over_at=timezone.now())
    report.refresh_from_db()
    services.transition(report, ReportState.RUNNING)
    running = _poll(client, report, "waiting")

    assert report.progress == "running"
    assert '<div role="status" aria-live="polite">' in page
    assert (
        f'<div id="report-state" hx-get="{url}?shown=waiting" hx-trigger="every 2s" '
        'hx-swap="outerHTML">'
    ) in page
    assert "venter på opgavekøen" in page
    assert unchanged.status_code == 204 and unchanged.content == b""
    fragment = running.content.decode()
    assert running.status_code == 200
    assert fragment.lstrip().startswith('<div id="report-state"'), "the fragment, no layout"
    assert "<html" not in fragment and 'role="status"' not in fragment
    assert f'hx-get="{url}?shown=running"' in fragment and "PDF'en bliver lavet nu." in fragment
    assert '<div id="report-file" hx-swap-oob="true">' in fragment
    assert "Hent PDF'en" not in fragment


def test_a_poll_after_the_session_ended_sends_the_whole_page_to_the_sign_in(client, db):
    report, _coordinator = plan_report()

    response = _poll(client, report, "waiting")  # signed out in another tab

    login = reverse("accounts:login")
    assert response.status_code == 200
    assert response.content == b"", "nothing to swap into the status region"
    assert response["HX-Redirect"].startswith(f"{login}?next=")


def test_a_poll_for_a_report_that_is_gone_reloads_the_page_and_stops_polling(client_for):
    report, coordinator = plan_report()
    client = client_for(coordinator)
    Report.objects.filter(pk=report.pk).delete()

    response = _poll(client, report, "waiting")

    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"
    assert client.get(services.report_url(report)).status_code == 404  # what the reload shows


def test_a_poll_from_another_municipality_reloads_into_its_404(client_for, herning_coordinator):
    report, _coordinator = plan_report()

    response = _poll(client_for(herning_coordinator), report, "waiting")

    assert response["HX-Refresh"] == "true"
    assert b"PDF" not in response.content


def test_the_report_pages_crumbs_lead_back_to_the_programmes_documents(client_for):
    report, coordinator = plan_report()
    client = client_for(coordinator)
    list_url = reverse("reports:report_list", kwargs={"programme_pk": report.programme_id})

    def crumbs(url):
        nav = re.search(
            r'<nav class="breadcrumbs".*?</nav>', client.get(url).content.decode(), re.S
        )
        return [
            (
                " ".join(re.sub(r"<[^>]+>", " ", item).split()),
                (re.search(r'<a [^>]*href="([^"]+)"', item) or [None, None])[1],
                "aria-current" in item,
            )
            for item in re.findall(r"<li[^>]*>.*?</li>", nav[0], re.S)
        ]

    listed, shown = crumbs(list_url), crumbs(services.report_url(report))

    programme_url = reverse("programmes:programme_detail", args=[report.programme_id])
    assert listed[2:] == [
        (report.programme.cohort.name, programme_url, False),
        ("PDF-dokumenter", None, True),
    ]
    assert shown[2:] == [
        (report.programme.cohort.name, programme_url, False),
        ("PDF-dokumenter", list_url, False),
        ("Udviklingsplan, version 1", None, True),
    ]


def test_a_finished_report_answers_the_poll_with_the_download_and_no_trigger(client_for):
    report, coordinator = plan_report()
    client = client_for(coordinator)
    download = reverse(
        "reports:report_download",
        kwargs={"programme_pk": report.programme_id, "report_pk": report.pk},
    )

    fragment = _poll(client, report, "running").content.decode()
    page = client.get(services.report_url(report)).content.decode()

    for html in (fragment, page):
        assert "hx-get" not in html and "hx-trigger" not in html
        assert f'href="{download}"' in html and "Hent PDF'en" in html
        assert report.sha256 in html
    state, file = fragment.split('<div id="report-file" hx-swap-oob="true">')
    assert "PDF'en er klar" in state and report.sha256 not in state, "not read aloud"
    assert report.sha256 in file


@pytest.mark.cross_tenant
def test_the_cohorts_status_page_polls_the_same_way(client_for):
    programme, _coordinator = approved_plan()
    consultant = ConsultantFactory()
    report, _created = services.request_cohort_status(programme.cohort, by=consultant)
    client = client_for(consultant)
    url = services.report_url(report)

    page = client.get(url).content.decode()
    unchanged = _poll(client, report, "waiting")
    services.render("cohort", report.pk)
    done = _poll(client, report, "waiting").content.decode()

    assert f'hx-get="{url}?shown=waiting" hx-trigger="every 2s"' in page
    assert unchanged.status_code == 204
    download = reverse(
        "reports:cohort_report_download",
        kwargs={"cohort_pk": programme.cohort_id, "cohort_report_pk": report.pk},
    )
    assert f'href="{download}"' in done and "hx-trigger" not in done


EVIL = (
    '<img src="file:///etc/passwd"> <img src="https://tracker.example.com/pixel.png"> '
    '<link rel="stylesheet" href="http://evil.example.com/x.css"> æøå'
)


def test_user_text_naming_a_local_file_or_a_remote_url_embeds_neither(monkeypatch):
    fetchers = []
    real = rendering.static_fetcher

    def spy():
        fetcher = real()
        fetchers.append(fetcher)
        return fetcher

    monkeypatch.setattr(rendering, "static_fetcher", spy)
    report, _coordinator = plan_report(description=EVIL)

    html = rendering.build_html(report)
    pdf = read_pdf(_file(report))

    assert (
        '<img src="file:' not in html and "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    )
    assert "root:x:0" not in pdf.text
    assert pdf.images == 0
    assert 'src="file:///etc/passwd"' in " ".join(pdf.text.split()), "shown as text"
    assert fetchers and fetchers[0].refused == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://evil.example.com/x.png",
        "https://evil.example.com/x.png",
        rendering.STATIC_ORIGIN + "static/../../../etc/passwd",
        rendering.STATIC_ORIGIN + "static/%2e%2e/%2e%2e/config/settings.py",
        rendering.STATIC_ORIGIN + "etc/passwd",
    ],
)
def test_the_fetcher_refuses_anything_but_static_files_and_data_urls(url):
    fetcher = rendering.static_fetcher()

    with pytest.raises(ValueError):
        fetcher.fetch(url)

    assert fetcher.refused == [url]


def test_the_fetcher_serves_the_projects_static_files_and_data_urls():
    fetcher = rendering.static_fetcher()

    css = fetcher.fetch(rendering.STATIC_ORIGIN + "static/css/reports.css").read()
    data = fetcher.fetch("data:text/plain;base64,w6bDuMOl").read()

    assert b"@font-face" in css
    assert data.decode() == "æøå"


def test_an_injected_image_would_be_refused_by_the_renderer_itself():
    fetcher = rendering.static_fetcher()
    html = (
        '<html lang="da"><head><title>Prøve</title></head><body><p>x</p>'
        '<img alt="a" src="file:///etc/passwd"><img alt="b" src="https://example.com/a.png">'
        "</body></html>"
    )

    rendered = rendering.write_pdf(html, fetcher=fetcher)

    assert read_pdf(rendered.pdf).images == 0
    assert fetcher.refused == ["file:///etc/passwd", "https://example.com/a.png"]


def test_the_fonts_are_the_projects_own_ibm_plex_sans():
    report, _coordinator = plan_report()

    from pypdf import PdfReader

    reader = PdfReader(services.file_of(report))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    assert fonts and all("IBM-Plex-Sans" in name for name in fonts), fonts


def test_the_status_report_is_sbsts_and_counts_trial_actions_by_state(
    client_for, django_capture_on_commit_callbacks
):
    programme, coordinator = approved_plan()
    trial_actions.planned(programme)
    trial_actions.running(programme, title="Borgeren deltager i et åbent fællesskab")
    consultant = ConsultantFactory()
    url = reverse("reports:report_request", kwargs={"programme_pk": programme.pk})

    refused = client_for(coordinator).post(url, {"document": "programme_status"})
    with django_capture_on_commit_callbacks(execute=True):
        client_for(consultant).post(url, {"document": "programme_status"})

    assert refused.status_code == 403
    report = Report.objects.get(document="programme_status")
    text = read_pdf(_file(report)).text
    assert "Status for Roskilde" in text and "Forberede" in text
    assert "2 prøvehandlinger efter status" in text
    states = text.split("2 prøvehandlinger efter status", 1)[1]
    assert "Planlagt" in states and "Afprøves" in states
    detail = reverse(
        "reports:report_detail", kwargs={"programme_pk": programme.pk, "report_pk": report.pk}
    )
    assert client_for(coordinator).get(detail).status_code == 404


@pytest.mark.cross_tenant
def test_a_whole_cohorts_status_is_one_pdf_for_sbst_staff(
    client_for, django_capture_on_commit_callbacks
):
    first, coordinator = approved_plan("Roskilde")
    for name in ("Herning", "Aarhus"):
        ProgrammeFactory(municipality=municipality(name), cohort=first.cohort)
    url = reverse("reports:cohort_report_list", kwargs={"cohort_pk": first.cohort_id})

    refused = client_for(coordinator).post(url)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(ConsultantFactory()).post(url)

    assert refused.status_code == 404
    report = CohortReport.objects.get()
    assert report.state == ReportState.DONE
    text = read_pdf(_file(report)).text
    assert all(name in text for name in ("Roskilde", "Herning", "Aarhus"))


def test_a_finished_report_does_not_move_again():
    report, _coordinator = plan_report()

    with pytest.raises(services.DomainError):
        services.transition(report, ReportState.RUNNING)


def test_the_file_is_written_under_a_temporary_name_then_renamed(monkeypatch, settings):
    renames = []
    real = services.os.replace
    monkeypatch.setattr(services.os, "replace", lambda a, b: renames.append((a, b)) or real(a, b))

    report, _coordinator = plan_report()

    [(temporary, final)] = renames
    assert Path(temporary).parent == Path(final).parent
    assert Path(temporary).name.startswith(".") and Path(temporary).suffix == ".tmp"
    assert sorted(p.name for p in Path(final).parent.iterdir()) == [Path(final).name]


def test_the_report_list_asks_as_often_for_five_reports_as_for_one(client_for, count_queries):
    report, coordinator = plan_report()
    programme = report.programme
    client = client_for(coordinator)
    url = reverse("reports:report_list", kwargs={"programme_pk": programme.pk})
    client.get(url)
    one = count_queries(lambda: client.get(url))
    plan = programme.development_plan
    for number in range(4):
        plan_services.change_plan(programme, by=coordinator, introduction=f"Udgave {number}.")
        plan_services.approve_plan(plan, by=steering_member(programme))
        services.request_development_plan(programme, by=coordinator)

    five = count_queries(lambda: client.get(url))

    assert Report.objects.count() == 5
    assert five == one


@pytest.mark.cross_tenant
def test_the_cohorts_report_list_asks_as_often_for_five_reports_as_for_one(
    client_for, count_queries
):
    programme, _coordinator = approved_plan()
    consultant = ConsultantFactory()
    client = client_for(consultant)
    url = reverse("reports:cohort_report_list", kwargs={"cohort_pk": programme.cohort_id})
    services.request_cohort_status(programme.cohort, by=consultant)
    client.get(url)
    one = count_queries(lambda: client.get(url))
    for name in ("Herning", "Aarhus", "Odense", "Vejle"):
        ProgrammeFactory(municipality=municipality(name), cohort=programme.cohort)
        services.request_cohort_status(programme.cohort, by=consultant)

    five = count_queries(lambda: client.get(url))

    assert CohortReport.objects.count() == 5
    assert five == one


def test_the_status_is_frozen_in_danish_whatever_language_the_consultant_reads():
    programme, _coordinator = approved_plan()

    with translation.override("en"):
        report, _created = services.request_programme_status(programme, by=ConsultantFactory())

    [fact] = report.source["programmes"]
    assert fact["gate"] == [
        {
            "code": "development_plan_approved",
            "label": "Udviklingsplanen er godkendt af styregruppen.",
            "met": True,
            "checkable": True,
        }
    ]


def test_the_programme_page_offers_sbst_the_cohorts_status_reports(client_for):
    programme, coordinator = approved_plan()
    url = reverse("programmes:programme_detail", kwargs={"programme_pk": programme.pk})
    cohort_reports = reverse(
        "reports:cohort_report_list", kwargs={"cohort_pk": programme.cohort_id}
    )

    as_sbst = client_for(ConsultantFactory()).get(url).content.decode()
    as_coordinator = client_for(coordinator).get(url).content.decode()

    assert cohort_reports in as_sbst and "Lav statusrapport som PDF" in as_sbst
    assert cohort_reports not in as_coordinator and "Lav PDF af udviklingsplanen" in as_coordinator
