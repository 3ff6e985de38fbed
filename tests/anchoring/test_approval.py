"""The steering group approves the anchoring plan; approval is forankre's gate, and passing
it lets the consultant complete the programme."""

import pytest
from django.urls import reverse

from anchoring import services
from anchoring.models import AnchoringPlan, AnchoringPlanVersion, YieldAnswer
from anchoring.selectors import approved_anchoring_plan_programme_ids
from phases.gates import gate_status
from phases.models import Phase, ProgrammePhase
from phases.selectors import phase_of
from phases.services import transition_programme
from programmes.errors import DomainError
from programmes.models import ActivityEntry
from tests.factories import ConsultantFactory, member

from .factories import (
    all_yes,
    drafter,
    item_values,
    programme_in_anchor,
    ready_plan,
    steering_member,
    trial_action,
)


def approve_url(programme):
    return reverse("anchoring:plan_approve", kwargs={"programme_pk": programme.pk})


@pytest.fixture
def programme(roskilde):
    return programme_in_anchor()


def test_a_plan_without_items_is_not_approved(programme):
    approver = steering_member(programme)
    services.change_plan(programme, by=drafter(programme), continuation="Vi fortsætter")
    services.answer_yield(programme, by=approver, answers=all_yes())

    with pytest.raises(DomainError, match="ingen punkter endnu"):
        services.approve_plan(AnchoringPlan.objects.get(), by=approver)

    assert AnchoringPlanVersion.objects.count() == 0


def test_a_pulled_in_item_needs_how_an_owner_and_a_follow_up_before_approval(programme):
    by = drafter(programme)
    approver = steering_member(programme)
    trial_action(programme, "Fast opfølgning", responsible=None)
    plan, _added = services.pull_in(programme, by=by)
    services.change_plan(programme, by=by, continuation="Vi fortsætter")
    services.answer_yield(programme, by=approver, answers=all_yes())

    with pytest.raises(DomainError) as refused:
        services.approve_plan(plan, by=approver)

    assert refused.value.message == (
        "»Fast opfølgning« mangler hvordan det forankres, en ejer og en dato for opfølgning."
    )


def test_the_continuation_and_all_six_yield_answers_are_needed(programme):
    by = drafter(programme)
    approver = steering_member(programme)
    services.add_item(programme, by=by, **item_values(programme))
    plan = AnchoringPlan.objects.get()

    with pytest.raises(DomainError, match="Skriv, hvordan omlægningen fortsætter"):
        services.approve_plan(plan, by=approver)
    services.change_plan(programme, by=by, continuation="Vi fortsætter")
    answers = all_yes()
    answers["continuation"] = {"answer": "", "note": ""}
    services.answer_yield(programme, by=approver, answers=answers)
    with pytest.raises(DomainError, match="alle seks udsagn om udbyttet"):
        services.approve_plan(plan, by=approver)

    assert YieldAnswer.objects.count() == 5
    assert AnchoringPlanVersion.objects.count() == 0


def test_nothing_changed_since_the_last_version_is_not_approved_again(programme):
    approver = steering_member(programme)
    plan = ready_plan(programme, approver=approver)
    services.approve_plan(plan, by=approver)

    with pytest.raises(DomainError, match="det samme som den godkendte version 1"):
        services.approve_plan(plan, by=approver)

    assert list(AnchoringPlanVersion.objects.values_list("number", flat=True)) == [1]


def test_a_later_change_is_approved_as_version_two_and_version_one_stays(programme):
    by = drafter(programme)
    approver = steering_member(programme)
    plan = ready_plan(programme, by, approver)
    first = services.approve_plan(plan, by=approver)
    services.change_plan(programme, by=by, continuation="En ny plan")

    second = services.approve_plan(plan, by=approver)

    assert (first.number, second.number) == (1, 2)
    first.refresh_from_db()
    assert first.content["continuation"] == "Implementeringsgruppen fortsætter som driftsgruppe."
    assert second.content["continuation"] == "En ny plan"


