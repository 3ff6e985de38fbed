"""What the enrolment adds to the core's pages (registered in `EnrolmentConfig.ready`)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from programmes.models import Programme

from . import permissions
from .models import Enrolment
from .selectors import enrolments_awaiting


def awaiting_context(request, municipality):
    """What waits for the signed-in person's answer."""
    awaiting = enrolments_awaiting(request.user)
    return {"awaiting": awaiting} if awaiting else None


def municipality_enrolment_context(request, municipality):
    """Where the municipality stands with enrolment, for its start page and SBST's page of it.

    Nothing once its enrolment is approved: the programme speaks for itself then.
    """
    latest = (
        Enrolment.objects.for_user(request.user)
        .for_municipality(municipality)
        .with_criteria()
        .select_related("cohort", "submitted_by")
        .order_by("-created_at")
        .first()
    )
    if latest is not None and latest.state == Enrolment.State.APPROVED:
        return None
    has_programme = Programme.objects.for_user(request.user).for_municipality(municipality).exists()
    if latest is None and has_programme:
        return None
    return {
        "municipality": municipality,
        "enrolment": latest,
        "can_fill_in": permissions.can_fill_in(request.user, municipality),
        "waiting_for": _waiting_for(latest) if latest is not None else [],
    }


def _waiting_for(enrolment) -> list[str]:
    if enrolment.state != Enrolment.State.SUBMITTED:
        return []
    return [str(c.missing) for c in enrolment.checklist if not c.met] or [
        _("Social- og Boligstyrelsens afgørelse.")
    ]


def nav_items(request):
    if request.user.is_sbst:
        return [(_("Tilmeldinger"), reverse("enrolment:enrolment_list"))]
    if getattr(request, "municipality", None) is not None:
        return [(_("Tilmelding"), reverse("enrolment:start"))]
    return []
