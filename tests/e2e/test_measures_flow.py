"""Measures in a real browser, with axe on every page: a worker adds a measure to a trial
action, records a point through the form (a percentage over 100 refused first), sees the run
chart with the Anhøj verdict beside it, changes and removes a point, and a goal's measure
shows on the plan page."""

import datetime

import pytest
from django.urls import reverse

from measures.models import Measure, MeasurePoint
from programmes.models import Membership, ProgrammeGroup
from tests.e2e.helpers import fill_date, follow, submit, switch_user
from tests.factories import member
from tests.measures.factories import DAY, add_goal, add_measure, add_points, trial_action
from tests.plans.factories import programme_with_groups, seat

WORKER = "koordinator@roskilde.example.dk"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_measure_is_recorded_and_its_run_chart_shows_the_verdict(
    browser_page, live_server, login, assert_no_axe_violations
):
    programme = programme_with_groups()
    worker = member(
        "Roskilde", role=Membership.Role.COORDINATOR, email=WORKER, full_name="Rikke Holm"
    )
    seat(programme, ProgrammeGroup.Kind.IMPLEMENTATION, worker)
    action = trial_action(
        programme, title="Egne ord i planen", starts_on=DAY + datetime.timedelta(weeks=6)
    )
    page = browser_page

    # 1. From the trial action's page to a new measure.
    switch_user(page, live_server, login, WORKER)
    page.goto(
        live_server.url
        + reverse(
            "trial_actions:trial_action_detail",
            kwargs={"programme_pk": programme.pk, "trial_action_pk": action.pk},
        )
    )
    assert "Ingen målinger endnu." in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    follow(page, "Tilføj en måling")
    assert_no_axe_violations(page)
    page.fill("#id_name", "Planer med borgerens egne ord")
    page.check("input[name=unit][value=percentage]")
    submit(page, "Gem målingen")
    measure = Measure.objects.get(trial_action=action)
    assert "Målingen har ingen punkter endnu." in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    # 2. The first point: over 100 percent is refused beside the value.
    fill_date(page, "id_measured_on", DAY)
    page.fill("#id_value", "120")
    submit(page, "Tilføj punktet")
    assert "En procent ligger fra 0 til 100." in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.fill("#id_value", "22,5")
    submit(page, "Gem punktet")
    assert MeasurePoint.objects.get(measure=measure).value == 22.5

    # 3. Eleven more points (a shift after the trial action started): a chart and a verdict.
    add_points(
        measure,
        worker,
        [25, 21, 24, 23, 20, 41, 44, 40, 46, 43, 45],
        start=DAY + datetime.timedelta(weeks=1),
        every_days=7,
    )
    page.reload()
    main = page.locator("main").inner_text()
    assert "Seriediagram: Planer med borgerens egne ord" in main
    assert "Tegn på en ændring" in main
    assert page.locator(".measure-verdict").is_visible()
    assert_no_axe_violations(page)

    # 4. A point changed, then removed.
    follow(page, "Ret punktet den 4. januar 2027")
    assert_no_axe_violations(page)
    page.fill("#id_value", "23")
    submit(page, "Gem punktet")
    assert MeasurePoint.objects.get(measure=measure, measured_on=DAY).value == 23
    follow(page, "Fjern punktet den 4. januar 2027")
    assert_no_axe_violations(page)
    submit(page, "Fjern punktet")
    assert MeasurePoint.objects.filter(measure=measure).count() == 11
    follow(page, "Ret målingen")
    assert_no_axe_violations(page)

    # 5. A goal's measure on the plan page.
    goal = add_goal(programme, worker)
    goal_measure = add_measure(goal, worker, name="Nye handleplaner", unit="count")
    add_points(goal_measure, worker, [1, 2, 3])
    page.goto(live_server.url + reverse("plans:plan_detail", kwargs={"programme_pk": programme.pk}))
    assert "Nye handleplaner" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    follow(page, "Nye handleplaner")
    assert "For få punkter til en vurdering" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
