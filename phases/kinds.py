"""The template of each kind of programme: its phases in order, their windows in the calendar,
their meeting plan and their gates, in one place.

A new kind (SBST's advisory programmes for single offers, with the phases opstart, analyse and
udvikling) is one more `KindTemplate` in `TEMPLATES` and one more `ProgrammeKind`; the
transition function, the meeting plan, the timeline and the pages read everything from here.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from programmes.models import ProgrammeGroup, ProgrammeKind

from .models import Phase

Group = ProgrammeGroup.Kind


@dataclass(frozen=True)
class GateRequirement:
    """A deliverable that must be approved before the programme leaves the phase. The app
    that owns the deliverable registers its check under `code` (`phases.gates`)."""

    code: str
    label: Promise


@dataclass(frozen=True)
class MeetingPlan:
    """Each group of `groups` meets `per_group` times in the phase; when `kickoff` names
    groups, the first of those meetings is one joint kick-off of all of them."""

    groups: tuple[str, ...]
    per_group: int = 3
    kickoff: tuple[str, ...] = ()
    kickoff_title: Promise | str = ""


@dataclass(frozen=True)
class PhaseTemplate:
    phase: Phase
    purpose: Promise
    meetings: MeetingPlan | None = None
    gate: tuple[GateRequirement, ...] = ()

    @property
    def label(self):
        return self.phase.label


@dataclass(frozen=True)
class KindTemplate:
    kind: ProgrammeKind
    # In order: the phase before the programme starts, the working phases, the end state.
    phases: tuple[PhaseTemplate, ...]
    # The phase approval of the enrolment starts.
    start: Phase
    # The groups every programme of the kind has from its start.
    standing_groups: tuple[str, ...]
    # The default window of each phase for a cohort: {phase: (starts_on or None, ends_on)}.
    windows: Callable[[object], dict]
    window_rule: Promise = field(default="")

    def phase(self, code) -> PhaseTemplate:
        for template in self.phases:
            if template.phase == code:
                return template
        raise KeyError(code)

    def next_phase(self, code) -> Phase | None:
        codes = [t.phase for t in self.phases]
        index = codes.index(code)
        return codes[index + 1] if index + 1 < len(codes) else None

    @property
    def final(self) -> Phase:
        return self.phases[-1].phase

    @property
    def working_phases(self) -> tuple[PhaseTemplate, ...]:
        """The phases with a meeting plan, in order."""
        return tuple(t for t in self.phases if t.meetings is not None)


def _half_year_after(start: datetime.date) -> datetime.date:
    """The start of the next half-year: January is followed by August, August by January."""
    if start.month <= 6:
        return datetime.date(start.year, 8, 1)
    return datetime.date(start.year + 1, 1, 1)


def _end_of_half_year(start: datetime.date) -> datetime.date:
    if start.month <= 6:
        return datetime.date(start.year, 6, 30)
    return datetime.date(start.year, 12, 31)


def half_year_windows(cohort) -> dict:
    """Enrolment up to the cohort's deadline, then prepare, develop and anchor, half a year
    each, from the summer holiday to Christmas or from Christmas to the summer holiday."""
    windows = {Phase.ENROL: (None, cohort.enrolment_deadline)}
    start = cohort.starts_on.replace(day=1)
    for phase in (Phase.PREPARE, Phase.DEVELOP, Phase.ANCHOR):
        windows[phase] = (start, _end_of_half_year(start))
        start = _half_year_after(start)
    return windows


STRATEGIC = KindTemplate(
    kind=ProgrammeKind.STRATEGIC,
    start=Phase.PREPARE,
    standing_groups=(Group.STEERING, Group.IMPLEMENTATION),
    windows=half_year_windows,
    window_rule=_(
        "Hver fase varer et halvt år og løber fra sommerferien til juleferien eller fra "
        "juleferien til sommerferien."
    ),
    phases=(
        PhaseTemplate(Phase.ENROL, _("Aftale forløbet: tilmelding, tilmeldingsmøde, godkendelse.")),
        PhaseTemplate(
            Phase.PREPARE,
            _("Organisere, skabe overblik og lægge en udviklingsplan."),
            meetings=MeetingPlan(
                groups=(Group.STEERING, Group.IMPLEMENTATION),
                kickoff=(Group.STEERING, Group.IMPLEMENTATION),
                kickoff_title=_("Fælles opstartsmøde"),
            ),
            gate=(
                GateRequirement(
                    "development_plan_approved", _("Udviklingsplanen er godkendt af styregruppen.")
                ),
            ),
        ),
        PhaseTemplate(
            Phase.DEVELOP,
            _("Sætte de første og vigtigste forandringer i gang med prøvehandlinger."),
            meetings=MeetingPlan(
                groups=(Group.STEERING, Group.IMPLEMENTATION, Group.LOCAL),
                kickoff=(Group.STEERING, Group.IMPLEMENTATION, Group.LOCAL),
                kickoff_title=_("Fælles kick-off"),
            ),
            gate=(
                GateRequirement(
                    "trial_action_evaluated", _("Mindst én prøvehandling er evalueret.")
                ),
            ),
        ),
        PhaseTemplate(
            Phase.ANCHOR,
            _("Gøre forandringerne varige og lægge en forankringsplan."),
            meetings=MeetingPlan(groups=(Group.STEERING, Group.IMPLEMENTATION, Group.LOCAL)),
            gate=(GateRequirement("anchoring_plan_approved", _("Forankringsplanen er godkendt.")),),
        ),
        PhaseTemplate(Phase.COMPLETED, _("Forløbet er gennemført.")),
    ),
)

TEMPLATES: dict[str, KindTemplate] = {STRATEGIC.kind: STRATEGIC}


def template_for(programme) -> KindTemplate:
    return TEMPLATES[programme.kind]
