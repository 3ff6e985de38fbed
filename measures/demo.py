"""Demo data for `seed_demo`: a measure with twenty weekly points on Roskilde's trial action
»Borgerens egne ord øverst i handleplanen«, ten before it started and ten from then on, with
a clear shift upwards, so the run chart's verdict shows a signal.

Built through the services. Runs after the trial actions' demo (which makes the trial
action); when that trial action is missing, the measure goes on the plan's first goal, whose
chart marks any trial action under its sub-goals. Idempotent: nothing is added once the
measure exists.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from plans.models import Goal
from programmes.models import Municipality, Programme
from trial_actions.models import TrialAction, copenhagen_today

from . import services
from .models import Measure, UnitKind

User = get_user_model()

TRIAL_ACTION = "Borgerens egne ord øverst i handleplanen"
NAME = "Nye handleplaner med borgerens egne mål"
DESCRIPTION = (
    "Hver uge gennemgår teamlederen de nye handleplaner og tæller, hvor stor en andel der "
    "begynder med borgerens egne mål med borgerens egne ord."
)
# Percent of the week's new action plans: ten weeks before the trial action, ten after.
VALUES = (22, 25, 19, 24, 21, 27, 23, 20, 26, 22, 31, 38, 42, 40, 47, 45, 52, 49, 55, 53)


def seed_measures_demo(*, password: str, log) -> None:
    roskilde = Municipality.objects.get(name="Roskilde")
    programme = Programme.objects.filter(municipality=roskilde).order_by("created_at").first()
    if programme is None or Measure.objects.filter(programme=programme, name=NAME).exists():
        return
    owner = (
        TrialAction.objects.filter(programme=programme, title=TRIAL_ACTION).order_by("id").first()
    )
    if owner is not None:
        start = owner.starts_on
    else:
        owner = (
            Goal.objects.filter(plan__programme=programme)
            .select_related("plan__programme")
            .order_by("position", "id")
            .first()
        )
        if owner is None:
            return
        start = copenhagen_today() - datetime.timedelta(weeks=10)
    coordinator = User.objects.get(email="koordinator@roskilde.dk")
    measure = services.add_measure(
        owner, by=coordinator, name=NAME, unit=UnitKind.PERCENTAGE, description=DESCRIPTION
    )
    first = start - datetime.timedelta(weeks=10)
    for week, value in enumerate(VALUES):
        services.add_point(
            measure,
            by=coordinator,
            measured_on=first + datetime.timedelta(weeks=week),
            value=Decimal(value),
            note="Skabelonen tages i brug" if week == 10 else "",
        )
    log(f"Oprettet: målingen »{NAME}« med {len(VALUES)} punkter i Roskilde")
