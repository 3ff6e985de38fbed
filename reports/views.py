"""Thin views: fetch through the scope, check the right, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_scopes import scopes_disabled

from programmes.canonical import at_home, canonical
from programmes.errors import DomainError
from programmes.models import Cohort
from programmes.permissions import require
from programmes.scoping import get_for_user_or_404
from programmes.selectors import programme_for

from . import permissions, services
from .models import CohortReport, Document, Report, ReportState


def _report(request, report_pk) -> Report:
    report = get_for_user_or_404(
        Report.objects.select_related(
            "programme__municipality", "programme__cohort", "requested_by"
        ),
        request.user,
        pk=report_pk,
    )
    if not permissions.can_read(request.user, report.document):
        raise Http404
    at_home(request, programme_pk=report.programme_id)
    return report


def _told(request, report, created: bool) -> None:
    if report.state == ReportState.QUEUED and report.handed_over_at is None:
        messages.warning(
            request,
            _(
                "PDF'en er bestilt, men venter: opgavekøen svarer ikke lige nu. Den sendes "
                "videre af sig selv, så snart køen er tilbage."
            ),
        )
    elif created or not report.is_finished:
        messages.success(request, _("PDF'en er bestilt. Siden viser, når den er klar."))
    elif report.state == ReportState.DONE:
        messages.info(
            request, _("PDF'en af netop denne version findes allerede. Her er den samme fil.")
        )


def _state_page(request, report, template: str, context: dict):
    """The report's page, or for htmx's polling (which names the state it shows) the state
    fragment: 204, nothing to swap, while the state is still the one shown."""
    if not request.htmx:
        return render(request, template, context)
    if request.GET.get("shown") == report.progress:
        return HttpResponse(status=204)
    return render(request, "reports/_report_state.html#poll", context)


@login_required
@require_GET
def report_list(request, programme_pk):
    """The programme's PDF documents the user may read, newest first, and the buttons to ask
    for new ones."""
    programme = programme_for(request.user, programme_pk)
    reports = list(
        Report.objects.for_user(request.user)
        .filter(
            programme_id=programme.pk, document__in=permissions.readable_documents(request.user)
        )
        .select_related("requested_by")
        .defer("source")
    )
    return render(
        request,
        "reports/report_list.html",
        {
            "programme": programme,
            "reports": reports,
            "can_request_plan": permissions.can_request(
                request.user, programme, Document.DEVELOPMENT_PLAN
            ),
            "can_request_anchoring": permissions.offers_anchoring_plan(request.user, programme),
            "can_request_status": permissions.can_request(
                request.user, programme, Document.PROGRAMME_STATUS
            ),
        },
    )


@login_required
@require_POST
def report_request(request, programme_pk):
    """Ask for a document ("Lav PDF"); the answer comes at once, the file later."""
    programme = programme_for(request.user, programme_pk)
    document = request.POST.get("document", "")
    if document not in (
        Document.DEVELOPMENT_PLAN,
        Document.ANCHORING_PLAN,
        Document.PROGRAMME_STATUS,
    ):
        messages.error(request, _("Vælg et af dokumenterne på siden."))
        return redirect("reports:report_list", programme_pk=programme.pk)
    require(permissions.can_request(request.user, programme, document))
    try:
        if document == Document.DEVELOPMENT_PLAN:
            report, created = services.request_development_plan(programme, by=request.user)
        elif document == Document.ANCHORING_PLAN:
            report, created = services.request_anchoring_plan(programme, by=request.user)
        else:
            report, created = services.request_programme_status(programme, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("reports:report_list", programme_pk=programme.pk)
    report.refresh_from_db()
    _told(request, report, created)
    return redirect(services.report_url(report))


@login_required
@require_GET
@canonical
def report_detail(request, programme_pk, report_pk):
    """Where the report stands; polled by htmx until it is finished, then the download."""
    report = _report(request, report_pk)
    context = {"programme": report.programme, "report": report, "kind": "programme"}
    return _state_page(request, report, "reports/report_detail.html", context)


def _file_response(report, name: str):
    path = services.file_of(report)
    if path is None:
        raise Http404
    try:
        handle = open(path, "rb")  # noqa: SIM115 - FileResponse closes it
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle, as_attachment=True, filename=f"{name}.pdf", content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
@canonical
def report_download(request, programme_pk, report_pk):
    """The file, to everyone who may read the programme's document of this kind."""
    report = _report(request, report_pk)
    name = slugify(
        f"{report.get_document_display()} {report.programme.municipality.name} "
        f"{report.source_version}"
    )
    return _file_response(report, name)


# A whole cohort's status, for SBST staff ----------------------------------------------------


def _sbst_only(request) -> None:
    """A cohort's reports are SBST's; to anyone else they do not exist."""
    if not permissions.can_use_cohort_reports(request.user):
        raise Http404


def _cohort(request, cohort_pk) -> Cohort:
    _sbst_only(request)
    return get_object_or_404(Cohort, pk=cohort_pk)


def _cohort_report(request, cohort_report_pk) -> CohortReport:
    _sbst_only(request)
    report = get_object_or_404(
        CohortReport.objects.select_related("cohort", "requested_by"), pk=cohort_report_pk
    )
    at_home(request, cohort_pk=report.cohort_id)
    return report


@login_required
@require_http_methods(["GET", "POST"])
def cohort_report_list(request, cohort_pk):
    """The cohort's status reports, and the button for a new one."""
    cohort = _cohort(request, cohort_pk)
    if request.method == "POST":
        try:
            with scopes_disabled():  # the status of every municipality of the cohort
                report, created = services.request_cohort_status(cohort, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("reports:cohort_report_list", cohort_pk=cohort.pk)
        report.refresh_from_db()
        _told(request, report, created)
        return redirect(services.report_url(report))
    reports = list(
        CohortReport.objects.filter(cohort_id=cohort.pk)
        .select_related("requested_by")
        .defer("source")
    )
    return render(
        request, "reports/cohort_report_list.html", {"cohort": cohort, "reports": reports}
    )


@login_required
@require_GET
@canonical
def cohort_report_detail(request, cohort_pk, cohort_report_pk):
    report = _cohort_report(request, cohort_report_pk)
    context = {"cohort": report.cohort, "report": report, "kind": "cohort"}
    return _state_page(request, report, "reports/cohort_report_detail.html", context)


@login_required
@require_GET
@canonical
def cohort_report_download(request, cohort_pk, cohort_report_pk):
    report = _cohort_report(request, cohort_report_pk)
    return _file_response(report, slugify(f"status {report.cohort.name} {report.source_version}"))
