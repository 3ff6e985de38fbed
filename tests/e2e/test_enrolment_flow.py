"""The whole enrolment across four people in a real browser, with axe on every page.

The coordinator submits, the director approves through the e-mailed link, a steering member
approves, and the SBST consultant records the enrolment meeting and approves.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from enrolment.models import Enrolment
from programmes.models import Membership, Programme
from tests.enrolment.factories import open_cohort
from tests.factories import DEFAULT_PASSWORD, ConsultantFactory, member

COORDINATOR = "koordinator@roskilde.example.dk"
STEERING = "styregruppe@roskilde.example.dk"
CONSULTANT = "konsulent@sbst.example.dk"
DIRECTOR = "direktoer@roskilde.example.dk"


def switch_user(page, live_server, login, email):
    page.context.clear_cookies()
    return login(page, live_server, email, DEFAULT_PASSWORD)


def submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_coordinator_director_steering_member_and_consultant_take_an_enrolment_to_approval(
    browser_page, live_server, login, assert_no_axe_violations
):
    cohort = open_cohort(name="Hold august")
    coordinator = member("Roskilde", email=COORDINATOR, full_name="Rikke Roskilde")
    member("Roskilde", role=Membership.Role.STEERING, email=STEERING, full_name="Sanne Styre")
    ConsultantFactory(email=CONSULTANT, full_name="Karen Konsulent")
    page = browser_page

    # 1. The coordinator fills in the form and submits it.
    switch_user(page, live_server, login, COORDINATOR)
    page.goto(live_server.url + reverse("enrolment:start"))
    assert page.url == live_server.url + reverse("enrolment:enrolment_create")
    assert_no_axe_violations(page)
    for field in ("strategic_management", "authority_area", "social_offers"):
        page.locator(f"label[for=id_includes_{field}]").click()
    page.fill("#id_ambitions", "Hele socialpsykiatrien skal arbejde recovery-orienteret.")
    page.fill("#id_current_practice", "Bostøtten er godt i gang.")
    page.select_option("#id_cohort", label=cohort.name)
    page.select_option("#id_proposed_coordinator", label=coordinator.full_name)
    page.fill("#id_steering-0-name", "Sanne Styre")
    page.fill("#id_steering-0-title", "Socialchef")
    page.fill("#id_steering-0-email", STEERING)
    page.select_option("#id_steering-0-level", "chief")
    page.fill("#id_director_name", "Dorthe Direktør")
    page.fill("#id_director_title", "Direktør for social og sundhed")
    page.fill("#id_director_email", DIRECTOR)
    submit(page, "Indsend tilmeldingen")

    enrolment = Enrolment.objects.get(municipality__name="Roskilde")
    assert page.url == live_server.url + reverse(
        "enrolment:enrolment_detail", kwargs={"enrolment_pk": enrolment.pk}
    )
    assert "Tilmeldingen er indsendt" in page.locator("main").inner_text()
    assert enrolment.state == Enrolment.State.SUBMITTED
    assert_no_axe_violations(page)

    # 2. The director approves through the personal link, without an account.
    director_mail = next(m for m in mail.outbox if m.to == [DIRECTOR])
    link = re.search(r"https?://\S+/tilmelding/direktoer/\S+/", director_mail.body).group(0)
    path = link.split("/tilmelding/", 1)[1]
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/tilmelding/{path}")
    assert page.locator("h1").inner_text() == "Godkend Roskildes tilmelding"
    assert_no_axe_violations(page)
    submit(page, "Godkend tilmeldingen")
    assert page.locator("h1").inner_text() == "Tak for din godkendelse"
    assert_no_axe_violations(page)

    # 3. The steering member sees the enrolment waiting and approves.
    switch_user(page, live_server, login, STEERING)
    page.goto(live_server.url + reverse("enrolment:start"))
    assert "Dit svar som medlem af styregruppen" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("Jeg godkender tilmeldingen").check()
    submit(page, "Gem mit svar")
    assert "1 af 1 har svaret." in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    # 4. The consultant records the meeting and approves.
    switch_user(page, live_server, login, CONSULTANT)
    page.goto(live_server.url + reverse("enrolment:enrolment_list"))
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Roskilde", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("link", name="Registrér tilmeldingsmødet").click()
    assert_no_axe_violations(page)
    page.fill("#id_meeting_date", timezone.localdate().isoformat())
    page.locator("label[for=id_held]").click()
    page.fill("#id_participants-0-name", "Sanne Styre")
    page.select_option("#id_participants-0-level", "chief")
    page.locator("label[for=id_participants-0-has_strategic_responsibility]").click()
    submit(page, "Gem mødet")
    main = page.locator("main").inner_text()
    assert "Tilmeldingsmødet er registreret." in main
    assert "Ikke opfyldt" not in main
    assert_no_axe_violations(page)
    submit(page, "Godkend tilmeldingen")

    assert "Tilmeldingen er godkendt, og forløbet er oprettet." in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    enrolment.refresh_from_db()
    assert enrolment.state == Enrolment.State.APPROVED
    programme = Programme.objects.get(municipality__name="Roskilde", cohort=cohort)
    assert programme.coordinator == coordinator
    history = list(enrolment.activity.values_list("action", flat=True))
    assert history == [
        "created",
        "submitted",
        "director_link_sent",
        "director_approved",
        "steering_approved",
        "meeting_recorded",
        "approved",
    ]
