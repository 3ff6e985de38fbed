import datetime

from phases.models import Phase
from phases.schedule import phase_schedule
from programmes.models import Cohort


def spans(starts_on):
    cohort = Cohort(
        name="x",
        starts_on=starts_on,
        enrolment_deadline=starts_on - datetime.timedelta(days=60),
    )
    return [(s.phase, s.starts_on, s.ends_on) for s in phase_schedule(cohort)]


def test_an_august_cohort_prepares_to_christmas_develops_to_summer_and_anchors_to_christmas():
    assert spans(datetime.date(2027, 8, 1))[1:] == [
        (Phase.PREPARE, datetime.date(2027, 8, 1), datetime.date(2027, 12, 31)),
        (Phase.DEVELOP, datetime.date(2028, 1, 1), datetime.date(2028, 6, 30)),
        (Phase.ANCHOR, datetime.date(2028, 8, 1), datetime.date(2028, 12, 31)),
    ]


def test_a_january_cohort_runs_half_years_from_christmas_to_summer_and_back():
    assert spans(datetime.date(2028, 1, 1))[1:] == [
        (Phase.PREPARE, datetime.date(2028, 1, 1), datetime.date(2028, 6, 30)),
        (Phase.DEVELOP, datetime.date(2028, 8, 1), datetime.date(2028, 12, 31)),
        (Phase.ANCHOR, datetime.date(2029, 1, 1), datetime.date(2029, 6, 30)),
    ]


def test_enrolment_ends_at_the_cohorts_deadline():
    enrol = spans(datetime.date(2027, 8, 1))[0]

    assert enrol == (Phase.ENROL, None, datetime.date(2027, 6, 2))


def test_a_cohort_saved_with_another_month_still_gets_half_year_phases():
    # Cohort.clean refuses such a start; the schedule still never makes a ten-month phase.
    prepare = spans(datetime.date(2028, 3, 1))[1]

    assert prepare == (Phase.PREPARE, datetime.date(2028, 3, 1), datetime.date(2028, 6, 30))