def test_approval_records_who_and_when_and_one_entry(programme, client_for):
    approver = steering_member(programme, full_name="Sanne Styregruppe")
    plan = ready_plan(programme, approver=approver)

    response = client_for(approver).post(approve_url(programme), follow=True)

    version = AnchoringPlanVersion.objects.get()
    assert (version.plan, version.number, version.approved_by) == (plan, 1, approver)
    plan.refresh_from_db()
    assert plan.has_changes is False
    body = response.content.decode()
    assert "Forankringsplanen er godkendt som version 1." in body
    assert "Sanne Styregruppe" in body
    entry = ActivityEntry.objects.get(action="anchoring.approved")
    assert (entry.actor, entry.programme_id, entry.data["number"]) == (approver, programme.pk, 1)


def test_a_double_click_on_approve_makes_one_version(programme, client_for):
    approver = steering_member(programme)
    ready_plan(programme, approver=approver)
    client = client_for(approver)

    client.post(approve_url(programme))
    second = client.post(approve_url(programme), follow=True)

    assert AnchoringPlanVersion.objects.count() == 1
    assert "Der er intet nyt at godkende" in second.content.decode()


@pytest.mark.parametrize("who", ["coordinator", "drafter", "consultant", "steering_role_only"])
def test_only_a_steering_group_member_approves_others_get_403(programme, client_for, who):
    ready_plan(programme)
    user = {
        "coordinator": lambda: member("Roskilde"),
        "drafter": lambda: drafter(programme),
        "consultant": ConsultantFactory,
        "steering_role_only": lambda: member("Roskilde", role="steering"),
    }[who]()
    client = client_for(user)

    response = client.post(approve_url(programme))
    page = client.get(
        reverse("anchoring:plan_detail", kwargs={"programme_pk": programme.pk})
    ).content.decode()

    assert response.status_code == 403
    assert AnchoringPlanVersion.objects.count() == 0
    assert "Godkend forankringsplanen" not in page


def test_a_steering_member_of_another_programme_gets_403(programme, client_for):
    other = programme_in_anchor()
    ready_plan(programme)

    response = client_for(steering_member(other)).post(approve_url(programme))

    assert response.status_code == 403


def test_the_gate_holds_on_approval_and_the_consultant_completes_the_programme(roskilde):
    consultant = ConsultantFactory()
    programme = programme_in_anchor(primary_contact=consultant)
    approver = steering_member(programme)
    plan = ready_plan(programme, approver=approver)
    assert gate_status(programme, Phase.ANCHOR).holds is False
    with pytest.raises(DomainError, match="Forankringsplanen er godkendt."):
        transition_programme(programme, Phase.COMPLETED, by=consultant)

    services.approve_plan(plan, by=approver)

    assert gate_status(programme, Phase.ANCHOR).holds is True
    transition_programme(programme, Phase.COMPLETED, by=consultant)
    assert phase_of(programme) == Phase.COMPLETED
    left = ProgrammePhase.objects.get(programme=programme, phase=Phase.ANCHOR)
    assert (left.gate_overridden, left.override_reason) == (False, "")


def test_the_gate_stays_passed_while_a_later_draft_waits(programme):
    by = drafter(programme)
    approver = steering_member(programme)
    services.approve_plan(ready_plan(programme, by, approver), by=approver)

    services.change_plan(programme, by=by, continuation="Et nyt udkast")

    assert gate_status(programme, Phase.ANCHOR).holds is True


@pytest.mark.cross_tenant
def test_the_gate_check_answers_for_many_programmes_in_one_query(roskilde, herning, count_queries):
    approved = [programme_in_anchor() for _ in range(2)]
    herning_approved = programme_in_anchor("Herning")
    waiting = programme_in_anchor()
    ready_plan(waiting)
    for programme in [*approved, herning_approved]:
        approver = steering_member(programme)
        services.approve_plan(ready_plan(programme, approver=approver), by=approver)
    programmes = [*approved, herning_approved, waiting]

    queries = count_queries(lambda: approved_anchoring_plan_programme_ids(programmes))

    assert queries == 1
    assert approved_anchoring_plan_programme_ids(programmes) == {
        p.pk for p in [*approved, herning_approved]
    }
