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
    """Submitted enrolments waiting for `user` as a proposed steering member with the grant
    who has not answered yet. (The director answers through their personal link.)"""
    if not user or not user.is_authenticated or user.is_sbst:
        return []
    steering = (
        enrolments_awaiting_steering_answer(user)
        .filter(
            steering_members__user=user,
            steering_members__response=SteeringMember.Response.PENDING,
        )
        .select_related("municipality", "cohort")
        .distinct()
    )
    return [Awaiting(e, _("som medlem af styregruppen")) for e in steering]
