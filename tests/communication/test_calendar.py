"""The plan as a month calendar: weeks as rows from Monday, each activity in its day's cell,
the neighbouring months a link away, and an unreadable month answered with this one."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from communication.selectors import month_from, month_weeks, next_month, previous_month
from communication.services import add_activity
from tests.factories import member

from .factories import activity, programme_with_groups


@pytest.fixture
def coordinator(roskilde):
    return member("Roskilde")


@pytest.fixture
def programme(roskilde, coordinator):
    return programme_with_groups(roskilde, coordinator=coordinator)


def calendar_url(programme, month=None):
    url = reverse("communication:activity_calendar", kwargs={"programme_pk": programme.pk})
    return f"{url}?maaned={month}" if month is not None else url


def on(programme, by, date, title):
    return add_activity(
        programme,
        by=by,
        title=title,
        audience="Medarbejdere",
        channel="intranet",
        message="Budskab",
        planned_on=date,
    )


def cell_of(weeks, date):
    """(row, column) of `date`'s cell in the month's weeks."""
    for row, week in enumerate(weeks):
        for column, day in enumerate(week.days):
            if day.in_month and day.date == date:
                return row, column
    raise AssertionError(f"{date} is not in the month")


class Dated:
    def __init__(self, date, title):
        self.planned_on, self.title = date, title


def test_a_month_that_starts_on_a_saturday_and_has_31_days_takes_six_weeks_from_monday():
    first = datetime.date(2026, 8, 1)  # a Saturday
    weeks = month_weeks(first, [Dated(first, "Den 1."), Dated(datetime.date(2026, 8, 31), "31.")])

    assert len(weeks) == 6
    assert [week.days[0].date.weekday() for week in weeks] == [0] * 6  # Mondays
    assert [day.date for day in weeks[0].days[:5]] == [
        datetime.date(2026, 7, 27) + datetime.timedelta(days=i) for i in range(5)
    ]
    assert not any(day.in_month for day in weeks[0].days[:5])
    assert cell_of(weeks, first) == (0, 5)
    assert cell_of(weeks, datetime.date(2026, 8, 31)) == (5, 0)
    assert [a.title for a in weeks[0].days[5].activities] == ["Den 1."]
    assert [a.title for a in weeks[5].days[0].activities] == ["31."]
    assert [week.number for week in weeks] == [31, 32, 33, 34, 35, 36]


def test_a_february_that_starts_on_a_monday_takes_four_weeks():
    weeks = month_weeks(datetime.date(2027, 2, 1), [])

    assert len(weeks) == 4
    assert cell_of(weeks, datetime.date(2027, 2, 1)) == (0, 0)
    assert cell_of(weeks, datetime.date(2027, 2, 28)) == (3, 6)


def test_the_calendar_page_puts_the_activities_of_the_1st_and_the_31st_in_their_cells(
    programme, coordinator, client_for
):
    on(programme, coordinator, datetime.date(2026, 8, 1), "Nyhed den første")
    on(programme, coordinator, datetime.date(2026, 8, 31), "Oplæg den sidste")
    on(programme, coordinator, datetime.date(2026, 9, 1), "Næste måned")
    on(programme, coordinator, datetime.date(2026, 7, 31), "Forrige måned")

    page = client_for(member("Roskilde", role="reader")).get(calendar_url(programme, "2026-08"))

    assert page.status_code == 200
    weeks = page.context["weeks"]
    assert len(weeks) == 6
    assert [a.title for a in weeks[0].days[5].activities] == ["Nyhed den første"]
    assert [a.title for a in weeks[5].days[0].activities] == ["Oplæg den sidste"]
    assert sum(len(day.activities) for week in weeks for day in week.days) == 2
    body = page.content.decode()
    assert "<h2" in body and "August 2026</h2>" in body
    headers = [body.index(f">{name}</th>") for name in ("Mandag", "Tirsdag", "Søndag")]
    assert headers == sorted(headers)
    assert body.index("Nyhed den første") < body.index("Oplæg den sidste")
    assert "Næste måned</a>" not in body and "Forrige måned</a>" not in body
    assert '?maaned=2026-07">Forrige måned: juli 2026' in body
    assert '?maaned=2026-09">Næste måned: september 2026' in body


def test_overdue_activities_are_named_overdue_in_the_calendar(programme, coordinator, client_for):
    item = activity(programme, coordinator, title="Glemt brev", days=-1)

    month = item.planned_on.strftime("%Y-%m")  # yesterday may be last month
    body = client_for(coordinator).get(calendar_url(programme, month)).content.decode()

    assert "Glemt brev" in body and ">Overskredet<" in body


@pytest.mark.parametrize(
    "value",
    ["2026-13", "2026-00", "abc", "2026-1x", "0001-01", "9999-12", "2026/11", "2" * 300, "-1-5"],
)
def test_an_unreadable_month_shows_this_month_with_a_notice(
    programme, coordinator, client_for, value
):
    with time_machine.travel(datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC)):
        page = client_for(coordinator).get(calendar_url(programme, value))

    assert page.status_code == 200
    assert page.context["month"] == datetime.date(2026, 11, 1)
    assert "Måneden i adressen kunne ikke læses" in page.content.decode()


def test_without_a_month_the_calendar_shows_this_month_without_a_notice(
    programme, coordinator, client_for
):
    with time_machine.travel(datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC)):
        page = client_for(coordinator).get(calendar_url(programme))

    assert page.context["month"] == datetime.date(2026, 11, 1)
    body = page.content.decode()
    assert "kunne ikke læses" not in body
    assert 'aria-current="date"' in body and "I dag" in body


def test_months_turn_over_the_new_year():
    assert month_from("2026-12") == (datetime.date(2026, 12, 1), True)
    assert month_from("2027-1") == (datetime.date(2027, 1, 1), True)
    assert next_month(datetime.date(2026, 12, 1)) == datetime.date(2027, 1, 1)
    assert previous_month(datetime.date(2027, 1, 1)) == datetime.date(2026, 12, 1)
