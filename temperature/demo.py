"""Demo data for `seed_demo`: Roskilde's programme has taken both rounds of the temperature
measurement, each closed with a result for leaders and employees and too few citizen
representatives to show theirs; the employees' response rate is low in the first round.
The first round shows a need in citizen involvement and in data and follow-up.

The answers go through the same service as an answer through a link. The follow-up is
dated just before today, ahead of Roskilde's phase, so the demo shows the two rounds side by
side. Runs after the enrolment demo, which makes Roskilde's programme.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from programmes.models import Municipality, Programme

from . import services
from .models import MeasurementRound, RespondentKind, RoundKind, Statement

User = get_user_model()
L, E, C = RespondentKind.LEADERS, RespondentKind.EMPLOYEES, RespondentKind.CITIZENS

# kind: (days before today opened, closed, {group: (expected, answers)}, mean per dimension)
ROUNDS = {
    RoundKind.FIRST: (
        70,
        49,
        {L: (8, 7), E: (30, 12), C: (6, 3)},
        {
            "ledelse-og-retning": 3.4,
            "samarbejde-paa-tvaers": 2.9,
            "kompetencer-og-laering": 3.2,
            "borgerinddragelse": 2.2,
            "data-og-opfoelgning": 2.5,
            "ressourcer-og-rammer": 3.1,
        },
    ),
    RoundKind.FOLLOW_UP: (
        14,
        1,
        {L: (8, 6), E: (30, 19), C: (6, 4)},
        {
            "ledelse-og-retning": 3.9,
            "samarbejde-paa-tvaers": 3.5,
            "kompetencer-og-laering": 3.7,
            "borgerinddragelse": 3.3,
            "data-og-opfoelgning": 3.0,
            "ressourcer-og-rammer": 3.2,
        },
    ),
}


def _value(rng, mean: float, steps: int):
    if rng.random() < 0.05:
        return None  # "Ved ikke"
    return max(1, min(steps, round(rng.gauss(mean, 0.9))))


def seed_temperature_demo(*, password: str, log) -> None:
    roskilde = Municipality.objects.get(name="Roskilde")
    programme = Programme.objects.filter(municipality=roskilde).order_by("created_at").first()
    coordinator = User.objects.filter(email="koordinator@roskilde.dk").first()
    if programme is None or coordinator is None:
        return
    if MeasurementRound.objects.filter(programme=programme).exists():
        return
    today = timezone.localdate()
    rng = random.Random(10)
    for kind, (opened, closed, groups, means) in ROUNDS.items():
        round_ = services.create_round(
            programme,
            by=coordinator,
            kind=kind,
            groups={group: expected for group, (expected, _n) in groups.items()},
            today=today - datetime.timedelta(days=opened),
        )
        statements = list(
            Statement.objects.filter(dimension__instrument_id=round_.instrument_id).select_related(
                "dimension"
            )
        )
        steps = len(round_.instrument.scale)
        for group in round_.groups.all():
            for _ in range(groups[group.kind][1]):
                services.submit_response(
                    group,
                    values={
                        s.pk: _value(rng, means.get(s.dimension.key, 3.0), steps)
                        for s in statements
                    },
                )
        services.close_round(round_, by=coordinator, today=today - datetime.timedelta(days=closed))
        log(f"Oprettet: Roskildes temperaturmåling ({round_.get_kind_display().lower()})")
