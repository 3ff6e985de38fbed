"""seed_demo gives Roskilde's running programme a communication plan to click through."""

import pytest

from communication.activity import Action
from communication.models import ActivityStatus, CommunicationActivity, copenhagen_today
from phases.models import Phase
from phases.schedule import window_of
from programmes.models import ActivityEntry, Programme
from tests.programmes.test_seed_demo import seed

pytestmark = pytest.mark.cross_tenant


def test_roskildes_demo_plan_has_done_overdue_and_coming_activities_made_once(settings, db):
    settings.DEBUG = True

    seed()
    seed()  # twice: nothing is made a second time

    programme = Programme.objects.get(municipality__name="Roskilde")
    plan = CommunicationActivity.objects.filter(programme=programme)
    today = copenhagen_today()
    statuses = list(plan.values_list("status", flat=True))
    assert len(statuses) == 7
    assert statuses.count(ActivityStatus.DONE) == 2
    assert plan.overdue().count() == 1
    assert not plan.exclude(responsible__group__programme=programme).exists()
    develop = window_of(programme.cohort, Phase.DEVELOP)
    coming = plan.filter(status=ActivityStatus.PLANNED, planned_on__gte=today)
    assert coming.filter(planned_on__gte=develop.starts_on).count() >= 3
    assert ActivityEntry.objects.filter(action=Action.ADDED).count() == 7
