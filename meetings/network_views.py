"""Network activities' pages: SBST's list, activity and edit pages; each municipality's page
of its own invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programmes.activity import for_object
from programmes.errors import DomainError
from programmes.models import ActivityEntry, Municipality
from programmes.permissions import require
from programmes.scoping import get_for_user_or_404

from . import network
from .models import NetworkActivity, NetworkInvitation, NetworkParticipant
from .network_forms import (
    ActivityForm,
    AddMunicipalitiesForm,
    AttendanceForm,
    CreateActivityForm,
    ParticipantsForm,
)


def _require_sbst(user) -> None:
    """An activity is SBST's, not a municipality's row: for anyone else it does not exist."""
    if not network.can_manage_activities(user):
        raise Http404


def _municipalities_with_programmes(user):
    return (
        Municipality.objects.for_user(user)
        .filter(programmes__isnull=False)
        .distinct()
        .order_by("name")
    )


def _add_domain_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


# --- SBST ---------------------------------------------------------------------------------


@login_required
@require_GET
def activity_list(request):
    _require_sbst(request.user)
    activities = NetworkActivity.objects.annotate(
        participant_count=Count("invitations__participants", distinct=True)
    ).prefetch_related(
        Prefetch(
            "invitations",
            queryset=NetworkInvitation.objects.select_related("municipality").order_by(
                "municipality__name"
            ),
        )
    )
    now = timezone.now()
    return render(
        request,
        "meetings/network_activity_list.html",
        {
            "upcoming": list(activities.filter(starts_at__gte=now).order_by("starts_at", "id")),
            "past": list(activities.filter(starts_at__lt=now).order_by("-starts_at", "-id")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request):
    _require_sbst(request.user)
    form = CreateActivityForm(
        request.POST or None, municipalities=_municipalities_with_programmes(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity = network.create_network_activity(
                by=request.user,
                municipalities=form.cleaned_data["municipalities"],
                **form.activity_fields(),
            )
        except DomainError as error:
            _add_domain_error(form, error)
        else:
            messages.success(request, _("Netværksaktiviteten er oprettet."))
            return redirect("network:activity_detail", activity_pk=activity.pk)
    return render(request, "meetings/network_activity_form.html", {"form": form})


def _activity_log(activity, invitations):
    kinds = ContentType.objects.get_for_models(NetworkActivity, NetworkInvitation)
    return ActivityEntry.objects.filter(
        Q(content_type=kinds[NetworkActivity], object_id=activity.pk)
        | Q(content_type=kinds[NetworkInvitation], object_id__in=[i.pk for i in invitations])
    ).select_related("actor", "municipality")


@login_required
@require_GET
def activity_detail(request, activity_pk):
    """The whole activity, every municipality and its participants: SBST's page."""
    _require_sbst(request.user)
    activity = get_object_or_404(
        NetworkActivity.objects.select_related("created_by"), pk=activity_pk
    )
    invitations = list(
        activity.invitations.select_related("municipality")
        .prefetch_related(
            Prefetch("participants", queryset=NetworkParticipant.objects.order_by("name", "id"))
        )
        .order_by("municipality__name")
    )
    add_form = AddMunicipalitiesForm(
        municipalities=_municipalities_with_programmes(request.user).exclude(
            pk__in=[i.municipality_id for i in invitations]
        )
    )
    return render(
        request,
        "meetings/network_activity_detail.html",
        {
            "activity": activity,
            "invitations": invitations,
            "add_form": add_form,
            "events": list(_activity_log(activity, invitations)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, activity_pk):
    _require_sbst(request.user)
    activity = get_object_or_404(NetworkActivity, pk=activity_pk)
    form = ActivityForm(request.POST or None, initial=ActivityForm.initial_for(activity))
    if request.method == "POST" and form.is_valid():
        try:
            changed = network.change_network_activity(
                activity, by=request.user, **form.activity_fields()
            )
        except DomainError as error:
            _add_domain_error(form, error)
        else:
            if changed:
                messages.success(request, _("Netværksaktiviteten er gemt."))
            else:
                messages.info(request, _("Der var ingen ændringer at gemme."))
            return redirect("network:activity_detail", activity_pk=activity.pk)
    return render(
        request, "meetings/network_activity_form.html", {"form": form, "activity": activity}
    )


@login_required
@require_POST
def activity_municipalities(request, activity_pk):
    """Invite more municipalities."""
    _require_sbst(request.user)
    activity = get_object_or_404(NetworkActivity, pk=activity_pk)
    form = AddMunicipalitiesForm(
        request.POST, municipalities=_municipalities_with_programmes(request.user)
    )
    if not form.is_valid():
        messages.error(request, _("Vælg mindst én kommune."))
    else:
        added = network.add_municipalities(
            activity, form.cleaned_data["municipalities"], by=request.user
        )
        if added:
            messages.success(
                request,
                _("Inviteret: %(names)s.")
                % {"names": ", ".join(i.municipality.name for i in added)},
            )
    return redirect("network:activity_detail", activity_pk=activity.pk)


@login_required
@require_POST
def invitation_remove(request, invitation_pk):
    """Take a municipality out of the activity, with its participants."""
    _require_sbst(request.user)
    invitation = get_for_user_or_404(
        NetworkInvitation.objects.select_related("municipality"), request.user, pk=invitation_pk
    )
    network.remove_municipality(invitation, by=request.user)
    messages.success(
        request,
        _("%(municipality)s er ikke længere med i aktiviteten.")
        % {"municipality": invitation.municipality.name},
    )
    return redirect("network:activity_detail", activity_pk=invitation.activity_id)


# --- one municipality's page --------------------------------------------------------------


def _invitation(request, invitation_pk) -> NetworkInvitation:
    return get_for_user_or_404(
        NetworkInvitation.objects.select_related("activity", "municipality"),
        request.user,
        pk=invitation_pk,
    )


def _participants(invitation):
    return list(invitation.participants.select_related("member__group").order_by("name", "id"))


def _invitation_page(request, invitation, *, participants_form=None, attendance_form=None):
    participants = _participants(invitation)
    can_manage = network.can_manage_participants(request.user, invitation)
    if can_manage:
        participants_form = participants_form or ParticipantsForm(
            members=network.members_to_choose(invitation, request.user),
            initial={"members": [p.member_id for p in participants if p.member_id]},
        )
        attendance_form = attendance_form or AttendanceForm(participants=participants)
    return render(
        request,
        "meetings/network_invitation_detail.html",
        {
            "invitation": invitation,
            "activity": invitation.activity,
            "participants": participants,
            "can_manage": can_manage,
            "participants_form": participants_form,
            "attendance_form": attendance_form,
            "events": list(for_object(invitation)),
        },
    )


@login_required
@require_GET
def invitation_detail(request, invitation_pk):
    """The activity as one municipality sees it: its own participants only."""
    return _invitation_page(request, _invitation(request, invitation_pk))


@login_required
@require_POST
def invitation_participants(request, invitation_pk):
    invitation = _invitation(request, invitation_pk)
    require(network.can_manage_participants(request.user, invitation))
    form = ParticipantsForm(
        request.POST, members=network.members_to_choose(invitation, request.user)
    )
    if form.is_valid():
        try:
            added, removed = network.set_participants(
                invitation, form.cleaned_data["members"], by=request.user
            )
        except DomainError as error:
            _add_domain_error(form, error)
        else:
            if added or removed:
                messages.success(request, _("Deltagerne er gemt."))
            else:
                messages.info(request, _("Der var ingen ændringer at gemme."))
            return redirect("network:invitation_detail", invitation_pk=invitation.pk)
    return _invitation_page(request, invitation, participants_form=form)


@login_required
@require_POST
def invitation_attendance(request, invitation_pk):
    invitation = _invitation(request, invitation_pk)
    require(network.can_manage_participants(request.user, invitation))
    form = AttendanceForm(request.POST, participants=_participants(invitation))
    if form.is_valid():
        try:
            changed = network.record_attendance(invitation, form.statuses(), by=request.user)
        except DomainError as error:
            _add_domain_error(form, error)
        else:
            if changed:
                messages.success(request, _("Fremmødet er gemt."))
            else:
                messages.info(request, _("Der var ingen ændringer at gemme."))
            return redirect("network:invitation_detail", invitation_pk=invitation.pk)
    return _invitation_page(request, invitation, attendance_form=form)
