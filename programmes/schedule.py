"""The half-year phases of a programme, from the cohort's start (seed 003, "Indhold").

Each phase lasts half a year and always runs from the summer holiday to the Christmas holiday
or from the Christmas holiday to the summer holiday, so a cohort starts in August or January.
"""

import datetime
from dataclasses import dataclass

from .models import Phase

WORKING_PHASES = (Phase.PREPARE, Phase.DEVELOP, Phase.ANCHOR)


@dataclass(frozen=True)
class PhaseSpan:
    phase: Phase
    starts_on: datetime.date | None
    ends_on: datetime.date

    @property
    def label(self):
        return self.phase.label


def _half_year_after(start: datetime.date) -> datetime.date:
    """The start of the next half-year: January is followed by August, August by January."""
    if start.month <= 6:
        return datetime.date(start.year, 8, 1)
    return datetime.date(start.year + 1, 1, 1)


def _end_of_half_year(start: datetime.date) -> datetime.date:
    if start.month <= 6:
        return datetime.date(start.year, 6, 30)
    return datetime.date(start.year, 12, 31)


def phase_schedule(cohort) -> list[PhaseSpan]:
    """Enrolment up to the cohort's deadline, then prepare, develop and anchor, half a year each."""
    first = cohort.starts_on.replace(day=1)
    spans = [PhaseSpan(Phase.ENROL, None, cohort.enrolment_deadline)]
    start = first
    for phase in WORKING_PHASES:
        spans.append(PhaseSpan(phase, start, _end_of_half_year(start)))
        start = _half_year_after(start)
    return spans
