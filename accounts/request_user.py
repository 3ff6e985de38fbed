"""The signed-in user and their memberships: one cache read per request.

Every signed-in request needs the user (`request.user`) and their memberships
(`CurrentMunicipalityMiddleware`: the current municipality, the tenant scope, the roles). Both
are kept as ONE cache entry per user, so a request after the first reads them with one cache
read and no SQL; the session itself is read from the cache too, in the same round trip
(`accounts.sessions`).

Invalidation: saving or deleting a user, one of their memberships (added, removed, role
changed) or a municipality they belong to goes through the model signals connected in
`connect_signals()`, whatever changed it (a service, the admin, a command, a worker). The
entry is deleted at once, and when the transaction commits it is replaced by a short-lived
tombstone: a request that read the old rows just before the commit can then not store them
(`cache.add` refuses a present key), and requests read the database until the tombstone
expires. A password change or deactivation therefore ends other sessions at their next
request, as Django's own `get_user` does. The entry expires after `ENTRY_TTL` anyway, which
bounds what a change that skips the signals (`QuerySet.update`, `bulk_create`, raw SQL)
could leave stale. Saving only `last_login` (every sign-in does) keeps the entry.

Without REDIS_URL (DEBUG only) the cache is per process: a change made in another process
(a shell) reaches a running server only when the entry expires.
"""

import functools
import hashlib
import logging

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
    load_backend,
)
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.crypto import constant_time_compare
from django_scopes import scopes_disabled

from programmes.models import Membership, Municipality

from . import sessions

logger = logging.getLogger(__name__)

ENTRY_TTL = 10 * 60
TOMBSTONE_TTL = 10
TOMBSTONE = "invalidated"
# Set on the user object the entry built, for `memberships_of`.
MEMBERSHIPS_ATTR = "_request_memberships"


def _attnames(model) -> tuple[str, ...]:
    return tuple(field.attname for field in model._meta.concrete_fields)


@functools.cache
def _layout():
    return _attnames(get_user_model()), _attnames(Membership), _attnames(Municipality)


@functools.cache
def _key_prefix() -> str:
    # Entries hold field values in column order: a changed model reads none of the old ones.
    digest = hashlib.sha256(repr(_layout()).encode()).hexdigest()[:10]
    return f"request-user:{digest}:"


def cache_key(user_id) -> str:
    return f"{_key_prefix()}{user_id}"


def _memberships_query(user_id):
    return (
        Membership.objects.filter(user_id=user_id)
        .select_related("municipality")
        .order_by("municipality__name", "role")
    )


def read_database(user_id):
    """The entry for `user_id` from the database: the user's values and their memberships'."""
    user_fields, membership_fields, municipality_fields = _layout()
    User = get_user_model()
    user = User._default_manager.filter(pk=user_id).first()
    if user is None:
        return (None, ())
    with scopes_disabled():
        memberships = list(_memberships_query(user_id))
    return (
        tuple(getattr(user, name) for name in user_fields),
        tuple(
            (
                tuple(getattr(m, name) for name in membership_fields),
                tuple(getattr(m.municipality, name) for name in municipality_fields),
            )
            for m in memberships
        ),
    )


def build(entry):
    """The user (or None) and their memberships, from an entry."""
    user_fields, membership_fields, municipality_fields = _layout()
    user_values, membership_rows = entry
    if user_values is None:
        return None, []
    user = get_user_model().from_db(DEFAULT_DB_ALIAS, user_fields, user_values)
    municipalities = {}
    memberships = []
    for membership_values, municipality_values in membership_rows:
        membership = Membership.from_db(DEFAULT_DB_ALIAS, membership_fields, membership_values)
        pk = municipality_values[0]
        if pk not in municipalities:
            municipalities[pk] = Municipality.from_db(
                DEFAULT_DB_ALIAS, municipality_fields, municipality_values
            )
        membership.municipality = municipalities[pk]
        membership.user = user
        memberships.append(membership)
    setattr(user, MEMBERSHIPS_ATTR, memberships)
    return user, memberships


def store(user_id, entry) -> bool:
    """Keep `entry` unless the key holds anything (a newer entry or a tombstone)."""
    try:
        return cache.add(cache_key(user_id), entry, ENTRY_TTL)
    except Exception:
        logger.exception("Could not store the request user in the cache")
        return False


