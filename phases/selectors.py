"""Reading where programmes stand: their current phase, its window, its gate, behind or not.

Pages with many programmes call `with_phase(queryset)` and then `standings(programmes)`,
which asks the database a fixed number of times whatever the number of programmes.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from .gates import GateStatus, gate_statuses
from .models import Phase, ProgrammePhase
from .schedule import PhaseSpan, phase_schedule


def with_phase(queryset):
    """Programmes with their current phase record and their cohort's adjusted windows."""
    return queryset.select_related("cohort").prefetch_related(
        Prefetch(
            "phase_records",
            queryset=ProgrammePhase.objects.filter(ended_at=None),
            to_attr="open_phase_records",
        ),
        "cohort__phase_windows",
    )


def phase_of(programme) -> str:
    """The programme's current phase code (from `with_phase`, or one query)."""
    records = getattr(programme, "open_phase_records", None)
    if records is None:
        records = list(ProgrammePhase.objects.filter(programme_id=programme.pk, ended_at=None))
    return records[0].phase if records else Phase.ENROL


@dataclass(frozen=True)
class Standing:
    phase: str
    since: datetime.datetime | None
    window: PhaseSpan | None
    gate: GateStatus
    behind: bool
    today: datetime.date

    @property
    def label(self):
        return Phase(self.phase).label

    @property
    def is_completed(self) -> bool:
        return self.phase == Phase.COMPLETED

    @property
    def days_left(self) -> int | None:
        if self.window is None:
            return None
        return (self.window.ends_on - self.today).days

    @property
    def share_of_window(self) -> int | None:
        """How far into its window the phase is, in per cent (0–100)."""
        window = self.window
        if window is None or window.starts_on is None:
            return None
        total = (window.ends_on - window.starts_on).days + 1
        done = (self.today - window.starts_on).days + 1
        return max(0, min(100, round(100 * done / total)))


def standings(programmes, today=None) -> dict[int, Standing]:
    """Where each programme stands today; behind means past its phase's window without its
    gate holding."""
    today = today or timezone.localdate()
    programmes = list(programmes)
    phases = {}
    since = {}
    for programme in programmes:
        records = getattr(programme, "open_phase_records", None)
        if records is None:
            records = list(programme.phase_records.filter(ended_at=None))
        phases[programme.pk] = records[0].phase if records else Phase.ENROL
        since[programme.pk] = records[0].started_at if records else None
    gates = gate_statuses(programmes, phases)
    result = {}
    for programme in programmes:
        phase = phases[programme.pk]
        window = next(
            (s for s in phase_schedule(programme.cohort, programme.kind) if s.phase == phase),
            None,
        )
        gate = gates[programme.pk]
        behind = (
            phase != Phase.COMPLETED
            and window is not None
            and window.ends_on < today
            and not gate.holds
        )
        result[programme.pk] = Standing(phase, since[programme.pk], window, gate, behind, today)
    return result


def standing(programme, today=None) -> Standing:
    return standings([programme], today)[programme.pk]


def attach_standings(programmes, today=None) -> list:
    """`programme.standing` on each programme of a list read through `with_phase`."""
    programmes = list(programmes)
    for programme, result in zip(programmes, standings(programmes, today).values(), strict=True):
        programme.standing = result
    return programmes
