"""A programme moves through its phases by one transition function, gate by gate."""

import pytest
from django.urls import reverse

from phases import kinds
from phases.models import Phase, ProgrammePhase
from phases.selectors import phase_of, standing
from phases.services import move_programme, transition_programme
from programmes.errors import DomainError
from programmes.models import ActivityEntry, ProgrammeGroup
from tests.factories import AdministratorFactory, ConsultantFactory, ProgrammeFactory


def phases_entered(programme):
    return list(ProgrammePhase.objects.filter(programme=programme).values_list("phase", "ended_at"))


def moves(programme):
    return list(
        ActivityEntry.objects.filter(programme=programme, action="phases.moved")
        .order_by("id")
        .values_list("data", flat=True)
    )


def test_approval_of_the_enrolment_starts_forberede(started_programme, consultant):
    records = ProgrammePhase.objects.filter(programme=started_programme).order_by("id")

    assert [r.phase for r in records] == [Phase.ENROL, Phase.PREPARE]
    assert records[0].ended_at is not None and records[1].ended_at is None
    assert records[1].started_by == consultant
    assert phase_of(started_programme) == Phase.PREPARE
    assert [(m["from"], m["to"]) for m in moves(started_programme)] == [
        ("", Phase.ENROL),
        (Phase.ENROL, Phase.PREPARE),
    ]


def test_approval_makes_the_implementation_group_beside_the_steering_group(started_programme):
    kinds_made = set(started_programme.groups.values_list("kind", flat=True))

    assert kinds_made == {ProgrammeGroup.Kind.STEERING, ProgrammeGroup.Kind.IMPLEMENTATION}


def test_a_blocked_gate_refuses_the_move_without_a_reason(started_programme, consultant):
    with pytest.raises(DomainError) as refused:
        move_programme(started_programme, Phase.DEVELOP, by=consultant)

    assert refused.value.field == "reason"
    assert "Udviklingsplanen er godkendt af styregruppen" in refused.value.message
    assert phase_of(started_programme) == Phase.PREPARE


def test_a_passed_gate_lets_the_consultant_move_on_without_a_reason(
    started_programme, consultant, plan_approved
):
    plan_approved.approve(started_programme)

    move_programme(started_programme, Phase.DEVELOP, by=consultant)

    assert phase_of(started_programme) == Phase.DEVELOP
    left = ProgrammePhase.objects.get(programme=started_programme, phase=Phase.PREPARE)
    assert (left.gate_overridden, left.override_reason) == (False, "")
    assert moves(started_programme)[-1]["overridden"] is False


def test_an_overridden_gate_keeps_the_written_reason_and_the_page_shows_it(
    started_programme, consultant, client_for
):
    move_programme(
        started_programme, Phase.DEVELOP, by=consultant, reason="Planen godkendes på mødet 3/2."
    )

    left = ProgrammePhase.objects.get(programme=started_programme, phase=Phase.PREPARE)
    assert left.gate_overridden is True
    assert left.override_reason == "Planen godkendes på mødet 3/2."
    assert moves(started_programme)[-1]["note"] == "Planen godkendes på mødet 3/2."
    page = client_for(consultant).get(
        reverse("programmes:programme_detail", args=[started_programme.pk])
    )
    body = page.content.decode()
    assert "selv om porten ikke var opfyldt" in body
    assert "Planen godkendes på mødet 3/2." in body


def test_a_programme_moves_only_to_its_next_phase(started_programme, consultant, plan_approved):
    plan_approved.approve(started_programme)

    with pytest.raises(DomainError) as refused:
        move_programme(started_programme, Phase.ANCHOR, by=consultant, reason="Spring over")

    assert "kan kun gå videre til Udvikle" in refused.value.message
    assert phase_of(started_programme) == Phase.PREPARE


def test_moving_twice_to_the_same_phase_changes_nothing_the_second_time(
    started_programme, consultant, plan_approved
):
    plan_approved.approve(started_programme)
    move_programme(started_programme, Phase.DEVELOP, by=consultant)
    logged = len(moves(started_programme))

    move_programme(started_programme, Phase.DEVELOP, by=consultant)

    assert len(moves(started_programme)) == logged
    assert ProgrammePhase.objects.filter(programme=started_programme).count() == 3


def test_the_last_gate_completes_the_programme_and_nothing_comes_after(
    started_programme, consultant
):
    for phase in (Phase.DEVELOP, Phase.ANCHOR, Phase.COMPLETED):
        move_programme(started_programme, phase, by=consultant, reason="Aftalt med kommunen.")

    assert phase_of(started_programme) == Phase.COMPLETED
    assert standing(started_programme).is_completed
    with pytest.raises(DomainError, match="afsluttet"):
        transition_programme(started_programme, Phase.ENROL, by=consultant)


def test_only_the_programmes_consultant_or_an_administrator_moves_it(
    started_programme, roskilde_coordinator
):
    for outsider in (ConsultantFactory(), roskilde_coordinator):
        with pytest.raises(DomainError, match="Kun forløbets konsulent"):
            move_programme(started_programme, Phase.DEVELOP, by=outsider, reason="x")

    move_programme(started_programme, Phase.DEVELOP, by=AdministratorFactory(), reason="x")
    assert phase_of(started_programme) == Phase.DEVELOP


def test_the_coordinator_gets_403_posting_a_move(started_programme, client_for, roskilde):
    coordinator = started_programme.coordinator

    response = client_for(coordinator).post(
        reverse("phases:programme_move", args=[started_programme.pk]),
        {"to": Phase.DEVELOP, "reason": "Vi er klar"},
    )

    assert response.status_code == 403
    assert phase_of(started_programme) == Phase.PREPARE


def test_the_move_form_refuses_a_blocked_gate_with_the_reason_asked_for(
    started_programme, consultant, client_for
):
    client = client_for(consultant)
    url = reverse("phases:programme_move", args=[started_programme.pk])

    response = client.post(url, {"to": Phase.DEVELOP, "reason": "  "}, follow=True)

    assert phase_of(started_programme) == Phase.PREPARE
    assert "Skriv en begrundelse" in response.content.decode()

    client.post(url, {"to": Phase.DEVELOP, "reason": "Aftalt på styregruppemødet."})
    assert phase_of(started_programme) == Phase.DEVELOP


def test_a_bad_phase_in_the_move_form_is_refused_without_a_500(
    started_programme, consultant, client_for
):
    response = client_for(consultant).post(
        reverse("phases:programme_move", args=[started_programme.pk]),
        {"to": "udvikle\x00", "reason": "x"},
        follow=True,
    )

    assert response.status_code == 200
    assert phase_of(started_programme) == Phase.PREPARE


def test_the_gate_is_read_from_the_kinds_template_not_the_transition_code(monkeypatch, consultant):
    """A kind is data: a template with other phases and gates is obeyed as it is declared."""
    programme = ProgrammeFactory(phase=Phase.ENROL)
    short = kinds.KindTemplate(
        kind=programme.kind,
        start=Phase.PREPARE,
        standing_groups=(),
        windows=kinds.half_year_windows,
        phases=(
            kinds.PhaseTemplate(Phase.ENROL, "x"),
            kinds.PhaseTemplate(Phase.PREPARE, "x", gate=()),
            kinds.PhaseTemplate(Phase.COMPLETED, "x"),
        ),
    )
    monkeypatch.setitem(kinds.TEMPLATES, programme.kind, short)

    move_programme(programme, Phase.PREPARE, by=consultant)
    move_programme(programme, Phase.COMPLETED, by=consultant)  # no gate: no reason needed

    assert phase_of(programme) == Phase.COMPLETED
