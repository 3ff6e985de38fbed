from django.db import transaction
from django.utils.translation import gettext as _

from .errors import DomainError
from .models import Membership
from .permissions import can_invite


def remove_membership(membership: Membership, *, by) -> None:
    """Take a role away from a person; a municipality always keeps at least one coordinator."""
    if not can_invite(by, membership.municipality):
        raise DomainError(_("Du har ikke ret til at ændre, hvem der er med i denne kommune."))
    with transaction.atomic():
        # Lock the municipality's coordinators so two coordinators cannot remove each other.
        coordinators = list(
            Membership.objects.select_for_update()
            .filter(municipality_id=membership.municipality_id, role=Membership.Role.COORDINATOR)
            .values_list("pk", flat=True)
        )
        locked = Membership.objects.select_for_update().filter(pk=membership.pk).first()
        if locked is None:
            return  # already removed by someone else: the outcome is the same
        if locked.role == Membership.Role.COORDINATOR and coordinators == [locked.pk]:
            raise DomainError(
                _(
                    "%(municipality)s skal have mindst én koordinator. Invitér en ny koordinator, "
                    "før du fjerner den sidste."
                )
                % {"municipality": membership.municipality}
            )
        locked.delete()
