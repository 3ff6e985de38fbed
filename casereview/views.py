"""Thin views: fetch through the scope, check the right, call a form or a service, render.

Every page that shows a case's findings records the read in the audit log (`audit.py`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from programmes.activity import for_object
from programmes.canonical import at_home, canonical
from programmes.errors import DomainError
from programmes.models import Municipality, Principle, Programme
from programmes.pages import show_refusal
from programmes.permissions import require
from programmes.scoping import get_for_user_or_404
from programmes.selectors import programme_for

from . import audit, permissions, services, summary
from .forms import CaseForms
from .models import TARGET_CASES, PrincipleFinding, ReviewedCase

READS_PER_PAGE = 50


def _programme(request, programme_pk) -> Programme:
    """The programme through the user's scope (404), then the review's right (403)."""
    programme = programme_for(request.user, programme_pk)
    require(permissions.can_read_review(request.user, programme))
    return programme


def _case(request, case_pk) -> ReviewedCase:
    case = get_for_user_or_404(
        ReviewedCase.objects.select_related("programme__municipality", "programme__cohort"),
        request.user,
        pk=case_pk,
    )
    at_home(request, programme_pk=case.programme_id)
    require(permissions.can_read_review(request.user, case.programme))
    return case


def _to_review(programme):
    return redirect("casereview:review", programme_pk=programme.pk)


def _to_case(case):
    return redirect("casereview:case_detail", programme_pk=case.programme_id, case_pk=case.pk)


@login_required
@require_GET
def review(request, programme_pk):
    """The review's summary: the principles × cases grid, the shares, the citizen's own voice
    in the documents, and how many of the ten cases are missing. Each case shown is a read."""
    programme = _programme(request, programme_pk)
    cases = list(
        ReviewedCase.objects.for_user(request.user)
        .filter(programme_id=programme.pk)
        .order_by("created_at", "id")
    )
    findings = (
        PrincipleFinding.objects.for_user(request.user)
        .filter(case__programme_id=programme.pk)
        .values_list("case_id", "principle", "shows")
    )
    audit.record_reads(cases, by=request.user)
    return render(
        request,
        "casereview/review.html",
        {
            "programme": programme,
            "cases": cases,
            "rows": summary.principle_rows([case.pk for case in cases], findings) if cases else [],
            "presence": summary.presence_rows(cases) if cases else [],
            "target": TARGET_CASES,
            "missing": max(TARGET_CASES - len(cases), 0),
            "can_change": permissions.can_change_review(request.user, programme),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_add(request, programme_pk):
    """Record one more case, up to the ten of the concept."""
    programme = _programme(request, programme_pk)
    require(permissions.can_change_review(request.user, programme))
    full = ReviewedCase.objects.filter(programme_id=programme.pk).count() >= TARGET_CASES
    if request.method == "GET" and full:
        messages.info(
            request,
            _(
                "Gennemgangen har allerede sine %(target)d sager. Fjern en sag, før du "
                "registrerer en ny."
            )
            % {"target": TARGET_CASES},
        )
        return _to_review(programme)
    data = request.POST if request.method == "POST" else None
    forms = CaseForms(data, programme=programme)
    if data is not None and forms.is_valid():
        try:
            case = services.record_case(
                programme,
                by=request.user,
                details=forms.details(),
                findings=forms.finding_values(),
            )
        except DomainError as error:
            show_refusal(request, forms.case, error)
        else:
            messages.success(request, _("Sagen er registreret."))
            return _to_case(case)
    return render(
        request,
        "casereview/case_form.html",
        {"programme": programme, "forms": forms, "case": None},
    )


@login_required
@require_GET
@canonical
def case_detail(request, programme_pk, case_pk):
    """One case with its findings and notes; the read is recorded."""
    case = _case(request, case_pk)
    findings = {row.principle: row for row in case.findings.all()}
    audit.record_read(case)
    return render(
        request,
        "casereview/case_detail.html",
        {
            "programme": case.programme,
            "case": case,
            "findings": [(principle, findings.get(principle.value)) for principle in Principle],
            "events": list(for_object(case)),
            "can_change": permissions.can_change_review(request.user, case.programme),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def case_edit(request, programme_pk, case_pk):
    """Change a case and its findings in one form; the form shown is a read."""
    case = _case(request, case_pk)
    programme = case.programme
    require(permissions.can_change_review(request.user, programme))
    data = request.POST if request.method == "POST" else None
    forms = CaseForms(data, programme=programme, case=case)
    if data is None:
        audit.record_read(case)
    elif forms.is_valid():
        try:
            services.change_case(
                case,
                by=request.user,
                details=forms.details(),
                findings=forms.finding_values(),
            )
        except DomainError as error:
            show_refusal(request, forms.case, error)
        else:
            messages.success(request, _("Sagen er gemt."))
            return _to_case(case)
    return render(
        request,
        "casereview/case_form.html",
        {"programme": programme, "forms": forms, "case": case},
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def case_remove(request, programme_pk, case_pk):
    """Ask, then remove the case and its findings from the review."""
    case = _case(request, case_pk)
    programme = case.programme
    require(permissions.can_change_review(request.user, programme))
    if request.method == "POST":
        try:
            services.remove_case(case, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return _to_case(case)
        messages.success(
            request, _("Sagen »%(label)s« er fjernet fra gennemgangen.") % {"label": case.label}
        )
        return _to_review(programme)
    return render(request, "casereview/case_remove.html", {"programme": programme, "case": case})


@login_required
@require_GET
def read_log(request):
    """Who read which case of which programme, and when: SBST's administrators' alone. Other
    SBST staff are refused; for everyone else the page does not exist."""
    if not request.user.is_sbst:
        raise Http404
    require(permissions.can_see_reads(request.user))
    municipalities = list(Municipality.objects.order_by("name"))
    by_pk = {m.pk: m for m in municipalities}
    chosen = by_pk.get(_int(request.GET.get("kommune")))
    reads = audit.reads()
    if chosen is not None:
        reads = reads.filter(additional_data__municipality_id=chosen.pk)
    page = Paginator(reads, READS_PER_PAGE).get_page(request.GET.get("side"))
    entries = list(page.object_list)
    programme_ids = {(e.additional_data or {}).get("programme_id") for e in entries}
    programmes = Programme.objects.filter(pk__in=programme_ids - {None}).select_related("cohort")
    programmes = {p.pk: p for p in programmes}
    for entry in entries:
        data = entry.additional_data or {}
        entry.municipality = by_pk.get(data.get("municipality_id"))
        entry.programme = programmes.get(data.get("programme_id"))
    return render(
        request,
        "casereview/read_log.html",
        {
            "page": page,
            "entries": entries,
            "municipalities": municipalities,
            "chosen": chosen,
        },
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
