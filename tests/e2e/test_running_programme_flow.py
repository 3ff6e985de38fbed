"""The running programme in a real browser, with axe on every page: the coordinator gives the
kick-off a date, takes attendance, writes minutes with a decision and a follow-up task (which
then waits on the responsible person's start page), and the consultant moves the programme to
udvikle once the gate holds."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from enrolment import services as enrolment_services
from phases.models import Phase
from phases.selectors import phase_of
from programmes import services as programme_services
from programmes.models import GroupMember, Level, Membership, ProgrammeGroup
from tests.e2e.helpers import fill_date, follow, submit, switch_user
from tests.enrolment.factories import ready_for_decision
from tests.factories import ConsultantFactory, member

COORDINATOR = "koordinator@roskilde.example.dk"
CONSULTANT = "konsulent@sbst.example.dk"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_coordinator_runs_the_kickoff_and_the_consultant_moves_the_programme_to_udvikle(
    browser_page, live_server, login, assert_no_axe_violations, plan_approved
):
    coordinator = member("Roskilde", email=COORDINATOR, full_name="Rikke Roskilde")
    consultant = ConsultantFactory(email=CONSULTANT, full_name="Karen Konsulent")
    enrolment = ready_for_decision(
        coordinator.memberships.get().municipality, coordinator, consultant
    )
    programme = enrolment_services.approve_enrolment(enrolment, by=consultant).programme
    implementation = programme.groups.get(kind=ProgrammeGroup.Kind.IMPLEMENTATION)
    programme_services.add_member(
        implementation,
        by=coordinator,
        name="Rikke Roskilde",
        email=COORDINATOR,
        kind=GroupMember.Kind.LEADER,
        level=Level.LEADER,
        role=GroupMember.Role.CHAIR,
    )
    programme_services.add_member(
        implementation,
        by=coordinator,
        name="Sara Borger",
        kind=GroupMember.Kind.CITIZEN,
        level=Level.OTHER,
    )
    assert Membership.objects.filter(user=coordinator).exists()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page = browser_page

    # 1. The coordinator finds the joint kick-off from the programme and gives it a date.
    switch_user(page, live_server, login, COORDINATOR)
    page.goto(live_server.url + reverse("programmes:programme_detail", args=[programme.pk]))
    assert_no_axe_violations(page)
    follow(page, "Se alle forløbets møder")
    assert_no_axe_violations(page)
    follow(page, "Forberede: Fælles opstartsmøde")
    assert_no_axe_violations(page)
    follow(page, "Planlæg mødet")
    assert_no_axe_violations(page)
    fill_date(page, "id_date", yesterday)
    page.fill("#id_start_time", "13.00")
    page.fill("#id_end_time", "15.30")
    page.fill("#id_place", "Roskilde Rådhus, mødelokale 2")
    submit(page, "Gem mødet")
    main = page.locator("main").inner_text()
    assert "Roskilde Rådhus, mødelokale 2" in main
    assert "13.00" in main
    assert_no_axe_violations(page)

    # 2. Attendance: everyone came but the citizen representative, who sent apologies.
    follow(page, "Registrér fremmøde")
    assert_no_axe_violations(page)
    for fieldset in page.locator("main fieldset").all():
        name = fieldset.locator("legend").inner_text()
        status = "Meldt afbud" if "Sara Borger" in name else "Deltog"
        fieldset.get_by_label(status, exact=True).check()
    submit(page, "Gem fremmødet")
    assert "2 deltog, 1 meldte afbud" in page.locator("main").inner_text()

    # 3. Minutes with a decision and a follow-up task for the coordinator herself.
    follow(page, "Skriv referat, beslutninger og opfølgning")
    assert_no_axe_violations(page)
    page.fill("#id_minutes", "Vi gennemgik forløbets faser og grupperne roller.")
    page.fill("#id_decisions-0-text", "Implementeringsgruppen mødes hver anden måned.")
    page.fill("#id_follow_ups-0-text", "Find ti nyere borgersager til gennemgangen.")
    page.select_option(
        "#id_follow_ups-0-responsible", label="Rikke Roskilde (Implementeringsgruppe)"
    )
    fill_date(page, "id_follow_ups-0-due_on", timezone.localdate() + datetime.timedelta(days=14))
    submit(page, "Gem referatet")
    main = page.locator("main").inner_text()
    assert "Implementeringsgruppen mødes hver anden måned." in main
    assert "Find ti nyere borgersager til gennemgangen." in main
    assert_no_axe_violations(page)

    # The task waits on the responsible person's start page.
    page.goto(live_server.url + reverse("home"))
    assert "Find ti nyere borgersager til gennemgangen." in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    # 4. The development plan is approved; the consultant moves the programme on.
    plan_approved.approve(programme)
    switch_user(page, live_server, login, CONSULTANT)
    page.goto(live_server.url + reverse("programmes:programme_detail", args=[programme.pk]))
    assert "Opfyldt" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    submit(page, "Flyt forløbet til Udvikle")
    main = page.locator("main").inner_text()
    assert "Forløbet er nu i fasen Udvikle." in main
    assert "Forløbet gik fra Forberede til Udvikle." in main
    assert_no_axe_violations(page)
    assert phase_of(programme) == Phase.DEVELOP
