"""The one scoping layer: what a user may read of tenant-owned data.

Every tenant-owned model carries `municipality` directly and uses `TenantQuerySet`, so one
filter scopes any of them. Views read through `Model.objects.for_user(user)` and fetch single
objects with `get_for_user_or_404`, so another municipality's object is the same 404 as a
missing one.

Under it lies a tripwire (django-scopes, as pretix and pretalx use): a tenant model's manager
filters every query to the municipalities of the active scope, and raises `ScopeError` when no
scope is active. `CurrentMunicipalityMiddleware` activates the signed-in user's scope for each
request; code that rightly works across municipalities (SBST staff, token links, tasks,
commands) says so with `scopes_disabled()`.
"""

from django.core.exceptions import ValidationError
from django.db import DataError, models
from django.http import Http404
from django_scopes import ScopedManager


def municipality_ids_for(user):
    """A lazy subquery of the ids of the municipalities where `user` holds a membership."""
    from .models import Membership

    return Membership.objects.filter(user_id=user.pk).values("municipality_id")


def can_read_all_municipalities(user) -> bool:
    """SBST consultants and administrators follow every municipality."""
    return bool(user and user.is_authenticated and user.is_active and user.is_sbst)


class TenantQuerySet(models.QuerySet):
    # The lookup from this model to its municipality's id.
    tenant_lookup = "municipality_id"

    def for_user(self, user):
        """Rows `user` may read: all for SBST staff, their municipalities' for others."""
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        if can_read_all_municipalities(user):
            return self
        return self.filter(**{f"{self.tenant_lookup}__in": municipality_ids_for(user)})

    def for_municipality(self, municipality):
        return self.filter(**{self.tenant_lookup: municipality.pk})

    def bulk_create(self, objs, *args, **kwargs):
        # save() is skipped here, so the rows take their municipality from the parent now.
        objs = list(objs)
        for obj in objs:
            inherit = getattr(obj, "inherit_municipality", None)
            if inherit is not None:
                inherit()
        return super().bulk_create(objs, *args, **kwargs)


class MunicipalityQuerySet(TenantQuerySet):
    tenant_lookup = "pk"


def tenant_manager(queryset_class=None):
    """The default manager of a tenant model: `queryset_class`'s methods behind the tripwire."""
    queryset_class = queryset_class or TenantQuerySet
    return ScopedManager(
        _manager_class=models.Manager.from_queryset(queryset_class),
        municipality=queryset_class.tenant_lookup,
    )


def get_for_user_or_404(queryset, user, **lookup):
    """Fetch one object through the user's scope; missing and not-yours are the same 404."""
    if isinstance(queryset, type) and issubclass(queryset, models.Model):
        queryset = queryset.objects.all()
    try:
        return queryset.for_user(user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, ValidationError, DataError) as exc:
        # A malformed id is as unknown as a missing one; psycopg refuses a NUL byte in a text
        # parameter (DataError) before the query is sent.
        raise Http404 from exc
