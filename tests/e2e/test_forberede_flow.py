"""Forberede in a real browser, with axe on every page: the coordinator records a case in the
ten-case review (a CPR number in a note is refused first), drafts the development plan with a
goal and a sub-goal, a steering member approves it, and the consultant can then move the
programme to udvikle without giving a reason."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casereview.models import ReviewedCase
from phases.models import Phase
from phases.selectors import phase_of
from plans.models import PlanVersion
from programmes.models import Membership, ProgrammeGroup
from tests.e2e.helpers import fill_date, follow, submit, switch_user
from tests.factories import ConsultantFactory, member
from tests.plans.factories import programme_with_groups, seat, steering_member

COORDINATOR = "koordinator@roskilde.example.dk"
STEERING = "styregruppe@roskilde.example.dk"
CONSULTANT = "konsulent@sbst.example.dk"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_case_is_reviewed_and_the_approved_plan_lets_the_consultant_move_on(
    browser_page, live_server, login, assert_no_axe_violations
):
    consultant = ConsultantFactory(email=CONSULTANT, full_name="Karen Konsulent")
    programme = programme_with_groups(primary_contact=consultant)
    coordinator = member(
        "Roskilde", role=Membership.Role.COORDINATOR, email=COORDINATOR, full_name="Rikke Holm"
    )
    seat(programme, ProgrammeGroup.Kind.IMPLEMENTATION, coordinator)
    steering_member(programme, email=STEERING, full_name="Sanne Styregruppe")
    args = {"programme_pk": programme.pk}
    page = browser_page

    # 1. The coordinator records a case in the ten-case review.
    switch_user(page, live_server, login, COORDINATOR)
    page.goto(live_server.url + reverse("programmes:programme_detail", kwargs=args))
    assert_no_axe_violations(page)
    follow(page, "Se sagsgennemgangen")
    assert "10 af de ti sager mangler" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    follow(page, "Registrér en sag")
    assert_no_axe_violations(page)
    page.fill("#id_label", "Sag 1")
    page.select_option("#id_area", "housing_support")
    for field in (
        "hopes_in_assessment",
        "hopes_in_action_plan",
        "resources_in_assessment",
        "resources_in_action_plan",
    ):
        page.check(f"input[name={field}][value=partly]")
    for principle in range(1, 9):
        page.check(f"input[name=principle-{principle}-shows][value=clearly]")
    page.fill("#id_note", "Borgeren har ringet fra 12 34 56 78 og ønsker en uddannelse.")
    submit(page, "Registrér sagen")
    main = page.locator("main").inner_text()
    assert "telefonnummer" in main
    assert not ReviewedCase.objects.filter(programme=programme).exists()
    assert_no_axe_violations(page)
    page.fill("#id_note", "Borgeren ønsker en uddannelse; det fremgår af handleplanen.")
    submit(page, "Registrér sagen")
    assert ReviewedCase.objects.filter(programme=programme, label="Sag 1").exists()
    page.goto(live_server.url + reverse("casereview:review", kwargs=args))
    assert "9 af de ti sager mangler" in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    # 2. The coordinator drafts the development plan: one goal with one sub-goal.
    page.goto(live_server.url + reverse("plans:plan_detail", kwargs=args))
    assert "Ikke godkendt endnu." in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    follow(page, "Tilføj et mål")
    assert_no_axe_violations(page)
    page.fill("#id_title", "Borgerens egne mål står i handleplanen")
    page.check("input[name=purposes][value='1']")
    page.check("input[name=principles][value='1']")
    page.check("input[name=evaluation_kind][value=criterion]")
    page.fill("#id_criterion", "Ni af ti nye handleplaner bygger på borgerens egne mål.")
    submit(page, "Gem målet")
    assert_no_axe_violations(page)
    follow(page, "Tilføj et delmål")
    assert_no_axe_violations(page)
    start = timezone.localdate() + datetime.timedelta(days=60)
    page.fill("#id_title", "Skabelonen til handleplaner er ændret")
    page.select_option("#id_responsible", index=1)
    fill_date(page, "id_starts_on", start)
    fill_date(page, "id_due_on", start + datetime.timedelta(days=90))
    submit(page, "Gem delmålet")
    main = page.locator("main").inner_text()
    assert "Skabelonen til handleplaner er ændret" in main
    assert page.get_by_role("button", name="Godkend udviklingsplanen").count() == 0
    assert_no_axe_violations(page)

    # 3. A steering member finds the plan on the start page and approves it.
    switch_user(page, live_server, login, STEERING)
    assert "Udviklingsplaner til godkendelse" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.goto(live_server.url + reverse("plans:plan_detail", kwargs=args))
    assert_no_axe_violations(page)
    submit(page, "Godkend udviklingsplanen")
    assert "Godkendt som version 1 af Sanne Styregruppe" in page.locator("main").inner_text()
    assert PlanVersion.objects.filter(plan__programme=programme, number=1).exists()
    assert_no_axe_violations(page)

    # 4. The gate holds: the consultant moves the programme to udvikle, no reason needed.
    switch_user(page, live_server, login, CONSULTANT)
    page.goto(live_server.url + reverse("programmes:programme_detail", kwargs=args))
    assert "Opfyldt" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    submit(page, "Flyt forløbet til Udvikle")
    assert "Forløbet er nu i fasen Udvikle." in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    assert phase_of(programme) == Phase.DEVELOP
