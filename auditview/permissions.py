"""Who may read the activity pages, inside what the scoping layer lets them read.

A programme's activity stream is for the programme's people: the municipality's
coordinators, the programme's own coordinator, and anyone whose account is linked to a
member of one of its groups; and for SBST staff (its contact and the other consultants, who
follow every municipality). Another reader in the municipality is refused (403); another
municipality never finds the programme (404). The search over the whole log, with the reads
of the case review, is SBST's administrators' alone, as the case review's read log is.
"""

from programmes.models import GroupMember
from programmes.permissions import is_coordinator


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_in_a_group(user, programme) -> bool:
    """`user` is linked to a member of one of the programme's groups (remembered on the
    programme for the request)."""
    cache = programme.__dict__.setdefault("_auditview_member_cache", {})
    if user.pk not in cache:
        cache[user.pk] = GroupMember.objects.filter(
            user_id=user.pk, group__programme_id=programme.pk
        ).exists()
    return cache[user.pk]


def can_read_stream(user, programme) -> bool:
    if not _signed_in(user):
        return False
    if user.is_sbst:
        return True
    if programme.coordinator_id == user.pk or is_coordinator(user, programme.municipality):
        return True
    return is_in_a_group(user, programme)


def can_search_log(user) -> bool:
    return _signed_in(user) and user.is_sbst_admin
