"""Read queries the pages share."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Enrolment, SteeringMember
from .permissions import enrolments_awaiting_steering_answer


@dataclass(frozen=True)
class Awaiting:
    enrolment: Enrolment
    as_what: str


def enrolments_awaiting(user) -> list[Awaiting]:
    """Submitted enrolments waiting for `user`: as the named director or as a proposed steering
    member with the grant who has not answered yet."""
    if not user or not user.is_authenticated or user.is_sbst:
        return []
    submitted = (
        Enrolment.objects.for_user(user)
        .filter(state=Enrolment.State.SUBMITTED)
        .select_related("municipality", "cohort")
    )
    waiting = [
        Awaiting(e, _("som direktør"))
        for e in submitted.filter(director_user=user, director_approved_at__isnull=True)
        .exclude(submitted_by=user)
        .exclude(proposed_coordinator=user)
    ]
    steering = (
        enrolments_awaiting_steering_answer(user)
        .filter(
            steering_members__user=user,
            steering_members__response=SteeringMember.Response.PENDING,
        )
        .select_related("municipality", "cohort")
        .distinct()
    )
    waiting += [Awaiting(e, _("som medlem af styregruppen")) for e in steering]
    return waiting
