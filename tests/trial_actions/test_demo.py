"""seed_demo moves Roskilde's programme into udvikle (by the consultant) and gives it a
dozen trial actions in every state, tied to its development plan, idempotently."""

import pytest
from django.urls import reverse

from phases.gates import gate_status
from phases.models import Phase, ProgrammePhase
from phases.selectors import phase_of
from programmes.models import Programme
from tests.programmes.test_seed_demo import seed
from trial_actions.models import Observation, TrialAction, TrialActionState

pytestmark = pytest.mark.cross_tenant


def test_roskilde_moves_into_udvikle_with_a_dozen_trial_actions_in_every_state(
    settings, db, client_for
):
    settings.DEBUG = True

    seed()
    trial_actions = TrialAction.objects.count()
    observations = Observation.objects.count()
    seed()  # twice: nothing is made a second time

    programme = Programme.objects.get(municipality__name="Roskilde")
    assert phase_of(programme) == Phase.DEVELOP
    moved = ProgrammePhase.objects.get(programme=programme, phase=Phase.DEVELOP)
    assert moved.started_by.email == "konsulent@sbst.dk"
    prepare = ProgrammePhase.objects.get(programme=programme, phase=Phase.PREPARE)
    assert prepare.gate_overridden is False
    assert (TrialAction.objects.count(), Observation.objects.count()) == (
        trial_actions,
        observations,
    )
    rows = TrialAction.objects.filter(programme=programme)
    assert rows.count() == 12
    assert set(rows.values_list("state", flat=True)) == set(TrialActionState.values)
    assert rows.filter(follows__follows__isnull=False).exists()  # a chain of three
    assert rows.overdue().count() == 1
    assert not rows.filter(principle_rows__isnull=True).exists()
    assert rows.filter(sub_goals__goal__plan__programme=programme).distinct().count() >= 10
    assert Observation.objects.filter(trial_action__programme=programme).count() >= 10
    assert gate_status(programme, Phase.DEVELOP).holds

    from accounts.models import User

    coordinator = User.objects.get(email="koordinator@roskilde.dk")
    board = client_for(coordinator).get(
        reverse("trial_actions:board", kwargs={"programme_pk": programme.pk})
    )
    assert board.context["total"] == 12
