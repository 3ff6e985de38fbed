"""Demo enrolments for `seed_demo`: an open cohort and enrolments in different states.

Built through the services, so the history, grants and programme look like the real thing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from outbox.services import suppressed as tasks_suppressed
from programmes.models import Cohort, Level, Membership, Municipality

from . import services
from .models import Enrolment

User = get_user_model()
Role = Membership.Role


def _next_open_start(today: datetime.date) -> datetime.date:
    """The first January or August start whose deadline (a month before) is still weeks away."""
    for year in (today.year, today.year + 1, today.year + 2):
        for month in (1, 8):
            start = datetime.date(year, month, 1)
            if start - datetime.timedelta(days=30) > today + datetime.timedelta(days=14):
                return start
    raise AssertionError("unreachable")


def _user(email, full_name, password, log, *, municipality=None, role=None, title=""):
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "title": title}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
        log(f"Oprettet: {email}")
    if municipality is not None:
        Membership.objects.get_or_create(municipality=municipality, user=user, role=role)
    return user


def _details(cohort, coordinator, director_email, **overrides):
    data = {
        "cohort": cohort,
        "includes_strategic_management": True,
        "includes_authority_area": True,
        "includes_social_offers": True,
        "ambitions": (
            "Vi vil omlægge hele socialpsykiatrien, så borgerens håb, ønsker og drømme er "
            "udgangspunktet, og flere kommer i uddannelse og beskæftigelse."
        ),
        "current_practice": (
            "Bostøtten har arbejdet recovery-orienteret i to år; myndighedsområdet er ved at "
            "komme i gang."
        ),
        "proposed_coordinator": coordinator,
        "director_name": "Direktør for social og sundhed",
        "director_title": "Direktør",
        "director_email": director_email,
    }
    data.update(overrides)
    return data


def _steering(*people):
    return [
        {"name": name, "title": title, "email": email, "level": level}
        for name, title, email, level in people
    ]


def seed_enrolment_demo(*, password: str, log) -> None:
    """Create the open cohort and Roskilde (approved), Herning (submitted), Randers (draft)."""
    today = timezone.localdate()
    starts_on = _next_open_start(today)
    month = "januar" if starts_on.month == 1 else "august"
    cohort, created = Cohort.objects.get_or_create(
        name=f"Hold {month} {starts_on.year}",
        defaults={
            "starts_on": starts_on,
            "enrolment_deadline": starts_on - datetime.timedelta(days=30),
            "is_open_for_enrolment": True,
        },
    )
    if created:
        log(f"Oprettet: {cohort.name} (frist {cohort.enrolment_deadline:%d.%m.%Y})")

    consultant = User.objects.get(email="konsulent@sbst.dk")
    roskilde = Municipality.objects.get(name="Roskilde")
    herning = Municipality.objects.get(name="Herning")
    randers = Municipality.objects.get(name="Randers")

    # The demo addresses are not real mailboxes: build the data without sending e-mails.
    with tasks_suppressed():
        if not Enrolment.objects.for_municipality(roskilde).filter(cohort=cohort).exists():
            _roskilde_approved(cohort, roskilde, consultant, password, log)
        if not Enrolment.objects.for_municipality(herning).filter(cohort=cohort).exists():
            _herning_submitted(cohort, herning, consultant, password, log)
        if not Enrolment.objects.for_municipality(randers).filter(cohort=cohort).exists():
            coordinator = User.objects.get(email="koordinator@randers.dk")
            services.create_enrolment(
                municipality=randers,
                by=coordinator,
                data=_details(
                    cohort, coordinator, "direktoer@randers.dk", includes_authority_area=False
                ),
                steering_members=_steering(
                    ("Rasmus Direktør", "Direktør", "direktoer@randers.dk", Level.DIRECTOR),
                ),
            )
            log("Oprettet: Randers' tilmelding (kladde)")


def _roskilde_approved(cohort, roskilde, consultant, password, log):
    coordinator = User.objects.get(email="koordinator@roskilde.dk")
    director = _user(
        "direktoer@roskilde.dk",
        "Dorthe Direktør",
        password,
        log,
        municipality=roskilde,
        role=Role.READER,
        title="Direktør for social og sundhed",
    )
    steering = _user(
        "styregruppe@roskilde.dk",
        "Sanne Styregruppe",
        password,
        log,
        municipality=roskilde,
        role=Role.STEERING,
        title="Socialchef",
    )
    enrolment = services.create_enrolment(
        municipality=roskilde,
        by=coordinator,
        data=_details(cohort, coordinator, director.email, director_name=director.full_name),
        steering_members=_steering(
            (director.full_name, director.title, director.email, Level.DIRECTOR),
            (steering.full_name, steering.title, steering.email, Level.CHIEF),
        ),
    )
    services.submit_enrolment(enrolment, by=coordinator)
    token = services.resend_director_link(enrolment, by=coordinator)
    services.answer_by_director_link(token=token, approve=True)
    services.respond_as_steering_member(enrolment, by=steering, approve=True, comment="")
    _hold_meeting_with(enrolment, consultant, steering)
    services.approve_enrolment(enrolment, by=consultant)
    log("Oprettet: Roskildes tilmelding (godkendt, med forløb og styregruppe)")


def _hold_meeting_with(enrolment, consultant, chief):
    """Record the enrolment meeting as held today with `chief` from the municipality."""
    services.record_enrolment_meeting(
        enrolment,
        by=consultant,
        meeting_date=timezone.localdate(),
        held=True,
        participants=[
            {
                "name": chief.full_name,
                "title": chief.title,
                "level": Level.CHIEF,
                "has_strategic_responsibility": True,
            }
        ],
    )


def _herning_submitted(cohort, herning, consultant, password, log):
    coordinator = User.objects.get(email="koordinator@herning.dk")
    steering = _user(
        "styregruppe@herning.dk",
        "Helle Styregruppe",
        password,
        log,
        municipality=herning,
        role=Role.STEERING,
        title="Chef for voksenområdet",
    )
    enrolment = services.create_enrolment(
        municipality=herning,
        by=coordinator,
        data=_details(cohort, coordinator, "direktoer@herning.dk", director_name="Hans Direktør"),
        steering_members=_steering(
            ("Hans Direktør", "Direktør", "direktoer@herning.dk", Level.DIRECTOR),
            (steering.full_name, steering.title, steering.email, Level.CHIEF),
        ),
    )
    services.submit_enrolment(enrolment, by=coordinator)
    _hold_meeting_with(enrolment, consultant, steering)
    log("Oprettet: Hernings tilmelding (indsendt, møde holdt, mangler direktørens godkendelse)")
