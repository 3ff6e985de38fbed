"""Thin views: fetch through the scope, check the right, call a form or a service, render."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_scopes import scopes_disabled

from programmes.activity import for_object
from programmes.errors import DomainError
from programmes.permissions import require
from programmes.scoping import get_for_user_or_404
from programmes.services import sbst_contacts

from . import permissions, services
from .forms import (
    ApproveForm,
    DirectorAnswerForm,
    EnrolmentFilter,
    EnrolmentForm,
    MeetingForm,
    ParticipantFormSet,
    RejectForm,
    SteeringMemberFormSet,
    SteeringResponseForm,
    WithdrawForm,
    filled_rows,
    with_extra_row,
)
from .models import Enrolment, SteeringMember


def _get_enrolment(request, enrolment_pk):
    return get_for_user_or_404(
        Enrolment.objects.select_related("municipality", "cohort"),
        request.user,
        pk=enrolment_pk,
    )


def require_POST_after_fetch(view):
    """Answer 405 to anything but POST, after the view's scoped fetch: another municipality's
    enrolment is then a 404 on any method, never a 405 that tells it exists."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            return view(request, *args, **kwargs)
        enrolment_pk = kwargs.get("enrolment_pk")
        if enrolment_pk is not None:
            _get_enrolment(request, enrolment_pk)
        return HttpResponseNotAllowed(["POST"])

    return wrapper


def _to_detail(enrolment):
    return redirect("enrolment:enrolment_detail", enrolment_pk=enrolment.pk)


@login_required
@require_GET
def start(request):
    """The municipality's entry: its active enrolment, or the form to begin one."""
    if request.user.is_sbst:
        return redirect("enrolment:enrolment_list")
    municipality = request.municipality
    enrolments = []
    if municipality is not None:
        enrolments = list(
            Enrolment.objects.for_user(request.user)
            .for_municipality(municipality)
            .select_related("cohort")
        )
        active = [e for e in enrolments if e.is_active]
        if active:
            return _to_detail(active[0])
        if permissions.can_fill_in(request.user, municipality):
            return redirect("enrolment:enrolment_create")
    return render(
        request,
        "enrolment/enrolment_start.html",
        {"municipality": municipality, "enrolments": enrolments},
    )


def _render_form(request, form, formset, enrolment=None):
    return render(
        request,
        "enrolment/enrolment_form.html",
        {
            "form": form,
            "formset": formset,
            "enrolment": enrolment,
            "municipality": request.municipality if enrolment is None else enrolment.municipality,
        },
    )


def _saved_form_data(enrolment) -> dict:
    """The edit page's fields as saved, posted-style, so the page can show errors beside them."""
    data = {
        "cohort": str(enrolment.cohort_id),
        "ambitions": enrolment.ambitions,
        "current_practice": enrolment.current_practice,
        "proposed_coordinator": str(enrolment.proposed_coordinator_id or ""),
        "director_name": enrolment.director_name,
        "director_title": enrolment.director_title,
        "director_email": enrolment.director_email,
    }
    for name in (
        "includes_strategic_management",
        "includes_authority_area",
        "includes_social_offers",
    ):
        if getattr(enrolment, name):
            data[name] = "on"
    members = list(enrolment.steering_members.all())
    data.update(
        {
            "steering-TOTAL_FORMS": str(len(members) + 1),
            "steering-INITIAL_FORMS": str(len(members)),
        }
    )
    for index, member in enumerate(members):
        for name in ("id", "name", "title", "email", "level"):
            data[f"steering-{index}-{name}"] = str(getattr(member, name))
    return data


def _show_missing(form, formset, missing: dict) -> None:
    """Put each thing a submission lacks beside its field."""
    for field, message in missing.items():
        if field in form.fields:
            form.add_error(field, message)
        else:
            formset._non_form_errors.append(message)


def _submit_or_report(request, enrolment):
    """After saving: submit if asked, or send the person back to the draft."""
    if "submit" not in request.POST:
        messages.success(request, _("Kladden er gemt. Du kan vende tilbage og gøre den færdig."))
        return redirect("enrolment:enrolment_edit", enrolment_pk=enrolment.pk)
    try:
        services.submit_enrolment(enrolment, by=request.user)
    except services.SubmissionIncomplete:
        messages.warning(
            request,
            _("Kladden er gemt, men den kan ikke indsendes endnu. Ret det, der er markeret."),
        )
        edit = reverse("enrolment:enrolment_edit", kwargs={"enrolment_pk": enrolment.pk})
        return redirect(f"{edit}?indsend=1")
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("enrolment:enrolment_edit", enrolment_pk=enrolment.pk)
    messages.success(request, _("Tilmeldingen er indsendt til Social- og Boligstyrelsen."))
    return _to_detail(enrolment)


