"""Roskilde's measures for the cross-tenant walk (see tests/world.py).

A measure's pages sit under their programme's URL, which the walk fills from the programme
maker (a programme of its own): a measure or point named under it is sent on to its own
address for a GET and is not found for a POST. The pages that add a measure take the
trial action's and the goal's own makers (tests/trial_actions/world.py, tests/plans/world.py),
whose owners may write them.
"""

from tests.world import Made

from .factories import DAY, add_measure, add_points, programme_with_groups, trial_action, worker


def _measure(municipality):
    programme = programme_with_groups(municipality.name)
    by = worker(programme, full_name=f"Implementeringsgruppen i {municipality.name}")
    action = trial_action(programme, title=f"Prøvehandling i {municipality.name}")
    measure = add_measure(action, by, name=f"Måling i {municipality.name}")
    return measure, by


def make_measure_pk(municipality) -> Made:
    measure, by = _measure(municipality)
    add_points(measure, by, [10, 20])
    return Made(measure.pk, owner=by)


def make_point_pk(municipality) -> Made:
    measure, by = _measure(municipality)
    (point,) = add_points(measure, by, [42], start=DAY)
    point.note = f"Note i {municipality.name}"
    point.save(update_fields=["note"])
    return Made(point.pk, owner=by)


WORLD = {"measure_pk": make_measure_pk, "point_pk": make_point_pk}
