"""Gates: what must be approved before a programme leaves a phase.

The kind's template names each phase's requirements by code (`phases/kinds.py`); the app that
owns the deliverable registers how to check it, in its `AppConfig.ready()`, as the plans app
does for forberede's gate (`plans/apps.py`):

    from plans.selectors import approved_plan_programme_ids

    register_gate_check("development_plan_approved", approved_plan_programme_ids)

A check takes a list of programmes and returns the ids of those for which the requirement
holds, so a page with many programmes asks each check once. A requirement that no app checks
yet is shown as not met: the gate cannot hold by default.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .kinds import GateRequirement, template_for

_CHECKS: dict[str, Callable[[list], Iterable[int]]] = {}


def register_gate_check(code: str, check: Callable[[list], Iterable[int]]) -> None:
    _CHECKS[code] = check


def unregister_gate_check(code: str) -> None:
    _CHECKS.pop(code, None)


@dataclass(frozen=True)
class GateItem:
    requirement: GateRequirement
    met: bool
    # False while no app can record the deliverable yet.
    checkable: bool


@dataclass(frozen=True)
class GateStatus:
    phase: str | None
    items: tuple[GateItem, ...]

    @property
    def holds(self) -> bool:
        return all(item.met for item in self.items)

    @property
    def missing(self) -> list[GateRequirement]:
        return [item.requirement for item in self.items if not item.met]


def gate_statuses(programmes: list, phases: dict) -> dict[int, GateStatus]:
    """The gate of `phases[programme.pk]` for each programme, asking each check once."""
    requirements = {}
    for programme in programmes:
        phase = phases.get(programme.pk)
        requirements[programme.pk] = (
            template_for(programme).phase(phase).gate if phase is not None else ()
        )
    held: dict[str, set] = {}
    for code in {r.code for reqs in requirements.values() for r in reqs}:
        check = _CHECKS.get(code)
        if check is None:
            continue
        asked = [p for p in programmes if any(r.code == code for r in requirements[p.pk])]
        held[code] = set(check(asked))
    return {
        programme.pk: GateStatus(
            phases.get(programme.pk),
            tuple(
                GateItem(
                    requirement,
                    met=programme.pk in held.get(requirement.code, ()),
                    checkable=requirement.code in _CHECKS,
                )
                for requirement in requirements[programme.pk]
            ),
        )
        for programme in programmes
    }


def gate_status(programme, phase) -> GateStatus:
    return gate_statuses([programme], {programme.pk: phase})[programme.pk]
