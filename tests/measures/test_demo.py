"""seed_demo gives Roskilde's demo trial action a measure whose run chart shows a shift."""

import pytest
from django.urls import reverse

from accounts.models import User
from measures import demo, runchart
from measures.models import Measure
from tests.programmes.test_seed_demo import seed

pytestmark = pytest.mark.cross_tenant


def test_roskildes_demo_measure_has_twenty_points_and_a_signal_after_the_trial_action(
    settings, db, client_for
):
    settings.DEBUG = True

    seed()
    seed()  # twice: nothing is made a second time

    measure = Measure.objects.get(name=demo.NAME)
    points = list(measure.points.order_by("measured_on"))
    assert measure.programme.municipality.name == "Roskilde"
    assert measure.trial_action.title == demo.TRIAL_ACTION
    assert len(points) == 20
    started = measure.trial_action.starts_on
    assert sum(point.measured_on < started for point in points) == 10
    verdict = runchart.verdict_of(points)
    assert verdict.signal and verdict.enough

    coordinator = User.objects.get(email="koordinator@roskilde.dk")
    page = (
        client_for(coordinator)
        .get(
            reverse(
                "measures:measure_detail",
                kwargs={"programme_pk": measure.programme_id, "measure_pk": measure.pk},
            )
        )
        .content.decode()
    )
    assert "Tegn på en ændring" in page
    assert f"Start: {demo.TRIAL_ACTION}" in page
