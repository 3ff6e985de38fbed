"""Thin views: fetch through the scope, check the right, call a form or a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from plans.models import Goal
from programmes.activity import for_object
from programmes.canonical import at_home, canonical
from programmes.errors import DomainError
from programmes.pages import show_refusal
from programmes.permissions import require
from programmes.scoping import get_for_user_or_404
from trial_actions.models import TrialAction

from . import permissions, runchart, selectors, services
from .forms import MeasureForm, PointForm
from .models import Measure, MeasurePoint


def _measure(request, measure_pk) -> Measure:
    measure = get_for_user_or_404(
        Measure.objects.select_related(
            "programme__municipality",
            "programme__cohort",
            "trial_action__programme",
            "goal__plan__programme",
        ),
        request.user,
        pk=measure_pk,
    )
    at_home(request, programme_pk=measure.programme_id)
    return measure


def _point(request, point_pk) -> MeasurePoint:
    point = get_for_user_or_404(
        MeasurePoint.objects.select_related(
            "measure__programme__municipality",
            "measure__programme__cohort",
            "measure__trial_action__programme",
            "measure__goal__plan__programme",
        ),
        request.user,
        pk=point_pk,
    )
    at_home(request, programme_pk=point.measure.programme_id, measure_pk=point.measure_id)
    return point


def _to_measure(measure, anchor=""):
    url = reverse(
        "measures:measure_detail",
        kwargs={"programme_pk": measure.programme_id, "measure_pk": measure.pk},
    )
    return redirect(f"{url}{anchor}")


def owner_url(owner) -> str:
    """The page that shows `owner`'s measures."""
    if isinstance(owner, Goal):
        url = reverse("plans:plan_detail", kwargs={"programme_pk": owner.plan.programme_id})
        return f"{url}#maal-{owner.pk}"
    return reverse(
        "trial_actions:trial_action_detail",
        kwargs={"programme_pk": owner.programme_id, "trial_action_pk": owner.pk},
    )


def _owner_context(owner) -> dict:
    return {
        "owner": owner,
        "owner_is_goal": isinstance(owner, Goal),
        "owner_url": owner_url(owner),
        "programme": permissions.programme_of(owner),
    }


