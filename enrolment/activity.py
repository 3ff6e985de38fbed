"""The enrolment's action codes in the activity log, and how each reads."""

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from programmes.activity import as_date, register


class Action:
    CREATED = "enrolment.created"
    UPDATED = "enrolment.updated"
    SUBMITTED = "enrolment.submitted"
    DIRECTOR_LINK_SENT = "enrolment.director_link_sent"
    DIRECTOR_APPROVED = "enrolment.director_approved"
    DIRECTOR_DECLINED = "enrolment.director_declined"
    STEERING_APPROVED = "enrolment.steering_approved"
    STEERING_OBJECTED = "enrolment.steering_objected"
    STEERING_ACCESS_GRANTED = "enrolment.steering_access_granted"
    MEETING_RECORDED = "enrolment.meeting_recorded"
    APPROVED = "enrolment.approved"
    REJECTED = "enrolment.rejected"
    WITHDRAWN = "enrolment.withdrawn"


def _steering(counts) -> str:
    """The proposed steering members, with how many were added, removed and changed (entries
    written before those were counted hold only `True` and read without counts)."""
    if not isinstance(counts, dict):
        return _("de foreslåede medlemmer af styregruppen")
    templates = {
        "added": _("%(count)d tilføjet"),
        "removed": _("%(count)d fjernet"),
        "changed": _("%(count)d ændret"),
    }
    parts = [
        template % {"count": counts[key]} for key, template in templates.items() if counts.get(key)
    ]
    if not parts:
        return _("de foreslåede medlemmer af styregruppen")
    return _("de foreslåede medlemmer af styregruppen (%(counts)s)") % {
        "counts": get_text_list(parts, _("og"))
    }


def _updated(data) -> str:
    from .models import Enrolment

    labels = []
    for name in data.get("fields", []):
        try:
            labels.append(str(Enrolment._meta.get_field(name).verbose_name))
        except Exception:  # a field removed since: name it as stored
            labels.append(name)
    if data.get("steering"):
        labels.append(_steering(data["steering"]))
    if not labels:
        return _("Kladden er gemt.")
    return _("Kladden er ændret: %(fields)s.") % {"fields": get_text_list(labels, _("og"))}


def _meeting(data) -> str:
    if data.get("held"):
        count = data.get("count", 0)
        return ngettext(
            "Tilmeldingsmødet er afholdt den %(date)s med %(count)d deltager fra kommunen.",
            "Tilmeldingsmødet er afholdt den %(date)s med %(count)d deltagere fra kommunen.",
            count,
        ) % {"date": as_date(data["date"]), "count": count}
    return _("Tilmeldingsmødet er planlagt til den %(date)s.") % {"date": as_date(data["date"])}


def _director_approved(data) -> str:
    if data.get("via") == "link":
        sentence = _("Direktøren har godkendt tilmeldingen via sit personlige link.")
    else:
        sentence = _("Direktøren har godkendt tilmeldingen fra sin brugerkonto.")
    if data.get("steering"):
        sentence += " " + _("Direktøren har dermed også godkendt som medlem af styregruppen.")
    return sentence


def _director_declined(data) -> str:
    sentence = _("Direktøren har afvist at godkende tilmeldingen.")
    if data.get("steering"):
        sentence += " " + _(
            "Direktøren har dermed også gjort indsigelse som medlem af styregruppen."
        )
    return sentence


def _approved(data) -> str:
    """SBST's approval, naming the coordinator when approval gave them the role (older
    entries do not say)."""
    sentence = _("Social- og Boligstyrelsen har godkendt tilmeldingen.")
    if data.get("coordinator"):
        sentence += " " + _("%(name)s har fået rollen som koordinator i kommunen.") % {
            "name": data["coordinator"]
        }
    return sentence


ACTIONS = register(
    {
        Action.CREATED: gettext_lazy("Tilmeldingen er oprettet som kladde."),
        Action.UPDATED: _updated,
        Action.SUBMITTED: gettext_lazy("Tilmeldingen er indsendt til Social- og Boligstyrelsen."),
        Action.DIRECTOR_LINK_SENT: gettext_lazy("Direktøren har fået et link til %(email)s."),
        Action.DIRECTOR_APPROVED: _director_approved,
        Action.DIRECTOR_DECLINED: _director_declined,
        Action.STEERING_APPROVED: gettext_lazy(
            "%(name)s har godkendt tilmeldingen som medlem af styregruppen."
        ),
        Action.STEERING_OBJECTED: gettext_lazy(
            "%(name)s har gjort indsigelse som medlem af styregruppen."
        ),
        Action.STEERING_ACCESS_GRANTED: gettext_lazy(
            "%(name)s kan nu svare som medlem af styregruppen."
        ),
        Action.MEETING_RECORDED: _meeting,
        Action.APPROVED: _approved,
        Action.REJECTED: gettext_lazy("Social- og Boligstyrelsen har afvist tilmeldingen."),
        Action.WITHDRAWN: gettext_lazy("Kommunen har trukket tilmeldingen tilbage."),
    }
)