def _posted(request, prefix: str):
    """The POST data, with one more row when the person asked for one without JavaScript."""
    if request.POST.get("add_row") == prefix:
        return with_extra_row(request.POST, prefix)
    return request.POST


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_create(request):
    municipality = request.municipality
    if municipality is None:
        raise Http404
    require(permissions.can_fill_in(request.user, municipality))
    data = _posted(request, "steering") if request.method == "POST" else None
    form = EnrolmentForm(
        data,
        municipality=municipality,
        user=request.user,
        initial={"proposed_coordinator": request.user},
    )
    formset = SteeringMemberFormSet(data, prefix="steering")
    if data is None or "add_row" in request.POST or not (form.is_valid() and formset.is_valid()):
        return _render_form(request, form, formset)
    try:
        enrolment = services.create_enrolment(
            municipality=municipality,
            by=request.user,
            data=form.cleaned_data,
            steering_members=filled_rows(formset),
        )
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _render_form(request, form, formset)
    return _submit_or_report(request, enrolment)


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_edit(request, enrolment_pk):
    enrolment = _get_enrolment(request, enrolment_pk)
    require(permissions.can_fill_in(request.user, enrolment.municipality))
    if not enrolment.is_editable:
        messages.info(request, _("Tilmeldingen er indsendt og kan ikke længere ændres."))
        return _to_detail(enrolment)
    if request.method == "POST":
        data = _posted(request, "steering")
    elif request.GET.get("indsend"):
        data = _saved_form_data(enrolment)
    else:
        data = None
    form = EnrolmentForm(
        data, instance=enrolment, municipality=enrolment.municipality, user=request.user
    )
    initial = list(enrolment.steering_members.values("id", "name", "title", "email", "level"))
    formset = SteeringMemberFormSet(data, prefix="steering", initial=initial)
    if request.method == "GET":
        if data is not None and form.is_valid() and formset.is_valid():
            _show_missing(form, formset, services.missing_for_submission(enrolment))
        return _render_form(request, form, formset, enrolment)
    if "add_row" in request.POST or not (form.is_valid() and formset.is_valid()):
        return _render_form(request, form, formset, enrolment)
    try:
        saved = services.update_enrolment(
            enrolment,
            by=request.user,
            data=form.cleaned_data,
            steering_members=filled_rows(formset),
        )
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _render_form(request, form, formset, enrolment)
    return _submit_or_report(request, saved)


@login_required
@require_GET
def enrolment_detail(request, enrolment_pk):
    return _render_detail(request, enrolment_pk)


def _render_detail(request, enrolment_pk, bound_form=None):
    """The enrolment page; `bound_form` (named like its context key) replaces the empty form
    of the same name, so a refused reason or comment shows its error beside the field."""
    enrolment = get_for_user_or_404(
        Enrolment.objects.with_criteria().select_related(
            "municipality",
            "cohort",
            "proposed_coordinator",
            "submitted_by",
            "decided_by",
            "programme",
        ),
        request.user,
        pk=enrolment_pk,
    )
    user = request.user
    submitted = enrolment.state == Enrolment.State.SUBMITTED
    steering_members = list(enrolment.steering_members.select_related("user"))
    can_respond = submitted and permissions.can_respond_as_steering_member(user, enrolment)
    can_fill_in = permissions.can_fill_in(user, enrolment.municipality)
    is_sbst = permissions.can_handle_as_sbst(user)
    can_withdraw = can_fill_in and services.can_transition(enrolment, Enrolment.State.WITHDRAWN)
    forms = {
        "response_form": SteeringResponseForm() if can_respond else None,
        "reject_form": RejectForm() if is_sbst and submitted else None,
        "withdraw_form": WithdrawForm() if can_withdraw else None,
    }
    if bound_form is not None:
        name, form = bound_form
        if forms[name] is None:
            # The form is no longer on the page (the enrolment moved on): say so up top.
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return _to_detail(enrolment)
        forms[name] = form
    context = {
        "enrolment": enrolment,
        "criteria": enrolment.criteria,
        "checklist": enrolment.checklist,
        "steering_members": steering_members,
        "steering_counts": enrolment.steering_counts,
        "participants": list(enrolment.meeting_participants.all()),
        "events": list(for_object(enrolment)),
        "can_fill_in": can_fill_in,
        "is_sbst": is_sbst,
        "can_respond": can_respond,
        "my_answers": [m for m in steering_members if m.user_id == user.pk],
        **forms,
    }
    return render(request, "enrolment/enrolment_detail.html", context)


