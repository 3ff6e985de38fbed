"""Roskilde's anchoring plan for the cross-tenant walk (see tests/world.py).

The plan's pages sit under their programme's URL, which the walk fills from the programme
maker (a programme of its own, made after these): an item named under it is sent on to its
own address, and a version number it has not reached is told on its plan page. Drafting is
for the drafters: the pages that name no item are opened by the programme's coordinator
(see tests/programmes/world.py).
"""

from anchoring import services
from tests.world import Made

from .factories import (
    drafter,
    item_values,
    programme_in_anchor,
    ready_plan,
    steering_member,
)


def make_anchored_item_pk(municipality) -> Made:
    programme = programme_in_anchor(municipality.name)
    by = drafter(programme, full_name=f"Implementeringsgruppen i {municipality.name}")
    item = services.add_item(
        programme, by=by, **item_values(programme, title=f"Forankring i {municipality.name}")
    )
    return Made(item.pk, owner=by)


def make_anchoring_version_number(municipality) -> Made:
    programme = programme_in_anchor(municipality.name)
    by = drafter(programme, full_name=f"Implementeringsgruppen i {municipality.name}")
    approver = steering_member(programme)
    version = services.approve_plan(ready_plan(programme, by, approver), by=approver)
    return Made(version.number, owner=by)


WORLD = {
    "anchored_item_pk": make_anchored_item_pk,
    "anchoring_version_number": make_anchoring_version_number,
}
