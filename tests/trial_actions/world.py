"""Roskilde's trial actions for the cross-tenant walk (see tests/world.py).

A trial action's pages sit under their programme's URL, which the walk fills from the
programme maker (a programme of its own): a trial action named under it is sent on to its
own address for a GET and is not found for a POST. The board and the page that plans a new
one are opened by the programme's coordinator (see tests/programmes/world.py).
"""

from programmes.models import Membership
from tests.world import Made, person

from .factories import programme_with_plan, running

Role = Membership.Role


def make_trial_action_pk(municipality) -> Made:
    programme = programme_with_plan(municipality.name)
    by = person(municipality, Role.COORDINATOR)
    trial_action = running(
        programme, by, observations=1, title=f"Prøvehandling i {municipality.name}"
    )
    return Made(trial_action.pk, owner=by)


WORLD = {"trial_action_pk": make_trial_action_pk}
