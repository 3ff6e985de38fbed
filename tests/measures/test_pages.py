"""The measures' pages: who reads and who writes, what the forms refuse, the run chart with
its verdict, the panels on a trial action's and the plan's pages."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from measures.models import Measure, MeasurePoint
from programmes.models import ActivityEntry
from tests.factories import member

from .factories import (
    DAY,
    add_goal,
    add_measure,
    add_points,
    drafter,
    programme_with_groups,
    reader,
    trial_action,
    worker,
)


def url(name, measure=None, **kwargs):
    if measure is not None:
        kwargs = {"programme_pk": measure.programme_id, "measure_pk": measure.pk, **kwargs}
    return reverse(f"measures:{name}", kwargs=kwargs)


def point_post(day=DAY, value="12", note=""):
    return {
        "measured_on_day": str(day.day),
        "measured_on_month": str(day.month),
        "measured_on_year": str(day.year),
        "value": value,
        "note": note,
    }


@pytest.fixture
def programme(roskilde):
    return programme_with_groups()


@pytest.fixture
def action(programme):
    return trial_action(programme, title="Egne ord i planen")


@pytest.fixture
def by(programme):
    return worker(programme)


def test_a_worker_adds_a_measure_to_a_trial_action(programme, action, by, client_for):
    page = url("trial_action_measure_add", programme_pk=programme.pk, trial_action_pk=action.pk)

    response = client_for(by).post(
        page, {"name": "Samtaler om egne mål", "unit": "count", "description": ""}
    )

    measure = Measure.objects.get()
    assert (measure.trial_action, measure.name, measure.unit) == (
        action,
        "Samtaler om egne mål",
        "count",
    )
    assert response.url == url("measure_detail", measure) + "#punkter"


def test_a_drafter_adds_a_measure_to_a_goal(programme, client_for):
    by = drafter(programme)
    goal = add_goal(programme, by)
    page = url("goal_measure_add", programme_pk=programme.pk, goal_pk=goal.pk)

    client_for(by).post(page, {"name": "Planer med egne mål", "unit": "percentage"})

    assert Measure.objects.get().goal == goal


def test_a_missing_name_is_told_beside_the_field(programme, action, by, client_for):
    page = url("trial_action_measure_add", programme_pk=programme.pk, trial_action_pk=action.pk)

    response = client_for(by).post(page, {"name": " ", "unit": "count"})

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not Measure.objects.exists()


def test_the_measure_page_shows_the_chart_the_verdict_and_the_points(
    programme, action, by, client_for
):
    measure = add_measure(action, by, unit="count")
    add_points(measure, by, list(range(1, 21)))

    page = client_for(reader(programme)).get(url("measure_detail", measure)).content.decode()

    assert "Seriediagram: Planer med borgerens egne ord" in page
    assert 'role="img"' in page
    assert "Vurdering efter Anhøj-reglerne" in page
    assert "Tegn på en ændring: en usædvanligt lang serie på 10 punkter" in page
    assert "Egne ord i planen" in page  # the trial action's start is listed
    assert "4. januar 2027" in page
    # A reader sees no way to change anything.
    assert url("measure_edit", measure) not in page
    assert url("point_add", measure) not in page


def test_fewer_than_ten_points_say_so_on_the_page(programme, action, by, client_for):
    measure = add_measure(action, by)
    add_points(measure, by, [1, 2, 3])

    page = client_for(by).get(url("measure_detail", measure)).content.decode()

    assert "For få punkter til en vurdering – mindst 10 punkter" in page
    assert url("point_add", measure) in page


def test_a_measure_without_points_has_no_chart_yet(programme, action, by, client_for):
    measure = add_measure(action, by)

    page = client_for(by).get(url("measure_detail", measure)).content.decode()

    assert "Målingen har ingen punkter endnu." in page
    assert 'role="img"' not in page


def test_a_point_is_added_with_a_decimal_comma(programme, action, by, client_for):
    measure = add_measure(action, by, unit="rating")

    response = client_for(by).post(url("point_add", measure), point_post(value="4,5"))

    assert response.status_code == 302
    assert MeasurePoint.objects.get().value == Decimal("4.5")


def test_a_second_point_on_a_date_is_refused_beside_the_date(programme, action, by, client_for):
    measure = add_measure(action, by)
    add_points(measure, by, [10])

    response = client_for(by).post(url("point_add", measure), point_post(value="11"))

    assert response.status_code == 200
    assert "allerede et punkt den 4. januar 2027" in str(response.context["form"].errors)
    assert MeasurePoint.objects.count() == 1


def test_a_percentage_over_100_is_refused_beside_the_value(programme, action, by, client_for):
    measure = add_measure(action, by, unit="percentage")

    response = client_for(by).post(url("point_add", measure), point_post(value="101"))

    assert response.context["form"].errors["value"] == ["En procent ligger fra 0 til 100."]


def test_a_point_is_changed_and_removed(programme, action, by, client_for):
    measure = add_measure(action, by)
    (point,) = add_points(measure, by, [10])
    client = client_for(by)

    client.post(url("point_edit", measure, point_pk=point.pk), point_post(value="20,25"))
    assert MeasurePoint.objects.get().value == Decimal("20.25")

    response = client.post(url("point_remove", measure, point_pk=point.pk))
    assert response.url == url("measure_detail", measure) + "#punkter"
    assert not MeasurePoint.objects.exists()


def test_a_measure_is_changed_and_removed_back_to_its_trial_action(
    programme, action, by, client_for
):
    measure = add_measure(action, by)
    client = client_for(by)

    client.post(url("measure_edit", measure), {"name": "Nyt navn", "unit": "rating"})
    assert Measure.objects.get().name == "Nyt navn"

    response = client.post(url("measure_remove", measure))
    assert response.url == reverse(
        "trial_actions:trial_action_detail",
        kwargs={"programme_pk": programme.pk, "trial_action_pk": action.pk},
    )
    assert not Measure.objects.exists()


def test_removing_a_goals_measure_goes_back_to_the_goal_on_the_plan(programme, client_for):
    by = drafter(programme)
    goal = add_goal(programme, by)
    measure = add_measure(goal, by)

    response = client_for(by).post(url("measure_remove", measure))

    assert response.url == (
        reverse("plans:plan_detail", kwargs={"programme_pk": programme.pk}) + f"#maal-{goal.pk}"
    )


def test_the_remove_pages_ask_first(programme, action, by, client_for):
    measure = add_measure(action, by)
    (point,) = add_points(measure, by, [10])
    client = client_for(by)

    asked = client.get(url("measure_remove", measure)).content.decode()
    asked_point = client.get(url("point_remove", measure, point_pk=point.pk)).content.decode()

    assert "Målingen fjernes med 1 punkt." in asked
    assert "Punktet 10 % fjernes fra målingen" in asked_point
    assert Measure.objects.exists() and MeasurePoint.objects.exists()


def test_a_reader_may_not_open_the_writing_pages(programme, action, by, client_for):
    measure = add_measure(action, by)
    (point,) = add_points(measure, by, [10])
    goal = add_goal(programme, drafter(programme))
    client = client_for(reader(programme))
    pages = [
        url("trial_action_measure_add", programme_pk=programme.pk, trial_action_pk=action.pk),
        url("goal_measure_add", programme_pk=programme.pk, goal_pk=goal.pk),
        url("measure_edit", measure),
        url("measure_remove", measure),
        url("point_add", measure),
        url("point_edit", measure, point_pk=point.pk),
        url("point_remove", measure, point_pk=point.pk),
    ]
    entries = ActivityEntry.objects.count()

    assert [client.get(page).status_code for page in pages] == [403] * len(pages)
    assert [client.post(page, point_post()).status_code for page in pages] == [403] * len(pages)
    assert client.get(url("measure_detail", measure)).status_code == 200
    assert ActivityEntry.objects.count() == entries


def test_the_consultant_reads_a_measure_but_writes_none(
    programme, action, by, client_for, consultant
):
    measure = add_measure(action, by)
    client = client_for(consultant)

    assert client.get(url("measure_detail", measure)).status_code == 200
    assert client.get(url("measure_edit", measure)).status_code == 403


@pytest.mark.cross_tenant
def test_herning_gets_404_on_roskildes_measures(roskilde, herning, client_for):
    programme = programme_with_groups()
    by = worker(programme)
    action = trial_action(programme)
    measure = add_measure(action, by)
    (point,) = add_points(measure, by, [10])
    goal = add_goal(programme, drafter(programme))
    client = client_for(member("Herning"))
    pages = [
        url("trial_action_measure_add", programme_pk=programme.pk, trial_action_pk=action.pk),
        url("goal_measure_add", programme_pk=programme.pk, goal_pk=goal.pk),
        url("measure_detail", measure),
        url("measure_edit", measure),
        url("measure_remove", measure),
        url("point_add", measure),
        url("point_edit", measure, point_pk=point.pk),
        url("point_remove", measure, point_pk=point.pk),
    ]

    assert [client.get(page).status_code for page in pages] == [404] * len(pages)
    pages.remove(url("measure_detail", measure))  # a page to read only
    assert [client.post(page, point_post()).status_code for page in pages] == [404] * len(pages)


def test_a_measure_named_under_another_programme_goes_to_its_own_address(
    programme, action, by, client_for
):
    measure = add_measure(action, by)
    other = programme_with_groups()
    client = client_for(by)
    wrong = url("measure_detail", programme_pk=other.pk, measure_pk=measure.pk)

    response = client.get(wrong)

    assert response.status_code == 302
    assert response.url == url("measure_detail", measure)
    assert (
        client.post(url("measure_edit", programme_pk=other.pk, measure_pk=measure.pk)).status_code
        == 404
    )


def test_the_measure_page_asks_as_many_queries_for_one_point_as_for_many(
    programme, by, client_for, count_queries
):
    counts = []
    for points in (1, 5):
        action = trial_action(programme, starts_on=DAY + datetime.timedelta(days=1))
        follow_up = trial_action(programme, follows=action, starts_on=DAY)
        measure = add_measure(follow_up, by)
        add_points(measure, by, list(range(points)))
        client = client_for(by)
        page = url("measure_detail", measure)
        client.get(page)
        counts.append(count_queries(lambda client=client, page=page: client.get(page)))

    assert counts[0] == counts[1]


def test_the_trial_action_page_lists_its_measures_with_a_summary(programme, action, by, client_for):
    measure = add_measure(action, by, name="Samtaler", unit="count")
    add_points(measure, by, [3, 5])
    page_url = reverse(
        "trial_actions:trial_action_detail",
        kwargs={"programme_pk": programme.pk, "trial_action_pk": action.pk},
    )

    page = client_for(by).get(page_url).content.decode()
    read = client_for(reader(programme)).get(page_url).content.decode()

    assert url("measure_detail", measure) in page
    assert "2 punkter, seneste 5 den 11. januar 2027. For få punkter til en vurdering." in page
    add = url("trial_action_measure_add", programme_pk=programme.pk, trial_action_pk=action.pk)
    assert add in page
    assert url("measure_detail", measure) in read and add not in read


def test_the_plan_page_shows_each_goals_measures(programme, client_for):
    by = drafter(programme)
    goal = add_goal(programme, by)
    other = add_goal(programme, by, title="Et andet mål")
    measure = add_measure(goal, by, name="Planer med egne mål")
    plan_url = reverse("plans:plan_detail", kwargs={"programme_pk": programme.pk})

    page = client_for(by).get(plan_url).content.decode()
    read = client_for(reader(programme)).get(plan_url).content.decode()

    assert url("measure_detail", measure) in page
    assert url("goal_measure_add", programme_pk=programme.pk, goal_pk=other.pk) in page
    assert url("measure_detail", measure) in read
    assert url("goal_measure_add", programme_pk=programme.pk, goal_pk=other.pk) not in read
    # A goal without measures shows nothing to a reader.
    assert read.count("Målinger</h4>") == 1


def test_the_plan_page_reads_the_goals_measures_in_as_many_queries_for_one_as_for_many(
    roskilde, client_for, count_queries
):
    counts = []
    for goals in (1, 4):
        programme = programme_with_groups()
        by = drafter(programme)
        for number in range(goals):
            goal = add_goal(programme, by, title=f"Mål {number}")
            add_points(add_measure(goal, by, name=f"Måling {number}"), by, [1, 2])
        client = client_for(by)
        page = reverse("plans:plan_detail", kwargs={"programme_pk": programme.pk})
        client.get(page)
        counts.append(count_queries(lambda client=client, page=page: client.get(page)))

    assert counts[0] == counts[1]


def test_a_trial_action_page_reads_its_measures_in_as_many_queries_for_one_as_for_many(
    programme, by, client_for, count_queries
):
    counts = []
    for measures in (1, 5):
        action = trial_action(programme)
        for number in range(measures):
            add_points(add_measure(action, by, name=f"Måling {number}"), by, [1, 2])
        client = client_for(by)
        page = reverse(
            "trial_actions:trial_action_detail",
            kwargs={"programme_pk": programme.pk, "trial_action_pk": action.pk},
        )
        client.get(page)
        counts.append(count_queries(lambda client=client, page=page: client.get(page)))

    assert counts[0] == counts[1]


def test_the_verdict_and_the_chart_read_in_english_after_the_language_switch(
    programme, action, by, client_for
):
    measure = add_measure(action, by, unit="count")
    add_points(measure, by, list(range(1, 21)))
    client = client_for(by)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    page = client.get(url("measure_detail", measure)).content.decode()

    assert "Run chart: Planer med borgerens egne ord" in page
    assert "Sign of a change: an unusually long run of 10 points" in page
    assert "Assessment by the Anhøj rules" in page
