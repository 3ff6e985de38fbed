"""Opening and closing rounds, answering through a link, and the rules that refuse."""

import pytest

from phases.models import Phase
from programmes.activity import for_object
from programmes.errors import DomainError
from temperature import services
from temperature.models import (
    Answer,
    MeasurementRound,
    RespondentGroup,
    RespondentKind,
    Response,
    RoundKind,
)

from .factories import answer, coordinator_of, group_of, open_round, programme_in, statements_of

pytestmark = pytest.mark.django_db


def test_a_round_gets_a_link_per_chosen_group_whose_token_is_stored_only_as_its_hash():
    programme = programme_in()
    round_ = open_round(
        programme, coordinator_of(), groups={RespondentKind.LEADERS: 5, RespondentKind.CITIZENS: 7}
    )

    groups = list(round_.groups.order_by("kind"))
    assert [(g.kind, g.expected) for g in groups] == [("citizens", 7), ("leaders", 5)]
    for group in groups:
        assert group.token not in group.token_hash
        assert services.find_group(group.token) == group
    assert groups[0].token != groups[1].token


def test_opening_a_round_is_logged_once_with_its_facts():
    round_ = open_round(programme_in(), coordinator_of())

    entries = list(for_object(round_))
    assert [e.action for e in entries] == ["temperature.round_opened"]
    assert entries[0].data["kind"] == "first"
    assert entries[0].data["version"] == round_.instrument.version


def test_a_round_takes_the_newest_instrument():
    round_ = open_round(programme_in(), coordinator_of())

    assert round_.instrument == services.current_instrument()


def test_the_first_round_is_refused_in_forankre_and_the_follow_up_before_forankre():
    by = coordinator_of()
    with pytest.raises(DomainError, match="forberede"):
        open_round(programme_in(Phase.ANCHOR), by)
    with pytest.raises(DomainError, match="forankre"):
        open_round(programme_in(Phase.PREPARE), by, kind=RoundKind.FOLLOW_UP)


def test_the_follow_up_needs_a_closed_first_round():
    by = coordinator_of()
    programme = programme_in(Phase.DEVELOP)
    first = open_round(programme, by)
    programme.phase_records.update(phase=Phase.ANCHOR)

    with pytest.raises(DomainError, match="lukket"):
        open_round(programme, by, kind=RoundKind.FOLLOW_UP)
    services.close_round(first, by=by)
    follow_up = open_round(programme, by, kind=RoundKind.FOLLOW_UP)

    assert follow_up.kind == RoundKind.FOLLOW_UP


def test_a_programme_has_one_round_of_each_kind():
    by = coordinator_of()
    programme = programme_in()
    open_round(programme, by)

    with pytest.raises(DomainError, match="allerede"):
        open_round(programme, by)
    assert MeasurementRound.objects.filter(programme=programme).count() == 1


def test_a_round_without_any_group_is_refused():
    with pytest.raises(DomainError) as refusal:
        open_round(programme_in(), coordinator_of(), groups={RespondentKind.LEADERS: 0})

    assert refusal.value.field == "groups"
    assert not MeasurementRound.objects.exists()


def test_closing_a_round_closes_its_links_and_is_logged():
    by = coordinator_of()
    round_ = open_round(programme_in(), by)
    group = group_of(round_)
    answer(group)

    services.close_round(round_, by=by)

    with pytest.raises(DomainError, match="lukket"):
        answer(RespondentGroup.objects.get(pk=group.pk))
    assert Response.objects.filter(group__round=round_).count() == 1
    entries = list(for_object(round_))
    assert [e.action for e in entries] == [
        "temperature.round_opened",
        "temperature.round_closed",
    ]
    assert entries[1].data["responses"] == 1
    with pytest.raises(DomainError, match="allerede lukket"):
        services.close_round(round_, by=by)


def test_an_answer_must_cover_every_statement_of_the_rounds_instrument():
    round_ = open_round(programme_in(), coordinator_of())
    statements = statements_of(round_)
    values = {s.pk: 4 for s in statements[1:]}

    with pytest.raises(DomainError, match="Hent siden igen"):
        services.submit_response(group_of(round_), values=values)
    with pytest.raises(DomainError, match="skalaen"):
        services.submit_response(group_of(round_), values={s.pk: 9 for s in statements})
    assert not Response.objects.exists()


def test_an_answer_is_not_logged():
    round_ = open_round(programme_in(), coordinator_of())
    answer(group_of(round_))

    assert [e.action for e in for_object(round_)] == ["temperature.round_opened"]
    assert Answer.objects.count() == len(statements_of(round_))
