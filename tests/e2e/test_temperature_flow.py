"""The temperature measurement in a real browser, with axe on every page: the coordinator
opens the first round and copies the citizen representatives' link; a respondent answers
through it in a browser of their own without logging in, and a second answer from that
browser is refused; the round is closed, its link says so, and its results show for the
group with five answers only. SBST's administrator's instrument pages pass axe too."""

import pytest
from django.urls import reverse

from phases.models import Phase
from programmes.models import Membership
from temperature.models import MeasurementRound, RespondentKind, Response
from tests.e2e.helpers import follow, submit, switch_user, visit_all
from tests.factories import AdministratorFactory, ProgrammeFactory, member, municipality
from tests.temperature.factories import answers, group_of

COORDINATOR = "koordinator@roskilde.example.dk"
ADMIN = "admin@sbst.example.dk"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_round_is_opened_answered_through_its_link_once_per_browser_and_closed(
    browser, browser_page, live_server, login, assert_no_axe_violations
):
    coordinator = member(
        "Roskilde", role=Membership.Role.COORDINATOR, email=COORDINATOR, full_name="Rikke Holm"
    )
    programme = ProgrammeFactory(
        municipality=municipality("Roskilde"), coordinator=coordinator, phase=Phase.PREPARE
    )
    args = {"programme_pk": programme.pk}
    page = browser_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    # 1. The coordinator opens the first round from the programme page.
    switch_user(page, live_server, login, COORDINATOR)
    page.goto(live_server.url + reverse("programmes:programme_detail", kwargs=args))
    assert "Der er ikke taget nogen måling endnu" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    follow(page, "Åbn den første måling")
    assert_no_axe_violations(page)
    submit(page, "Åbn målingen")
    assert "Vælg mindst én respondentgruppe" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.fill("#id_expected_leaders", "8")
    page.fill("#id_expected_employees", "6")
    page.fill("#id_expected_citizens", "4")
    submit(page, "Åbn målingen")
    round_ = MeasurementRound.objects.get(programme=programme)
    assert "Første måling er åbnet" in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    # 2. ... and copies the citizen representatives' link.
    page.get_by_role("button", name="Kopiér linket til borgerrepræsentanter").click()
    page.wait_for_function("document.getElementById('copy-status').textContent !== ''")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link == page.input_value("#link-citizens")
    assert link.endswith(
        reverse("temperature:survey", kwargs={"token": group_of(round_, "citizens").token})
    )
    page.goto(live_server.url + reverse("temperature:round_list", kwargs=args))
    assert_no_axe_violations(page)

    # 3. A respondent answers through the link in a browser of their own, logged out.
    respondent = browser.new_context(locale="da-DK")
    try:
        survey = respondent.new_page()
        survey.goto(link)
        assert "Temperaturmåling i Roskilde Kommune" in survey.locator("h1").inner_text()
        assert_no_axe_violations(survey)
        submit(survey, "Send mit svar")
        assert "Du mangler at svare på nogle udsagn" in survey.locator("main").inner_text()
        assert_no_axe_violations(survey)
        radios = survey.locator("input[type=radio][value='4']")
        for index in range(radios.count()):
            radios.nth(index).check()
        survey.locator("input[type=radio][value='0']").first.check()
        submit(survey, "Send mit svar")
        assert "Tak for dit svar" in survey.locator("h1").inner_text()
        assert_no_axe_violations(survey)
        assert Response.objects.filter(group__round=round_).count() == 1

        # A second answer from the same browser is refused.
        survey.goto(link)
        assert "Du har allerede svaret" in survey.locator("h1").inner_text()
        assert_no_axe_violations(survey)
        assert Response.objects.filter(group__round=round_).count() == 1

        # 4. Five employees answer; the coordinator closes the round.
        answers(group_of(round_, RespondentKind.EMPLOYEES), 5, value=2)
        detail = reverse("temperature:round_detail", kwargs={**args, "round_pk": round_.pk})
        page.goto(live_server.url + detail)
        assert (
            "Svarprocenten blandt Borgerrepræsentanter er kun 25 %"
            in page.locator("main").inner_text()
        )
        follow(page, "Luk målingen")
        assert_no_axe_violations(page)
        submit(page, "Luk målingen")
        main = page.locator("main").inner_text()
        assert "Medarbejdere: gennemsnit pr. dimension" in main
        assert "Resultatet vises først, når mindst fem har svaret" in main
        assert_no_axe_violations(page)

        # The link is closed.
        closed = survey.goto(link)
        assert closed.status == 410
        assert "Målingen er lukket" in survey.locator("h1").inner_text()
        assert_no_axe_violations(survey)
    finally:
        respondent.close()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_instrument_pages_pass_axe_for_the_administrator(
    browser_page, live_server, login, assert_no_axe_violations
):
    AdministratorFactory(email=ADMIN, full_name="Anders Administrator")
    switch_user(browser_page, live_server, login, ADMIN)
    key = {"dimension_key": "borgerinddragelse"}

    visit_all(
        browser_page,
        live_server,
        assert_no_axe_violations,
        [
            reverse("temperature:instrument"),
            reverse("temperature:instrument_version", kwargs={"instrument_version": 1}),
            reverse("temperature:scale_edit"),
            reverse("temperature:dimension_add"),
            reverse("temperature:dimension_edit", kwargs=key),
            reverse("temperature:dimension_remove", kwargs=key),
        ],
    )
