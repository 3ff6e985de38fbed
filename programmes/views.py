from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Invitation
from phases.selectors import attach_standings, with_phase

from . import composition, services
from .errors import DomainError
from .extensions import (
    MUNICIPALITY_PANELS,
    USER_PANELS,
    render_panels,
    render_programme_panels,
)
from .forms import GroupForm, MemberForm, PrimaryContactForm
from .health import health_report
from .middleware import SESSION_KEY
from .models import GroupMember, Membership, Municipality, Programme, ProgrammeGroup, Region
from .permissions import can_invite, require, roles_in
from .scoping import get_for_user_or_404
from .selectors import programme_for
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
    programmes = with_phase(Programme.objects.order_by("cohort__starts_on")).prefetch_related(
        "groups__members"
    )
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
    for m in municipalities:
        for programme in m.programmes.all():
            programme.warnings = composition.programme_warnings(programme)
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
    groups = in_group_order(programme.groups.all())
    for group in groups:
        group.warnings = composition.group_warnings(group)
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
            "programme_warnings": composition.programme_own_warnings(programme),
            "can_edit_groups": _may_edit_groups(request, programme),
        },
    )


@login_required
@require_POST
def programme_contact(request, programme_pk):
    """SBST changes the programme's primary contact."""
    programme = programme_for(request.user, programme_pk)
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


# Groups and their members -------------------------------------------------------------------

GROUP_ORDER = {kind: index for index, kind in enumerate(ProgrammeGroup.Kind.values)}


def in_group_order(groups):
    """Steering group, implementation group, then the local groups by name."""
    return sorted(groups, key=lambda g: (GROUP_ORDER.get(g.kind, 99), g.name.lower(), g.pk))


def _group(request, programme, group_pk, queryset=None):
    """The programme's group, or 404; it knows its programme without another query."""
    queryset = ProgrammeGroup.objects.all() if queryset is None else queryset
    group = get_for_user_or_404(queryset.filter(programme=programme), request.user, pk=group_pk)
    group.programme = programme
    return group


def _member(request, group, member_pk):
    member = get_for_user_or_404(
        GroupMember.objects.filter(group=group).select_related("user"),
        request.user,
        pk=member_pk,
    )
    member.group = group
    return member


def _may_edit_groups(request, programme) -> bool:
    """The municipality's coordinators and SBST staff edit groups; other roles read them."""
    return can_invite(request.user, programme.municipality)


