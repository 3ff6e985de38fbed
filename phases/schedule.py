"""The phases of a programme in time: the kind's default windows, with the cohort's
adjustments by an SBST administrator laid over them."""

import datetime
from dataclasses import dataclass

from programmes.models import ProgrammeKind

from .kinds import TEMPLATES
from .models import Phase


@dataclass(frozen=True)
class PhaseSpan:
    phase: Phase
    starts_on: datetime.date | None
    ends_on: datetime.date
    adjusted: bool = False

    @property
    def label(self):
        return Phase(self.phase).label

    def contains(self, day: datetime.date) -> bool:
        return (self.starts_on is None or self.starts_on <= day) and day <= self.ends_on


def default_windows(cohort, kind=ProgrammeKind.STRATEGIC) -> dict:
    return TEMPLATES[kind].windows(cohort)


def phase_schedule(cohort, kind=ProgrammeKind.STRATEGIC) -> list[PhaseSpan]:
    """The windows of the kind's phases for `cohort`, in order (the end state has none).

    Reads `cohort.phase_windows.all()`, so a list prefetches it.
    """
    windows = default_windows(cohort, kind)
    adjusted = {w.phase: w for w in cohort.phase_windows.all()} if cohort.pk else {}
    spans = []
    for template in TEMPLATES[kind].phases:
        if template.phase not in windows:
            continue
        starts_on, ends_on = windows[template.phase]
        if template.phase in adjusted:
            window = adjusted[template.phase]
            starts_on, ends_on = window.starts_on, window.ends_on
        spans.append(PhaseSpan(template.phase, starts_on, ends_on, template.phase in adjusted))
    return spans


def window_of(cohort, phase, kind=ProgrammeKind.STRATEGIC) -> PhaseSpan | None:
    for span in phase_schedule(cohort, kind):
        if span.phase == phase:
            return span
    return None
