"""Read queries the communication pages and panels share; each asks the database a fixed
number of times, however many activities a plan has."""

import calendar
import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Count

from programmes.models import GroupMember

from .models import ActivityStatus, CommunicationActivity, copenhagen_today, overdue_condition

# The list's status filter: the stored statuses, and the overdue ones.
OVERDUE = "overdue"


def plan_activities(programme, user, *, today=None):
    """The programme's activities in date order, each with `is_overdue` and its responsible
    person (and that person's group)."""
    return (
        CommunicationActivity.objects.for_user(user)
        .filter(programme_id=programme.pk)
        .with_overdue(today)
        .select_related("responsible__group")
        .order_by("planned_on", "id")
    )


def filtered(activities, status: str, *, today=None):
    """Only the activities of `status` (a stored status, or `OVERDUE`); all for ""."""
    if status == OVERDUE:
        return activities.filter(overdue_condition(today))
    if status in ActivityStatus.values:
        return activities.filter(status=status)
    return activities


def plan_counts(programme, user, *, today=None) -> dict:
    """{"total": activities in the plan, "overdue": those of them overdue}, in one query."""
    activities = CommunicationActivity.objects.for_user(user).filter(programme_id=programme.pk)
    return activities.aggregate(
        total=Count("pk"), overdue=Count("pk", filter=overdue_condition(today))
    )


@dataclass(frozen=True)
class PlanSummary:
    total: int
    overdue: int
    upcoming: list = field(default_factory=list)
    overdue_activities: list = field(default_factory=list)


def plan_summary(programme, user, *, today=None, limit=3) -> PlanSummary:
    """How many activities the plan has and how many are overdue, the overdue ones and the
    next planned ones (up to `limit` each)."""
    today = today or copenhagen_today()
    counts = plan_counts(programme, user, today=today)
    if not counts["total"]:
        return PlanSummary(total=0, overdue=0)
    listed = plan_activities(programme, user, today=today)
    return PlanSummary(
        total=counts["total"],
        overdue=counts["overdue"],
        upcoming=list(listed.filter(status=ActivityStatus.PLANNED, planned_on__gte=today)[:limit]),
        overdue_activities=list(listed.filter(overdue_condition(today))[:limit]),
    )


def open_activities_for(user, municipality, *, today=None):
    """Planned activities in `municipality` that `user` is responsible for, soonest first,
    each with `is_overdue`."""
    return (
        CommunicationActivity.objects.for_user(user)
        .for_municipality(municipality)
        .filter(responsible__user_id=user.pk, status=ActivityStatus.PLANNED)
        .with_overdue(today)
        .select_related("programme__cohort")
        .order_by("planned_on", "id")
    )


def responsible_choices(programme):
    """Everyone in the programme's groups, for choosing an activity's responsible person."""
    return (
        GroupMember.objects.filter(group__programme_id=programme.pk)
        .select_related("group")
        .order_by("name", "group__kind", "id")
    )


# ---- The calendar ------------------------------------------------------------------------

MONTH_PARAMETER = re.compile(r"(\d{4})-(\d{1,2})")


def month_from(value: str | None, *, today=None) -> tuple[datetime.date, bool]:
    """The first day of the month named by `value` ("2026-11"), and whether it was read;
    this month when `value` is missing or cannot be read."""
    today = today or copenhagen_today()
    match = MONTH_PARAMETER.fullmatch((value or "").strip())
    if match:
        year, month = int(match[1]), int(match[2])
        # Years whose neighbouring months a date can still hold.
        if 1 <= month <= 12 and 2 <= year <= 9998:
            return datetime.date(year, month, 1), True
    return today.replace(day=1), not value


def previous_month(first: datetime.date) -> datetime.date:
    return (first - datetime.timedelta(days=1)).replace(day=1)


def next_month(first: datetime.date) -> datetime.date:
    return (first + datetime.timedelta(days=31)).replace(day=1)


@dataclass(frozen=True)
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    activities: list


@dataclass(frozen=True)
class Week:
    number: int
    days: list[Day]


def month_weeks(first: datetime.date, activities, *, today=None) -> list[Week]:
    """The month as weeks from Monday to Sunday (four to six of them), each day with its
    activities; days of the neighbouring months fill the first and last week, empty."""
    today = today or copenhagen_today()
    by_day: dict[datetime.date, list] = {}
    for activity in activities:
        by_day.setdefault(activity.planned_on, []).append(activity)
    weeks = []
    for dates in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        first.year, first.month
    ):
        days = [
            Day(
                date=day,
                in_month=day.month == first.month,
                is_today=day == today,
                activities=by_day.get(day, []) if day.month == first.month else [],
            )
            for day in dates
        ]
        weeks.append(Week(number=dates[0].isocalendar().week, days=days))
    return weeks


def month_activities(programme, user, first: datetime.date, *, today=None):
    """The programme's activities dated in the month that starts on `first`."""
    last = next_month(first) - datetime.timedelta(days=1)
    return plan_activities(programme, user, today=today).filter(
        planned_on__gte=first, planned_on__lte=last
    )
