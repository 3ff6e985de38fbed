"""Forankre in a real browser, with axe on every page, on the demo data: the coordinator
fetches what is new and works out the anchoring plan's items, a steering member answers the
expected yield and approves the plan, and the consultant completes the programme."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from anchoring.models import AnchoredItem, AnchoringPlanVersion, YieldStatement
from phases.models import Phase
from phases.selectors import phase_of
from phases.services import transition_programme
from programmes.models import Programme
from tests.e2e.helpers import fill_date, submit, switch_user, visit_all
from tests.factories import DEFAULT_PASSWORD

COORDINATOR = "koordinator@roskilde.dk"
STEERING = "styregruppe@roskilde.dk"
CONSULTANT = "konsulent@sbst.dk"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_anchoring_plan_is_worked_out_answered_approved_and_completes_the_programme(
    browser_page, live_server, login, assert_no_axe_violations, settings
):
    settings.DEBUG = True
    call_command("seed_demo", password=DEFAULT_PASSWORD, stdout=None)
    programme = Programme.objects.get(municipality__name="Roskilde")
    transition_programme(programme, Phase.ANCHOR, by=User.objects.get(email=CONSULTANT))
    args = {"programme_pk": programme.pk}
    plan_url = reverse("anchoring:plan_detail", kwargs=args)
    page = browser_page

    # 1. The coordinator fetches what is new, then works out every item still missing parts.
    switch_user(page, live_server, login, COORDINATOR)
    page.goto(live_server.url + reverse("programmes:programme_detail", kwargs=args))
    assert "Forankringsplan" in page.locator("main").inner_text()
    page.goto(live_server.url + plan_url)
    assert_no_axe_violations(page)
    submit(page, "Hent nye vedtagne prøvehandlinger og nåede mål")
    assert "Der er ingen nye vedtagne prøvehandlinger" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    follow_up = datetime.date(programme.cohort.starts_on.year + 3, 3, 1)
    unfinished = [
        item
        for item in AnchoredItem.objects.filter(plan__programme=programme)
        if not (item.mechanisms and item.owner_id and item.follow_up_on)
    ]
    assert unfinished, "the demo leaves items to work out"
    for item in unfinished:
        page.goto(
            live_server.url
            + reverse("anchoring:item_edit", kwargs={**args, "anchored_item_pk": item.pk})
        )
        assert_no_axe_violations(page)
        page.check("input[name=mechanisms][value=procedures]")
        page.select_option("#id_owner", index=1)
        fill_date(page, "id_follow_up_on", follow_up)
        submit(page, "Gem punktet")
    assert "Mangler" not in page.locator("main").inner_text()
    page.goto(live_server.url + reverse("anchoring:item_add", kwargs=args))
    assert_no_axe_violations(page)
    page.fill("#id_title", "Recovery-principperne i introduktionen af nye medarbejdere")
    page.check("input[name=mechanisms][value=job_descriptions]")
    page.select_option("#id_owner", index=1)
    fill_date(page, "id_follow_up_on", follow_up)
    submit(page, "Gem punktet")
    assert "er føjet til forankringsplanen" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    item = AnchoredItem.objects.filter(plan__programme=programme).first()
    visit_all(
        page,
        live_server,
        assert_no_axe_violations,
        [
            reverse("anchoring:item_add", kwargs=args),
            reverse("anchoring:item_remove", kwargs={**args, "anchored_item_pk": item.pk}),
            reverse("anchoring:yield_edit", kwargs=args),
            reverse("anchoring:version_diff", kwargs=args),
        ],
    )

    # Every dimension the first temperature round flagged gets its answer.
    page.goto(live_server.url + reverse("anchoring:plan_edit", kwargs=args))
    assert_no_axe_violations(page)
    fields = page.locator("textarea[name^=dimension_]")
    assert fields.count() >= 1
    for index in range(fields.count()):
        if not fields.nth(index).input_value():
            fields.nth(index).fill("Et fast punkt på implementeringsgruppens møder.")
    submit(page, "Gem")
    assert "Forankringsplanen er gemt." in page.locator("main").inner_text()

    # 2. A steering member answers the expected yield and approves the plan.
    switch_user(page, live_server, login, STEERING)
    page.goto(live_server.url + reverse("anchoring:yield_edit", kwargs=args))
    assert_no_axe_violations(page)
    for statement in YieldStatement.values:
        page.check(f"input[name={statement}_answer][value=yes]")
    page.check("input[name=prerequisites_answer][value=partly]")
    page.fill("#id_prerequisites_note", "Ledelsen mangler stadig fast tid til opfølgning.")
    submit(page, "Gem svarene")
    assert_no_axe_violations(page)
    assert page.get_by_role("button", name="Godkend forankringsplanen").count() == 1, (
        page.locator("#godkendelse").locator("..").inner_text()
    )
    submit(page, "Godkend forankringsplanen")
    assert "Godkendt som version 1 af Sanne Styregruppe" in page.locator("main").inner_text()
    assert AnchoringPlanVersion.objects.filter(plan__programme=programme, number=1).exists()
    assert_no_axe_violations(page)
    visit_all(
        page,
        live_server,
        assert_no_axe_violations,
        [
            reverse("anchoring:version_detail", kwargs={**args, "anchoring_version_number": 1}),
            reverse("anchoring:version_diff", kwargs=args),
        ],
    )

    # 3. The gate holds: the consultant completes the programme, no reason needed.
    switch_user(page, live_server, login, CONSULTANT)
    page.goto(live_server.url + reverse("programmes:programme_detail", kwargs=args))
    assert_no_axe_violations(page)
    submit(page, "Flyt forløbet til Afsluttet")
    assert phase_of(programme) == Phase.COMPLETED
    assert_no_axe_violations(page)
