"""Thin views: fetch through the scope, check the right, call a form or a service, render."""

import contextlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from programmes.activity import for_object
from programmes.canonical import at_home, canonical
from programmes.errors import DomainError
from programmes.pages import show_refusal
from programmes.permissions import require
from programmes.scoping import get_for_user_or_404
from programmes.selectors import programme_for
from programmes.versioning.selectors import approved_version, approved_versions, draft_state
from programmes.versioning.services import text_digest
from programmes.versioning.views import approve_and_tell, diff_context

from . import permissions, selectors, services
from .forms import ItemForm, PlanForm, YieldForm
from .models import AnchoredItem, AnchoringPlan, AnchoringPlanVersion, Source, YieldAnswer
from .versions import diff, readable_items, readable_yield, snapshot


def _item(request, item_pk) -> AnchoredItem:
    item = get_for_user_or_404(
        AnchoredItem.objects.select_related(
            "plan__programme__municipality",
            "plan__programme__cohort",
            "owner",
            "trial_action",
            "goal",
        ),
        request.user,
        pk=item_pk,
    )
    at_home(request, programme_pk=item.plan.programme_id)
    return item


def _linked(groups, programme):
    """Each item's link to the trial action it anchors (while that page exists)."""
    for group in groups:
        for item in group.items:
            if item.source == Source.TRIAL_ACTION and item.source_id:
                with contextlib.suppress(NoReverseMatch):
                    item.url = reverse(
                        "trial_actions:trial_action_detail",
                        kwargs={"programme_pk": programme.pk, "trial_action_pk": item.source_id},
                    )
    return groups


def _to_plan(programme_pk, anchor=""):
    url = reverse("anchoring:plan_detail", kwargs={"programme_pk": programme_pk})
    return redirect(f"{url}{anchor}")


