"""A phone's width (390 px): no page scrolls sideways, and a wide table scrolls in its own box,
which says so, has a name and takes keyboard focus."""

import pytest
from django.urls import reverse

from programmes.models import GroupMember, Level, Membership, ProgrammeGroup
from tests.enrolment.factories import draft_enrolment
from tests.factories import (
    DEFAULT_PASSWORD,
    ConsultantFactory,
    ProgrammeFactory,
    member,
    municipality,
)

PHONE = {"width": 390, "height": 844}
COORDINATOR_EMAIL = "koordinator@roskilde.example.dk"
CONSULTANT_EMAIL = "konsulent@sbst.example.dk"


@pytest.fixture
def roskilde_world():
    """A coordinator and colleagues in Roskilde, a programme with a group, a draft enrolment."""
    roskilde = municipality("Roskilde")
    coordinator = member("Roskilde", email=COORDINATOR_EMAIL, full_name="Rikke Roskilde")
    member(
        "Roskilde",
        role=Membership.Role.STEERING,
        email="styregruppemedlem.med.langt.navn@roskilde.example.dk",
        full_name="Sanne Styregruppemedlem-Kristiansen",
    )
    programme = ProgrammeFactory(municipality=roskilde, cohort__name="Hold august 2027")
    group = ProgrammeGroup.objects.create(
        municipality=roskilde, programme=programme, kind="steering", name="Styregruppe"
    )
    GroupMember.objects.create(
        municipality=roskilde,
        group=group,
        name="Sofie Styre",
        title="Direktør for social og sundhed",
        level=Level.DIRECTOR,
    )
    enrolment = draft_enrolment(roskilde, coordinator)
    return {"roskilde": roskilde, "programme": programme, "enrolment": enrolment}


def overflow(page):
    """How many pixels the document is wider than the window."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def assert_no_page_overflow(page, live_server, paths):
    too_wide = {}
    for path in paths:
        page.goto(live_server.url + path)
        if overflow(page) > 0:
            too_wide[path] = overflow(page)
    assert too_wide == {}, f"Pages wider than {PHONE['width']} px (by px): {too_wide}"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_coordinators_pages_do_not_scroll_sideways_on_a_phone(
    browser_page, live_server, login, roskilde_world
):
    roskilde = roskilde_world["roskilde"]
    browser_page.set_viewport_size(PHONE)
    page = login(browser_page, live_server, COORDINATOR_EMAIL, DEFAULT_PASSWORD)

    assert_no_page_overflow(
        page,
        live_server,
        [
            reverse("home"),
            reverse("programmes:municipality_detail", args=[roskilde.code]),
            reverse("programmes:municipality_people", args=[roskilde.code]),
            reverse("programmes:programme_detail", args=[roskilde_world["programme"].pk]),
            reverse("accounts:invitation_list"),
            reverse("enrolment:start"),
            reverse(
                "enrolment:enrolment_detail",
                kwargs={"enrolment_pk": roskilde_world["enrolment"].pk},
            ),
        ],
    )


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_consultants_pages_do_not_scroll_sideways_on_a_phone(
    browser_page, live_server, login, roskilde_world
):
    ConsultantFactory(email=CONSULTANT_EMAIL, full_name="Karen Konsulent")
    roskilde = roskilde_world["roskilde"]
    browser_page.set_viewport_size(PHONE)
    page = login(browser_page, live_server, CONSULTANT_EMAIL, DEFAULT_PASSWORD)

    assert_no_page_overflow(
        page,
        live_server,
        [
            reverse("home"),
            reverse("programmes:municipality_list"),
            reverse("programmes:municipality_detail", args=[roskilde.code]),
            reverse("programmes:programme_detail", args=[roskilde_world["programme"].pk]),
            reverse("enrolment:enrolment_list"),
            reverse(
                "enrolment:enrolment_detail",
                kwargs={"enrolment_pk": roskilde_world["enrolment"].pk},
            ),
            reverse("accounts:invitation_list"),
        ],
    )


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_wide_table_scrolls_in_a_named_focusable_box_that_says_so(
    browser_page, live_server, login, assert_no_axe_violations, roskilde_world
):
    roskilde = roskilde_world["roskilde"]
    browser_page.set_viewport_size(PHONE)
    page = login(browser_page, live_server, COORDINATOR_EMAIL, DEFAULT_PASSWORD)
    page.goto(live_server.url + reverse("programmes:municipality_people", args=[roskilde.code]))

    box = page.get_by_role("region", name="Personer og roller i Roskilde")
    assert box.get_attribute("tabindex") == "0"
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    hint = page.locator("#" + box.get_attribute("aria-describedby"))
    assert hint.is_visible()
    assert "Rul til siden for at se alle kolonner" in hint.inner_text()
    assert_no_axe_violations(page)

    # Keyboard: the box takes focus and the arrow keys scroll it.
    box.focus()
    assert box.evaluate("el => el === document.activeElement")
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    assert box.evaluate("el => el.scrollLeft") > 0
    assert overflow(page) == 0


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_table_that_fits_shows_no_scroll_hint(browser_page, live_server, login, roskilde_world):
    roskilde = roskilde_world["roskilde"]
    page = login(browser_page, live_server, COORDINATOR_EMAIL, DEFAULT_PASSWORD)
    page.goto(live_server.url + reverse("programmes:municipality_people", args=[roskilde.code]))

    box = page.get_by_role("region", name="Personer og roller i Roskilde")
    assert box.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert not page.locator("#" + box.get_attribute("aria-describedby")).is_visible()