_UNREAD = object()


def load(user_id, entry=_UNREAD):
    """The user with this pk (or None) and their memberships: the cache (or `entry`, read
    from it already), else the database."""
    if entry is _UNREAD:
        try:
            entry = cache.get(cache_key(user_id))
        except Exception:
            logger.exception("Could not read the request user from the cache")
            entry = TOMBSTONE  # read the database, store nothing
    if isinstance(entry, tuple):
        return build(entry)
    fresh = read_database(user_id)
    if entry is None:
        store(user_id, fresh)
    return build(fresh)


@functools.cache
def _backend(path):
    return load_backend(path)


def get_user(request):
    """Django's `auth.get_user` with the user from `load`; the same session checks.

    Only a backend that reads users as `ModelBackend` does goes through the cache; any other
    backend's `get_user` is asked as Django would.
    """
    user = None
    try:
        user_id = get_user_model()._meta.pk.to_python(request.session[SESSION_KEY])
        backend_path = request.session[BACKEND_SESSION_KEY]
    except KeyError:
        pass
    else:
        if backend_path in settings.AUTHENTICATION_BACKENDS:
            backend = _backend(backend_path)
            if type(backend).get_user is ModelBackend.get_user:
                prefetched = getattr(request.session, "prefetched_user", None)
                if prefetched is not None and prefetched[0] == user_id:
                    user, _memberships = load(user_id, prefetched[1])
                else:
                    user, _memberships = load(user_id)
                sessions.remember(request.session.session_key, user_id)
                if user is not None and not backend.user_can_authenticate(user):
                    user = None
            else:
                user = backend.get_user(user_id)
            # Verify the session, as django.contrib.auth.get_user does.
            if hasattr(user, "get_session_auth_hash"):
                session_hash = request.session.get(HASH_SESSION_KEY)
                if not session_hash:
                    session_hash_verified = False
                else:
                    session_auth_hash = user.get_session_auth_hash()
                    session_hash_verified = constant_time_compare(session_hash, session_auth_hash)
                if not session_hash_verified:
                    if session_hash and any(
                        constant_time_compare(session_hash, fallback_auth_hash)
                        for fallback_auth_hash in user.get_session_auth_fallback_hash()
                    ):
                        request.session.cycle_key()
                        request.session[HASH_SESSION_KEY] = session_auth_hash
                    else:
                        request.session.flush()
                        user = None
    return user or AnonymousUser()


def memberships_of(user) -> list:
    """The user's memberships by municipality name and role: those the cache entry brought,
    else read now (a user object that did not come through `get_user`)."""
    memberships = getattr(user, MEMBERSHIPS_ATTR, None)
    if memberships is None:
        with scopes_disabled():
            memberships = list(_memberships_query(user.pk))
    return memberships


def invalidate(user_id) -> None:
    """Forget the user's entry now, and block refilling it briefly once the change commits."""
    key = cache_key(user_id)

    def tombstone():
        try:
            cache.set(key, TOMBSTONE, TOMBSTONE_TTL)
        except Exception:
            logger.exception("Could not invalidate the request user in the cache")

    try:
        cache.delete(key)
    except Exception:
        logger.exception("Could not invalidate the request user in the cache")
    transaction.on_commit(tombstone)


def _user_changed(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) == {"last_login"}:
        return  # each sign-in writes it; nothing a request reads from the entry
    invalidate(instance.pk)


def _membership_changed(sender, instance, **kwargs):
    invalidate(instance.user_id)


def _municipality_changed(sender, instance, created=False, **kwargs):
    if created:
        return
    with scopes_disabled():
        user_ids = set(
            Membership.objects.filter(municipality_id=instance.pk).values_list("user_id", flat=True)
        )
    for user_id in user_ids:
        invalidate(user_id)


def connect_signals():
    User = get_user_model()
    for signal in (post_save, post_delete):
        signal.connect(_user_changed, sender=User, dispatch_uid="request-user-user")
        signal.connect(
            _membership_changed, sender=Membership, dispatch_uid="request-user-membership"
        )
    post_save.connect(
        _municipality_changed, sender=Municipality, dispatch_uid="request-user-municipality"
    )