def _add(request, owner):
    require(permissions.can_edit_measures_of(request.user, owner))
    data = request.POST if request.method == "POST" else None
    form = MeasureForm(data)
    if data is not None and form.is_valid():
        try:
            measure = services.add_measure(owner, by=request.user, **form.values)
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(
                request,
                _("Målingen »%(name)s« er oprettet. Skriv nu dens første punkt.")
                % {"name": measure.name},
            )
            return _to_measure(measure, "#punkter")
    return render(
        request,
        "measures/measure_form.html",
        {**_owner_context(owner), "form": form, "measure": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def trial_action_measure_add(request, programme_pk, trial_action_pk):
    trial_action = get_for_user_or_404(
        TrialAction.objects.select_related("programme__municipality", "programme__cohort"),
        request.user,
        pk=trial_action_pk,
    )
    at_home(request, programme_pk=trial_action.programme_id)
    return _add(request, trial_action)


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def goal_measure_add(request, programme_pk, goal_pk):
    goal = get_for_user_or_404(
        Goal.objects.select_related("plan__programme__municipality", "plan__programme__cohort"),
        request.user,
        pk=goal_pk,
    )
    at_home(request, programme_pk=goal.plan.programme_id)
    return _add(request, goal)


@login_required
@require_GET
@canonical
def measure_detail(request, programme_pk, measure_pk):
    """The run chart with the verdict beside it, the points and the measure's history."""
    measure = _measure(request, measure_pk)
    owner = measure.owner
    points = list(measure.points.order_by("measured_on", "id"))
    linked = selectors.linked_trial_actions(measure, request.user)
    starts = [runchart.start_of(action) for action in linked]
    verdict = runchart.verdict_of(points)
    can_edit = permissions.can_edit_measure(request.user, measure)
    return render(
        request,
        "measures/measure_detail.html",
        {
            **_owner_context(owner),
            "programme": measure.programme,
            "measure": measure,
            "points": [
                (point, runchart.format_point(measure.unit, point.value)) for point in points
            ],
            "chart": runchart.run_chart(measure, points, starts),
            "verdict": verdict,
            "verdict_text": runchart.verdict_text(verdict),
            "verdict_label": runchart.verdict_label(verdict),
            "median": runchart.format_point(measure.unit, verdict.median),
            "linked": list(zip(linked, starts, strict=True)),
            "can_edit": can_edit,
            "point_form": PointForm(measure=measure) if can_edit else None,
            "events": list(for_object(measure)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def measure_edit(request, programme_pk, measure_pk):
    measure = _measure(request, measure_pk)
    require(permissions.can_edit_measure(request.user, measure))
    data = request.POST if request.method == "POST" else None
    form = MeasureForm(data, initial=MeasureForm.initial_for(measure))
    if data is not None and form.is_valid():
        try:
            services.change_measure(measure, by=request.user, **form.values)
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(request, _("Målingen er gemt."))
            return _to_measure(measure)
    return render(
        request,
        "measures/measure_form.html",
        {**_owner_context(measure.owner), "form": form, "measure": measure},
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def measure_remove(request, programme_pk, measure_pk):
    """Ask, then remove a measure with its points."""
    measure = _measure(request, measure_pk)
    owner = measure.owner
    require(permissions.can_edit_measure(request.user, measure))
    if request.method == "POST":
        try:
            services.remove_measure(measure, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return _to_measure(measure)
        messages.success(request, _("Målingen »%(name)s« er fjernet.") % {"name": measure.name})
        return redirect(owner_url(owner))
    count = measure.points.count()
    return render(
        request,
        "measures/confirm_remove.html",
        {
            **_owner_context(owner),
            "measure": measure,
            "title": _("Fjern målingen »%(name)s«") % {"name": measure.name},
            "question": ngettext(
                "Målingen fjernes med %(count)d punkt. Det kan ikke fortrydes.",
                "Målingen fjernes med sine %(count)d punkter. Det kan ikke fortrydes.",
                count,
            )
            % {"count": count},
            "button": _("Fjern målingen"),
        },
    )


def _point_form(request, measure, point=None):
    """The page that adds a point to `measure`, or changes `point`."""
    require(permissions.can_edit_measure(request.user, measure))
    data = request.POST if request.method == "POST" else None
    initial = PointForm.initial_for(point) if point is not None else None
    form = PointForm(data, initial=initial, measure=measure)
    if data is not None and form.is_valid():
        try:
            if point is None:
                services.add_point(measure, by=request.user, **form.values)
            else:
                services.change_point(point, by=request.user, **form.values)
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            if point is None:
                messages.success(request, _("Punktet er føjet til målingen."))
            else:
                messages.success(request, _("Punktet er gemt."))
            return _to_measure(measure, "#punkter")
    return render(
        request,
        "measures/point_form.html",
        {**_owner_context(measure.owner), "measure": measure, "form": form, "point": point},
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def point_add(request, programme_pk, measure_pk):
    return _point_form(request, _measure(request, measure_pk))


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def point_edit(request, programme_pk, measure_pk, point_pk):
    point = _point(request, point_pk)
    return _point_form(request, point.measure, point)


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def point_remove(request, programme_pk, measure_pk, point_pk):
    point = _point(request, point_pk)
    measure = point.measure
    require(permissions.can_edit_measure(request.user, measure))
    if request.method == "POST":
        try:
            services.remove_point(point, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Punktet er fjernet."))
        return _to_measure(measure, "#punkter")
    value = runchart.format_point(measure.unit, point.value)
    return render(
        request,
        "measures/confirm_remove.html",
        {
            **_owner_context(measure.owner),
            "measure": measure,
            "title": _("Fjern punktet den %(date)s")
            % {"date": runchart.date_format(point.measured_on, "DATE_FORMAT")},
            "question": _("Punktet %(value)s fjernes fra målingen »%(name)s«.")
            % {"value": value, "name": measure.name},
            "button": _("Fjern punktet"),
        },
    )