def _refused_or_done(request, enrolment, form_name, form, error, success):
    """After a page action: a refusal naming one of the form's fields is shown beside it on
    the re-rendered page; any other refusal, or success, is reported at the top."""
    if error is None:
        messages.success(request, success)
        return _to_detail(enrolment)
    if form is not None and error.field in form.fields:
        form.add_error(error.field, error.message)
        return _render_detail(request, enrolment.pk, bound_form=(form_name, form))
    messages.error(request, error.message)
    return _to_detail(enrolment)


@login_required
@require_POST_after_fetch
def enrolment_submit(request, enrolment_pk):
    enrolment = _get_enrolment(request, enrolment_pk)
    require(permissions.can_fill_in(request.user, enrolment.municipality))
    try:
        services.submit_enrolment(enrolment, by=request.user)
    except services.SubmissionIncomplete:
        edit = reverse("enrolment:enrolment_edit", kwargs={"enrolment_pk": enrolment.pk})
        return redirect(f"{edit}?indsend=1")
    except DomainError as error:
        return _refused_or_done(request, enrolment, None, None, error, "")
    return _refused_or_done(
        request,
        enrolment,
        None,
        None,
        None,
        _("Tilmeldingen er indsendt til Social- og Boligstyrelsen."),
    )


@login_required
@require_POST_after_fetch
def enrolment_withdraw(request, enrolment_pk):
    enrolment = _get_enrolment(request, enrolment_pk)
    require(permissions.can_fill_in(request.user, enrolment.municipality))
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, enrolment.pk, bound_form=("withdraw_form", form))
    error = None
    try:
        services.withdraw_enrolment(enrolment, by=request.user, reason=form.cleaned_data["reason"])
    except DomainError as refusal:
        error = refusal
    return _refused_or_done(
        request, enrolment, "withdraw_form", form, error, _("Tilmeldingen er trukket tilbage.")
    )


@login_required
@require_POST_after_fetch
def director_link_resend(request, enrolment_pk):
    enrolment = _get_enrolment(request, enrolment_pk)
    require(
        permissions.can_fill_in(request.user, enrolment.municipality)
        or permissions.can_handle_as_sbst(request.user)
    )
    error = None
    try:
        services.resend_director_link(enrolment, by=request.user)
    except DomainError as refusal:
        error = refusal
    return _refused_or_done(
        request,
        enrolment,
        None,
        None,
        error,
        _("Direktøren har fået et nyt link. Det tidligere link virker ikke længere."),
    )


