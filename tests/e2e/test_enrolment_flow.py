"""The whole enrolment across five people in a real browser, with axe on every page.

The coordinator adds two steering members (one row added in place), saves the draft twice and
submits; the director declines through the e-mailed link and approves on a new one; a member
who gets an account only after submission answers; and the SBST consultant records the
enrolment meeting, confirms the approval and names the programme's contact.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.services import invite_person
from enrolment.models import Enrolment
from programmes.models import Membership, Municipality, Programme
from tests.e2e.helpers import submit, switch_user
from tests.enrolment.factories import open_cohort
from tests.factories import ConsultantFactory, member

COORDINATOR = "koordinator@roskilde.example.dk"
STEERING = "styregruppe@roskilde.example.dk"
LATE = "sen@roskilde.example.dk"
CONSULTANT = "konsulent@sbst.example.dk"
DIRECTOR = "direktoer@roskilde.example.dk"


def director_link(live_server):
    director_mail = [m for m in mail.outbox if m.to == [DIRECTOR]][-1]
    link = re.search(r"https?://\S+/tilmelding/direktoer/\S+/", director_mail.body).group(0)
    return f"{live_server.url}/tilmelding/{link.split('/tilmelding/', 1)[1]}"


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

    # 1. The coordinator fills in the form, adds a second member in place, saves twice, submits.
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
    page.get_by_role("button", name="Tilføj et medlem").click()
    page.fill("#id_steering-1-name", "Søren Sen")
    page.fill("#id_steering-1-email", LATE)
    page.select_option("#id_steering-1-level", "chief")
    page.fill("#id_director_name", "Dorthe Direktør")
    page.fill("#id_director_title", "Direktør for social og sundhed")
    page.fill("#id_director_email", DIRECTOR)
    submit(page, "Gem kladde")
    assert "Kladden er gemt." in page.locator("main").inner_text()
    submit(page, "Gem kladde")
    assert page.input_value("#id_steering-0-name") == "Sanne Styre"
    assert page.input_value("#id_steering-1-name") == "Søren Sen"
    assert_no_axe_violations(page)
    submit(page, "Indsend tilmeldingen")

    enrolment = Enrolment.objects.get(municipality__name="Roskilde")
    assert page.url == live_server.url + reverse(
        "enrolment:enrolment_detail", kwargs={"enrolment_pk": enrolment.pk}
    )
    assert "Tilmeldingen er indsendt" in page.locator("main").inner_text()
    assert "Kan svare, når personen har en bruger i kommunen" in page.locator("main").inner_text()
    assert enrolment.steering_members.count() == 2
    assert_no_axe_violations(page)

    # 2. The director declines through the personal link, with a reason.
    page.context.clear_cookies()
    page.goto(director_link(live_server))
    assert page.locator("h1").inner_text() == "Godkend Roskildes tilmelding"
    assert_no_axe_violations(page)
    page.get_by_label("Jeg godkender ikke tilmeldingen").check()
    page.fill("#id_reason", "Budgettet er ikke afklaret endnu.")
    submit(page, "Send mit svar")
    assert "Du har ikke godkendt tilmeldingen fra Roskilde." in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    # 3. The coordinator reads why and sends a new link; the director approves on it.
    switch_user(page, live_server, login, COORDINATOR)
    page.goto(live_server.url + reverse("enrolment:enrolment_detail", args=[enrolment.pk]))
    assert "Budgettet er ikke afklaret endnu." in page.locator("main").inner_text()
    submit(page, "Send direktøren et nyt link")
    page.context.clear_cookies()
    page.goto(director_link(live_server))
    page.get_by_label("Jeg godkender tilmeldingen").check()
    submit(page, "Send mit svar")
    main = page.locator("main").inner_text()
    assert "Dorthe Direktør har som direktør godkendt" in main
    assert "Social- og Boligstyrelsen har ikke afgjort tilmeldingen endnu" in main
    assert_no_axe_violations(page)

    # 4. The steering member with an account approves.
    switch_user(page, live_server, login, STEERING)
    page.goto(live_server.url + reverse("enrolment:start"))
    assert "Dit svar som medlem af styregruppen" in page.locator("main").inner_text()
    page.get_by_label("Jeg godkender tilmeldingen", exact=True).check()
    submit(page, "Gem mit svar")
    assert "1 af 1, der kan svare, har svaret" in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    # 5. The member without an account is invited after submission, joins and answers.
    _invitation, token = invite_person(
        by=coordinator,
        email=LATE,
        municipality=Municipality.objects.get(name="Roskilde"),
        role=Membership.Role.STEERING,
    )
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("accounts:invitation_accept", args=[token]))
    page.fill("#id_full_name", "Søren Sen")
    page.fill("#id_password1", "en-lang-og-god-adgangskode")
    page.fill("#id_password2", "en-lang-og-god-adgangskode")
    page.get_by_role("button", name=re.compile("Opret")).click()
    page.wait_for_load_state()
    page.goto(live_server.url + reverse("enrolment:enrolment_detail", args=[enrolment.pk]))
    page.get_by_label("Jeg godkender tilmeldingen", exact=True).check()
    submit(page, "Gem mit svar")
    assert "2 af 2, der kan svare, har svaret" in page.locator("main").inner_text()

    # 6. The consultant records the meeting and approves, naming the programme's contact.
    switch_user(page, live_server, login, CONSULTANT)
    page.goto(live_server.url + reverse("enrolment:enrolment_list"))
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Roskilde", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("link", name="Registrér tilmeldingsmødet").click()
    assert_no_axe_violations(page)
    today = timezone.localdate()
    page.fill("#id_meeting_date-day", str(today.day))
    page.fill("#id_meeting_date-month", str(today.month))
    page.fill("#id_meeting_date-year", str(today.year))
    page.locator("label[for=id_held]").click()
    page.fill("#id_participants-0-name", "Sanne Styre")
    page.select_option("#id_participants-0-level", "chief")
    page.locator("label[for=id_participants-0-has_strategic_responsibility]").click()
    submit(page, "Gem mødet")
    main = page.locator("main").inner_text()
    assert "Tilmeldingsmødet er registreret." in main
    assert "Ikke opfyldt" not in main
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Godkend tilmeldingen").click()
    assert_no_axe_violations(page)
    page.fill("#id_comment", "Velkommen i forløbet.")
    submit(page, "Godkend tilmeldingen")

    assert "Tilmeldingen er godkendt, og forløbet er oprettet." in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    enrolment.refresh_from_db()
    assert enrolment.state == Enrolment.State.APPROVED
    programme = Programme.objects.get(municipality__name="Roskilde", cohort=cohort)
    assert programme.coordinator == coordinator
    assert programme.primary_contact.email == CONSULTANT
    history = [
        a.removeprefix("enrolment.") for a in enrolment.activity.values_list("action", flat=True)
    ]
    # The draft saved twice as shown changed nothing, so it left no line in the history.
    assert history == [
        "created",
        "submitted",
        "director_link_sent",
        "director_declined",
        "director_link_sent",
        "director_approved",
        "steering_approved",
        "steering_access_granted",
        "steering_approved",
        "meeting_recorded",
        "approved",
    ]
