"""What each PDF shows, read in the report's tenant scope with the requester's rights (so the
key figures are those the requester's municipality may read).

The development plan shows the approved version named by the report (`source`:
`plan_version`) as it was approved, and beside it the stock-taking as it stands when the
file is drawn: the assessment profile, the case review in numbers only (shares per principle
and the citizen's own voice; no case and no pseudonym, since everyone who reads the
programme reads the plan), the key figures against the national median, the support ladder
and the communication plan.

The anchoring plan shows the approved version named by the report (`source`:
`anchoring_plan_version`) as it was approved: what is anchored, how, by whom and when it is
followed up, what was done about the flagged dimensions, the expected-yield checklist and the
plan for continuing; and beside it, as they stand when the file is drawn, the adopted trial
actions with their evaluations and the run charts of their measures, and the temperature
measurement (the latest closed follow-up with the first round beside it, or the first round).

The status report shows the facts frozen when it was asked for (`reports.status`).
"""

import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from anchoring.models import AnchoringPlanVersion
from anchoring.versions import readable_items, readable_yield
from assessments.selectors import profile
from casereview.models import PrincipleFinding, ReviewedCase
from casereview.summary import presence_rows, principle_rows
from communication.models import CommunicationActivity
from keyfigures import display
from keyfigures import selectors as figures
from measures import runchart
from measures.models import Measure, MeasurePoint
from phases.models import Phase
from plans.models import PlanVersion
from plans.timeline import sub_goal_timeline
from plans.versions import readable
from programmes.models import Cohort, Programme
from temperature.models import RoundKind
from temperature.selectors import round_result, rounds_of
from trial_actions.models import TrialActionState
from trial_actions.selectors import adopted_trial_actions


def _day(value):
    return datetime.date.fromisoformat(value) if value else None


def development_plan_context(report) -> dict:
    programme = Programme.objects.select_related("municipality", "cohort").get(
        pk=report.programme_id
    )
    user = report.requested_by
    version = PlanVersion.objects.select_related("approved_by").get(
        plan__programme_id=programme.pk, number=report.source["plan_version"]
    )
    goals = readable(version.content)
    municipality = programme.municipality

    cases = list(
        ReviewedCase.objects.filter(programme_id=programme.pk)
        .order_by("created_at", "id")
        .values(
            "pk",
            "hopes_in_assessment",
            "hopes_in_action_plan",
            "resources_in_assessment",
            "resources_in_action_plan",
        )
    )
    findings = PrincipleFinding.objects.filter(case__programme_id=programme.pk).values_list(
        "case_id", "principle", "shows"
    )
    indicators = figures.catalogue()
    steps = figures.ladder_steps()
    counts = figures.ladder_counts(user, municipality)
    return {
        "title": _("Udviklingsplan for %(municipality)s, version %(number)s")
        % {"municipality": municipality.name, "number": version.number},
        "running_header": _("Udviklingsplan · %(municipality)s · version %(number)s")
        % {"municipality": municipality.name, "number": version.number},
        "report": report,
        "programme": programme,
        "municipality": municipality,
        "version": version,
        "introduction": version.content.get("introduction", ""),
        "goals": goals,
        "timeline": sub_goal_timeline(programme, goals),
        "profile": profile(programme),
        "case_count": len(cases),
        "principles": principle_rows([c["pk"] for c in cases], findings) if cases else [],
        "presence": presence_rows(cases) if cases else [],
        "headlines": figures.latest_figures(user, municipality),
        "sections": display.indicator_charts(
            indicators,
            municipality,
            [],
            figures.figures_for(user, [municipality], indicators),
            figures.national_medians(user, indicators),
        ),
        "ladder": display.ladder_chart(municipality, steps, counts) if counts else None,
        "activities": list(
            CommunicationActivity.objects.filter(programme_id=programme.pk)
            .select_related("responsible")
            .order_by("planned_on", "id")
        ),
    }


