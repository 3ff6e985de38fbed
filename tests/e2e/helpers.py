"""Steps the browser tests share: sign in as someone else, press a button or follow a link and
wait for the next page, type a date into the three-part date field, open a list of pages."""

import datetime

from tests.factories import DEFAULT_PASSWORD


def switch_user(page, live_server, login, email):
    page.context.clear_cookies()
    return login(page, live_server, email, DEFAULT_PASSWORD)


def submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def follow(page, name):
    with page.expect_navigation():
        page.get_by_role("link", name=name).first.click()


def fill_date(page, field_id, day: datetime.date):
    page.fill(f"#{field_id}-day", str(day.day))
    page.fill(f"#{field_id}-month", str(day.month))
    page.fill(f"#{field_id}-year", str(day.year))


def visit_all(page, live_server, assert_no_axe_violations, urls):
    """Each page answers 200 and axe-core finds nothing on it."""
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert_no_axe_violations(page)
