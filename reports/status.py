"""A programme's status as facts for SBST's status report: phase and gate, meetings held
against planned, deliverables, warnings. Taken when the report is asked for and frozen in
its row (JSON: codes, counts, ISO dates, names), so the PDF shows the status of that moment
and the same facts on the same day are the same report.

`status_facts` asks the database a fixed number of times however many programmes it gets
(a cohort of 30 at once), trial actions by state included
(`trial_actions.selectors.counts_by_state`).
"""

from django.db.models import Count, Q
from django.utils import timezone, translation

from communication.models import CommunicationActivity, overdue_condition
from meetings.models import Meeting
from phases.models import Phase
from phases.selectors import standings, with_phase
from programmes.models import Programme
from trial_actions.models import TrialActionState
from trial_actions.selectors import counts_by_state


def status_facts(programmes, *, today=None) -> list[dict]:
    """The facts of each programme, names in Danish (the report's language) whoever asks."""
    with translation.override("da"):
        return _facts(programmes, today or timezone.localdate())


def _facts(programmes, today) -> list[dict]:
    now = timezone.now()
    ids = [p.pk for p in programmes]
    programmes = list(
        with_phase(Programme.objects.filter(pk__in=ids).select_related("municipality")).order_by(
            "municipality__name", "pk"
        )
    )
    where = standings(programmes, today)
    meetings = {
        row["programme_id"]: row
        for row in Meeting.objects.filter(programme_id__in=ids)
        .values("programme_id")
        .annotate(
            planned=Count("pk", filter=Q(cancelled_at__isnull=True)),
            held=Count("pk", filter=Q(cancelled_at__isnull=True, starts_at__lte=now)),
            cancelled=Count("pk", filter=Q(cancelled_at__isnull=False)),
            without_minutes=Count(
                "pk",
                filter=Q(cancelled_at__isnull=True, starts_at__lte=now, minutes_written_at=None),
            ),
        )
    }
    overdue = dict(
        CommunicationActivity.objects.filter(programme_id__in=ids)
        .filter(overdue_condition(today))
        .values("programme_id")
        .annotate(n=Count("pk"))
        .values_list("programme_id", "n")
    )
    trial_actions = counts_by_state(programmes)
    facts = []
    for programme in programmes:
        standing = where[programme.pk]
        met = meetings.get(programme.pk, {})
        window = standing.window
        facts.append(
            {
                "programme": programme.pk,
                "municipality": programme.municipality.name,
                "cohort": programme.cohort.name,
                "today": today.isoformat(),
                "phase": standing.phase,
                "since": standing.since.date().isoformat() if standing.since else None,
                "window": [
                    window.starts_on.isoformat() if window and window.starts_on else None,
                    window.ends_on.isoformat() if window else None,
                ],
                "behind": standing.behind,
                "gate": [
                    {
                        "code": item.requirement.code,
                        "label": str(item.requirement.label),
                        "met": item.met,
                        "checkable": item.checkable,
                    }
                    for item in standing.gate.items
                ],
                "meetings": {
                    "planned": met.get("planned", 0),
                    "held": met.get("held", 0),
                    "cancelled": met.get("cancelled", 0),
                    "without_minutes": met.get("without_minutes", 0),
                },
                "overdue_activities": overdue.get(programme.pk, 0),
                "trial_actions": [
                    [state, trial_actions.get(programme.pk, {}).get(state, 0)]
                    for state in TrialActionState.values
                ],
                "completed": standing.phase == Phase.COMPLETED,
            }
        )
    return facts
