"""seed_demo gives Roskilde's programme two closed rounds of the temperature measurement."""

import pytest
from django.urls import reverse

from programmes.models import Programme
from temperature import selectors
from temperature.models import Answer, MeasurementRound, Response, RoundKind
from tests.programmes.test_seed_demo import seed

pytestmark = pytest.mark.cross_tenant


def test_roskildes_demo_has_a_first_round_and_a_follow_up_with_results_and_a_group_under_five(
    settings, db, client_for
):
    settings.DEBUG = True

    seed()
    counts = (MeasurementRound.objects.count(), Response.objects.count(), Answer.objects.count())
    seed()  # twice: nothing is made a second time

    assert (
        MeasurementRound.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
    ) == counts
    programme = Programme.objects.get(municipality__name="Roskilde")
    rounds = {r.kind: r for r in MeasurementRound.objects.filter(programme=programme)}
    assert set(rounds) == {RoundKind.FIRST, RoundKind.FOLLOW_UP}
    for round_ in rounds.values():
        assert not round_.is_open
        groups = selectors.round_result(round_).groups
        assert sum(g.enough for g in groups) >= 2
        assert sum(not g.enough for g in groups) >= 1
    first = selectors.round_result(rounds[RoundKind.FIRST])
    assert any(g.is_low for g in first.groups)
    flagged = {f.key for f in selectors.dimensions_needing_attention(programme)}
    assert "borgerinddragelse" in flagged

    from django.contrib.auth import get_user_model

    coordinator = get_user_model().objects.get(email="koordinator@roskilde.dk")
    follow_up = rounds[RoundKind.FOLLOW_UP]
    page = client_for(coordinator).get(
        reverse(
            "temperature:round_detail",
            kwargs={"programme_pk": programme.pk, "round_pk": follow_up.pk},
        )
    )
    assert page.status_code == 200
    assert "Første måling</th>" in page.content.decode()
