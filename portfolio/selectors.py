"""The portfolio's rows: every programme an SBST consultant follows, with what the page shows.

`portfolio_rows(programmes)` reads a programme list's facts in a fixed number of queries,
however many programmes there are: one query per kind of fact (meetings, overdue items,
activity, each deliverable), each grouped by programme, then joined in dictionaries. Gates
ask each registered check once (`phases.selectors.standings`), so the count depends on which
phases appear, never on how many programmes are in them.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Max, Min, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_noop

from anchoring.models import AnchoringPlan, AnchoringPlanVersion
from assessments.models import Assessment
from casereview.models import ReviewedCase
from communication.models import CommunicationActivity
from communication.models import overdue_condition as communication_overdue
from enrolment.models import Enrolment
from meetings.models import FollowUp, Meeting
from phases.models import Phase, ProgrammePhase
from phases.selectors import Standing, standings
from plans.models import DevelopmentPlan, PlanVersion
from programmes import composition
from programmes.models import (
    ActivityEntry,
    Cohort,
    GroupMember,
    Programme,
    ProgrammeGroup,
    Region,
)
from temperature.models import MeasurementRound, RoundKind
from trial_actions.models import TrialAction, TrialActionState
from trial_actions.models import overdue_condition as evaluation_overdue
from trial_actions.selectors import counts_by_state

from .health import Health, programme_health
from .text import choice_label, ngettext
from .text import gettext as _

# How many cases the case review asks for (seed 003: "ti sager").
CASES_WANTED = 10

# The deliverables each phase asks for, in the order the page shows them.
PHASE_DELIVERABLES = {
    Phase.PREPARE: ("assessment", "cases", "development_plan"),
    Phase.DEVELOP: ("trial_actions", "temperature"),
    Phase.ANCHOR: ("temperature", "anchoring_plan"),
}
DELIVERABLE_LABELS = {
    "assessment": gettext_noop("Organisatorisk vurdering"),
    "cases": gettext_noop("Sagsgennemgang"),
    "development_plan": gettext_noop("Udviklingsplan"),
    "trial_actions": gettext_noop("Prøvehandlinger"),
    "temperature": gettext_noop("Temperaturmåling"),
    "anchoring_plan": gettext_noop("Forankringsplan"),
}


@dataclass(frozen=True)
class Deliverable:
    code: str
    label: str
    state: str
    done: bool


@dataclass
class Row:
    """One programme as the portfolio shows it (and as `portfolio.health` reads it)."""

    programme: Programme
    standing: Standing
    meetings_held: int
    meetings_planned: int
    next_meeting: datetime.datetime | None
    deliverables: list[Deliverable]
    warnings: list[str]
    overdue: dict[str, int]
    last_activity: datetime.datetime | None
    days_since_activity: int
    health: Health | None = None

    @property
    def programme_id(self) -> int:
        return self.programme.pk

    @property
    def municipality(self):
        return self.programme.municipality

    @property
    def cohort(self):
        return self.programme.cohort

    @property
    def contact(self):
        return self.programme.primary_contact

    @property
    def overdue_total(self) -> int:
        return sum(self.overdue.values())

    @property
    def phase_label(self) -> str:
        return choice_label(Phase, self.standing.phase)

    @property
    def region_label(self) -> str:
        return choice_label(Region, self.municipality.region)

    @property
    def meetings_text(self) -> str:
        return _("%(held)s af %(planned)s") % {
            "held": self.meetings_held,
            "planned": self.meetings_planned,
        }

    @property
    def warnings_text(self) -> str:
        count = len(self.warnings)
        return ngettext("%(count)s advarsel", "%(count)s advarsler", count) % {"count": count}


def portfolio_programmes(queryset):
    """Programmes with what `portfolio_rows` reads through joins: municipality and SBST
    contact (the rest it reads itself, in bulk)."""
    return queryset.select_related("municipality", "primary_contact")


def _any(ids):
    """`ids` for an `__in` lookup, on PostgreSQL as one array parameter: a thousand
    placeholders cost more to build and send than the query takes to run. (The embedded
    SQLite of `bin/dev` gets the plain list.)"""
    if connection.vendor != "postgresql":
        return list(ids)
    return RawSQL("SELECT unnest(%s::bigint[])", (list(ids),))


class _Loaded(list):
    """A list read in bulk that answers `.all()` as a prefetched relation would, for the
    pure composition rules (`programmes.composition`)."""

    def all(self):
        return self


@dataclass(frozen=True, slots=True)
class _Member:
    """What the composition rules read of a member: a row, not a model instance (a
    thousand programmes have some twelve thousand members)."""

    kind: str
    level: str
    area: str


@dataclass
class _Group:
    kind: str
    name: str
    members: _Loaded


@dataclass
class _Composition:
    coordinator_id: int | None
    primary_contact_id: int | None
    groups: _Loaded


def _attach(programmes, ids) -> dict[int, _Composition]:
    """Give each programme its cohort (shared, with its windows) and its open phase record
    as `phases.selectors.with_phase` does, and return what the composition rules read.

    Read in bulk and joined in dictionaries: Django's prefetching clones a queryset per
    programme, which costs more than the queries themselves at a thousand programmes.
    """
    cohorts = Cohort.objects.filter(pk__in={p.cohort_id for p in programmes}).prefetch_related(
        "phase_windows"
    )
    cohorts = {cohort.pk: cohort for cohort in cohorts}
    records: dict[int, list] = {}
    for record in ProgrammePhase.objects.filter(programme_id__in=_any(ids), ended_at=None):
        records.setdefault(record.programme_id, []).append(record)
    members: dict[int, _Loaded] = {}
    for group_id, kind, level, area in GroupMember.objects.filter(
        group__programme_id__in=_any(ids)
    ).values_list("group_id", "kind", "level", "area"):
        members.setdefault(group_id, _Loaded()).append(_Member(kind, level, area))
    groups: dict[int, _Loaded] = {}
    for pk, programme_id, kind, name in (
        ProgrammeGroup.objects.filter(programme_id__in=_any(ids))
        .order_by("kind", "name", "id")
        .values_list("pk", "programme_id", "kind", "name")
    ):
        group = _Group(kind, name, members.get(pk, _Loaded()))
        groups.setdefault(programme_id, _Loaded()).append(group)
    compositions = {}
    for programme in programmes:
        programme.cohort = cohorts[programme.cohort_id]
        programme.open_phase_records = records.get(programme.pk, [])
        compositions[programme.pk] = _Composition(
            programme.coordinator_id,
            programme.primary_contact_id,
            groups.get(programme.pk, _Loaded()),
        )
    return compositions


def _meetings(ids, now):
    """{(programme id, phase): (held, planned, next start)} over meetings not cancelled."""
    rows = (
        Meeting.objects.filter(programme_id__in=_any(ids), cancelled_at=None)
        .order_by()
        .values_list("programme_id", "phase")
        .annotate(
            held=Count("pk", filter=Q(starts_at__lte=now)),
            planned=Count("pk"),
            next_start=Min("starts_at", filter=Q(starts_at__gt=now)),
        )
    )
    return {(pk, phase): (held, planned, start) for pk, phase, held, planned, start in rows}


def _grouped_count(queryset, key="programme_id") -> dict[int, int]:
    return dict(queryset.order_by().values_list(key).annotate(n=Count("pk")).values_list(key, "n"))


def _overdue(ids, today) -> dict[int, dict[str, int]]:
    communication = _grouped_count(
        CommunicationActivity.objects.filter(programme_id__in=_any(ids)).filter(
            communication_overdue(today)
        )
    )
    follow_ups = _grouped_count(
        FollowUp.objects.filter(
            meeting__programme_id__in=_any(ids), done_at=None, due_on__lt=today
        ),
        key="meeting__programme_id",
    )
    evaluations = _grouped_count(
        TrialAction.objects.filter(programme_id__in=_any(ids)).filter(evaluation_overdue(today))
    )
    return {
        pk: {
            "communication": communication.get(pk, 0),
            "follow_ups": follow_ups.get(pk, 0),
            "evaluations": evaluations.get(pk, 0),
        }
        for pk in ids
    }


def _plan_states(plan_model, version_model, ids) -> dict[int, tuple[bool, bool]]:
    """{programme id: (approved at least once, changed since)} for programmes with a plan."""
    approved = set(
        version_model.objects.filter(plan__programme_id__in=_any(ids))
        .values_list("plan__programme_id", flat=True)
        .distinct()
    )
    return {
        pk: (pk in approved, has_changes)
        for pk, has_changes in plan_model.objects.filter(programme_id__in=_any(ids)).values_list(
            "programme_id", "has_changes"
        )
    }


def _plan_deliverable(code, state) -> Deliverable:
    label = _(DELIVERABLE_LABELS[code])
    if state is None:
        return Deliverable(code, label, _("Ikke påbegyndt"), False)
    approved, changed = state
    if not approved:
        return Deliverable(code, label, _("Kladde, ikke godkendt"), False)
    if changed:
        return Deliverable(code, label, _("Godkendt, ændret siden"), True)
    return Deliverable(code, label, _("Godkendt"), True)


@dataclass(frozen=True)
class _Id:
    pk: int


def _deliverable_facts(ids) -> dict:
    rounds: dict[int, dict[str, bool]] = {}
    for pk, kind, closed_on in MeasurementRound.objects.filter(
        programme_id__in=_any(ids)
    ).values_list("programme_id", "kind", "closed_on"):
        rounds.setdefault(pk, {})[kind] = closed_on is not None
    return {
        "assessment": _grouped_count(Assessment.objects.filter(programme_id__in=_any(ids))),
        "cases": _grouped_count(ReviewedCase.objects.filter(programme_id__in=_any(ids))),
        "development_plan": _plan_states(DevelopmentPlan, PlanVersion, ids),
        "trial_actions": counts_by_state([_Id(pk) for pk in ids]),
        "temperature": rounds,
        "anchoring_plan": _plan_states(AnchoringPlan, AnchoringPlanVersion, ids),
    }


def _round_text(kind_label, closed) -> str:
    if closed is None:
        return _("%(round)s ikke åbnet") % {"round": kind_label}
    if closed:
        return _("%(round)s lukket") % {"round": kind_label}
    return _("%(round)s åben") % {"round": kind_label}


def deliverable(code, pk, facts, phase) -> Deliverable:
    """Where one deliverable of the programme stands, in words."""
    label = _(DELIVERABLE_LABELS[code])
    if code == "assessment":
        n = facts["assessment"].get(pk, 0)
        text = (
            ngettext("%(count)s version", "%(count)s versioner", n) % {"count": n}
            if n
            else _("Ikke påbegyndt")
        )
        return Deliverable(code, label, text, n > 0)
    if code == "cases":
        n = facts["cases"].get(pk, 0)
        text = _("%(count)s af %(wanted)s sager") % {"count": n, "wanted": CASES_WANTED}
        return Deliverable(code, label, text, n >= CASES_WANTED)
    if code in ("development_plan", "anchoring_plan"):
        return _plan_deliverable(code, facts[code].get(pk))
    if code == "trial_actions":
        counts = facts["trial_actions"].get(pk, {})
        parts = [
            f"{counts[state]} {choice_label(TrialActionState, state).lower()}"
            for state in TrialActionState.values
            if counts.get(state)
        ]
        text = ", ".join(parts) if parts else _("Ingen endnu")
        evaluated = any(
            counts.get(s)
            for s in (
                TrialActionState.EVALUATED,
                TrialActionState.ADOPTED,
                TrialActionState.ADAPTED,
                TrialActionState.DROPPED,
            )
        )
        return Deliverable(code, label, text, evaluated)
    if code == "temperature":
        rounds = facts["temperature"].get(pk, {})
        kind = RoundKind.FOLLOW_UP if phase == Phase.ANCHOR else RoundKind.FIRST
        closed = rounds.get(kind)
        return Deliverable(
            code, label, _round_text(choice_label(RoundKind, kind), closed), bool(closed)
        )
    raise KeyError(code)


def portfolio_rows(programmes, *, today=None, now=None) -> list[Row]:
    """The rows of `programmes` (read through `portfolio_programmes`), health included."""
    programmes = list(programmes)
    if not programmes:
        return []
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    ids = [p.pk for p in programmes]
    compositions = _attach(programmes, ids)
    standing_of = standings(programmes, today)
    meetings = _meetings(ids, now)
    overdue = _overdue(ids, today)
    last_activity = dict(
        ActivityEntry.objects.filter(programme_id__in=_any(ids))
        .order_by()
        .values_list("programme_id")
        .annotate(last=Max("created_at"))
        .values_list("programme_id", "last")
    )
    facts = _deliverable_facts(ids)
    next_meeting: dict[int, datetime.datetime] = {}
    for (pk, _phase), (_held, _planned, start) in meetings.items():
        if start is not None and (pk not in next_meeting or start < next_meeting[pk]):
            next_meeting[pk] = start
    rows = []
    for programme in programmes:
        pk = programme.pk
        standing = standing_of[pk]
        held, planned, _next = meetings.get((pk, standing.phase), (0, 0, None))
        last = last_activity.get(pk)
        since = timezone.localdate(last or programme.created_at, timezone.get_current_timezone())
        rows.append(
            Row(
                programme=programme,
                standing=standing,
                meetings_held=held,
                meetings_planned=planned,
                next_meeting=next_meeting.get(pk),
                deliverables=[
                    deliverable(code, pk, facts, standing.phase)
                    for code in PHASE_DELIVERABLES.get(standing.phase, ())
                ],
                warnings=composition.programme_warnings(compositions[pk]),
                overdue=overdue[pk],
                last_activity=last,
                days_since_activity=max(0, (today - since).days),
            )
        )
    health = programme_health(rows)
    for row in rows:
        row.health = health[row.programme_id]
    return rows


@dataclass(frozen=True)
class PendingEnrolment:
    enrolment: Enrolment
    waiting_for: str


def pending_enrolments(user, *, cohort=None, region="", query=""):
    """Submitted enrolments SBST has not decided yet, oldest first, with what each waits for."""
    enrolments = (
        Enrolment.objects.for_user(user)
        .filter(state=Enrolment.State.SUBMITTED, decided_at=None)
        .select_related("municipality", "cohort")
        .order_by("submitted_at", "id")
    )
    if cohort is not None:
        enrolments = enrolments.filter(cohort=cohort)
    if region:
        enrolments = enrolments.filter(municipality__region=region)
    if query:
        enrolments = enrolments.filter(
            Q(municipality__name__icontains=query) | Q(municipality__code=query)
        )
    result = []
    for enrolment in enrolments:
        if enrolment.director_approved_at is None:
            waiting = _("Direktørens godkendelse")
        elif not enrolment.meeting_held:
            waiting = _("Tilmeldingsmødet")
        else:
            waiting = _("Social- og Boligstyrelsens afgørelse")
        result.append(PendingEnrolment(enrolment, waiting))
    return result


@dataclass(frozen=True)
class Tile:
    municipality: object
    state: str  # a phase code, "pending" (enrolment submitted) or "none"
    label: str
    programme: Programme | None = None


NOT_ENROLLED, PENDING = "none", "pending"


def municipality_grid(user) -> list[tuple[str, list[Tile]]]:
    """The 98 municipalities by region, each with the phase of its current programme (the
    latest cohort's that is not completed, else the latest), a submitted enrolment, or none;
    in four queries."""
    from programmes.models import Municipality

    programmes = list(Programme.objects.for_user(user).order_by("cohort__starts_on"))
    phases = dict(
        ProgrammePhase.objects.filter(
            programme_id__in=_any([p.pk for p in programmes]), ended_at=None
        ).values_list("programme_id", "phase")
    )
    current: dict[int, Programme] = {}
    for programme in programmes:
        programme.phase = phases.get(programme.pk, Phase.ENROL)
        held = current.get(programme.municipality_id)
        if held is None or held.phase == Phase.COMPLETED or programme.phase != Phase.COMPLETED:
            current[programme.municipality_id] = programme
    pending = set(
        Enrolment.objects.for_user(user)
        .filter(state=Enrolment.State.SUBMITTED, decided_at=None)
        .values_list("municipality_id", flat=True)
    )
    regions: dict[str, list[Tile]] = {value: [] for value in Region.values}
    for municipality in Municipality.objects.for_user(user).order_by("name"):
        programme = current.get(municipality.pk)
        if programme is not None:
            tile = Tile(municipality, programme.phase, Phase(programme.phase).label, programme)
        elif municipality.pk in pending:
            tile = Tile(municipality, PENDING, _("Tilmelding indsendt"))
        else:
            tile = Tile(municipality, NOT_ENROLLED, _("Ikke tilmeldt"))
        regions[municipality.region].append(tile)
    return [(Region(value).label, tiles) for value, tiles in regions.items() if tiles]


@dataclass(frozen=True)
class PhaseCell:
    phase: str
    state: str  # "done", "current", "later"
    text: str


def cohort_cells(row, phases) -> list[PhaseCell]:
    """Where the programme stands in each of the cohort's working phases and the end state,
    from its phase records (prefetched as `phase_records`)."""
    records = {r.phase: r for r in row.programme.phase_records.all()}
    cells = []
    for phase in phases:
        record = records.get(phase)
        if record is None:
            cells.append(PhaseCell(phase, "later", _("Ikke startet")))
        elif record.ended_at is not None:
            day = timezone.localdate(record.ended_at).strftime("%d.%m.%Y")
            cells.append(PhaseCell(phase, "done", _("Afsluttet %(day)s") % {"day": day}))
        elif phase == Phase.COMPLETED:
            day = timezone.localdate(record.started_at).strftime("%d.%m.%Y")
            cells.append(PhaseCell(phase, "done", _("Gennemført %(day)s") % {"day": day}))
        else:
            share = row.standing.share_of_window
            text = (
                _("I gang: %(share)s %% af vinduet gået") % {"share": share}
                if share is not None
                else _("I gang")
            )
            if row.standing.behind:
                text = _("%(text)s, bagud") % {"text": text}
            cells.append(PhaseCell(phase, "current", text))
    return cells
