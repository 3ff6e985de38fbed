"""Thin views of the trial actions: fetch through the scope, check the right, call a form or
a service, render."""

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

from . import permissions, selectors, services
from .forms import BoardFilter, DecisionForm, EvaluationForm, ObservationForm, TrialActionForm
from .models import TrialAction, TrialActionState, copenhagen_today

State = TrialActionState


def _trial_action(request, trial_action_pk) -> TrialAction:
    """The trial action through the user's scope; a URL that names it under another
    programme sends a GET on to its own URL and answers anything else with 404."""
    trial_action = get_for_user_or_404(
        TrialAction.objects.with_overdue(copenhagen_today()).select_related(
            "programme__municipality",
            "programme__cohort",
            "group",
            "responsible__group",
            "follows",
        ),
        request.user,
        pk=trial_action_pk,
    )
    at_home(request, programme_pk=trial_action.programme_id)
    return trial_action


def _detail_url(trial_action, anchor="") -> str:
    url = reverse(
        "trial_actions:trial_action_detail",
        kwargs={"programme_pk": trial_action.programme_id, "trial_action_pk": trial_action.pk},
    )
    return f"{url}{anchor}"


def _plan_form(request, programme, **kwargs) -> TrialActionForm:
    data = request.POST if request.method == "POST" else None
    return TrialActionForm(
        data,
        programme=programme,
        groups=selectors.programme_groups(programme),
        members=selectors.programme_members(programme),
        sub_goals=selectors.programme_sub_goals(programme),
        **kwargs,
    )


