"""DKFDS's date field in a real browser: axe finds nothing, with and without an error."""

import pytest

from tests.e2e.conftest import DKFDS_CSS
from tests.programmes.test_widgets import MeetingForm, render_crispy, typed


def show(page, form):
    page.set_content(
        '<!DOCTYPE html><html lang="da"><head><title>Dato</title></head><body>'
        f'<main><h1>Dato</h1><form method="post" novalidate>{render_crispy(form)}</form></main>'
        "</body></html>"
    )
    page.add_style_tag(path=str(DKFDS_CSS))


@pytest.mark.e2e
def test_the_date_field_passes_axe_and_names_each_input(browser_page, assert_no_axe_violations):
    show(browser_page, MeetingForm())

    assert_no_axe_violations(browser_page)
    for name in ("Dag", "Måned", "År"):
        assert browser_page.get_by_role("textbox", name=name).count() == 1
    assert browser_page.get_by_role("group", name="Mødets dato").count() == 1


@pytest.mark.e2e
def test_the_date_field_with_an_error_passes_axe_and_describes_the_error(
    browser_page, assert_no_axe_violations
):
    form = MeetingForm(data=typed("31", "02", "2026"))
    form.is_valid()
    show(browser_page, form)

    assert_no_axe_violations(browser_page)
    group = browser_page.get_by_role("group", name="Mødets dato")
    description = group.evaluate(
        "el => el.getAttribute('aria-describedby').split(' ')"
        ".map(id => document.getElementById(id).textContent.trim()).join(' ')"
    )
    assert "Datoen findes ikke: februar 2026 har kun 28 dage." in description
    assert browser_page.get_by_role("textbox", name="Dag").input_value() == "31"
