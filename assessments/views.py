"""Thin views: fetch through the scope, check the right, call a form or a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programmes.activity import for_object
from programmes.errors import DomainError
from programmes.permissions import require
from programmes.scoping import get_for_user_or_404
from programmes.selectors import programme_for

from . import permissions, selectors, services
from .forms import DimensionForm, RatingForm, VersionForm
from .models import Assessment, Dimension


def _to_list(programme):
    return redirect("assessments:assessment_list", programme_pk=programme.pk)


@login_required
@require_GET
def assessment_list(request, programme_pk):
    """The profile of the latest version against the previous one, and every version."""
    programme = programme_for(request.user, programme_pk)
    return render(
        request,
        "assessments/assessment_list.html",
        {
            "programme": programme,
            "profile": selectors.profile(programme),
            "versions": list(selectors.versions(programme)),
            "can_add": permissions.can_add_assessment(request.user, programme),
        },
    )


@login_required
@require_GET
def assessment_detail(request, programme_pk, assessment_number):
    """One version as it was saved: each dimension's score, justification and evidence."""
    programme = programme_for(request.user, programme_pk)
    assessment = get_for_user_or_404(
        selectors.with_ratings(Assessment.objects.select_related("created_by")),
        request.user,
        programme_id=programme.pk,
        number=assessment_number,
    )
    newer = (
        Assessment.objects.filter(programme_id=programme.pk, number__gt=assessment.number)
        .order_by("number")
        .values_list("number", flat=True)
        .first()
    )
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "programme": programme,
            "assessment": assessment,
            "ratings": list(assessment.ratings.all()),
            "newer": newer,
            "older": assessment.number - 1 if assessment.number > 1 else None,
            "events": list(for_object(assessment)),
        },
    )


def _rating_forms(data, dimensions, latest):
    """One form per dimension in use, filled in from the latest version."""
    earlier = {r.dimension_id: r for r in latest.ratings.all()} if latest else {}
    forms = []
    for dimension in dimensions:
        rating = earlier.get(dimension.pk)
        initial = (
            {
                "score": rating.score,
                "justification": rating.justification,
                "evidence": rating.evidence,
            }
            if rating
            else {}
        )
        forms.append(RatingForm(data, dimension=dimension, initial=initial))
    return forms


@login_required
@require_http_methods(["GET", "POST"])
def assessment_add(request, programme_pk):
    """A new dated version: every dimension in use, filled in from the latest version."""
    programme = programme_for(request.user, programme_pk)
    require(permissions.can_add_assessment(request.user, programme))
    dimensions = list(Dimension.objects.filter(is_active=True))
    latest = services.latest_assessment(programme)
    data = request.POST if request.method == "POST" else None
    form = VersionForm(
        data,
        initial={
            "assessed_on": timezone.localdate(),
            "summary": latest.summary if latest else "",
        },
    )
    rating_forms = _rating_forms(data, dimensions, latest)
    if data is not None and all([form.is_valid()] + [f.is_valid() for f in rating_forms]):
        try:
            assessment, created = services.add_assessment(
                programme,
                by=request.user,
                assessed_on=form.cleaned_data["assessed_on"],
                summary=form.cleaned_data["summary"],
                ratings=[f.rating() for f in rating_forms],
            )
        except DomainError as error:
            if error.field in form.fields:
                form.add_error(error.field, error.message)
            else:
                form.add_error(None, error.message)
        else:
            if not created:
                messages.info(
                    request,
                    _(
                        "Intet er ændret siden version %(number)s, så der er ikke gemt en "
                        "ny version."
                    )
                    % {"number": assessment.number},
                )
                return _to_list(programme)
            messages.success(
                request,
                _("Version %(number)s af den organisatoriske ramme er gemt.")
                % {"number": assessment.number},
            )
            return redirect(
                "assessments:assessment_detail",
                programme_pk=programme.pk,
                assessment_number=assessment.number,
            )
    return render(
        request,
        "assessments/assessment_form.html",
        {
            "programme": programme,
            "form": form,
            "rating_forms": rating_forms,
            "latest": latest,
            "has_errors": bool(form.errors) or any(f.errors for f in rating_forms),
        },
    )


def _dimension_reader(request):
    """SBST staff read the dimensions; for anyone else the pages do not exist."""
    if not permissions.can_read_dimensions(request.user):
        raise Http404


def _render_dimensions(request, form=None):
    can_manage = permissions.can_manage_dimensions(request.user)
    if form is None and can_manage:
        form = DimensionForm(initial={"position": services.next_position()})
    return render(
        request,
        "assessments/dimension_list.html",
        {
            "dimensions": list(Dimension.objects.all()),
            "can_manage": can_manage,
            "form": form,
        },
    )


@login_required
@require_GET
def dimension_list(request):
    """SBST's list of dimensions; its administrators add one at the bottom of the page."""
    _dimension_reader(request)
    return _render_dimensions(request)


@login_required
@require_POST
def dimension_add(request):
    """An SBST administrator adds a dimension (the form is on the list page)."""
    _dimension_reader(request)
    require(permissions.can_manage_dimensions(request.user))
    form = DimensionForm(request.POST)
    if form.is_valid():
        try:
            dimension = services.create_dimension(by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request, _("Dimensionen »%(name)s« er tilføjet.") % {"name": dimension.name}
            )
            return redirect("assessments:dimension_list")
    return _render_dimensions(request, form)


def _dimension(request, dimension_pk) -> Dimension:
    _dimension_reader(request)
    return get_object_or_404(Dimension, pk=dimension_pk)


@login_required
@require_http_methods(["GET", "POST"])
def dimension_edit(request, dimension_pk):
    """An SBST administrator changes a dimension's name, description or place in the list."""
    dimension = _dimension(request, dimension_pk)
    require(permissions.can_manage_dimensions(request.user))
    data = request.POST if request.method == "POST" else None
    form = DimensionForm(data, instance=dimension)
    if data is not None and form.is_valid():
        try:
            changed = services.change_dimension(dimension, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if changed:
                messages.success(request, _("Dimensionen er gemt."))
            else:
                messages.info(request, _("Der var ingen ændringer at gemme."))
            return redirect("assessments:dimension_list")
    return render(
        request,
        "assessments/dimension_form.html",
        {"dimension": Dimension.objects.get(pk=dimension.pk), "form": form},
    )


def _set_active(request, dimension_pk, *, active: bool):
    dimension = _dimension(request, dimension_pk)
    require(permissions.can_manage_dimensions(request.user))
    try:
        changed = services.set_dimension_active(dimension, by=request.user, active=active)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if changed and active:
            messages.success(
                request, _("Dimensionen »%(name)s« er i brug igen.") % {"name": dimension.name}
            )
        elif changed:
            messages.success(
                request,
                _("Dimensionen »%(name)s« er taget ud af brug.") % {"name": dimension.name},
            )
    return redirect(reverse("assessments:dimension_list") + f"#dimension-{dimension.pk}")


@login_required
@require_POST
def dimension_retire(request, dimension_pk):
    """Later versions no longer rate the dimension; earlier versions keep their ratings."""
    return _set_active(request, dimension_pk, active=False)


@login_required
@require_POST
def dimension_reactivate(request, dimension_pk):
    return _set_active(request, dimension_pk, active=True)
