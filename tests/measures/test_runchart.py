"""The run chart: points, median, the starts of linked trial actions, the verdict in words."""

import datetime

import pytest

from measures import runchart, selectors
from tests.plans.factories import add_sub_goal

from .factories import (
    DAY,
    add_goal,
    add_measure,
    add_points,
    drafter,
    programme_with_groups,
    trial_action,
    worker,
)


@pytest.fixture
def programme(roskilde):
    return programme_with_groups()


def _points(measure):
    return list(measure.points.order_by("measured_on"))


def test_the_chart_shows_the_points_the_median_and_a_start_within_them(programme):
    by = worker(programme)
    action = trial_action(programme, title="Egne ord", starts_on=DAY + datetime.timedelta(days=35))
    measure = add_measure(action, by, name="Egne ord i planen", unit="percentage")
    add_points(measure, by, [20, 25, 22, 24, 21, 60, 65, 62, 70, 68])
    points = _points(measure)

    chart = runchart.run_chart(measure, points, [runchart.start_of(action)])

    assert chart.title == "Seriediagram: Egne ord i planen"
    assert chart.summary == (
        "10 punkter fra 4. januar 2027 til 8. marts 2027. Medianen er 42,5 %. "
        "Prøvehandlingen »Egne ord« startede 8. februar 2027 (den lodrette streg)."
    )
    assert chart.table.columns == ["Procent", "I forhold til medianen"]
    assert chart.table.rows[0] == ("4. januar 2027", ["20 %", "Under"])
    assert chart.table.rows[-1] == ("8. marts 2027", ["68 %", "Over"])
    assert "Median (42,5 %)" in chart.svg
    assert "Start: Egne ord" in chart.svg
    assert "<script" not in chart.svg


def test_a_start_outside_the_points_is_told_but_not_drawn(programme):
    by = worker(programme)
    action = trial_action(
        programme, title="Tidlig start", starts_on=DAY - datetime.timedelta(days=9)
    )
    measure = add_measure(action, by, unit="count")
    add_points(measure, by, [3, 4])

    chart = runchart.run_chart(measure, _points(measure), [runchart.start_of(action)])

    assert "startede 26. december 2026, før det første punkt" in chart.summary
    assert "Start: Tidlig start" not in chart.svg


def test_no_points_no_chart(programme):
    measure = add_measure(trial_action(programme), worker(programme))

    assert runchart.run_chart(measure, [], []) is None


def test_the_verdict_is_said_in_words_beside_the_chart(programme):
    by = worker(programme)
    measure = add_measure(trial_action(programme), by, unit="count")
    add_points(measure, by, list(range(1, 21)))

    verdict = runchart.verdict_of(_points(measure))

    assert runchart.verdict_label(verdict) == "Tegn på en ændring"
    assert runchart.verdict_text(verdict).startswith(
        "Tegn på en ændring: en usædvanligt lang serie på 10 punkter"
    )


def test_a_trial_actions_chart_marks_its_whole_chain_and_no_other(programme, roskilde_coordinator):
    first = trial_action(programme, title="Første")
    second = trial_action(programme, title="Anden", follows=first)
    third = trial_action(programme, title="Tredje", follows=second)
    sibling = trial_action(programme, title="Søskende", follows=first)
    trial_action(programme, title="Uden for kæden")
    measure = add_measure(second, worker(programme))

    linked = selectors.linked_trial_actions(measure, roskilde_coordinator)

    assert {action.title for action in linked} == {
        first.title,
        second.title,
        third.title,
        sibling.title,
    }


def test_a_goals_chart_marks_the_trial_actions_of_its_sub_goals(programme, roskilde_coordinator):
    by = drafter(programme)
    goal = add_goal(programme, by)
    other_goal = add_goal(programme, by, title="Et andet mål")
    sub_goal = add_sub_goal(goal, by)
    linked = trial_action(programme, title="Knyttet til delmålet")
    linked.sub_goals.add(sub_goal, add_sub_goal(goal, by, title="Endnu et delmål"))
    trial_action(programme, title="Ikke knyttet").sub_goals.add(add_sub_goal(other_goal, by))
    measure = add_measure(goal, by)

    assert selectors.linked_trial_actions(measure, roskilde_coordinator) == [linked]
