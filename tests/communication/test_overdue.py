"""An activity is overdue when it is still planned and its date lies before today, the
Danish date; one rule, read the same by the list, the counts and the panels."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from communication.models import (
    ActivityStatus,
    CommunicationActivity,
    copenhagen_today,
    overdue_condition,
)
from tests.factories import member

from .factories import activity, programme_with_groups

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def coordinator(roskilde):
    return member("Roskilde")


@pytest.fixture
def programme(roskilde):
    return programme_with_groups(roskilde)


@pytest.mark.parametrize(
    ("days", "status", "overdue"),
    [
        (0, ActivityStatus.PLANNED, False),  # today: not yet
        (-1, ActivityStatus.PLANNED, True),  # yesterday and still planned
        (-30, ActivityStatus.PLANNED, True),
        (-1, ActivityStatus.DONE, False),
        (-1, ActivityStatus.CANCELLED, False),
        (1, ActivityStatus.PLANNED, False),
    ],
    ids=["today", "yesterday", "a month ago", "done", "cancelled", "tomorrow"],
)
def test_an_activity_is_overdue_when_planned_and_dated_before_today(
    programme, coordinator, days, status, overdue
):
    item = activity(programme, coordinator, days=days, status=status)

    annotated = CommunicationActivity.objects.with_overdue().get(pk=item.pk)

    assert annotated.is_overdue is overdue
    assert CommunicationActivity.objects.overdue().filter(pk=item.pk).exists() is overdue


def test_today_is_the_danish_date_even_when_it_is_still_yesterday_in_utc():
    # 23.30 UTC on 30 November is 00.30 on 1 December in Copenhagen.
    with time_machine.travel(datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)):
        assert copenhagen_today() == datetime.date(2026, 12, 1)


def test_an_activity_of_yesterday_is_overdue_just_after_danish_midnight(programme, coordinator):
    item = activity(programme, coordinator)
    CommunicationActivity.objects.filter(pk=item.pk).update(planned_on=datetime.date(2026, 11, 30))

    just_after = datetime.datetime(2026, 12, 1, 0, 5, tzinfo=COPENHAGEN)
    with time_machine.travel(just_after, tick=False):
        overdue = CommunicationActivity.objects.filter(overdue_condition()).count()

    assert overdue == 1
