from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from .activity import CoreAction, log_action
from .errors import DomainError
from .models import Membership, Programme
from .permissions import can_invite


def remove_membership(membership: Membership, *, by) -> None:
    """Take a role away from a person; a municipality always keeps at least one coordinator."""
    if not can_invite(by, membership.municipality):
        raise DomainError(_("Du har ikke ret til at ændre, hvem der er med i denne kommune."))
    with transaction.atomic():
        # Lock the municipality's coordinators so two coordinators cannot remove each other,
        # then check again under the lock that the remover is still one of them.
        coordinators = dict(
            Membership.objects.select_for_update()
            .filter(municipality_id=membership.municipality_id, role=Membership.Role.COORDINATOR)
            .values_list("pk", "user_id")
        )
        if not by.is_sbst and by.pk not in coordinators.values():
            raise DomainError(_("Du har ikke ret til at ændre, hvem der er med i denne kommune."))
        locked = (
            Membership.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=membership.pk)
            .first()
        )
        if locked is None:
            return  # already removed by someone else: the outcome is the same
        if locked.role == Membership.Role.COORDINATOR and list(coordinators) == [locked.pk]:
            raise DomainError(
                _(
                    "%(municipality)s skal have mindst én koordinator. Invitér en ny koordinator, "
                    "før du fjerner den sidste."
                )
                % {"municipality": membership.municipality}
            )
        log_action(
            locked,
            CoreAction.MEMBERSHIP_REMOVED,
            by=by,
            data={
                "user": locked.user_id,
                "role": locked.role,
                "person": locked.user.get_full_name(),
            },
        )
        locked.delete()


def sbst_contacts():
    """The people SBST can name as a programme's primary contact."""
    User = get_user_model()
    return User.objects.filter(
        sbst_role__in=[User.SbstRole.CONSULTANT, User.SbstRole.ADMINISTRATOR], is_active=True
    ).order_by("full_name", "email")


def change_primary_contact(programme: Programme, *, by, contact) -> Programme:
    """SBST names another of its people as the programme's primary contact."""
    if not (by.is_authenticated and by.is_sbst):
        raise DomainError(_("Kun Social- og Boligstyrelsen kan vælge forløbets primære kontakt."))
    if not sbst_contacts().filter(pk=contact.pk).exists():
        raise DomainError(
            _("Den primære kontakt skal være en aktiv medarbejder i SBST."), field="contact"
        )
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        if locked.primary_contact_id == contact.pk:
            return locked
        locked.primary_contact = contact
        locked.save(update_fields=["primary_contact"])
        log_action(
            locked,
            CoreAction.CONTACT_CHANGED,
            by=by,
            programme=locked,
            data={"name": contact.get_full_name()},
        )
    return locked
