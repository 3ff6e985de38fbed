import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from outbox.services import enqueue
from programmes.errors import DomainError
from programmes.models import Membership
from programmes.permissions import can_invite

from . import throttle
from .lockout import normalise_email
from .models import Invitation, User
from .signals import person_joined
from .tasks import send_mail_task, send_password_reset_task

logger = logging.getLogger(__name__)
HOUR = 60 * 60


def invite_person(*, by, email, municipality, role, full_name="") -> tuple[Invitation, str]:
    """Invite `email` into `municipality` with `role`; e-mails an expiring single-use link.

    Returns the invitation and the secret token (only its hash is stored).
    """
    if not can_invite(by, municipality):
        raise DomainError(_("Du har ikke ret til at invitere personer til denne kommune."))
    if role not in Membership.Role.values:
        raise DomainError(_("Vælg en gyldig rolle."), field="role")
    email = email.strip().lower()
    if Membership.objects.filter(
        municipality=municipality, user__email__iexact=email, role=role
    ).exists():
        raise DomainError(
            _("%(email)s har allerede denne rolle i %(municipality)s.")
            % {"email": email, "municipality": municipality},
            field="email",
        )
    if not throttle.allow(
        f"invitation:by:{by.pk}", limit=settings.INVITATION_LIMIT_PER_HOUR, period_seconds=HOUR
    ):
        raise DomainError(
            _("Du har sendt mange invitationer den seneste time. Vent lidt, og prøv igen."),
            field="email",
        )
    with transaction.atomic():
        invitation, token = Invitation.issue(
            valid_for=timedelta(days=settings.INVITATION_VALID_DAYS),
            email=email,
            full_name=full_name,
            municipality=municipality,
            role=role,
            invited_by=by,
        )
        enqueue(
            send_mail_task,
            template="accounts/email/invitation",
            to=[email],
            context={
                "municipality": municipality.name,
                "role": str(Membership.Role(role).label),
                "invited_by": by.get_full_name(),
                "link": settings.SITE_URL + reverse("accounts:invitation_accept", args=[token]),
                "expires": date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT"),
            },
        )
    return invitation, token


def request_password_reset(*, email: str, client_ip: str | None, language: str) -> None:
    """Queue the e-mail with a link to choose a new password, unless asked too often.

    The request does the same work whether an account has `email` or not: the task looks the
    account up, makes the token and renders the e-mail, so neither the page nor the response
    time tells. Past PASSWORD_RESET_LIMIT_PER_IP requests from one client address or
    PASSWORD_RESET_LIMIT_PER_ADDRESS e-mails to one address an hour, nothing is queued, and the
    page says the same.
    """
    email = normalise_email(email)
    if not throttle.allow(
        f"password-reset:ip:{client_ip}",
        limit=settings.PASSWORD_RESET_LIMIT_PER_IP,
        period_seconds=HOUR,
    ) or not throttle.allow(
        f"password-reset:address:{email}",
        limit=settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
        period_seconds=HOUR,
    ):
        logger.warning("Password reset throttled for a client address or an e-mail address.")
        return
    enqueue(send_password_reset_task, email=email, language=language)


def find_invitation(token: str) -> Invitation | None:
    return Invitation.with_token(
        token, Invitation.objects.select_related("municipality", "invited_by")
    ).first()


def check_invitation_usable(invitation: Invitation) -> None:
    if invitation.is_used:
        raise DomainError(
            _("Invitationen er allerede brugt. Log ind med din e-mail og adgangskode.")
        )
    if invitation.is_expired:
        raise DomainError(
            _("Invitationen udløb den %(date)s. Bed den, der inviterede dig, om en ny.")
            % {"date": date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT")}
        )


def accept_invitation(*, token: str, user=None, full_name: str = "", password: str = "") -> User:
    """Use an invitation once: create the account if needed and give it the membership.

    An existing account must be signed in as the invited e-mail to accept.
    """
    with transaction.atomic():
        invitation = Invitation.with_token(
            token,
            Invitation.objects.select_for_update(of=("self",)).select_related(
                "municipality", "invited_by"
            ),
        ).first()
        if invitation is None:
            raise DomainError(_("Invitationen findes ikke. Tjek at du har brugt hele linket."))
        check_invitation_usable(invitation)
        inviter = invitation.invited_by
        if invitation.municipality_id and (
            inviter is None
            or not inviter.is_active
            or not can_invite(inviter, invitation.municipality)
        ):
            raise DomainError(
                _(
                    "Den, der inviterede dig, kan ikke længere invitere til %(municipality)s. "
                    "Bed om en ny invitation."
                )
                % {"municipality": invitation.municipality}
            )
        existing = User.objects.filter(email__iexact=invitation.email).first()
        if existing is not None:
            if user is None or user.pk != existing.pk:
                raise DomainError(
                    _("Der findes allerede en bruger med %(email)s. Log ind som den bruger først.")
                    % {"email": invitation.email}
                )
            account = existing
        else:
            if user is not None and user.is_authenticated:
                raise DomainError(
                    _("Invitationen er sendt til %(email)s. Log ud og åbn linket igen.")
                    % {"email": invitation.email}
                )
            account = User.objects.create_user(
                invitation.email, password, full_name=full_name or invitation.full_name
            )
        if invitation.municipality_id:
            Membership.objects.get_or_create(
                municipality_id=invitation.municipality_id, user=account, role=invitation.role
            )
            person_joined.send(
                sender=Invitation, user=account, municipality=invitation.municipality
            )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = account
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return account
