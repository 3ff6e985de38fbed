"""Adding, changing and removing measures and their points: the rules, the rights, the log."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from measures import services
from measures.activity import Action
from measures.models import Measure, MeasurePoint
from plans.models import DevelopmentPlan
from programmes.activity import describe, for_object
from programmes.errors import DomainError
from programmes.models import ActivityEntry

from .factories import (
    DAY,
    add_goal,
    add_measure,
    add_points,
    drafter,
    programme_with_groups,
    reader,
    trial_action,
    worker,
)


@pytest.fixture
def programme(roskilde):
    return programme_with_groups()


def _actions():
    return list(ActivityEntry.objects.order_by("id").values_list("action", flat=True))


def test_a_trial_action_gets_a_measure_with_one_entry(programme):
    action = trial_action(programme)
    by = worker(programme)

    measure = add_measure(action, by, name="  Antal samtaler  ", unit="count")

    assert (measure.trial_action, measure.goal, measure.programme) == (action, None, programme)
    assert measure.name == "Antal samtaler"
    assert measure.municipality_id == programme.municipality_id
    entries = list(for_object(measure))
    assert [e.action for e in entries] == [Action.MEASURE_ADDED]
    assert describe(entries[0]) == "Målingen »Antal samtaler« er oprettet."


def test_a_goal_gets_a_measure_in_its_programme(programme):
    by = drafter(programme)
    goal = add_goal(programme, by)

    measure = add_measure(goal, by)

    assert (measure.goal, measure.trial_action, measure.programme) == (goal, None, programme)


def test_a_measure_has_exactly_one_owner_in_the_database(programme):
    action = trial_action(programme)
    goal = add_goal(programme, drafter(programme))

    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.create(
            programme=programme, trial_action=action, goal=goal, name="To", unit="count"
        )


def test_a_measure_without_an_owner_is_refused_by_the_database(programme):
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.create(programme=programme, name="Ingen", unit="count")


def test_a_measure_needs_a_name_and_a_unit(programme):
    action = trial_action(programme)
    by = worker(programme)

    with pytest.raises(DomainError) as no_name:
        add_measure(action, by, name=" ")
    with pytest.raises(DomainError) as no_unit:
        add_measure(action, by, unit="kilo")

    assert (no_name.value.field, no_unit.value.field) == ("name", "unit")
    assert Measure.objects.count() == 0


def test_who_may_not_write_the_owner_may_not_add_a_measure(programme):
    action = trial_action(programme)
    goal = add_goal(programme, drafter(programme))
    steering = reader(programme)

    for owner in (action, goal):
        with pytest.raises(DomainError):
            add_measure(owner, steering)

    assert Measure.objects.count() == 0


def test_changing_a_measure_logs_the_fields_and_an_unchanged_save_writes_nothing(programme):
    by = worker(programme)
    measure = add_measure(trial_action(programme), by)
    before = Measure.objects.get(pk=measure.pk).updated_at

    services.change_measure(
        measure, by=by, name=measure.name, unit=measure.unit, description="\r\n"
    )

    assert _actions() == [Action.MEASURE_ADDED]
    assert Measure.objects.get(pk=measure.pk).updated_at == before

    services.change_measure(measure, by=by, name="Nyt navn", unit="rating", description="")

    entry = ActivityEntry.objects.order_by("id").last()
    assert (entry.action, entry.data["fields"]) == (Action.MEASURE_CHANGED, ["name", "unit"])
    assert Measure.objects.get(pk=measure.pk).updated_at > before


def test_a_unit_the_points_do_not_fit_is_refused(programme):
    by = worker(programme)
    measure = add_measure(trial_action(programme), by, unit="rating")
    add_points(measure, by, [3, Decimal("4.5")])

    with pytest.raises(DomainError) as refused:
        services.change_measure(measure, by=by, name=measure.name, unit="count", description="")

    assert refused.value.field == "unit"
    assert "Et antal er et helt tal." in refused.value.message
    assert Measure.objects.get(pk=measure.pk).unit == "rating"


def test_removing_a_trial_actions_measure_is_told_on_the_trial_action(programme):
    by = worker(programme)
    action = trial_action(programme)
    measure = add_measure(action, by)
    add_points(measure, by, [1, 2])

    services.remove_measure(measure, by=by)

    assert not Measure.objects.exists() and not MeasurePoint.objects.exists()
    entries = list(for_object(action))
    assert [e.action for e in entries] == [Action.MEASURE_REMOVED]
    assert describe(entries[0]) == (
        "Målingen »Planer med borgerens egne ord« er fjernet med sine 2 punkter."
    )


def test_removing_a_goals_measure_is_told_on_the_plan(programme):
    by = drafter(programme)
    goal = add_goal(programme, by)
    measure = add_measure(goal, by)

    services.remove_measure(measure, by=by)

    plan = DevelopmentPlan.objects.get(programme=programme)
    assert Action.MEASURE_REMOVED in [e.action for e in for_object(plan)]


def test_a_point_is_added_changed_and_removed_with_one_entry_each(programme):
    by = worker(programme)
    measure = add_measure(trial_action(programme), by)

    point = services.add_point(
        measure, by=by, measured_on=DAY, value=Decimal("42.5"), note=" Første uge "
    )
    assert (point.value, point.note) == (Decimal("42.50"), "Første uge")

    services.change_point(point, by=by, measured_on=DAY, value=Decimal("42.50"), note="Første uge")
    assert _actions() == [Action.MEASURE_ADDED, Action.POINT_ADDED]

    services.change_point(point, by=by, measured_on=DAY, value=Decimal("40"), note="Første uge")
    services.remove_point(point, by=by)

    assert _actions() == [
        Action.MEASURE_ADDED,
        Action.POINT_ADDED,
        Action.POINT_CHANGED,
        Action.POINT_REMOVED,
    ]
    sentences = [describe(e) for e in for_object(measure)]
    assert sentences[1] == (
        "Målingen »Planer med borgerens egne ord« har fået punktet 42,5 den 4. januar 2027."
    )
    assert sentences[3] == (
        "Punktet 40 den 4. januar 2027 er fjernet fra målingen »Planer med borgerens egne ord«."
    )
    assert not MeasurePoint.objects.exists()


def test_a_measure_has_one_point_a_day(programme):
    by = worker(programme)
    measure = add_measure(trial_action(programme), by)
    first, second = add_points(measure, by, [10, 20])

    with pytest.raises(DomainError) as twice:
        services.add_point(measure, by=by, measured_on=DAY, value=5, note="")
    with pytest.raises(DomainError) as moved:
        services.change_point(second, by=by, measured_on=DAY, value=5, note="")

    assert (twice.value.field, moved.value.field) == ("measured_on", "measured_on")
    assert "allerede et punkt den 4. januar 2027" in twice.value.message
    assert MeasurePoint.objects.count() == 2


@pytest.mark.parametrize(
    ("unit", "value", "refusal"),
    [
        ("count", "2.5", "Et antal er et helt tal."),
        ("count", "-1", "Værdien kan ikke være negativ."),
        ("percentage", "100.01", "En procent ligger fra 0 til 100."),
        ("rating", "4.125", "Skriv værdien med højst to decimaler."),
        ("rating", "nan", "Skriv værdien som et tal, for eksempel 12 eller 4,5."),
        ("rating", None, "Skriv værdien som et tal, for eksempel 12 eller 4,5."),
        ("rating", "99999999999", "Værdien er for stor."),
    ],
)
def test_a_value_must_fit_the_measures_unit(programme, unit, value, refusal):
    by = worker(programme)
    measure = add_measure(trial_action(programme), by, unit=unit)

    with pytest.raises(DomainError) as refused:
        services.add_point(measure, by=by, measured_on=DAY, value=value, note="")

    assert (refused.value.field, refused.value.message) == ("value", refusal)


@pytest.mark.parametrize(
    ("unit", "value"), [("count", "0"), ("percentage", "100"), ("rating", "7.25")]
)
def test_values_that_fit_their_unit_are_kept(programme, unit, value):
    by = worker(programme)
    measure = add_measure(trial_action(programme), by, unit=unit)

    point = services.add_point(measure, by=by, measured_on=DAY, value=value, note="")

    assert point.value == Decimal(value)


def test_a_point_needs_a_date(programme):
    by = worker(programme)
    measure = add_measure(trial_action(programme), by)

    with pytest.raises(DomainError) as refused:
        services.add_point(measure, by=by, measured_on=None, value=1, note="")

    assert refused.value.field == "measured_on"


def test_who_may_not_write_the_owner_may_not_record_points(programme):
    by = worker(programme)
    measure = add_measure(trial_action(programme), by)
    (point,) = add_points(measure, by, [1])
    steering = reader(programme)

    with pytest.raises(DomainError):
        services.add_point(
            measure, by=steering, measured_on=DAY + datetime.timedelta(1), value=1, note=""
        )
    with pytest.raises(DomainError):
        services.change_point(point, by=steering, measured_on=DAY, value=2, note="")
    with pytest.raises(DomainError):
        services.remove_point(point, by=steering)
    with pytest.raises(DomainError):
        services.remove_measure(measure, by=steering)

    assert MeasurePoint.objects.get().value == 1
