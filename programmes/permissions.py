"""Who may do what: roles come from membership rows, one-object grants from django-guardian.

Reading is decided by the scoping layer (`programmes.scoping`); these functions decide the
actions inside what a user may read. A user lacking a right inside their own municipality
gets 403; outside it, the object is never found (404).
"""

from django.core.exceptions import PermissionDenied
from guardian.shortcuts import get_objects_for_user

from .models import Membership

Role = Membership.Role


def roles_in(user, municipality) -> set[str]:
    """The membership roles `user` holds in `municipality`."""
    if not user.is_authenticated or municipality is None:
        return set()
    cached = getattr(user, "_roles_cache", None)
    if cached is None:
        cached = user._roles_cache = {}
    if municipality.pk not in cached:
        if getattr(user, "_roles_complete", False):
            # The request's middleware filled in every municipality the user has a role in.
            return set()
        cached[municipality.pk] = set(
            Membership.objects.filter(user=user, municipality=municipality).values_list(
                "role", flat=True
            )
        )
    return cached[municipality.pk]


def has_role(user, municipality, *roles) -> bool:
    return bool(roles_in(user, municipality) & set(roles))


def is_coordinator(user, municipality) -> bool:
    return has_role(user, municipality, Role.COORDINATOR)


def can_invite(user, municipality) -> bool:
    """SBST staff and the municipality's coordinators may invite people into it."""
    return user.is_authenticated and (user.is_sbst or is_coordinator(user, municipality))


def require(condition: bool) -> None:
    """Raise 403 when a signed-in user lacks a right inside data they may read."""
    if not condition:
        raise PermissionDenied


def objects_with_perm(user, perm: str, queryset):
    """Objects in `queryset` on which `user` holds the object permission `perm`.

    Starts from the user's scoped queryset and ignores model-wide permissions, so a holder of
    a global permission never sees another municipality's rows through guardian.
    """
    return get_objects_for_user(
        user,
        perm,
        klass=queryset.for_user(user),
        accept_global_perms=False,
        with_superuser=False,
    )
