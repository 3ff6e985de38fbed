"""Thin views: fetch through the scope, check the right, call a form or a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from enrolment.forms import filled_rows, with_extra_row
from phases.selectors import phase_of
from programmes.activity import for_object
from programmes.canonical import at_home, canonical
from programmes.errors import DomainError
from programmes.pages import back_or, show_refusal
from programmes.permissions import require
from programmes.scoping import get_for_user_or_404
from programmes.selectors import programme_for

from . import permissions, selectors, services
from .forms import (
    AgendaFormSet,
    AttachmentForm,
    AttendanceForm,
    CancelForm,
    DecisionFormSet,
    FollowUpFormSet,
    MinutesForm,
    ScheduleForm,
)
from .models import Attachment, FollowUp, Meeting


def _meeting(request, meeting_pk) -> Meeting:
    meeting = get_for_user_or_404(
        Meeting.objects.select_related("programme__municipality", "programme__cohort"),
        request.user,
        pk=meeting_pk,
    )
    at_home(request, programme_pk=meeting.programme_id)
    return meeting


def _not_post(request):
    """405 for anything but POST, answered after the scoped fetch (so another municipality's
    object is a 404 on every method)."""
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


def _to_detail(meeting, anchor=""):
    url = reverse(
        "meetings:meeting_detail",
        kwargs={"programme_pk": meeting.programme_id, "meeting_pk": meeting.pk},
    )
    return redirect(f"{url}{anchor}")


def _posted(request, *prefixes):
    """The POST data, with one more row in the formset the person asked to grow."""
    prefix = request.POST.get("add_row")
    if prefix in prefixes:
        return with_extra_row(request.POST, prefix)
    return request.POST


def _cancelled_notice(request, meeting):
    messages.info(request, _("Mødet er aflyst og kan ikke ændres."))
    return _to_detail(meeting)


@login_required
@require_GET
def meeting_list(request, programme_pk):
    """The programme's meetings by phase, the enrolment meeting of fase 0 first."""
    programme = programme_for(request.user, programme_pk)
    meetings = list(selectors.programme_meetings(programme, request.user))
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "programme": programme,
            "enrolment": selectors.enrolment_meeting(programme, request.user),
            "phases": selectors.meetings_by_phase(programme, meetings, phase_of(programme))
            if meetings
            else [],
            "can_manage": permissions.can_manage_meetings(request.user, programme),
        },
    )


@login_required
@require_GET
@canonical
def meeting_detail(request, programme_pk, meeting_pk):
    return _render_detail(request, _meeting(request, meeting_pk))


def _render_detail(request, meeting, upload_form=None):
    """The meeting page; `upload_form` is a refused upload, shown with its error."""
    user = request.user
    programme = meeting.programme
    can_take_part = permissions.can_take_part(user, meeting)
    editable = meeting.cancelled_at is None
    follow_ups = selectors.with_overdue(
        meeting.follow_ups.select_related("responsible__group").order_by("due_on", "id")
    )
    attachments = list(meeting.attachments.select_related("uploaded_by"))
    deliverables = dict(selectors.deliverable_choices(programme))
    agenda = list(meeting.agenda_items.all())
    for item in agenda:
        item.deliverable_label = deliverables.get(item.deliverable, item.deliverable)
    for follow_up in follow_ups:
        follow_up.can_mark_done = follow_up.done_at is None and permissions.can_mark_done(
            user, follow_up
        )
    for attachment in attachments:
        attachment.can_remove = editable and permissions.can_remove_attachment(user, attachment)
    if upload_form is None and can_take_part and editable:
        upload_form = AttachmentForm()
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "programme": programme,
            "groups": list(meeting.groups.order_by("kind", "name")),
            "agenda": agenda,
            "attendance": list(meeting.attendance.all()),
            "decisions": list(meeting.decisions.all()),
            "follow_ups": follow_ups,
            "attachments": attachments,
            "events": list(for_object(meeting)),
            "can_manage": permissions.can_manage_meetings(user, programme) and editable,
            "can_take_part": can_take_part and editable,
            "upload_form": upload_form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def meeting_edit(request, programme_pk, meeting_pk):
    """Give the meeting its date, time and place or online link, and its title."""
    meeting = _meeting(request, meeting_pk)
    require(permissions.can_manage_meetings(request.user, meeting.programme))
    if meeting.cancelled_at is not None:
        return _cancelled_notice(request, meeting)
    data = request.POST if request.method == "POST" else None
    form = ScheduleForm(data, initial=ScheduleForm.initial_for(meeting))
    if data is not None and form.is_valid():
        was_dated = meeting.is_scheduled
        try:
            services.schedule_meeting(
                meeting,
                by=request.user,
                title=form.cleaned_data["title"],
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                place=form.cleaned_data["place"],
                online_url=form.cleaned_data["online_url"],
            )
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            if meeting.is_scheduled and not was_dated:
                messages.success(
                    request, _("Mødet er planlagt, og gruppernes medlemmer er inviteret.")
                )
            else:
                messages.success(request, _("Mødet er gemt."))
            return _to_detail(meeting)
    return render(
        request,
        "meetings/meeting_edit.html",
        {
            "meeting": meeting,
            "programme": meeting.programme,
            "form": form,
            "cancel_form": CancelForm() if not meeting.is_past else None,
        },
    )