@login_required
@require_GET
def plan_detail(request, programme_pk):
    """The draft: its items grouped by what they anchor, the flagged dimensions with what
    was done, the continuation, the yield; where it stands; its versions."""
    user = request.user
    programme = programme_for(user, programme_pk)
    plan = selectors.plan_of(programme, user)
    content = snapshot(plan, flagged=selectors.flagged_dimensions(programme))
    versions = approved_versions(plan, user)
    latest = versions[0] if versions else None
    can_approve = permissions.can_approve_anchoring_plan(user, programme)
    return render(
        request,
        "anchoring/plan_detail.html",
        {
            "programme": programme,
            "plan": plan,
            "groups": _linked(readable_items(content), programme),
            "dimensions": content["dimensions"],
            "continuation": content["continuation"],
            "yields": readable_yield(content),
            "versions": versions,
            "state": draft_state(plan, latest),
            "can_draft": permissions.can_draft_anchoring_plan(user, programme),
            "can_answer_yield": permissions.can_answer_yield(user, programme),
            "can_approve": can_approve,
            "approval_problem": (
                services.approval_problem(content, latest=latest) if can_approve else None
            ),
            "events": list(for_object(plan)) if plan is not None else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_pull(request, programme_pk):
    """Fetch the adopted trial actions and reached goals the plan does not yet hold (the
    first time, this starts the plan). A GET goes to the plan page, where the button is."""
    programme = programme_for(request.user, programme_pk)
    if request.method != "POST":
        return _to_plan(programme.pk)
    require(permissions.can_draft_anchoring_plan(request.user, programme))
    try:
        _plan, added = services.pull_in(programme, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if added:
            messages.success(
                request,
                ngettext(
                    "%(count)d punkt er hentet ind i forankringsplanen.",
                    "%(count)d punkter er hentet ind i forankringsplanen.",
                    len(added),
                )
                % {"count": len(added)},
            )
        else:
            messages.info(
                request,
                _("Der er ingen nye vedtagne prøvehandlinger eller nåede mål at hente."),
            )
    return _to_plan(programme.pk, "#punkter")


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, programme_pk):
    """How the transformation continues, and what was done about each flagged dimension."""
    programme = programme_for(request.user, programme_pk)
    require(permissions.can_draft_anchoring_plan(request.user, programme))
    plan = selectors.plan_of(programme, request.user)
    dimensions = selectors.flagged_dimensions(programme)
    current = plan.continuation if plan else ""
    keys = {dimension.key for dimension in dimensions}
    answers = (
        {row.dimension_key: row.answer for row in plan.dimension_answers.all()} if plan else {}
    )
    answers = {key: text for key, text in answers.items() if key in keys}
    initial = {
        "continuation": current,
        "shown": text_digest(current),
        "shown_answers": services.answers_digest(answers),
    }
    for number, dimension in enumerate(dimensions):
        initial[PlanForm.field_name(number)] = answers.get(dimension.key, "")
    data = request.POST if request.method == "POST" else None
    form = PlanForm(data, initial=initial, dimensions=dimensions)
    if data is not None and form.is_valid():
        try:
            services.change_plan(
                programme,
                by=request.user,
                continuation=form.cleaned_data["continuation"],
                dimension_answers=form.dimension_answers(),
                shown=form.cleaned_data["shown"] or None,
                shown_answers=form.cleaned_data["shown_answers"] or None,
            )
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(request, _("Forankringsplanen er gemt."))
            return _to_plan(programme.pk, "#videre")
    return render(request, "anchoring/plan_edit.html", {"programme": programme, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request, programme_pk):
    programme = programme_for(request.user, programme_pk)
    require(permissions.can_draft_anchoring_plan(request.user, programme))
    plan = selectors.plan_of(programme, request.user)
    data = request.POST if request.method == "POST" else None
    form = ItemForm(data, programme=programme, goals=selectors.goals_to_add(programme, plan))
    if data is not None and form.is_valid():
        try:
            item = services.add_item(
                programme, by=request.user, goal=form.cleaned_data.get("goal"), **form.values
            )
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(
                request, _("»%(title)s« er føjet til forankringsplanen.") % {"title": item.title}
            )
            return _to_plan(programme.pk, f"#punkt-{item.pk}")
    return render(
        request, "anchoring/item_form.html", {"programme": programme, "form": form, "item": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def item_edit(request, programme_pk, anchored_item_pk):
    item = _item(request, anchored_item_pk)
    programme = item.plan.programme
    require(permissions.can_draft_anchoring_plan(request.user, programme))
    data = request.POST if request.method == "POST" else None
    form = ItemForm(data, initial=ItemForm.initial_for(item), programme=programme)
    if data is not None and form.is_valid():
        try:
            services.change_item(item, by=request.user, **form.values)
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(request, _("Punktet er gemt."))
            return _to_plan(programme.pk, f"#punkt-{item.pk}")
    return render(
        request, "anchoring/item_form.html", {"programme": programme, "form": form, "item": item}
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def item_remove(request, programme_pk, anchored_item_pk):
    """Ask, then remove an item from the draft (approved versions keep it)."""
    item = _item(request, anchored_item_pk)
    programme = item.plan.programme
    require(permissions.can_draft_anchoring_plan(request.user, programme))
    if request.method == "POST":
        try:
            services.remove_item(item, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("»%(title)s« er fjernet.") % {"title": item.title})
        return _to_plan(programme.pk, "#punkter")
    return render(request, "anchoring/item_remove.html", {"programme": programme, "item": item})


@login_required
@require_http_methods(["GET", "POST"])
def yield_edit(request, programme_pk):
    """The expected yield: everyone who reads the plan sees the answers; the steering
    group's members answer."""
    user = request.user
    programme = programme_for(user, programme_pk)
    can_answer = permissions.can_answer_yield(user, programme)
    if request.method == "POST":
        require(can_answer)
    plan = selectors.plan_of(programme, user)
    answers = list(YieldAnswer.objects.filter(plan_id=plan.pk)) if plan else []
    data = request.POST if request.method == "POST" else None
    form = YieldForm(data, initial=YieldForm.initial_for(answers))
    if data is not None and form.is_valid():
        try:
            services.answer_yield(programme, by=user, answers=form.answers())
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(request, _("Styregruppens svar om udbyttet er gemt."))
            return _to_plan(programme.pk, "#udbytte")
    content = snapshot(plan, flagged=[])
    return render(
        request,
        "anchoring/yield_edit.html",
        {
            "programme": programme,
            "form": form,
            "can_answer": can_answer,
            "yields": readable_yield(content),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_approve(request, programme_pk):
    """A steering-group member approves the draft. A GET goes to the plan page, where the
    button is."""
    programme = programme_for(request.user, programme_pk)
    if request.method != "POST":
        return _to_plan(programme.pk, "#godkendelse")
    require(permissions.can_approve_anchoring_plan(request.user, programme))
    plan = selectors.plan_of(programme, request.user) or AnchoringPlan(programme=programme)
    approve_and_tell(
        request,
        plan,
        services.approve_plan,
        _("Forankringsplanen er godkendt som version %(number)s."),
    )
    return _to_plan(programme.pk, "#godkendelse")


@login_required
@require_GET
def version_detail(request, programme_pk, anchoring_version_number):
    """An approved version as it was approved. A number the plan has not reached is told on
    the plan page, where the versions are listed."""
    programme = programme_for(request.user, programme_pk)
    version = approved_version(
        AnchoringPlanVersion, programme, request.user, anchoring_version_number
    )
    if version is None:
        messages.error(
            request,
            _("Forankringsplanen har ingen godkendt version %(number)s.")
            % {"number": anchoring_version_number},
        )
        return _to_plan(programme.pk, "#versioner")
    content = version.content
    return render(
        request,
        "anchoring/version_detail.html",
        {
            "programme": programme,
            "version": version,
            "groups": _linked(readable_items(content), programme),
            "dimensions": content.get("dimensions", []),
            "continuation": content.get("continuation", ""),
            "yields": readable_yield(content),
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
            "Forankringsplanen har ingen godkendt version endnu, så der er intet at sammenligne."
        ),
    )
    return render(request, "anchoring/version_diff.html", context)
