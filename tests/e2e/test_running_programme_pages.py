"""Every page of the running programme, as its people open it on the demo data, in a real
browser: axe-core finds nothing on any of them."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from meetings.models import Meeting, NetworkActivity
from programmes.models import Programme, ProgrammeGroup
from tests.e2e.helpers import visit_all
from tests.factories import DEFAULT_PASSWORD


@pytest.mark.e2e
@pytest.mark.cross_tenant
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_running_programmes_pages_pass_axe_for_coordinator_consultant_and_herning(
    browser_page, live_server, login, assert_no_axe_violations, settings
):
    settings.DEBUG = True
    call_command("seed_demo", password=DEFAULT_PASSWORD, stdout=None)
    programme = Programme.objects.get(municipality__name="Roskilde")
    args = {"programme_pk": programme.pk}
    groups = {g.kind: g for g in programme.groups.all()}
    local = groups[ProgrammeGroup.Kind.LOCAL]
    member = local.members.first()
    held = Meeting.objects.get(programme=programme, is_kickoff=True, phase="prepare")
    meeting = {**args, "meeting_pk": held.pk}
    activity = NetworkActivity.objects.get()
    roskilde_invitation = activity.invitations.get(municipality__name="Roskilde")
    herning_invitation = activity.invitations.get(municipality__name="Herning")
    page = browser_page

    login(page, live_server, "koordinator@roskilde.dk", DEFAULT_PASSWORD)
    visit_all(
        page,
        live_server,
        assert_no_axe_violations,
        [
            reverse("home"),
            reverse("programmes:programme_detail", kwargs=args),
            *(
                reverse("programmes:group_detail", kwargs={**args, "group_pk": g.pk})
                for g in groups.values()
            ),
            reverse("programmes:group_add", kwargs=args),
            reverse("programmes:group_edit", kwargs={**args, "group_pk": local.pk}),
            reverse("programmes:member_add", kwargs={**args, "group_pk": local.pk}),
            reverse(
                "programmes:member_edit",
                kwargs={**args, "group_pk": local.pk, "member_pk": member.pk},
            ),
            reverse("meetings:meeting_list", kwargs=args),
            reverse("meetings:meeting_detail", kwargs=meeting),
            reverse("meetings:meeting_edit", kwargs=meeting),
            reverse("meetings:agenda_edit", kwargs=meeting),
            reverse("meetings:attendance_edit", kwargs=meeting),
            reverse("meetings:minutes_edit", kwargs=meeting),
            reverse("calendar:feed"),
            reverse("network:invitation_detail", kwargs={"invitation_pk": roskilde_invitation.pk}),
        ],
    )
    # The calendar address is shown once, right after it is made.
    page.goto(live_server.url + reverse("calendar:feed"))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    assert page.locator("#calendar-url").input_value().endswith(".ics")
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    login(page, live_server, "admin@sbst.dk", DEFAULT_PASSWORD)
    visit_all(
        page,
        live_server,
        assert_no_axe_violations,
        [
            reverse("home"),
            reverse("programmes:municipality_list"),
            reverse("programmes:programme_detail", kwargs=args),
            reverse("phases:cohort_windows", kwargs={"cohort_pk": programme.cohort_id}),
            reverse("network:activity_list"),
            reverse("network:activity_create"),
            reverse("network:activity_detail", kwargs={"activity_pk": activity.pk}),
            reverse("network:activity_edit", kwargs={"activity_pk": activity.pk}),
        ],
    )

    page.context.clear_cookies()
    login(page, live_server, "koordinator@herning.dk", DEFAULT_PASSWORD)
    visit_all(
        page,
        live_server,
        assert_no_axe_violations,
        [
            reverse("home"),
            reverse("network:invitation_detail", kwargs={"invitation_pk": herning_invitation.pk}),
        ],
    )
    assert "Dorthe Direktør" not in page.locator("main").inner_text()  # Roskilde's participant
