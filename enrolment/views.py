"""Thin views: fetch through the scope, check the right, call a form or a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_scopes import scopes_disabled

from programmes.errors import DomainError
from programmes.permissions import require
from programmes.scoping import get_for_user_or_404

from . import permissions, services
from .forms import (
    EnrolmentFilter,
    EnrolmentForm,
    MeetingForm,
    ParticipantFormSet,
    RejectForm,
    SteeringMemberFormSet,
    SteeringResponseForm,
    WithdrawForm,
    filled_rows,
)
from .models import Enrolment, SteeringMember


def _get_enrolment(request, enrolment_pk):
    return get_for_user_or_404(
        Enrolment.objects.select_related("municipality", "cohort"),
        request.user,
        pk=enrolment_pk,
    )


def _post_only(request):
    # Checked after the scoped fetch, so another municipality's enrolment is a 404 on any method.
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


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


def _save_form(request, form, formset, save):
    """Validate and call `save(data, steering_members)`; a refusal lands on its field."""
    if not (form.is_valid() and formset.is_valid()):
        return None
    try:
        return save(form.cleaned_data, filled_rows(formset))
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None


def _after_save(request, enrolment):
    if "submit" in request.POST:
        try:
            services.submit_enrolment(enrolment, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("enrolment:enrolment_edit", enrolment_pk=enrolment.pk)
        messages.success(request, _("Tilmeldingen er indsendt til Social- og Boligstyrelsen."))
        return _to_detail(enrolment)
    messages.success(request, _("Kladden er gemt. Du kan vende tilbage og gøre den færdig."))
    return redirect("enrolment:enrolment_edit", enrolment_pk=enrolment.pk)


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_create(request):
    municipality = request.municipality
    if municipality is None:
        raise Http404
    require(permissions.can_fill_in(request.user, municipality))
    form = EnrolmentForm(
        request.POST or None,
        municipality=municipality,
        user=request.user,
        draft="save" in request.POST,
        initial={"proposed_coordinator": request.user},
    )
    formset = SteeringMemberFormSet(request.POST or None, prefix="steering")
    if request.method == "POST":
        enrolment = _save_form(
            request,
            form,
            formset,
            lambda data, members: services.create_enrolment(
                municipality=municipality, by=request.user, data=data, steering_members=members
            ),
        )
        if enrolment is not None:
            return _after_save(request, enrolment)
    return _render_form(request, form, formset)


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_edit(request, enrolment_pk):
    enrolment = _get_enrolment(request, enrolment_pk)
    require(permissions.can_fill_in(request.user, enrolment.municipality))
    if not enrolment.is_editable:
        messages.info(request, _("Tilmeldingen er indsendt og kan ikke længere ændres."))
        return _to_detail(enrolment)
    form = EnrolmentForm(
        request.POST or None,
        instance=enrolment,
        municipality=enrolment.municipality,
        user=request.user,
        draft="save" in request.POST,
    )
    initial = list(enrolment.steering_members.values("name", "title", "email", "level"))
    formset = SteeringMemberFormSet(request.POST or None, prefix="steering", initial=initial)
    if request.method == "POST":
        saved = _save_form(
            request,
            form,
            formset,
            lambda data, members: services.update_enrolment(
                enrolment, by=request.user, data=data, steering_members=members
            ),
        )
        if saved is not None:
            return _after_save(request, saved)
    return _render_form(request, form, formset, enrolment)


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
            "director_approved_by",
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
    can_withdraw = (
        can_fill_in and enrolment.is_active and enrolment.state != Enrolment.State.APPROVED
    )
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
        "answered": sum(m.response != SteeringMember.Response.PENDING for m in steering_members),
        "participants": list(enrolment.meeting_participants.all()),
        "events": list(enrolment.events.select_related("actor")),
        "can_fill_in": can_fill_in,
        "is_sbst": is_sbst,
        "director_can_approve": submitted
        and not enrolment.director_approved
        and permissions.is_director_of(user, enrolment),
        "can_respond": can_respond,
        "my_answers": [m for m in steering_members if m.user_id == user.pk],
        **forms,
    }
    return render(request, "enrolment/enrolment_detail.html", context)


def _action(request, enrolment, perform, success):
    """Insist on POST, run the service, report back on the enrolment page."""
    not_allowed = _post_only(request)
    if not_allowed:
        return not_allowed
    try:
        perform(enrolment)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return _to_detail(enrolment)


def _form_action(request, enrolment, form_name, form, perform, success):
    """Like `_action` for a form on the enrolment page: invalid input, or a refusal that
    names one of the form's fields, re-renders the page with the error beside the field."""
    not_allowed = _post_only(request)
    if not_allowed:
        return not_allowed
    if form.is_valid():
        try:
            perform(enrolment, form.cleaned_data)
        except DomainError as error:
            if error.field not in form.fields:
                messages.error(request, error.message)
                return _to_detail(enrolment)
            form.add_error(error.field, error.message)
        else:
            messages.success(request, success)
            return _to_detail(enrolment)
    return _render_detail(request, enrolment.pk, bound_form=(form_name, form))