@login_required
@canonical
def meeting_cancel(request, programme_pk, meeting_pk):
    meeting = _meeting(request, meeting_pk)
    if refused := _not_post(request):
        return refused
    require(permissions.can_manage_meetings(request.user, meeting.programme))
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Begrundelsen er for lang."))
        return _to_detail(meeting)
    try:
        services.cancel_meeting(meeting, by=request.user, reason=form.cleaned_data["reason"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Mødet er aflyst."))
    return _to_detail(meeting)


def _agenda_rows(formset, move: str) -> list[dict]:
    """The agenda's filled rows in order; `move` ("3:up", "3:down") moves the row of form 3."""
    index, _sep, direction = (move or "").partition(":")
    rows, moving = [], None
    for number, form in enumerate(formset.forms):
        if not form.cleaned_data or form.cleaned_data.get("DELETE"):
            continue
        if str(number) == index:
            moving = len(rows)
        rows.append({k: v for k, v in form.cleaned_data.items() if k != "DELETE"})
    if moving is not None and direction in ("up", "down"):
        other = moving - 1 if direction == "up" else moving + 1
        if 0 <= other < len(rows):
            rows[moving], rows[other] = rows[other], rows[moving]
    return rows


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def agenda_edit(request, programme_pk, meeting_pk):
    """The agenda: add, change, remove and move its items."""
    meeting = _meeting(request, meeting_pk)
    require(permissions.can_manage_meetings(request.user, meeting.programme))
    if meeting.cancelled_at is not None:
        return _cancelled_notice(request, meeting)
    initial = list(
        meeting.agenda_items.values("id", "title", "description", "principle", "deliverable")
    )
    data = _posted(request, "agenda") if request.method == "POST" else None
    formset = AgendaFormSet(
        data,
        prefix="agenda",
        initial=initial,
        form_kwargs={"deliverables": selectors.deliverable_choices(meeting.programme)},
    )
    if data is not None and "add_row" not in request.POST and formset.is_valid():
        move = request.POST.get("move", "")
        try:
            services.set_agenda(meeting, by=request.user, items=_agenda_rows(formset, move))
        except DomainError as error:
            formset.non_form_errors().append(error.message)
        else:
            if move:
                return redirect(request.path)
            messages.success(request, _("Dagsordenen er gemt."))
            return _to_detail(meeting, "#dagsorden")
    return render(
        request,
        "meetings/agenda_edit.html",
        {"meeting": meeting, "programme": meeting.programme, "formset": formset},
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def attendance_edit(request, programme_pk, meeting_pk):
    """Who came and who sent apologies, one form for all the invited."""
    meeting = _meeting(request, meeting_pk)
    require(permissions.can_take_part(request.user, meeting))
    if meeting.cancelled_at is not None:
        return _cancelled_notice(request, meeting)
    services.ensure_attendance(meeting)
    rows = list(meeting.attendance.order_by("name", "id"))
    data = request.POST if request.method == "POST" else None
    form = AttendanceForm(data, rows=rows)
    if data is not None and form.is_valid():
        try:
            services.set_attendance(meeting, by=request.user, statuses=form.statuses())
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(request, _("Fremmødet er gemt."))
            return _to_detail(meeting, "#fremmoede")
    return render(
        request,
        "meetings/attendance_edit.html",
        {"meeting": meeting, "programme": meeting.programme, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def minutes_edit(request, programme_pk, meeting_pk):
    """The minutes with the meeting's decisions and follow-up tasks, in one page."""
    meeting = _meeting(request, meeting_pk)
    require(permissions.can_take_part(request.user, meeting))
    if meeting.cancelled_at is not None:
        return _cancelled_notice(request, meeting)
    members = selectors.programme_members(meeting.programme)
    follow_ups = list(
        meeting.follow_ups.order_by("due_on", "id").values(
            "id", "text", "responsible_id", "due_on", "done_at"
        )
    )
    done = {f["id"]: f["done_at"] for f in follow_ups if f["done_at"]}
    data = _posted(request, "decisions", "follow_ups") if request.method == "POST" else None
    form = MinutesForm(data, initial={"minutes": meeting.minutes})
    decisions = DecisionFormSet(
        data, prefix="decisions", initial=list(meeting.decisions.values("id", "text"))
    )
    follow_up_formset = FollowUpFormSet(
        data,
        prefix="follow_ups",
        initial=[
            {
                "id": f["id"],
                "text": f["text"],
                "responsible": f["responsible_id"],
                "due_on": f["due_on"],
            }
            for f in follow_ups
        ],
        form_kwargs={"members": members, "done": done},
    )
    if (
        data is not None
        and "add_row" not in request.POST
        and all([form.is_valid(), decisions.is_valid(), follow_up_formset.is_valid()])
    ):
        try:
            services.write_minutes(
                meeting,
                by=request.user,
                minutes=form.cleaned_data["minutes"],
                decisions=filled_rows(decisions),
                follow_ups=filled_rows(follow_up_formset),
            )
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(request, _("Referatet er gemt."))
            return _to_detail(meeting, "#referat")
    return render(
        request,
        "meetings/minutes_edit.html",
        {
            "meeting": meeting,
            "programme": meeting.programme,
            "form": form,
            "decisions": decisions,
            "follow_ups": follow_up_formset,
        },
    )


@login_required
@canonical
def followup_done(request, programme_pk, meeting_pk, followup_pk):
    """The responsible person (or a coordinator, or SBST) marks a follow-up task done."""
    follow_up = get_for_user_or_404(
        FollowUp.objects.select_related("meeting__programme__municipality", "responsible"),
        request.user,
        pk=followup_pk,
    )
    meeting = follow_up.meeting
    at_home(request, programme_pk=meeting.programme_id, meeting_pk=meeting.pk)
    if refused := _not_post(request):
        return refused
    require(permissions.can_mark_done(request.user, follow_up))
    try:
        services.mark_follow_up_done(follow_up, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Opgaven »%(task)s« er markeret som udført.") % {"task": follow_up.text}
        )
    return back_or(request, _to_detail(meeting, "#opfoelgning"))


@login_required
@canonical
def attachment_add(request, programme_pk, meeting_pk):
    meeting = _meeting(request, meeting_pk)
    if refused := _not_post(request):
        return refused
    require(permissions.can_take_part(request.user, meeting))
    if meeting.cancelled_at is not None:
        return _cancelled_notice(request, meeting)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = services.add_attachment(
                meeting, by=request.user, upload=form.cleaned_data["file"]
            )
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            messages.success(
                request, _("Bilaget »%(name)s« er lagt ved mødet.") % {"name": attachment.name}
            )
            return _to_detail(meeting, "#bilag")
    return _render_detail(request, meeting, upload_form=form)


def _attachment(request, attachment_pk) -> Attachment:
    attachment = get_for_user_or_404(
        Attachment.objects.select_related(
            "meeting__programme__municipality", "meeting__programme__cohort"
        ),
        request.user,
        pk=attachment_pk,
    )
    at_home(request, programme_pk=attachment.meeting.programme_id, meeting_pk=attachment.meeting_id)
    return attachment


@login_required
@require_GET
@canonical
def attachment_download(request, programme_pk, meeting_pk, attachment_pk):
    """The file, to everyone who may read the meeting; never shown inline by the browser."""
    attachment = _attachment(request, attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@canonical
def attachment_delete(request, programme_pk, meeting_pk, attachment_pk):
    attachment = _attachment(request, attachment_pk)
    if refused := _not_post(request):
        return refused
    require(permissions.can_remove_attachment(request.user, attachment))
    try:
        services.remove_attachment(attachment, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Bilaget »%(name)s« er fjernet.") % {"name": attachment.name})
    return _to_detail(attachment.meeting, "#bilag")
