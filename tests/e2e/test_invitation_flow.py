"""A coordinator invites a colleague, who joins through the e-mailed link."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from programmes.models import Membership
from tests.factories import DEFAULT_PASSWORD, member

COORDINATOR_EMAIL = "koordinator@roskilde.example.dk"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_invited_colleague_joins_the_municipality_with_the_role(
    browser, browser_page, live_server, login, assert_no_axe_violations
):
    member("Roskilde", email=COORDINATOR_EMAIL, full_name="Rikke Roskilde")
    page = login(browser_page, live_server, COORDINATOR_EMAIL, DEFAULT_PASSWORD)

    page.get_by_role("link", name="Personer").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Invitér en person").click()
    assert_no_axe_violations(page)
    page.fill("#id_email", "nina@roskilde.example.dk")
    page.fill("#id_full_name", "Nina Ny")
    page.select_option("#id_role", "implementation")
    with page.expect_navigation():
        page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    assert "Invitationen er sendt til nina@roskilde.example.dk" in page.inner_text("main")
    assert "nina@roskilde.example.dk" in page.inner_text("main table")

    link = re.search(r"https?://\S+(/konto/invitation/\S+/)", mail.outbox[-1].body).group(1)
    guest = browser.new_context(locale="da-DK").new_page()
    try:
        guest.goto(live_server.url + link)
        assert_no_axe_violations(guest)
        guest.fill("#id_full_name", "Nina Ny")
        guest.fill("#id_password1", "et-godt-kodeord-42")
        guest.fill("#id_password2", "et-godt-kodeord-42")
        with guest.expect_navigation():
            guest.locator("main form button[type=submit]").click()

        assert guest.url == live_server.url + reverse("home")
        assert "Velkommen" in guest.inner_text("main")
        assert "Roskilde" in guest.inner_text(".portal-user")
        assert_no_axe_violations(guest)
    finally:
        guest.context.close()
    nina = User.objects.get(email="nina@roskilde.example.dk")
    assert list(nina.memberships.values_list("municipality__name", "role")) == [
        ("Roskilde", Membership.Role.IMPLEMENTATION)
    ]


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_coordinator_removes_a_colleagues_role(
    browser_page, live_server, login, assert_no_axe_violations
):
    member("Roskilde", email=COORDINATOR_EMAIL, full_name="Rikke Roskilde")
    member("Roskilde", role=Membership.Role.READER, full_name="Lars Læser")
    page = login(browser_page, live_server, COORDINATOR_EMAIL, DEFAULT_PASSWORD)

    page.get_by_role("link", name="Personer").click()
    assert "Lars Læser" in page.inner_text("main table")
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Fjern Lars Læser som læser").click()

    assert "Lars Læser er ikke længere læser i Roskilde." in page.inner_text("main")
    assert "Lars Læser" not in page.inner_text("main table")
    assert_no_axe_violations(page)
