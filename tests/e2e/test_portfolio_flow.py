"""SBST's portfolio in a real browser: a consultant filters it to the red programmes of one
region, opens one, comes back and downloads the filtered list; axe on every page."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.models import ActivityEntry
from tests.e2e.helpers import follow, submit, switch_user
from tests.factories import CohortFactory, ConsultantFactory, ProgrammeFactory, municipality

CONSULTANT = "konsulent-portefolje@sbst.example.dk"


def programme(name, cohort, consultant, *, quiet_days):
    made = ProgrammeFactory(
        municipality=municipality(name), cohort=cohort, primary_contact=consultant
    )
    ActivityEntry.objects.create(
        municipality=made.municipality,
        programme=made,
        action="portfolio.test",
        created_at=timezone.now() - datetime.timedelta(days=quiet_days),
    )
    return made


@pytest.mark.e2e
@pytest.mark.cross_tenant
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_consultant_filters_to_red_programmes_of_a_region_opens_one_and_exports_the_list(
    browser_page, live_server, login, assert_no_axe_violations
):
    consultant = ConsultantFactory(email=CONSULTANT, full_name="Karen Portefølje")
    cohort = CohortFactory(name="Hold 2027", starts_on=datetime.date(2027, 8, 1))
    roskilde = programme("Roskilde", cohort, consultant, quiet_days=90)  # red, Sjælland
    programme("Køge", cohort, consultant, quiet_days=1)  # Sjælland, not red
    programme("Herning", cohort, consultant, quiet_days=90)  # red, Midtjylland
    page = browser_page

    switch_user(page, live_server, login, CONSULTANT)
    follow(page, "Portefølje")
    assert_no_axe_violations(page)
    assert page.locator("tbody tr").count() == 3  # the consultant's own, by default

    page.select_option("#id_region", "sjaelland")
    page.select_option("#id_sundhed", "red")
    submit(page, "Filtrér")
    assert "region=sjaelland" in page.url and "sundhed=red" in page.url
    assert_no_axe_violations(page)
    rows = page.locator(".portfolio-table tbody tr")
    assert rows.count() == 1
    assert "Rød" in rows.first.inner_text()
    assert "Der er ikke sket noget i forløbet i 90 dage." in rows.first.inner_text()
    filtered_url = page.url

    follow(page, "Roskilde")
    assert page.url.endswith(
        reverse("programmes:programme_detail", kwargs={"programme_pk": roskilde.pk})
    )
    assert_no_axe_violations(page)

    page.goto(filtered_url)
    with page.expect_download() as info:
        page.get_by_role("link", name="Hent listen som CSV").click()
    assert info.value.suggested_filename.endswith(".csv")
    with open(info.value.path(), encoding="utf-8-sig") as file:  # noqa: PTH123
        lines = list(csv.reader(io.StringIO(file.read()), delimiter=";"))
    assert [line[0] for line in lines[1:]] == ["Roskilde"]
    assert lines[1][lines[0].index("Sundhed")] == "Rød"

    for url in (
        reverse("portfolio:municipality_grid"),
        reverse("portfolio:cohort", kwargs={"cohort_pk": cohort.pk}),
    ):
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert_no_axe_violations(page)
