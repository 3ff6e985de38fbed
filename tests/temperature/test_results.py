"""Results: only for a closed round, only for a group of five answers or more, the follow-up
beside the first round, the response rate and its warning, and the flagged dimensions."""

import pytest

from phases.models import Phase
from temperature import selectors, services
from temperature.models import MIN_ANSWERS, RespondentKind, RoundKind
from temperature.selectors import FlaggedDimension

from .factories import answer, answers, coordinator_of, group_of, open_round, programme_in

pytestmark = pytest.mark.django_db
L, E, C = RespondentKind.LEADERS, RespondentKind.EMPLOYEES, RespondentKind.CITIZENS


def _closed_round(counts, value=3, **kwargs):
    by = coordinator_of()
    programme = programme_in()
    round_ = open_round(programme, by, groups=dict.fromkeys(counts, 10))
    for kind, count in counts.items():
        answers(group_of(round_, kind), count, value, **kwargs)
    services.close_round(round_, by=by)
    return programme, round_


def _group(result, kind):
    return next(g for g in result.groups if g.group.kind == kind)


def test_four_answers_show_nothing_and_five_show_the_result():
    assert MIN_ANSWERS == 5
    _programme, round_ = _closed_round({L: 4, E: 5}, value=4)

    result = selectors.round_result(round_)

    leaders, employees = _group(result, L), _group(result, E)
    assert (leaders.responses, leaders.enough, leaders.dimensions) == (4, False, [])
    assert leaders.chart is None
    assert employees.enough
    assert [d.mean for d in employees.dimensions] == [4.0] * 6
    assert employees.dimensions[0].distribution == [0, 0, 0, 15, 0]
    assert employees.chart is not None


def test_an_open_round_shows_counts_and_no_result():
    by = coordinator_of()
    round_ = open_round(programme_in(), by, groups={L: 10})
    answers(group_of(round_, L), 6)

    result = selectors.round_result(round_)

    assert not result.shows_results
    assert _group(result, L).responses == 6
    assert _group(result, L).dimensions == []


def test_the_mean_leaves_out_those_who_did_not_know():
    by = coordinator_of()
    round_ = open_round(programme_in(), by, groups={L: 10})
    group = group_of(round_, L)
    answers(group, 5, value=2)
    answer(group, value=None)
    services.close_round(round_, by=by)

    leaders = _group(selectors.round_result(round_), L)

    assert leaders.responses == 6
    assert leaders.dimensions[0].mean == 2.0
    assert leaders.dimensions[0].dont_know == 3


def test_a_response_rate_under_half_is_a_warning():
    by = coordinator_of()
    round_ = open_round(programme_in(), by, groups={L: 10, E: 10})
    answers(group_of(round_, L), 4)
    answers(group_of(round_, E), 5)

    result = selectors.round_result(round_)

    assert (_group(result, L).rate_percent, _group(result, L).is_low) == (40, True)
    assert (_group(result, E).rate_percent, _group(result, E).is_low) == (50, False)


def test_the_follow_up_shows_the_first_rounds_mean_beside_its_own():
    by = coordinator_of()
    programme = programme_in(Phase.DEVELOP)
    first = open_round(programme, by, groups={L: 10})
    answers(group_of(first, L), 5, value=2)
    services.close_round(first, by=by)
    programme.phase_records.update(phase=Phase.ANCHOR)
    follow_up = open_round(programme, by, kind=RoundKind.FOLLOW_UP, groups={L: 10})
    answers(group_of(follow_up, L), 5, value=4)
    services.close_round(follow_up, by=by)

    result = selectors.round_result(follow_up)

    dimension = _group(result, L).dimensions[0]
    assert result.compared_with == first
    assert (dimension.earlier_mean, dimension.mean) == (2.0, 4.0)
    assert [row[1] for row in _group(result, L).chart.table.rows][0] == ["2", "4"]


def test_dimensions_below_the_middle_of_the_scale_are_flagged_with_a_reason():
    programme, _round = _closed_round(
        {L: 5, E: 5, C: 3},
        value=4,
        per_dimension={"borgerinddragelse": 2, "data-og-opfoelgning": 3},
    )

    flagged = selectors.dimensions_needing_attention(programme)

    assert flagged == [
        FlaggedDimension(
            key="borgerinddragelse",
            name="Borgerinddragelse",
            reason=(
                "Gennemsnittet i den første måling var 2 på skalaen fra 1 til 5 "
                "(ledere 2, medarbejdere 2), under midten af skalaen."
            ),
        )
    ]


def test_groups_under_five_do_not_count_towards_a_flag():
    programme, _round = _closed_round({L: 5, C: 4}, value=4, per_dimension={})
    group = group_of(_round, C)
    assert group.responses.count() == 4

    assert selectors.dimensions_needing_attention(programme) == []


def test_no_flags_before_the_first_round_has_a_result():
    by = coordinator_of()
    programme = programme_in()
    assert selectors.dimensions_needing_attention(programme) == []
    round_ = open_round(programme, by, groups={L: 10})
    answers(group_of(round_, L), 5, value=1)

    assert selectors.dimensions_needing_attention(programme) == []
    services.close_round(round_, by=by)
    assert len(selectors.dimensions_needing_attention(programme)) == 6
