"""Thin views: fetch through the scope, check the right, call a form or a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from programmes.activity import for_object
from programmes.canonical import at_home, canonical
from programmes.errors import DomainError
from programmes.pages import show_refusal
from programmes.permissions import require
from programmes.scoping import get_for_user_or_404
from programmes.selectors import programme_for
from programmes.versioning.selectors import approved_version, approved_versions, draft_state
from programmes.versioning.views import approve_and_tell, diff_context

from . import permissions, selectors, services
from .forms import GoalForm, PlanForm, SubGoalForm
from .models import DevelopmentPlan, Goal, PlanVersion, SubGoal
from .timeline import sub_goal_timeline
from .versions import diff, plan_goals, readable, snapshot


def _goal(request, goal_pk) -> Goal:
    goal = get_for_user_or_404(
        Goal.objects.select_related(
            "plan__programme__municipality", "plan__programme__cohort", "indicator"
        ),
        request.user,
        pk=goal_pk,
    )
    at_home(request, programme_pk=goal.plan.programme_id)
    return goal


def _sub_goal(request, sub_goal_pk) -> SubGoal:
    sub_goal = get_for_user_or_404(
        SubGoal.objects.select_related(
            "goal__plan__programme__municipality", "goal__plan__programme__cohort", "responsible"
        ),
        request.user,
        pk=sub_goal_pk,
    )
    at_home(request, programme_pk=sub_goal.goal.plan.programme_id)
    return sub_goal


def _to_plan(programme_pk, anchor=""):
    url = reverse("plans:plan_detail", kwargs={"programme_pk": programme_pk})
    return redirect(f"{url}{anchor}")


@login_required
@require_GET
def plan_detail(request, programme_pk):
    """The draft with its goals, sub-goals and timeline; where it stands; its versions."""
    user = request.user
    programme = programme_for(request.user, programme_pk)
    plan = selectors.plan_of(programme, user)
    content = snapshot(plan, plan_goals(plan) if plan else [])
    goals = readable(content)
    versions = approved_versions(plan, user)
    can_approve = permissions.can_approve_plan(user, programme)
    approval_problem = None
    if can_approve:
        approval_problem = services.approval_problem(
            content,
            has_changes=plan is None or plan.has_changes,
            latest=versions[0] if versions else None,
        )
    return render(
        request,
        "plans/plan_detail.html",
        {
            "programme": programme,
            "plan": plan,
            "introduction": content["introduction"],
            "goals": goals,
            "chart": sub_goal_timeline(programme, goals),
            "versions": versions,
            "state": draft_state(plan, versions[0] if versions else None),
            "can_draft": permissions.can_draft_plan(user, programme),
            "can_approve": can_approve,
            "approval_problem": approval_problem,
            "events": list(for_object(plan)) if plan is not None else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, programme_pk):
    """The plan's introduction and the order of its goals."""
    programme = programme_for(request.user, programme_pk)
    require(permissions.can_draft_plan(request.user, programme))
    plan = selectors.plan_of(programme, request.user)
    current = plan.introduction if plan else ""
    goals = list(plan.goals.order_by("position", "id")) if plan else []
    data = request.POST if request.method == "POST" else None
    form = PlanForm(
        data,
        initial={"introduction": current, "shown": services.text_digest(current)},
        goals=goals,
    )
    if data is not None and form.is_valid():
        try:
            services.change_plan(
                programme,
                by=request.user,
                introduction=form.cleaned_data["introduction"],
                goal_order=form.goal_order(),
                shown=form.cleaned_data["shown"] or None,
            )
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(request, _("Udviklingsplanen er gemt."))
            return _to_plan(programme.pk)
    return render(request, "plans/plan_edit.html", {"programme": programme, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def goal_add(request, programme_pk):
    programme = programme_for(request.user, programme_pk)
    require(permissions.can_draft_plan(request.user, programme))
    data = request.POST if request.method == "POST" else None
    form = GoalForm(data)
    if data is not None and form.is_valid():
        try:
            goal = services.add_goal(programme, by=request.user, **form.values)
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(
                request,
                _("Målet »%(title)s« er føjet til planen. Giv det nu sine delmål.")
                % {"title": goal.title},
            )
            return _to_plan(programme.pk, f"#maal-{goal.pk}")
    return render(
        request, "plans/goal_form.html", {"programme": programme, "form": form, "goal": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def goal_edit(request, programme_pk, goal_pk):
    goal = _goal(request, goal_pk)
    programme = goal.plan.programme
    require(permissions.can_draft_plan(request.user, programme))
    data = request.POST if request.method == "POST" else None
    form = GoalForm(data, initial=GoalForm.initial_for(goal), goal=goal)
    if data is not None and form.is_valid():
        try:
            services.change_goal(goal, by=request.user, **form.values)
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(request, _("Målet er gemt."))
            return _to_plan(programme.pk, f"#maal-{goal.pk}")
    return render(
        request, "plans/goal_form.html", {"programme": programme, "form": form, "goal": goal}
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def goal_remove(request, programme_pk, goal_pk):
    """Ask, then remove a goal with its sub-goals (approved versions keep them)."""
    goal = _goal(request, goal_pk)
    programme = goal.plan.programme
    require(permissions.can_draft_plan(request.user, programme))
    if request.method == "POST":
        try:
            services.remove_goal(goal, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Målet »%(title)s« er fjernet.") % {"title": goal.title})
        return _to_plan(programme.pk, "#maal")
    return render(
        request,
        "plans/confirm_remove.html",
        {
            "programme": programme,
            "title": _("Fjern målet »%(title)s«") % {"title": goal.title},
            "question": _(
                "Målet og dets %(count)d delmål fjernes fra udkastet. Godkendte versioner "
                "af planen beholder dem."
            )
            % {"count": goal.sub_goals.count()},
            "button": _("Fjern målet"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def sub_goal_add(request, programme_pk, goal_pk):
    goal = _goal(request, goal_pk)
    programme = goal.plan.programme
    require(permissions.can_draft_plan(request.user, programme))
    data = request.POST if request.method == "POST" else None
    form = SubGoalForm(data, programme=programme)
    if data is not None and form.is_valid():
        try:
            services.add_sub_goal(goal, by=request.user, **form.values)
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(request, _("Delmålet er føjet til målet."))
            return _to_plan(programme.pk, f"#maal-{goal.pk}")
    return render(
        request,
        "plans/sub_goal_form.html",
        {"programme": programme, "form": form, "goal": goal, "sub_goal": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def sub_goal_edit(request, programme_pk, sub_goal_pk):
    sub_goal = _sub_goal(request, sub_goal_pk)
    goal = sub_goal.goal
    programme = goal.plan.programme
    require(permissions.can_draft_plan(request.user, programme))
    data = request.POST if request.method == "POST" else None
    form = SubGoalForm(data, initial=SubGoalForm.initial_for(sub_goal), programme=programme)
    if data is not None and form.is_valid():
        try:
            services.change_sub_goal(sub_goal, by=request.user, **form.values)
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(request, _("Delmålet er gemt."))
            return _to_plan(programme.pk, f"#maal-{goal.pk}")
    return render(
        request,
        "plans/sub_goal_form.html",
        {"programme": programme, "form": form, "goal": goal, "sub_goal": sub_goal},
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def sub_goal_remove(request, programme_pk, sub_goal_pk):
    sub_goal = _sub_goal(request, sub_goal_pk)
    goal = sub_goal.goal
    programme = goal.plan.programme
    require(permissions.can_draft_plan(request.user, programme))
    if request.method == "POST":
        try:
            services.remove_sub_goal(sub_goal, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Delmålet »%(title)s« er fjernet.") % {"title": sub_goal.title}
            )
        return _to_plan(programme.pk, f"#maal-{goal.pk}")
    return render(
        request,
        "plans/confirm_remove.html",
        {
            "programme": programme,
            "title": _("Fjern delmålet »%(title)s«") % {"title": sub_goal.title},
            "question": _(
                "Delmålet fjernes fra målet »%(goal)s« i udkastet. Godkendte versioner af "
                "planen beholder det."
            )
            % {"goal": goal.title},
            "button": _("Fjern delmålet"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_approve(request, programme_pk):
    """A steering-group member approves the draft. A GET (a link followed after signing in
    again) goes to the plan page, where the button is."""
    programme = programme_for(request.user, programme_pk)
    if request.method != "POST":
        return _to_plan(programme.pk, "#godkendelse")
    require(permissions.can_approve_plan(request.user, programme))
    plan = selectors.plan_of(programme, request.user) or DevelopmentPlan(programme=programme)
    approve_and_tell(
        request,
        plan,
        services.approve_plan,
        _("Udviklingsplanen er godkendt som version %(number)s."),
    )
    return _to_plan(programme.pk, "#godkendelse")


@login_required
@require_GET
def version_detail(request, programme_pk, version_number):
    """An approved version as it was approved. A number the plan has not reached is told on
    the plan page, where the versions are listed."""
    programme = programme_for(request.user, programme_pk)
    version = approved_version(PlanVersion, programme, request.user, version_number)
    if version is None:
        messages.error(
            request,
            _("Udviklingsplanen har ingen godkendt version %(number)s.")
            % {"number": version_number},
        )
        return _to_plan(programme.pk, "#versioner")
    goals = readable(version.content)
    return render(
        request,
        "plans/version_detail.html",
        {
            "programme": programme,
            "version": version,
            "introduction": version.content.get("introduction", ""),
            "goals": goals,
            "chart": sub_goal_timeline(programme, goals),
        },
    )


@login_required
@require_GET
def version_diff(request, programme_pk):
    """The differences between two approved versions, or a version and the draft
    (`versioning.views.diff_context`)."""
    programme = programme_for(request.user, programme_pk)
    context = diff_context(
        request,
        programme,
        selectors.plan_of(programme, request.user),
        snapshot=snapshot,
        diff=diff,
        none_yet=_(
            "Udviklingsplanen har ingen godkendt version endnu, så der er intet at sammenligne."
        ),
    )
    return render(request, "plans/version_diff.html", context)
