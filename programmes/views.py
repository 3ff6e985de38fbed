from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from phases.selectors import attach_standings, with_phase

from .errors import DomainError
from .extensions import (
    MUNICIPALITY_PANELS,
    USER_PANELS,
    render_panels,
    render_programme_panels,
)
from .forms import PrimaryContactForm
from .health import health_report
from .middleware import SESSION_KEY
from .models import GroupMember, Membership, Municipality, Programme, ProgrammeGroup, Region
from .permissions import can_invite, require, roles_in
from .scoping import get_for_user_or_404
from .services import change_primary_contact, remove_membership


@login_required
def home(request):
    """The start page: SBST staff see the municipalities, others their own municipality."""
    if request.user.is_sbst:
        return render(request, "programmes/home_sbst.html", _portfolio_context(request))
    municipality = request.municipality
    programmes = []
    if municipality is not None:
        programmes = attach_standings(
            with_phase(
                Programme.objects.for_user(request.user)
                .for_municipality(municipality)
                .select_related("cohort", "coordinator", "primary_contact")
            )
        )
    return render(
        request,
        "programmes/home_municipality.html",
        {
            "municipality": municipality,
            "programmes": programmes,
            "roles": roles_in(request.user, municipality),
            "user_panels": render_panels(USER_PANELS, request, municipality),
            "panels": render_panels(MUNICIPALITY_PANELS, request, municipality)
            if municipality is not None
            else [],
        },
    )


def _portfolio_context(request):
    programmes = with_phase(Programme.objects.order_by("cohort__starts_on"))
    municipalities = (
        Municipality.objects.for_user(request.user)
        .annotate(user_count=Count("memberships__user", distinct=True))
        .prefetch_related(Prefetch("programmes", queryset=programmes))
    )
    region = request.GET.get("region", "")
    if region in Region.values:
        municipalities = municipalities.filter(region=region)
    municipalities = list(municipalities)
    attach_standings(p for m in municipalities for p in m.programmes.all())
    return {
        "municipalities": municipalities,
        "regions": Region.choices,
        "selected_region": region,
    }


@login_required
@require_GET
def municipality_list(request):
    require(request.user.is_sbst)
    return render(request, "programmes/municipality_list.html", _portfolio_context(request))


@login_required
@require_GET
def municipality_detail(request, code):
    municipality = get_for_user_or_404(Municipality, request.user, code=code)
    programmes = attach_standings(
        with_phase(
            Programme.objects.for_user(request.user)
            .for_municipality(municipality)
            .select_related("cohort", "coordinator", "primary_contact")
        )
    )
    return render(
        request,
        "programmes/municipality_detail.html",
        {
            "municipality": municipality,
            "programmes": programmes,
            "can_manage_people": can_invite(request.user, municipality),
            "panels": render_panels(MUNICIPALITY_PANELS, request, municipality),
        },
    )


@login_required
@require_GET
def programme_detail(request, programme_pk):
    """A programme: its phases in time, its coordinator and SBST contact, its groups."""
    members = GroupMember.objects.select_related("user").order_by("name")
    programme = get_for_user_or_404(
        Programme.objects.select_related(
            "municipality", "cohort", "coordinator", "primary_contact"
        ).prefetch_related(
            Prefetch("groups", queryset=ProgrammeGroup.objects.order_by("kind", "name")),
            Prefetch("groups__members", queryset=members),
        ),
        request.user,
        pk=programme_pk,
    )
    groups = list(programme.groups.all())
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "panels": render_programme_panels(request, programme),
            "contact_form": PrimaryContactForm(initial={"contact": programme.primary_contact_id})
            if request.user.is_sbst
            else None,
            "groups": groups,
            "has_implementation_group": any(
                g.kind == ProgrammeGroup.Kind.IMPLEMENTATION for g in groups
            ),
        },
    )


@login_required
@require_POST
def programme_contact(request, programme_pk):
    """SBST changes the programme's primary contact."""
    programme = get_for_user_or_404(Programme, request.user, pk=programme_pk)
    require(request.user.is_sbst)
    form = PrimaryContactForm(request.POST)
    if form.is_valid():
        try:
            change_primary_contact(programme, by=request.user, contact=form.cleaned_data["contact"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Forløbets primære kontakt er gemt."))
    else:
        messages.error(request, _("Vælg en medarbejder i Social- og Boligstyrelsen."))
    return redirect("programmes:programme_detail", programme_pk=programme.pk)


@login_required
@require_GET
def municipality_people(request, code):
    """Who has which role in a municipality, for those who may invite and remove people."""
    municipality = get_for_user_or_404(Municipality, request.user, code=code)
    require(can_invite(request.user, municipality))
    memberships = (
        Membership.objects.for_user(request.user)
        .for_municipality(municipality)
        .select_related("user")
        .order_by("user__full_name", "user__email", "role")
    )
    return render(
        request,
        "programmes/municipality_people.html",
        {"municipality": municipality, "memberships": memberships},
    )


@login_required
@require_POST
def membership_remove(request, code, membership_pk):
    municipality = get_for_user_or_404(Municipality, request.user, code=code)
    membership = get_for_user_or_404(
        Membership.objects.for_municipality(municipality).select_related("user"),
        request.user,
        pk=membership_pk,
    )
    require(can_invite(request.user, municipality))
    try:
        remove_membership(membership, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(person)s er ikke længere %(role)s i %(municipality)s.")
            % {
                "person": membership.user,
                "role": membership.get_role_display().lower(),
                "municipality": municipality,
            },
        )
    if membership.user_id == request.user.pk:
        return redirect("home")  # their own role is gone; the page may be closed to them now
    return redirect("programmes:municipality_people", code=municipality.code)


@login_required
@require_POST
def switch_municipality(request):
    """Make another of the user's own municipalities the current one."""
    municipality = get_for_user_or_404(
        Municipality, request.user, pk=request.POST.get("municipality") or 0
    )
    request.session[SESSION_KEY] = municipality.pk
    return redirect("home")


@never_cache
@require_GET
def healthz(request):
    healthy, checks = health_report()
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
