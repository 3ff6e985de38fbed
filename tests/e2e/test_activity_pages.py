"""The activity pages on the demo data pass axe: the coordinator's programme page and its
activity stream, and the administrator's search of the whole log, filtered through its form,
with the coordinator's reads of the case review among the results."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from programmes.models import Programme
from tests.e2e.helpers import submit, switch_user, visit_all
from tests.factories import DEFAULT_PASSWORD


@pytest.mark.e2e
@pytest.mark.cross_tenant
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_stream_and_the_search_pass_axe(
    browser_page, live_server, login, assert_no_axe_violations, settings
):
    settings.DEBUG = True
    call_command("seed_demo", password=DEFAULT_PASSWORD, stdout=None)
    programme = Programme.objects.get(municipality__name="Roskilde")
    page = browser_page

    login(page, live_server, "koordinator@roskilde.dk", DEFAULT_PASSWORD)
    visit_all(
        page,
        live_server,
        assert_no_axe_violations,
        [
            reverse("programmes:programme_detail", kwargs={"programme_pk": programme.pk}),
            reverse("auditview:stream", kwargs={"programme_pk": programme.pk}),
            reverse("auditview:stream", kwargs={"programme_pk": programme.pk}) + "?side=2",
            # The review shows every case: one read each, for the log below.
            reverse("casereview:review", kwargs={"programme_pk": programme.pk}),
        ],
    )

    switch_user(page, live_server, login, "admin@sbst.dk")
    visit_all(page, live_server, assert_no_axe_violations, [reverse("auditview:search")])
    page.fill("#id_person", "Rikke")
    page.select_option("#id_kommune", label="Roskilde")
    submit(page, "Søg")
    assert "person=Rikke" in page.url
    assert page.get_by_text("Læsning:").count() > 0
    assert_no_axe_violations(page)

    page.select_option("#id_handling", value="casereview.read")
    submit(page, "Søg")
    assert page.get_by_text("Læsning:").count() > 0
    assert page.get_by_text("er føjet til sagsgennemgangen").count() == 0
    assert_no_axe_violations(page)
