"""The steering group approves the development plan; approval is forberede's gate."""

import pytest
from django.urls import reverse

from phases.gates import gate_status
from phases.models import Phase, ProgrammePhase
from phases.selectors import phase_of
from phases.services import move_programme
from plans import services
from plans.models import PlanVersion
from plans.selectors import approved_plan_programme_ids
from programmes.errors import DomainError
from programmes.models import ActivityEntry
from tests.factories import ConsultantFactory, member

from .factories import (
    add_goal,
    add_sub_goal,
    drafter,
    programme_with_groups,
    ready_plan,
    steering_member,
)


def approve_url(programme):
    return reverse("plans:plan_approve", kwargs={"programme_pk": programme.pk})


def test_a_plan_without_goals_is_not_approved(roskilde):
    programme = programme_with_groups()
    approver = steering_member(programme)
    services.change_introduction(programme, by=drafter(programme), introduction="Kun tekst")
    plan = programme.development_plan

    with pytest.raises(DomainError, match="ingen mål endnu"):
        services.approve_plan(plan, by=approver)

    assert PlanVersion.objects.count() == 0


def test_a_goal_without_a_sub_goal_is_not_approved(roskilde):
    programme = programme_with_groups()
    by = drafter(programme)
    add_sub_goal(add_goal(programme, by, title="Færdigt mål"), by)
    goal = add_goal(programme, by, title="Mål uden delmål")

    with pytest.raises(DomainError, match="»Mål uden delmål« har ingen delmål"):
        services.approve_plan(goal.plan, by=steering_member(programme))

    assert PlanVersion.objects.count() == 0


def test_a_goal_without_an_evaluation_is_not_approved(roskilde):
    """The form and the service refuse such a goal; one saved before its indicator's target
    was required (or written by other means) still stops the approval."""
    programme = programme_with_groups()
    by = drafter(programme)
    goal = add_goal(programme, by, title="Mål uden evaluering")
    add_sub_goal(goal, by)
    type(goal).objects.filter(pk=goal.pk).update(criterion="")

    with pytest.raises(DomainError, match="»Mål uden evaluering« mangler en evaluering"):
        services.approve_plan(goal.plan, by=steering_member(programme))


def test_nothing_changed_since_the_last_version_is_not_approved_again(roskilde):
    programme = programme_with_groups()
    approver = steering_member(programme)
    plan = ready_plan(programme, drafter(programme))
    services.approve_plan(plan, by=approver)

    with pytest.raises(DomainError, match="det samme som den godkendte version 1"):
        services.approve_plan(plan, by=approver)

    assert list(PlanVersion.objects.values_list("number", flat=True)) == [1]


def test_a_double_click_on_approve_makes_one_version(roskilde, client_for):
    programme = programme_with_groups()
    approver = steering_member(programme)
    ready_plan(programme, drafter(programme))
    client = client_for(approver)

    client.post(approve_url(programme))
    second = client.post(approve_url(programme), follow=True)

    assert PlanVersion.objects.count() == 1
    assert "Der er intet nyt at godkende" in second.content.decode()
    assert ActivityEntry.objects.filter(action="plans.approved").count() == 1


def test_approval_records_who_and_when_and_one_entry(roskilde, client_for):
    programme = programme_with_groups()
    approver = steering_member(programme, full_name="Sanne Styregruppe")
    plan = ready_plan(programme, drafter(programme))

    response = client_for(approver).post(approve_url(programme), follow=True)

    version = PlanVersion.objects.get()
    assert (version.plan, version.number, version.approved_by) == (plan, 1, approver)
    plan.refresh_from_db()
    assert plan.has_changes is False
    body = response.content.decode()
    assert "Udviklingsplanen er godkendt som version 1." in body
    assert "Godkendt som" in body and "Sanne Styregruppe" in body
    entry = ActivityEntry.objects.get(action="plans.approved")
    assert (entry.actor, entry.programme_id, entry.data["number"]) == (approver, programme.pk, 1)


