"""The temperature measurement's pages for the cross-tenant walk (see tests/world.py).

A round's pages sit under its programme's URL, which the walk fills from the programme maker
(a programme of its own): a GET is sent on to the round's own address, anything else is not
found. The opening form names the kind of round; its maker's owner is a coordinator, who
may open a round in any programme of the municipality. The answer page's `token` is a
secret link (`PUBLIC_KWARGS`): an unknown one is not found.

The instrument is SBST's, not a municipality's: its pages are not found for anyone outside
SBST, and only its administrators change it.
"""

from programmes.models import Membership
from tests.factories import AdministratorFactory, ProgrammeFactory
from tests.world import Made, person

from .factories import answers, group_of, open_round

Role = Membership.Role


def make_round_pk(municipality) -> Made:
    coordinator = person(municipality, Role.COORDINATOR)
    programme = ProgrammeFactory(municipality=municipality, coordinator=coordinator)
    round_ = open_round(programme, coordinator)
    answers(group_of(round_), 5)
    return Made(round_.pk, owner=coordinator)


def make_round_kind(municipality) -> Made:
    return Made("foerste", owner=person(municipality, Role.COORDINATOR))


def make_dimension_key(municipality) -> Made:
    """A dimension of the newest version, which an SBST administrator edits and removes."""
    return Made("borgerinddragelse", owner=AdministratorFactory())


def make_instrument_version(municipality) -> Made:
    return Made(1, owner=AdministratorFactory())


WORLD = {
    "round_pk": make_round_pk,
    "round_kind": make_round_kind,
    "dimension_key": make_dimension_key,
    "instrument_version": make_instrument_version,
}

# SBST staff read the instrument; only its administrators change it.
SBST_PAGES = {"temperature:instrument"}
SBST_ADMIN_PAGES = {
    "temperature:scale_edit",
    "temperature:dimension_add",
    "temperature:dimension_edit",
    "temperature:dimension_remove",
}