@login_required
@require_POST_after_fetch
def steering_response(request, enrolment_pk):
    enrolment = _get_enrolment(request, enrolment_pk)
    require(permissions.can_respond_as_steering_member(request.user, enrolment))
    form = SteeringResponseForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, enrolment.pk, bound_form=("response_form", form))
    error = None
    try:
        services.respond_as_steering_member(
            enrolment,
            by=request.user,
            approve=form.cleaned_data["answer"] == "approve",
            comment=form.cleaned_data["comment"],
        )
    except DomainError as refusal:
        error = refusal
    return _refused_or_done(
        request, enrolment, "response_form", form, error, _("Dit svar er registreret.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_meeting(request, enrolment_pk):
    enrolment = _get_enrolment(request, enrolment_pk)
    require(permissions.can_handle_as_sbst(request.user))
    participants = list(
        enrolment.meeting_participants.values(
            "name", "title", "level", "has_strategic_responsibility"
        )
    )
    data = _posted(request, "participants") if request.method == "POST" else None
    form = MeetingForm(
        data, initial={"meeting_date": enrolment.meeting_date, "held": enrolment.meeting_held}
    )
    formset = ParticipantFormSet(data, prefix="participants", initial=participants)
    if (
        data is not None
        and "add_row" not in request.POST
        and form.is_valid()
        and formset.is_valid()
    ):
        try:
            services.record_enrolment_meeting(
                enrolment,
                by=request.user,
                meeting_date=form.cleaned_data["meeting_date"],
                held=form.cleaned_data["held"],
                participants=filled_rows(formset),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Tilmeldingsmødet er registreret."))
            return _to_detail(enrolment)
    return render(
        request,
        "enrolment/enrolment_meeting.html",
        {"enrolment": enrolment, "form": form, "formset": formset},
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_approve(request, enrolment_pk):
    """SBST's approval: what is missing, the programme's contact, a comment, a confirmation."""
    enrolment = get_for_user_or_404(
        Enrolment.objects.with_criteria().select_related(
            "municipality", "cohort", "proposed_coordinator", "submitted_by"
        ),
        request.user,
        pk=enrolment_pk,
    )
    require(permissions.can_handle_as_sbst(request.user))
    if enrolment.state != Enrolment.State.SUBMITTED:
        messages.info(request, _("Tilmeldingen venter ikke på en afgørelse."))
        return _to_detail(enrolment)
    counts = enrolment.steering_counts
    form = ApproveForm(
        request.POST or None,
        initial={"primary_contact": request.user},
        contacts=sbst_contacts(),
        needs_confirmation=counts.unanswered > 0,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.approve_enrolment(
                enrolment,
                by=request.user,
                primary_contact=form.cleaned_data["primary_contact"],
                comment=form.cleaned_data["comment"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Tilmeldingen er godkendt, og forløbet er oprettet."))
            return _to_detail(enrolment)
    return render(
        request,
        "enrolment/enrolment_approve.html",
        {
            "enrolment": enrolment,
            "form": form,
            "checklist": enrolment.checklist,
            "criteria_met": enrolment.all_criteria_met,
            "steering_counts": counts,
            "waiting": [m for m in enrolment.steering_members.all() if m.response == "pending"],
        },
    )


@login_required
@require_POST_after_fetch
def enrolment_reject(request, enrolment_pk):
    enrolment = _get_enrolment(request, enrolment_pk)
    require(permissions.can_handle_as_sbst(request.user))
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, enrolment.pk, bound_form=("reject_form", form))
    error = None
    try:
        services.reject_enrolment(enrolment, by=request.user, reason=form.cleaned_data["reason"])
    except DomainError as refusal:
        error = refusal
    return _refused_or_done(
        request,
        enrolment,
        "reject_form",
        form,
        error,
        _("Tilmeldingen er afvist, og koordinatoren har fået besked."),
    )


@never_cache
@require_http_methods(["GET", "POST"])
@scopes_disabled()  # the secret link is the permission; it names exactly one enrolment
def director_approval(request, token):
    """The director's page behind the personal link; no account needed."""
    link = services.find_director_link(token)
    if link is None:
        raise Http404
    enrolment = link.enrolment
    form = DirectorAnswerForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["answer"] == "approve"
        try:
            answered = services.answer_by_director_link(
                token=token, approve=approve, reason=form.cleaned_data["reason"]
            )
        except DomainError as refusal:
            if refusal.field in form.fields:
                form.add_error(refusal.field, refusal.message)
            else:
                error = refusal.message
        else:
            return render(
                request,
                "enrolment/director_approval_done.html",
                {"enrolment": answered, "approved": approve},
            )
    elif request.method == "GET":
        try:
            services.check_director_link_usable(link)
        except DomainError as refusal:
            error = refusal.message
    return render(
        request,
        "enrolment/director_approval.html",
        {
            "enrolment": enrolment,
            "error": error,
            "form": form,
            "steering_members": list(enrolment.steering_members.all()),
        },
        status=410 if error else 200,
    )


@login_required
@require_GET
def enrolment_list(request):
    """SBST's overview of enrolments, filtered by cohort, state and missing criterion."""
    require(permissions.can_handle_as_sbst(request.user))
    base = Enrolment.objects.for_user(request.user)
    answered = Q(
        steering_members__response__in=[
            SteeringMember.Response.APPROVED,
            SteeringMember.Response.OBJECTED,
        ]
    )
    enrolments = (
        base.with_criteria()
        .select_related("municipality", "cohort")
        .annotate(
            steering_count=Count("steering_members"),
            steering_answered=Count("steering_members", filter=answered),
        )
        .order_by("cohort__starts_on", "municipality__name")
    )
    filterset = EnrolmentFilter(request.GET or None, queryset=enrolments)
    counted = base
    if filterset.is_valid() and filterset.form.cleaned_data.get("cohort"):
        counted = counted.filter(cohort=filterset.form.cleaned_data["cohort"])
    counts = dict(counted.order_by().values_list("state").annotate(n=Count("pk")))
    state_counts = [
        (value, label, counts.get(value, 0)) for value, label in Enrolment.State.choices
    ]
    return render(
        request,
        "enrolment/enrolment_list.html",
        {
            "filter": filterset,
            "enrolments": filterset.qs,
            "state_counts": state_counts,
            "total": sum(counts.values()),
        },
    )
