"""seed_demo gives Roskilde's programme an approved development plan with a later draft."""

import pytest
from django.urls import reverse

from phases.gates import gate_status
from phases.models import Phase
from phases.schedule import window_of
from plans.models import DevelopmentPlan, PlanVersion, SubGoal
from plans.versions import diff, snapshot
from programmes.models import GroupMember, Programme, ProgrammeGroup
from tests.programmes.test_seed_demo import seed

pytestmark = pytest.mark.cross_tenant


def test_roskildes_demo_plan_is_approved_by_a_steering_member_then_changed(
    settings, db, client_for
):
    settings.DEBUG = True

    seed()
    seed()  # twice: nothing is made a second time

    programme = Programme.objects.get(municipality__name="Roskilde")
    plan = DevelopmentPlan.objects.get(programme=programme)
    version = PlanVersion.objects.get(plan=plan)
    assert version.number == 1
    assert GroupMember.objects.filter(
        user=version.approved_by,
        group__programme=programme,
        group__kind=ProgrammeGroup.Kind.STEERING,
    ).exists()
    goals = version.content["goals"]
    assert len(goals) == 3
    assert all(g["purposes"] and g["principles"] and 2 <= len(g["sub_goals"]) <= 3 for g in goals)
    sub_goals = SubGoal.objects.filter(goal__plan=plan)
    assert not sub_goals.exclude(responsible__group__programme=programme).exists()
    develop = window_of(programme.cohort, Phase.DEVELOP)
    anchor = window_of(programme.cohort, Phase.ANCHOR)
    assert sub_goals.filter(starts_on__gte=develop.starts_on, starts_on__lte=develop.ends_on)
    assert sub_goals.filter(starts_on__gte=anchor.starts_on, starts_on__lte=anchor.ends_on)
    assert plan.has_changes is True
    assert len(diff(version.content, snapshot(plan))) == 2
    assert gate_status(programme, Phase.PREPARE).holds is True

    home = client_for(version.approved_by).get(reverse("home")).content.decode()
    assert "Udviklingsplaner til godkendelse" in home
