"""Portfolios built fast: programmes spread over the 98 municipalities and enough cohorts,
with their phase records, a meeting, an activity-log entry and an overdue communication
activity each, all with bulk_create (a few queries for a thousand programmes)."""

import datetime
import itertools

from django.utils import timezone
from django_scopes import scopes_disabled

from communication.models import Channel, CommunicationActivity
from meetings.models import Meeting
from phases.models import Phase, ProgrammePhase
from programmes.models import ActivityEntry, Cohort, Municipality, Programme

# The phases the programmes take in turn (enrol: no phase record yet).
PHASES = (Phase.PREPARE, Phase.DEVELOP, Phase.ANCHOR, Phase.COMPLETED, Phase.ENROL)


_COHORTS = itertools.count()


def cohorts(count: int) -> list[Cohort]:
    """`count` new cohorts, half a year apart, none starting on another's day."""
    made = []
    for _ in range(count):
        index = next(_COHORTS)
        starts_on = datetime.date(2000 + index // 2, 1 if index % 2 == 0 else 8, 1)
        made.append(
            Cohort(
                name=f"Porteføljehold {starts_on:%Y-%m}",
                starts_on=starts_on,
                enrolment_deadline=starts_on - datetime.timedelta(days=60),
            )
        )
    return Cohort.objects.bulk_create(made)


def portfolio(count: int, *, contact=None) -> list[Programme]:
    """`count` programmes over the municipalities (each municipality once per cohort), in
    the phases of `PHASES` in turn, each with a held meeting in its phase, an activity-log
    entry and an overdue communication activity."""
    with scopes_disabled():
        municipalities = list(Municipality.objects.order_by("code"))
        needed = -(-count // len(municipalities))
        pairs = itertools.islice(itertools.product(cohorts(needed), municipalities), count)
        programmes = Programme.objects.bulk_create(
            [Programme(municipality=m, cohort=c, primary_contact=contact) for c, m in pairs]
        )
        now = timezone.now()
        records, meetings, entries, activities = [], [], [], []
        for index, programme in enumerate(programmes):
            phase = PHASES[index % len(PHASES)]
            if phase != Phase.ENROL:
                records.append(ProgrammePhase(programme=programme, phase=phase))
            meetings.append(
                Meeting(
                    programme=programme,
                    phase=phase,
                    title="Styregruppemøde",
                    starts_at=now - datetime.timedelta(days=3),
                )
            )
            entries.append(
                ActivityEntry(
                    municipality_id=programme.municipality_id,
                    programme=programme,
                    action="portfolio.test",
                    created_at=now - datetime.timedelta(days=index % 90),
                )
            )
            activities.append(
                CommunicationActivity(
                    programme=programme,
                    title="Nyhedsbrev",
                    audience="Medarbejdere",
                    channel=Channel.INTRANET,
                    message="Status",
                    planned_on=timezone.localdate() - datetime.timedelta(days=2),
                )
            )
        ProgrammePhase.objects.bulk_create(records)
        Meeting.objects.bulk_create(meetings)
        ActivityEntry.objects.bulk_create(entries)
        CommunicationActivity.objects.bulk_create(activities)
    return programmes
