"""Every page of forberede, as its people open it on the demo data, in a real browser: axe-core
finds nothing on any of them (the key-figure pages have their own test)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments.models import Assessment, Dimension
from casereview.models import ReviewedCase
from communication.models import CommunicationActivity
from plans.models import DevelopmentPlan
from programmes.models import Programme
from tests.e2e.helpers import visit_all
from tests.factories import DEFAULT_PASSWORD


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_forberede_pages_pass_axe_for_coordinator_steering_consultant_and_administrator(
    browser_page, live_server, login, assert_no_axe_violations, settings
):
    settings.DEBUG = True
    call_command("seed_demo", password=DEFAULT_PASSWORD, stdout=None)
    programme = Programme.objects.get(municipality__name="Roskilde")
    args = {"programme_pk": programme.pk}
    assessment = Assessment.objects.filter(programme=programme).order_by("-number").first()
    case = ReviewedCase.objects.filter(programme=programme).first()
    plan = DevelopmentPlan.objects.get(programme=programme)
    goal = plan.goals.first()
    sub_goal = goal.sub_goals.first()
    version = plan.versions.order_by("number").first()
    activity = CommunicationActivity.objects.filter(programme=programme).first()
    page = browser_page

    login(page, live_server, "koordinator@roskilde.dk", DEFAULT_PASSWORD)
    visit_all(
        page,
        live_server,
        assert_no_axe_violations,
        [
            reverse("programmes:programme_detail", kwargs=args),
            reverse("assessments:assessment_list", kwargs=args),
            reverse("assessments:assessment_add", kwargs=args),
            reverse(
                "assessments:assessment_detail",
                kwargs={**args, "assessment_number": assessment.number},
            ),
            reverse("casereview:review", kwargs=args),
            reverse("casereview:case_detail", kwargs={**args, "case_pk": case.pk}),
            reverse("casereview:case_edit", kwargs={**args, "case_pk": case.pk}),
            reverse("casereview:case_remove", kwargs={**args, "case_pk": case.pk}),
            reverse("plans:plan_detail", kwargs=args),
            reverse("plans:plan_edit", kwargs=args),
            reverse("plans:goal_add", kwargs=args),
            reverse("plans:goal_edit", kwargs={**args, "goal_pk": goal.pk}),
            reverse("plans:goal_remove", kwargs={**args, "goal_pk": goal.pk}),
            reverse("plans:sub_goal_add", kwargs={**args, "goal_pk": goal.pk}),
            reverse("plans:sub_goal_edit", kwargs={**args, "sub_goal_pk": sub_goal.pk}),
            reverse("plans:sub_goal_remove", kwargs={**args, "sub_goal_pk": sub_goal.pk}),
            reverse("plans:version_detail", kwargs={**args, "version_number": version.number}),
            reverse("plans:version_diff", kwargs=args),
            reverse("communication:activity_list", kwargs=args),
            reverse("communication:activity_calendar", kwargs=args),
            reverse("communication:activity_add", kwargs=args),
            reverse(
                "communication:activity_detail",
                kwargs={**args, "comm_activity_pk": activity.pk},
            ),
            reverse(
                "communication:activity_edit",
                kwargs={**args, "comm_activity_pk": activity.pk},
            ),
            reverse(
                "communication:activity_remove",
                kwargs={**args, "comm_activity_pk": activity.pk},
            ),
            reverse("keyfigures:steering_notes", kwargs=args),
        ],
    )

    page.context.clear_cookies()
    login(page, live_server, "styregruppe@roskilde.dk", DEFAULT_PASSWORD)
    visit_all(
        page,
        live_server,
        assert_no_axe_violations,
        [reverse("home"), reverse("plans:plan_detail", kwargs=args)],
    )

    page.context.clear_cookies()
    login(page, live_server, "konsulent@sbst.dk", DEFAULT_PASSWORD)
    visit_all(
        page,
        live_server,
        assert_no_axe_violations,
        [
            reverse("programmes:programme_detail", kwargs=args),
            reverse("casereview:review", kwargs=args),
            reverse("assessments:dimension_list"),
        ],
    )

    page.context.clear_cookies()
    login(page, live_server, "admin@sbst.dk", DEFAULT_PASSWORD)
    dimension = Dimension.objects.first()
    visit_all(
        page,
        live_server,
        assert_no_axe_violations,
        [
            reverse("casereview:read_log"),
            reverse("assessments:dimension_list"),
            reverse("assessments:dimension_edit", kwargs={"dimension_pk": dimension.pk}),
        ],
    )