def _adopted_with_charts(programme) -> list[dict]:
    """The adopted trial actions, each with its measures' run charts and verdicts."""
    actions = list(adopted_trial_actions(programme).select_related("responsible"))
    points = Prefetch("points", queryset=MeasurePoint.objects.order_by("measured_on", "id"))
    measures: dict[int, list] = {}
    for measure in (
        Measure.objects.filter(trial_action__in=[a.pk for a in actions])
        .prefetch_related(points)
        .order_by("created_at", "id")
    ):
        measures.setdefault(measure.trial_action_id, []).append(measure)
    rows = []
    for action in actions:
        start = runchart.start_of(action)
        charts = []
        for measure in measures.get(action.pk, []):
            measure_points = list(measure.points.all())
            verdict = runchart.verdict_of(measure_points)
            charts.append(
                {
                    "measure": measure,
                    "chart": runchart.run_chart(measure, measure_points, [start]),
                    "verdict_text": runchart.verdict_text(verdict),
                }
            )
        rows.append({"action": action, "measures": charts})
    return rows


def _temperature(programme):
    """The latest closed follow-up with the first round beside it, else the closed first
    round, else None."""
    rounds = rounds_of(programme)
    closed = [r for r in rounds if not r.is_open]
    follow_ups = [r for r in closed if r.kind == RoundKind.FOLLOW_UP]
    firsts = [r for r in closed if r.kind == RoundKind.FIRST]
    shown = follow_ups[-1] if follow_ups else (firsts[0] if firsts else None)
    return round_result(shown, rounds) if shown is not None else None


def anchoring_plan_context(report) -> dict:
    programme = Programme.objects.select_related("municipality", "cohort").get(
        pk=report.programme_id
    )
    version = AnchoringPlanVersion.objects.select_related("approved_by").get(
        plan__programme_id=programme.pk, number=report.source["anchoring_plan_version"]
    )
    municipality = programme.municipality
    content = version.content
    return {
        "title": _("Forankringsplan for %(municipality)s, version %(number)s")
        % {"municipality": municipality.name, "number": version.number},
        "running_header": _("Forankringsplan · %(municipality)s · version %(number)s")
        % {"municipality": municipality.name, "number": version.number},
        "report": report,
        "programme": programme,
        "municipality": municipality,
        "version": version,
        "groups": readable_items(content),
        "dimensions": content.get("dimensions", []),
        "yield_rows": readable_yield(content),
        "continuation": content.get("continuation", ""),
        "trial_actions": _adopted_with_charts(programme),
        "temperature": _temperature(programme),
    }


def _warnings(fact) -> list[str]:
    warnings = []
    if fact["behind"]:
        warnings.append(_("Fasens vindue er udløbet, og porten holder ikke endnu."))
    missing = [g["label"] for g in fact["gate"] if not g["met"]]
    if missing and not fact["completed"]:
        warnings.append(_("Mangler før næste fase: %(missing)s.") % {"missing": "; ".join(missing)})
    if fact["meetings"]["without_minutes"]:
        warnings.append(
            _("%(count)s afholdte møder har intet referat.")
            % {"count": fact["meetings"]["without_minutes"]}
        )
    if fact["overdue_activities"]:
        warnings.append(
            _("%(count)s kommunikationsaktiviteter er forsinkede.")
            % {"count": fact["overdue_activities"]}
        )
    return warnings


def status_context(report) -> dict:
    rows = []
    for fact in report.source["programmes"]:
        rows.append(
            {
                **fact,
                "phase_label": Phase(fact["phase"]).label,
                "since_day": _day(fact["since"]),
                "window_from": _day(fact["window"][0]),
                "window_to": _day(fact["window"][1]),
                "warnings": _warnings(fact),
                "trial_action_states": [
                    (TrialActionState(state).label, count)
                    for state, count in fact.get("trial_actions", [])
                ],
                "trial_action_total": sum(count for _s, count in fact.get("trial_actions", [])),
            }
        )
    today = _day(rows[0]["today"]) if rows else None
    if getattr(report, "cohort_id", None):
        cohort = Cohort.objects.get(pk=report.cohort_id)
        title = _("Status for %(cohort)s") % {"cohort": cohort.name}
    else:
        title = _("Status for %(municipality)s") % {
            "municipality": rows[0]["municipality"] if rows else ""
        }
    return {
        "title": title,
        "running_header": title,
        "report": report,
        "today": today,
        "rows": rows,
        "with_warnings": sum(1 for row in rows if row["warnings"]),
    }