def _invited_emails(request, programme, members) -> set[str]:
    """The members' e-mails with an open invitation into the programme's municipality."""
    emails = {m.email.lower() for m in members if m.email and not m.user_id}
    if not emails:
        return set()
    return set(
        Invitation.objects.for_user(request.user)
        .filter(
            municipality=programme.municipality,
            email__in=emails,
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .values_list("email", flat=True)
    )


@login_required
@require_GET
def group_detail(request, programme_pk, group_pk):
    """A group: its members, what its composition lacks, and links to change it."""
    programme = programme_for(request.user, programme_pk)
    members = GroupMember.objects.select_related("user").order_by("role", "name", "pk")
    group = _group(
        request,
        programme,
        group_pk,
        ProgrammeGroup.objects.prefetch_related(Prefetch("members", queryset=members)),
    )
    members = list(group.members.all())
    invited = _invited_emails(request, programme, members)
    for member in members:
        member.is_invited = bool(member.email) and member.email.lower() in invited
    return render(
        request,
        "programmes/group_detail.html",
        {
            "programme": programme,
            "group": group,
            "members": members,
            "warnings": composition.group_warnings(group),
            "can_edit": _may_edit_groups(request, programme),
            "removal_refusal": services.why_group_stays(group),
        },
    )


def _addable_kinds(programme):
    have = set(programme.groups.values_list("kind", flat=True))
    Kind = ProgrammeGroup.Kind
    standing = [k for k in (Kind.STEERING, Kind.IMPLEMENTATION) if k not in have]
    return [Kind.LOCAL, *standing]


@login_required
@require_http_methods(["GET", "POST"])
def group_add(request, programme_pk):
    programme = programme_for(request.user, programme_pk)
    require(_may_edit_groups(request, programme))
    kinds = _addable_kinds(programme)
    form = GroupForm(request.POST or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.add_group(programme, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("%(group)s er oprettet.") % {"group": group.name})
            return redirect("programmes:group_detail", programme_pk=programme.pk, group_pk=group.pk)
    return render(
        request,
        "programmes/group_form.html",
        {"programme": programme, "group": None, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, programme_pk, group_pk):
    programme = programme_for(request.user, programme_pk)
    group = _group(request, programme, group_pk)
    require(_may_edit_groups(request, programme))
    initial = {"name": group.name, "area": group.area, "area_name": group.area_name}
    form = GroupForm(request.POST or None, group=group, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_group(group, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Gruppen er gemt."))
            return redirect("programmes:group_detail", programme_pk=programme.pk, group_pk=group.pk)
    return render(
        request,
        "programmes/group_form.html",
        {"programme": programme, "group": group, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_remove(request, programme_pk, group_pk):
    """Ask before a local group is removed (GET); remove it (POST)."""
    programme = programme_for(request.user, programme_pk)
    group = _group(request, programme, group_pk)
    require(_may_edit_groups(request, programme))
    if request.method == "POST":
        try:
            services.remove_group(group, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("programmes:group_detail", programme_pk=programme.pk, group_pk=group.pk)
        messages.success(request, _("%(group)s er fjernet.") % {"group": group.name})
        return redirect("programmes:programme_detail", programme_pk=programme.pk)
    return render(
        request,
        "programmes/group_remove.html",
        {
            "programme": programme,
            "group": group,
            "removal_refusal": services.why_group_stays(group),
        },
    )


def _member_saved_message(request, member, *, invited):
    if invited:
        text = _("%(name)s er gemt og har fået en invitation på %(email)s.")
    elif member.user_id:
        text = _("%(name)s er gemt og knyttet til sin bruger.")
    else:
        text = _("%(name)s er gemt.")
    messages.success(request, text % {"name": member.name, "email": member.email})


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, programme_pk, group_pk):
    programme = programme_for(request.user, programme_pk)
    group = _group(request, programme, group_pk)
    require(_may_edit_groups(request, programme))
    form = MemberForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.add_member(group, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            invited = form.cleaned_data["invite"] and not member.user_id
            _member_saved_message(request, member, invited=invited)
            return redirect("programmes:group_detail", programme_pk=programme.pk, group_pk=group.pk)
    return render(
        request,
        "programmes/member_form.html",
        {"programme": programme, "group": group, "member": None, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, programme_pk, group_pk, member_pk):
    programme = programme_for(request.user, programme_pk)
    group = _group(request, programme, group_pk)
    member = _member(request, group, member_pk)
    require(_may_edit_groups(request, programme))
    fields = ("name", "email", "title", "role", "kind", "level", "area")
    initial = {field: getattr(member, field) for field in fields}
    form = MemberForm(request.POST or None, group=group, member=member, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.change_member(member, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            invited = form.cleaned_data.get("invite") and not member.user_id
            _member_saved_message(request, member, invited=invited)
            return redirect("programmes:group_detail", programme_pk=programme.pk, group_pk=group.pk)
    return render(
        request,
        "programmes/member_form.html",
        {"programme": programme, "group": group, "member": member, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request, programme_pk, group_pk, member_pk):
    """Ask before a person is taken out of a group (GET); take them out (POST)."""
    programme = programme_for(request.user, programme_pk)
    group = _group(request, programme, group_pk)
    member = _member(request, group, member_pk)
    require(_may_edit_groups(request, programme))
    if request.method == "POST":
        try:
            services.remove_member(member, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(name)s er ikke længere med i %(group)s.")
                % {"name": member.name, "group": group.name},
            )
        return redirect("programmes:group_detail", programme_pk=programme.pk, group_pk=group.pk)
    return render(
        request,
        "programmes/member_remove.html",
        {"programme": programme, "group": group, "member": member},
    )
