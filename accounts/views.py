from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_scopes import scopes_disabled

from programmes.errors import DomainError
from programmes.models import Municipality
from programmes.permissions import require

from . import services
from .client_ip import client_ip
from .forms import (
    AcceptInvitationForm,
    EmailAuthenticationForm,
    InvitationForm,
    PasswordResetRequestForm,
)
from .models import Invitation, User


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_success_url(self):
        url = super().get_success_url()
        # A `next` pointing back at the login page would loop for a signed-in user.
        return resolve_url(settings.LOGIN_REDIRECT_URL) if url == self.request.path else url


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        services.request_password_reset(
            email=form.cleaned_data["email"],
            client_ip=client_ip(self.request),
            language=get_language(),
        )
        # The same page whether an account has the address, and whether it was throttled.
        return redirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


def _invitable_municipalities(request):
    if request.user.is_sbst:
        return Municipality.objects.all()
    coordinator_of = [
        m.municipality_id for m in request.memberships if m.role == m.Role.COORDINATOR
    ]
    return Municipality.objects.for_user(request.user).filter(pk__in=coordinator_of)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_list(request):
    municipalities = _invitable_municipalities(request)
    require(request.user.is_sbst or municipalities.exists())
    initial = {"municipality": request.municipality}
    form = InvitationForm(request.POST or None, municipalities=municipalities, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = services.invite_person(
                by=request.user,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                municipality=form.cleaned_data["municipality"],
                role=form.cleaned_data["role"],
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("Invitationen er sendt til %(email)s.") % {"email": invitation.email},
            )
            return redirect("accounts:invitation_list")
    invitations = (
        Invitation.objects.for_user(request.user)
        .filter(municipality__in=municipalities)
        .select_related("municipality", "invited_by")
        .order_by("-created_at")[:50]
    )
    return render(
        request,
        "accounts/invitation_list.html",
        {"form": form, "invitations": invitations},
    )


@never_cache  # the page carries the secret link; no shared or back-button cache keeps it
@require_http_methods(["GET", "POST"])
@scopes_disabled()  # the secret link is the permission; it names one municipality and role
def invitation_accept(request, token):
    invitation = services.find_invitation(token)
    if invitation is None:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"message": _("Invitationen findes ikke. Tjek at du har brugt hele linket.")},
            status=404,
        )
    try:
        services.check_invitation_usable(invitation)
    except DomainError as error:
        return render(
            request, "accounts/invitation_invalid.html", {"message": error.message}, status=410
        )
    has_account = User.objects.filter(email__iexact=invitation.email).exists()
    form = None
    if not has_account:
        form = AcceptInvitationForm(
            request.POST or None,
            email=invitation.email,
            initial={"full_name": invitation.full_name},
        )
    error_message = None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            user = services.accept_invitation(
                token=token,
                user=request.user if request.user.is_authenticated else None,
                full_name=form.cleaned_data["full_name"] if form else "",
                password=form.cleaned_data["password1"] if form else "",
            )
        except DomainError as error:
            error_message = error.message
        else:
            if not request.user.is_authenticated:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Velkommen. Du er nu med i %(m)s.") % {"m": invitation.municipality}
            )
            return redirect("home")
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "has_account": has_account,
            "error_message": error_message,
        },
    )
