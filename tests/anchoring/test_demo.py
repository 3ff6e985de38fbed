"""seed_demo gives Roskilde's programme a draft anchoring plan started from its adopted
trial actions, idempotently."""

import pytest
from django.urls import reverse

from accounts.models import User
from anchoring.models import AnchoredItem, AnchoringPlan, AnchoringPlanVersion
from programmes.models import ActivityEntry, Programme
from tests.programmes.test_seed_demo import seed
from trial_actions.models import TrialAction, TrialActionState

pytestmark = pytest.mark.cross_tenant


def test_roskildes_demo_has_a_draft_anchoring_plan_from_its_adopted_trial_actions(
    settings, db, client_for
):
    settings.DEBUG = True

    seed()
    items = list(AnchoredItem.objects.order_by("id").values())
    entries = ActivityEntry.objects.filter(action__startswith="anchoring.").count()
    seed()  # twice: nothing is made a second time

    programme = Programme.objects.get(municipality__name="Roskilde")
    plan = AnchoringPlan.objects.get(programme=programme)
    adopted = TrialAction.objects.filter(programme=programme, state=TrialActionState.ADOPTED)
    assert adopted.exists()
    assert set(plan.items.exclude(trial_action=None).values_list("trial_action", flat=True)) == set(
        adopted.values_list("pk", flat=True)
    )
    assert plan.items.filter(trial_action=None, goal=None).count() == 1
    assert plan.items.exclude(mechanisms=[]).count() >= 2
    assert plan.continuation
    assert not AnchoringPlanVersion.objects.exists(), "a draft"
    assert list(AnchoredItem.objects.order_by("id").values()) == items
    assert ActivityEntry.objects.filter(action__startswith="anchoring.").count() == entries

    page = client_for(User.objects.get(email="koordinator@roskilde.dk")).get(
        reverse("anchoring:plan_detail", kwargs={"programme_pk": programme.pk})
    )
    assert page.status_code == 200
    assert "Vedtagne prøvehandlinger" in page.content.decode()