@login_required
@require_GET
def board(request, programme_pk):
    """The programme's trial actions by state, filtered by group, principle and sub-goal (the
    filters kept in the URL), with how many serve each principle."""
    programme = programme_for(request.user, programme_pk)
    today = copenhagen_today()
    sub_goals = selectors.programme_sub_goals(programme)
    filterset = BoardFilter(
        request.GET or None,
        queryset=selectors.board_trial_actions(programme, request.user, today),
        groups=selectors.programme_groups(programme),
        sub_goals=sub_goals,
    )
    trial_actions = list(filterset.qs)
    return render(
        request,
        "trial_actions/board.html",
        {
            "programme": programme,
            "filter": filterset,
            "filtered": bool(request.GET) and filterset.is_bound,
            "columns": selectors.columns(trial_actions),
            "total": len(trial_actions),
            "overdue": sum(1 for ta in trial_actions if ta.is_overdue),
            "principle_counts": selectors.principle_counts(trial_actions),
            "can_work": permissions.can_work(request.user, programme),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def trial_action_add(request, programme_pk):
    """Plan a new trial action."""
    programme = programme_for(request.user, programme_pk)
    require(permissions.can_work(request.user, programme))
    form = _plan_form(request, programme)
    if request.method == "POST" and form.is_valid():
        try:
            trial_action = services.plan_trial_action(programme, by=request.user, **form.plan())
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(
                request,
                _("Prøvehandlingen »%(title)s« er planlagt.") % {"title": trial_action.title},
            )
            return redirect(_detail_url(trial_action))
    return render(
        request,
        "trial_actions/trial_action_form.html",
        {"programme": programme, "form": form, "trial_action": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def trial_action_edit(request, programme_pk, trial_action_pk):
    """Change the plan of a trial action that is planned or being carried out."""
    trial_action = _trial_action(request, trial_action_pk)
    programme = trial_action.programme
    require(permissions.can_work(request.user, programme))
    if trial_action.state not in (State.PLANNED, State.RUNNING):
        messages.info(
            request,
            _(
                "Prøvehandlingen er evalueret, så dens plan kan ikke længere ændres. Tilpas den "
                "i stedet, så bliver en ny prøvehandling planlagt."
            ),
        )
        return redirect(_detail_url(trial_action))
    form = _plan_form(request, programme, initial=services.plan_values(trial_action))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_plan(trial_action, by=request.user, **form.plan())
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(request, _("Prøvehandlingens plan er gemt."))
            return redirect(_detail_url(trial_action))
    return render(
        request,
        "trial_actions/trial_action_form.html",
        {"programme": programme, "form": form, "trial_action": trial_action},
    )


def _detail(request, trial_action, **forms):
    """The detail page, with the bound form that was refused when there is one."""
    user = request.user
    programme = trial_action.programme
    can_work = permissions.can_work(user, programme)
    before, after = selectors.chain_of(trial_action)
    state = trial_action.state
    show = {
        "observation": can_work and state == State.RUNNING,
        "evaluation": can_work and state == State.RUNNING,
        "decision": can_work and state == State.EVALUATED,
        "start": can_work and state == State.PLANNED,
        "edit": can_work and state in (State.PLANNED, State.RUNNING),
    }
    return render(
        request,
        "trial_actions/trial_action_detail.html",
        {
            "programme": programme,
            "trial_action": trial_action,
            "sub_goals": list(trial_action.sub_goals.select_related("goal").order_by("id")),
            "before": before,
            "after": after,
            "observations": list(selectors.observations_of(trial_action)),
            "observation_form": forms.get("observation")
            or ObservationForm(initial={"observed_on": copenhagen_today()}),
            "evaluation_form": forms.get("evaluation") or EvaluationForm(),
            "decision_form": forms.get("decision") or DecisionForm(),
            "show": show,
            "can_work": can_work,
            "events": list(for_object(trial_action)),
        },
    )


@login_required
@require_GET
@canonical
def trial_action_detail(request, programme_pk, trial_action_pk):
    """One trial action: its plan, its chain of adaptations, the observation log, the
    evaluation and the decision, and its history."""
    return _detail(request, _trial_action(request, trial_action_pk))


def _act(request, trial_action_pk, form_class, key, act, success, anchor):
    """A POST from the detail page: a form checked, a service called, back to the page (the
    page again with the form's errors when it is refused)."""
    trial_action = _trial_action(request, trial_action_pk)
    if request.method != "POST":
        return redirect(_detail_url(trial_action, anchor))
    require(permissions.can_work(request.user, trial_action.programme))
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        return _detail(request, trial_action, **{key: form})
    try:
        result = act(trial_action, form.cleaned_data if form is not None else {})
    except DomainError as error:
        if form is not None and error.field in form.fields:
            show_refusal(request, form, error)
            return _detail(request, trial_action, **{key: form})
        messages.error(request, error.message)
        return redirect(_detail_url(trial_action, anchor))
    messages.success(request, success(result))
    return redirect(_detail_url(trial_action, anchor))


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def trial_action_start(request, programme_pk, trial_action_pk):
    """Start carrying out a planned trial action."""
    return _act(
        request,
        trial_action_pk,
        None,
        "",
        lambda ta, data: services.start_trial_action(ta, by=request.user),
        lambda ta: _("Prøvehandlingen er sat i gang. Skriv jeres iagttagelser i loggen."),
        "#log",
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def observation_add(request, programme_pk, trial_action_pk):
    """Add a dated observation to the log."""
    return _act(
        request,
        trial_action_pk,
        ObservationForm,
        "observation",
        lambda ta, data: services.add_observation(ta, by=request.user, **data),
        lambda observation: _("Iagttagelsen er skrevet i loggen."),
        "#log",
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def trial_action_evaluate(request, programme_pk, trial_action_pk):
    """Evaluate a trial action that has been carried out."""
    return _act(
        request,
        trial_action_pk,
        EvaluationForm,
        "evaluation",
        lambda ta, data: services.evaluate_trial_action(ta, by=request.user, **data),
        lambda ta: _("Evalueringen er gemt. Træf nu beslutningen: vedtag, tilpas eller drop."),
        "#evaluering",
    )


def _decided(trial_action) -> str:
    if trial_action.created_follow_up is not None:
        return _(
            "Prøvehandlingen tilpasses. Den nye prøvehandling »%(title)s« er planlagt i "
            "forlængelse af den."
        ) % {"title": trial_action.created_follow_up.title}
    if trial_action.state == State.ADOPTED:
        return _("Prøvehandlingen er vedtaget og skal nu forankres.")
    return _("Prøvehandlingen er droppet.")


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def trial_action_decide(request, programme_pk, trial_action_pk):
    """Adopt, adapt or drop an evaluated trial action."""
    return _act(
        request,
        trial_action_pk,
        DecisionForm,
        "decision",
        lambda ta, data: services.decide_trial_action(
            ta, data["decision"], by=request.user, reason=data["decision_reason"]
        ),
        _decided,
        "#beslutning",
    )