@pytest.mark.parametrize("who", ["coordinator", "drafter", "consultant", "steering_role_only"])
def test_only_a_steering_group_member_approves_others_get_403(roskilde, client_for, who):
    programme = programme_with_groups()
    ready_plan(programme, drafter(programme))
    user = {
        "coordinator": lambda: member("Roskilde"),
        "drafter": lambda: drafter(programme),
        "consultant": ConsultantFactory,
        # A steering role in the municipality, but no seat in this programme's group.
        "steering_role_only": lambda: member("Roskilde", role="steering"),
    }[who]()
    client = client_for(user)

    response = client.post(approve_url(programme))
    page = client.get(
        reverse("plans:plan_detail", kwargs={"programme_pk": programme.pk})
    ).content.decode()

    assert response.status_code == 403
    assert PlanVersion.objects.count() == 0
    assert "Godkend udviklingsplanen" not in page


def test_a_steering_member_of_another_programme_gets_403(roskilde, client_for):
    programme = programme_with_groups()
    other = programme_with_groups()
    ready_plan(programme, drafter(programme))

    response = client_for(steering_member(other)).post(approve_url(programme))

    assert response.status_code == 403


def test_the_steering_member_sees_the_button_and_why_it_cannot_be_pressed_yet(roskilde, client_for):
    programme = programme_with_groups()
    approver = steering_member(programme)
    add_goal(programme, drafter(programme), title="Mål uden delmål")
    url = reverse("plans:plan_detail", kwargs={"programme_pk": programme.pk})

    page = client_for(approver).get(url).content.decode()

    assert "»Mål uden delmål« har ingen delmål" in page
    assert "Godkend udviklingsplanen" not in page


def test_a_get_on_approve_goes_to_the_plan_and_changes_nothing(roskilde, client_for):
    programme = programme_with_groups()
    approver = steering_member(programme)
    ready_plan(programme, drafter(programme))

    response = client_for(approver).get(approve_url(programme))

    assert response.status_code == 302
    assert response.url.startswith(
        reverse("plans:plan_detail", kwargs={"programme_pk": programme.pk})
    )
    assert PlanVersion.objects.count() == 0


def test_the_gate_passes_on_approval_and_the_consultant_moves_on_without_a_reason(roskilde):
    consultant = ConsultantFactory()
    programme = programme_with_groups(primary_contact=consultant)
    approver = steering_member(programme)
    plan = ready_plan(programme, drafter(programme))
    assert gate_status(programme, Phase.PREPARE).holds is False

    services.approve_plan(plan, by=approver)

    assert gate_status(programme, Phase.PREPARE).holds is True
    move_programme(programme, Phase.DEVELOP, by=consultant)
    assert phase_of(programme) == Phase.DEVELOP
    left = ProgrammePhase.objects.get(programme=programme, phase=Phase.PREPARE)
    assert (left.gate_overridden, left.override_reason) == (False, "")


def test_the_gate_stays_passed_while_a_later_draft_waits(roskilde):
    programme = programme_with_groups()
    by = drafter(programme)
    plan = ready_plan(programme, by)
    services.approve_plan(plan, by=steering_member(programme))

    services.change_introduction(programme, by=by, introduction="Et nyt udkast")

    assert gate_status(programme, Phase.PREPARE).holds is True


@pytest.mark.cross_tenant
def test_the_gate_check_answers_for_many_programmes_in_one_query(roskilde, herning, count_queries):
    approved = [programme_with_groups() for _ in range(2)]
    herning_approved = programme_with_groups("Herning")
    waiting = programme_with_groups()
    ready_plan(waiting, drafter(waiting))
    for programme in [*approved, herning_approved]:
        plan = ready_plan(programme, drafter(programme))
        services.approve_plan(plan, by=steering_member(programme))
    programmes = [*approved, herning_approved, waiting]

    queries = count_queries(lambda: approved_plan_programme_ids(programmes))

    assert queries == 1
    assert approved_plan_programme_ids(programmes) == {p.pk for p in [*approved, herning_approved]}
