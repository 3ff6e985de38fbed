"""The one domain activity log: `log_action` writes an entry, `describe` reads it aloud.

Each app registers its action codes with a Danish sentence (translated when read) or a
function of the entry's data, e.g. in `enrolment/activity.py`:

    ACTIONS = register({"enrolment.submitted": _("Tilmeldingen er indsendt.")})

and its services call `log_action(enrolment, "enrolment.submitted", by=user)` inside their
transaction. Store facts in `data` (ids, dates as ISO strings, counts, field names), never a
sentence; free text a person wrote goes in `data["note"]`.
"""

import datetime
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import ActivityEntry

_ACTIONS: dict[str, object] = {}


def register(actions: dict[str, object]) -> dict[str, object]:
    """Make action codes known: code → lazy sentence with %(name)s data, or data → str."""
    _ACTIONS.update(actions)
    return actions


def log_action(
    target,
    action: str,
    *,
    by=None,
    actor_description: str = "",
    data: dict | None = None,
    programme=None,
) -> ActivityEntry:
    """Record that `by` (or `actor_description`) did `action` to `target`, now."""
    if action not in _ACTIONS:
        raise ValueError(f"Unknown activity action {action!r}: register it first.")
    if programme is None and getattr(target, "programme_id", None):
        programme_id = target.programme_id
    else:
        programme_id = programme.pk if programme is not None else None
    return ActivityEntry.objects.create(
        municipality_id=getattr(target, "municipality_id", None),
        programme_id=programme_id,
        actor=by,
        actor_description=actor_description,
        action=action,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        data=data or {},
    )


def for_object(target):
    """The entries about `target`, oldest first."""
    return ActivityEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).select_related("actor")


def for_programme(programme):
    """The entries about `programme` and everything in it, newest first, with their actors."""
    return (
        ActivityEntry.objects.filter(programme_id=programme.pk)
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


def action_codes() -> list[str]:
    """Every registered action code, in alphabetical order."""
    return sorted(_ACTIONS)


def as_date(value) -> str:
    """An ISO date from `data`, in the reader's date format."""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return date_format(value, "DATE_FORMAT")


def describe(entry: ActivityEntry) -> str:
    """The entry as a sentence in the active language."""
    template = _ACTIONS.get(entry.action)
    if template is None:
        return _("Ukendt handling (%(action)s).") % {"action": entry.action}
    try:
        if isinstance(template, Callable):
            return template(entry.data)
        return str(template) % entry.data
    except (KeyError, ValueError, TypeError):
        # An entry written before its action's facts changed: never fail a page over it.
        return entry.data.get("note") or _("Ukendt handling (%(action)s).") % {
            "action": entry.action
        }


class CoreAction:
    MEMBERSHIP_REMOVED = "membership.removed"
    CONTACT_CHANGED = "programme.contact_changed"
    GROUP_ADDED = "group.added"
    GROUP_CHANGED = "group.changed"
    GROUP_REMOVED = "group.removed"
    MEMBER_ADDED = "group_member.added"
    MEMBER_CHANGED = "group_member.changed"
    MEMBER_REMOVED = "group_member.removed"
    MEMBER_LINKED = "group_member.linked"


def _membership_removed(data) -> str:
    return _("%(person)s er ikke længere %(role)s.") % {
        "person": data.get("person", ""),
        "role": _role_label(data.get("role", "")).lower(),
    }


def _contact_changed(data) -> str:
    return _("%(name)s er nu forløbets primære kontakt i Social- og Boligstyrelsen.") % {
        "name": data.get("name", "")
    }


def _member_added(data) -> str:
    sentence = _("%(name)s er kommet med i %(group)s.") % {
        "name": data.get("name", ""),
        "group": data.get("group_name", ""),
    }
    if data.get("invited"):
        sentence += " " + _("Personen er inviteret som bruger.")
    elif data.get("linked"):
        sentence += " " + _("Personen er knyttet til sin bruger.")
    return sentence


def _members(count: int) -> str:
    return ngettext("%(count)d medlem", "%(count)d medlemmer", count) % {"count": count}


def _group_added(data) -> str:
    """A group added by hand, or the steering group made with its members when the
    enrolment was approved (`members` and `roles` counted then)."""
    if "members" not in data:
        return _("%(name)s er oprettet.") % {"name": data["name"]}
    sentence = _("%(name)s er oprettet med %(members)s fra tilmeldingen.") % {
        "name": data["name"],
        "members": _members(data["members"]),
    }
    if data.get("roles"):
        sentence += " " + ngettext(
            "%(count)d ny rolle i kommunen er givet.",
            "%(count)d nye roller i kommunen er givet.",
            data["roles"],
        ) % {"count": data["roles"]}
    return sentence


def _group_removed(data) -> str:
    """The group, with the members and the meetings still to come that went with it (entries
    written before those were counted have no counts)."""
    parts = []
    if data.get("members"):
        parts.append(_members(data["members"]))
    if data.get("meetings"):
        parts.append(
            ngettext("%(count)d kommende møde", "%(count)d kommende møder", data["meetings"])
            % {"count": data["meetings"]}
        )
    if not parts:
        return _("%(name)s er fjernet fra forløbet.") % {"name": data["name"]}
    return _("%(name)s er fjernet fra forløbet med %(what)s.") % {
        "name": data["name"],
        "what": get_text_list(parts, _("og")),
    }


register(
    {
        CoreAction.MEMBERSHIP_REMOVED: _membership_removed,
        CoreAction.CONTACT_CHANGED: _contact_changed,
        CoreAction.GROUP_ADDED: _group_added,
        CoreAction.GROUP_CHANGED: gettext_lazy("%(name)s er ændret."),
        CoreAction.GROUP_REMOVED: _group_removed,
        CoreAction.MEMBER_ADDED: _member_added,
        CoreAction.MEMBER_CHANGED: gettext_lazy(
            "Oplysningerne om %(name)s i %(group_name)s er ændret."
        ),
        CoreAction.MEMBER_REMOVED: gettext_lazy("%(name)s er ikke længere med i %(group_name)s."),
        CoreAction.MEMBER_LINKED: gettext_lazy(
            "%(name)s i %(group_name)s har taget imod sin invitation og har nu en bruger."
        ),
    }
)


def _role_label(role: str) -> str:
    from .models import Membership

    try:
        return str(Membership.Role(role).label)
    except ValueError:
        return role