@login_required
def enrolment_submit(request, enrolment_pk):
    enrolment = _get_enrolment(request, enrolment_pk)
    require(permissions.can_fill_in(request.user, enrolment.municipality))
    return _action(
        request,
        enrolment,
        lambda e: services.submit_enrolment(e, by=request.user),
        _("Tilmeldingen er indsendt til Social- og Boligstyrelsen."),
    )


@login_required
def enrolment_withdraw(request, enrolment_pk):
    enrolment = _get_enrolment(request, enrolment_pk)
    require(permissions.can_fill_in(request.user, enrolment.municipality))
    return _form_action(
        request,
        enrolment,
        "withdraw_form",
        WithdrawForm(request.POST),
        lambda e, data: services.withdraw_enrolment(e, by=request.user, reason=data["reason"]),
        _("Tilmeldingen er trukket tilbage."),
    )


@login_required
def director_approve(request, enrolment_pk):
    enrolment = _get_enrolment(request, enrolment_pk)
    require(permissions.is_director_of(request.user, enrolment))
    return _action(
        request,
        enrolment,
        lambda e: services.approve_as_director(e, by=request.user),
        _("Tak. Din godkendelse som direktør er registreret."),
    )


@login_required
def director_link_resend(request, enrolment_pk):
    enrolment = _get_enrolment(request, enrolment_pk)
    require(
        permissions.can_fill_in(request.user, enrolment.municipality)
        or permissions.can_handle_as_sbst(request.user)
    )
    return _action(
        request,
        enrolment,
        lambda e: services.resend_director_link(e, by=request.user),
        _("Direktøren har fået et nyt link. Det tidligere link virker ikke længere."),
    )


@login_required
def steering_response(request, enrolment_pk):
    enrolment = _get_enrolment(request, enrolment_pk)
    require(permissions.can_respond_as_steering_member(request.user, enrolment))
    return _form_action(
        request,
        enrolment,
        "response_form",
        SteeringResponseForm(request.POST),
        lambda e, data: services.respond_as_steering_member(
            e, by=request.user, approve=data["answer"] == "approve", comment=data["comment"]
        ),
        _("Dit svar er registreret."),
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
    form = MeetingForm(
        request.POST or None,
        initial={"meeting_date": enrolment.meeting_date, "held": enrolment.meeting_held},
    )
    formset = ParticipantFormSet(request.POST or None, prefix="participants", initial=participants)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
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
def enrolment_approve(request, enrolment_pk):
    enrolment = _get_enrolment(request, enrolment_pk)
    require(permissions.can_handle_as_sbst(request.user))
    return _action(
        request,
        enrolment,
        lambda e: services.approve_enrolment(e, by=request.user),
        _("Tilmeldingen er godkendt, og forløbet er oprettet."),
    )


@login_required
def enrolment_reject(request, enrolment_pk):
    enrolment = _get_enrolment(request, enrolment_pk)
    require(permissions.can_handle_as_sbst(request.user))
    return _form_action(
        request,
        enrolment,
        "reject_form",
        RejectForm(request.POST),
        lambda e, data: services.reject_enrolment(e, by=request.user, reason=data["reason"]),
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
    error = None
    if request.method == "POST":
        try:
            services.approve_by_director_link(token=token)
        except DomainError as exc:
            error = exc.message
        else:
            return render(
                request,
                "enrolment/director_approval_done.html",
                {"enrolment": enrolment},
            )
    else:
        try:
            services.check_director_link_usable(link)
        except DomainError as exc:
            error = exc.message
    steering = list(enrolment.steering_members.all())
    return render(
        request,
        "enrolment/director_approval.html",
        {"enrolment": enrolment, "error": error, "steering_members": steering},
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
