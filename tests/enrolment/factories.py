"""Enrolments in each state, built through the services so they look like the real thing."""

import datetime

from django.utils import timezone

from enrolment import services
from enrolment.models import Enrolment
from programmes.models import Level, Membership
from tests.factories import CohortFactory, member

Role = Membership.Role


def open_cohort(**fields):
    """A cohort that starts next August with its deadline well ahead."""
    today = timezone.localdate()
    year = today.year + 1
    fields.setdefault("starts_on", datetime.date(year, 8, 1))
    fields.setdefault("enrolment_deadline", today + datetime.timedelta(days=90))
    return CohortFactory(**fields)


def steering_user(municipality, email, full_name="Styregruppemedlem"):
    """A user with the steering role in `municipality`."""
    return member(municipality.name, role=Role.STEERING, email=email, full_name=full_name)


def details(cohort, coordinator, **overrides) -> dict:
    data = {
        "cohort": cohort,
        "includes_strategic_management": True,
        "includes_authority_area": True,
        "includes_social_offers": True,
        "ambitions": "Vi vil omlægge hele socialpsykiatrien mod recovery.",
        "current_practice": "Bostøtten arbejder allerede recovery-orienteret.",
        "proposed_coordinator": coordinator,
        "director_name": "Dorthe Direktør",
        "director_title": "Direktør for social og sundhed",
        "director_email": f"direktoer{coordinator.pk}@example.dk",
    }
    data.update(overrides)
    return data


def draft_enrolment(municipality, coordinator, *, cohort=None, steering=None, **overrides):
    """A draft with every answer filled in; `steering` is a list of member dicts."""
    cohort = cohort or open_cohort()
    if steering is None:
        steering = [
            {"name": "Søren Styre", "title": "Socialchef", "email": "", "level": Level.CHIEF}
        ]
    return services.create_enrolment(
        municipality=municipality,
        by=coordinator,
        data=details(cohort, coordinator, **overrides),
        steering_members=steering,
    )


def submitted_enrolment(municipality, coordinator, *, steering_users=(), **kwargs):
    """A submitted enrolment; each of `steering_users` is a proposed member with an account."""
    steering = [
        {"name": u.get_full_name(), "title": "Chef", "email": u.email, "level": Level.CHIEF}
        for u in steering_users
    ] or None
    enrolment = draft_enrolment(municipality, coordinator, steering=steering, **kwargs)
    return services.submit_enrolment(enrolment, by=coordinator)


def director_token(enrolment) -> str:
    """Issue a fresh director link and return its token (the e-mailed one is not stored)."""
    return services.resend_director_link(enrolment, by=enrolment.submitted_by)


def hold_meeting(enrolment, consultant, *, level=Level.CHIEF, strategic=True):
    return services.record_enrolment_meeting(
        enrolment,
        by=consultant,
        meeting_date=timezone.localdate(),
        held=True,
        participants=[
            {
                "name": "Charlotte Chef",
                "title": "Socialchef",
                "level": level,
                "has_strategic_responsibility": strategic,
            }
        ],
    )


def ready_for_decision(municipality, coordinator, consultant, **kwargs) -> Enrolment:
    """Submitted, approved by the director through the link, meeting held at chief level."""
    enrolment = submitted_enrolment(municipality, coordinator, **kwargs)
    services.answer_by_director_link(token=director_token(enrolment), approve=True)
    hold_meeting(enrolment, consultant)
    enrolment.refresh_from_db()
    return enrolment
