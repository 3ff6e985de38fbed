"""Phase windows in the cohort's calendar, their adjustment by SBST, and "behind"."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django_scopes import scopes_disabled

from phases.models import Phase, PhaseWindow
from phases.schedule import phase_schedule
from phases.selectors import standing
from programmes.models import ActivityEntry
from tests.factories import AdministratorFactory, CohortFactory, ProgrammeFactory
from tests.forms import posted_form

pytestmark = pytest.mark.django_db

COPENHAGEN = datetime.timezone(datetime.timedelta(hours=1))


def at(day: str):
    return time_machine.travel(datetime.datetime.fromisoformat(day).replace(tzinfo=COPENHAGEN))


def august_2027():
    return CohortFactory(
        starts_on=datetime.date(2027, 8, 1), enrolment_deadline=datetime.date(2027, 6, 1)
    )


@pytest.mark.parametrize(
    ("day", "phase"),
    [
        ("2027-12-31T23:00", Phase.PREPARE),
        ("2028-01-01T00:30", Phase.DEVELOP),
        ("2028-07-15T12:00", None),  # the summer holiday lies between the half-years
        ("2028-08-01T08:00", Phase.ANCHOR),
        ("2028-12-31T23:59", Phase.ANCHOR),
    ],
)
def test_the_window_that_holds_a_day_across_the_new_year(day, phase):
    cohort = august_2027()

    with at(day):
        today = datetime.date.fromisoformat(day[:10])
        holding = [s.phase for s in phase_schedule(cohort) if s.starts_on and s.contains(today)]

    assert holding == ([phase] if phase else [])


def test_a_programme_past_its_window_without_its_gate_is_behind_from_the_new_year():
    programme = ProgrammeFactory(cohort=august_2027(), phase=Phase.PREPARE)

    with at("2027-12-31T22:00"):
        on_new_years_eve = standing(programme)
    with at("2028-01-01T10:00"):
        on_new_years_day = standing(programme)

    assert on_new_years_eve.behind is False
    assert on_new_years_eve.days_left == 0
    assert on_new_years_day.behind is True


def test_a_programme_whose_gate_holds_is_not_behind(plan_approved):
    programme = ProgrammeFactory(cohort=august_2027(), phase=Phase.PREPARE)
    plan_approved.approve(programme)

    with at("2028-02-01T10:00"):
        assert standing(programme).behind is False


def test_a_completed_programme_is_never_behind():
    programme = ProgrammeFactory(cohort=august_2027(), phase=Phase.COMPLETED)

    with at("2031-01-01T10:00"):
        assert standing(programme).behind is False


def test_a_january_cohort_runs_january_to_june_then_august_to_december():
    cohort = CohortFactory(
        starts_on=datetime.date(2028, 1, 1), enrolment_deadline=datetime.date(2027, 11, 1)
    )

    spans = {s.phase: (s.starts_on, s.ends_on) for s in phase_schedule(cohort)}

    assert spans[Phase.PREPARE] == (datetime.date(2028, 1, 1), datetime.date(2028, 6, 30))
    assert spans[Phase.DEVELOP] == (datetime.date(2028, 8, 1), datetime.date(2028, 12, 31))
    assert spans[Phase.ANCHOR] == (datetime.date(2029, 1, 1), datetime.date(2029, 6, 30))


def _windows_url(cohort):
    return reverse("phases:cohort_windows", args=[cohort.pk])


def test_an_administrator_adjusts_a_window_and_the_programmes_follow(client_for):
    cohort = august_2027()
    programme = ProgrammeFactory(cohort=cohort, phase=Phase.PREPARE)
    client = client_for(AdministratorFactory())
    data = posted_form(client.get(_windows_url(cohort)).content.decode())
    data.update({"prepare-ends_on_day": "31", "prepare-ends_on_month": "1"})
    data.update({"prepare-ends_on_year": "2028", "develop-starts_on_day": "1"})
    data.update({"develop-starts_on_month": "2"})

    response = client.post(_windows_url(cohort), data)

    assert response.status_code == 302
    assert set(PhaseWindow.objects.filter(cohort=cohort).values_list("phase", flat=True)) == {
        Phase.PREPARE,
        Phase.DEVELOP,
    }
    with scopes_disabled():  # an adjusted window is SBST's, in no municipality's log
        assert ActivityEntry.objects.filter(action="phases.window_changed").count() == 2
    with at("2028-01-15T10:00"):
        assert standing(programme).behind is False  # the window now runs to 31 January
    with at("2028-02-01T10:00"):
        assert standing(programme).behind is True


def test_overlapping_windows_are_refused_next_to_the_field(client_for):
    cohort = august_2027()
    client = client_for(AdministratorFactory())
    data = posted_form(client.get(_windows_url(cohort)).content.decode())
    data.update({"develop-starts_on_day": "15", "develop-starts_on_month": "12"})
    data["develop-starts_on_year"] = "2027"

    response = client.post(_windows_url(cohort), data)

    assert response.status_code == 200
    assert "En fase skal starte, efter at den forrige fase er slut." in response.content.decode()
    assert not PhaseWindow.objects.exists()


def test_an_end_before_the_start_is_refused(client_for):
    cohort = august_2027()
    client = client_for(AdministratorFactory())
    data = posted_form(client.get(_windows_url(cohort)).content.decode())
    data.update({"anchor-ends_on_month": "7", "anchor-ends_on_day": "1"})

    response = client.post(_windows_url(cohort), data)

    assert "Fasen skal slutte efter, den starter." in response.content.decode()
    assert not PhaseWindow.objects.exists()


def test_a_consultant_sees_the_windows_but_may_not_change_them(client_for, consultant):
    cohort = august_2027()
    client = client_for(consultant)

    page = client.get(_windows_url(cohort))
    posted = client.post(_windows_url(cohort), {"prepare-starts_on_day": "2"})

    assert page.status_code == 200
    assert "Kun en administrator i SBST" in page.content.decode()
    assert posted.status_code == 403


def test_a_municipal_user_does_not_find_the_cohorts_windows(client_for, roskilde_coordinator):
    response = client_for(roskilde_coordinator).get(_windows_url(august_2027()))

    assert response.status_code == 404
