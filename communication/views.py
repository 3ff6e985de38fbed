"""Thin views of the communication plan: fetch through the scope, check the right, call a
form or a service, render."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from programmes.activity import for_object
from programmes.canonical import at_home, canonical
from programmes.errors import DomainError
from programmes.pages import back_or
from programmes.permissions import require
from programmes.scoping import get_for_user_or_404
from programmes.selectors import programme_for

from . import permissions, selectors, services
from .forms import ActivityForm, StatusFilterForm
from .models import ActivityStatus, CommunicationActivity, copenhagen_today


def _activity(request, comm_activity_pk) -> CommunicationActivity:
    """The activity through the user's scope; a URL that names it under another programme
    sends a GET on to its own URL and answers anything else with 404."""
    activity = get_for_user_or_404(
        CommunicationActivity.objects.with_overdue().select_related(
            "programme__municipality", "programme__cohort", "responsible__group"
        ),
        request.user,
        pk=comm_activity_pk,
    )
    at_home(request, programme_pk=activity.programme_id)
    return activity


def _list_url(programme_id) -> str:
    return reverse("communication:activity_list", kwargs={"programme_pk": programme_id})


def _detail_url(activity) -> str:
    return reverse(
        "communication:activity_detail",
        kwargs={"programme_pk": activity.programme_id, "comm_activity_pk": activity.pk},
    )


def _show_refusal(request, form, error: DomainError) -> None:
    if error.field in form.fields:
        form.add_error(error.field, error.message)
    else:
        form.add_error(None, error.message)


def _activity_values(form) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "audience": data["audience"],
        "channel": data["channel"],
        "message": data["message"],
        "materials": data["materials"],
        "responsible": data["responsible"],
        "planned_on": data["planned_on"],
        "status": data["status"],
    }


def _mark_permissions(user, activities) -> list:
    activities = list(activities)
    for activity in activities:
        activity.can_mark_done = (
            activity.status == ActivityStatus.PLANNED and permissions.can_mark_done(user, activity)
        )
    return activities


@login_required
@require_GET
def activity_list(request, programme_pk):
    """The plan as a table in date order, filtered by status (kept in the URL)."""
    programme = programme_for(request.user, programme_pk)
    today = copenhagen_today()
    status_form = StatusFilterForm(request.GET or None)
    status = status_form.chosen() if request.GET else ""
    activities = selectors.plan_activities(programme, request.user, today=today)
    shown = list(selectors.filtered(activities, status, today=today))
    for activity in shown:
        activity.programme = programme  # read once for all the rows' permission checks
    return render(
        request,
        "communication/activity_list.html",
        {
            "programme": programme,
            "activities": _mark_permissions(request.user, shown),
            "status_form": status_form,
            "status": status,
            "counts": selectors.plan_counts(programme, request.user, today=today),
            "can_edit": permissions.can_edit_plan(request.user, programme),
        },
    )


@login_required
@require_GET
def activity_calendar(request, programme_pk):
    """The plan as a month calendar (`?maaned=2026-11`), weeks as rows from Monday."""
    programme = programme_for(request.user, programme_pk)
    today = copenhagen_today()
    first, understood = selectors.month_from(request.GET.get("maaned"), today=today)
    activities = selectors.month_activities(programme, request.user, first, today=today)
    weeks = selectors.month_weeks(first, activities, today=today)
    return render(
        request,
        "communication/activity_calendar.html",
        {
            "programme": programme,
            "month": first,
            "understood": understood,
            "weeks": weeks,
            "weekdays": [date_format(day.date, "l") for day in weeks[0].days],
            "previous": selectors.previous_month(first),
            "next": selectors.next_month(first),
            "is_current_month": first == today.replace(day=1),
            "can_edit": permissions.can_edit_plan(request.user, programme),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_add(request, programme_pk):
    """Put a new activity in the plan."""
    programme = programme_for(request.user, programme_pk)
    require(permissions.can_edit_plan(request.user, programme))
    data = request.POST if request.method == "POST" else None
    form = ActivityForm(
        data,
        instance=CommunicationActivity(programme=programme),
        members=selectors.responsible_choices(programme),
    )
    if data is not None and form.is_valid():
        try:
            activity = services.add_activity(programme, by=request.user, **_activity_values(form))
        except DomainError as error:
            _show_refusal(request, form, error)
        else:
            messages.success(
                request,
                _("Aktiviteten »%(title)s« er sat i kommunikationsplanen.")
                % {"title": activity.title},
            )
            return redirect(_list_url(programme.pk))
    return render(
        request,
        "communication/activity_form.html",
        {"programme": programme, "form": form, "activity": None},
    )


@login_required
@require_GET
@canonical
def activity_detail(request, programme_pk, comm_activity_pk):
    """One activity with its message, materials and history."""
    activity = _activity(request, comm_activity_pk)
    return render(
        request,
        "communication/activity_detail.html",
        {
            "programme": activity.programme,
            "activity": _mark_permissions(request.user, [activity])[0],
            "events": list(for_object(activity)),
            "can_edit": permissions.can_edit_plan(request.user, activity.programme),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def activity_edit(request, programme_pk, comm_activity_pk):
    """Change an activity of the plan, its status included."""
    activity = _activity(request, comm_activity_pk)
    programme = activity.programme
    require(permissions.can_edit_plan(request.user, programme))
    data = request.POST if request.method == "POST" else None
    form = ActivityForm(
        data,
        instance=copy.copy(activity),  # the form sets what it cleaned on its instance
        members=selectors.responsible_choices(programme),
    )
    if data is not None and form.is_valid():
        try:
            services.change_activity(activity, by=request.user, **_activity_values(form))
        except DomainError as error:
            _show_refusal(request, form, error)
        else:
            messages.success(request, _("Aktiviteten er gemt."))
            return redirect(_detail_url(activity))
    return render(
        request,
        "communication/activity_form.html",
        {"programme": programme, "form": form, "activity": activity},
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def activity_remove(request, programme_pk, comm_activity_pk):
    """Ask whether to take the activity out of the plan (GET), and do it (POST)."""
    activity = _activity(request, comm_activity_pk)
    programme = activity.programme
    require(permissions.can_edit_plan(request.user, programme))
    if request.method == "POST":
        try:
            services.remove_activity(activity, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(_detail_url(activity))
        messages.success(
            request,
            _("Aktiviteten »%(title)s« er fjernet fra kommunikationsplanen.")
            % {"title": activity.title},
        )
        return redirect(_list_url(programme.pk))
    return render(
        request,
        "communication/activity_remove.html",
        {"programme": programme, "activity": activity},
    )


@login_required
@canonical
def activity_done(request, programme_pk, comm_activity_pk):
    """The responsible person (or anyone who edits the plan) marks the activity done."""
    activity = _activity(request, comm_activity_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(permissions.can_mark_done(request.user, activity))
    try:
        services.mark_activity_done(activity, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Aktiviteten »%(title)s« er markeret som gennemført.") % {"title": activity.title},
        )
    return back_or(request, redirect(_detail_url(activity)))
