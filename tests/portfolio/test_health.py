"""Each health rule on facts built by hand: the level it gives and the sentence that says why."""

import datetime
from dataclasses import dataclass, field

from phases.gates import GateItem, GateStatus
from phases.kinds import GateRequirement
from phases.models import Phase
from phases.schedule import PhaseSpan
from phases.selectors import Standing
from portfolio import health
from portfolio.health import GREEN, RED, YELLOW, programme_health

TODAY = datetime.date(2027, 10, 1)
PLAN = GateRequirement("development_plan_approved", "Udviklingsplanen er godkendt af styregruppen.")


def standing(*, phase=Phase.PREPARE, starts_on=None, ends_on=None, holds=False, behind=False):
    starts_on = starts_on or datetime.date(2027, 8, 1)
    ends_on = ends_on or datetime.date(2027, 12, 31)
    window = PhaseSpan(phase, starts_on, ends_on)
    gate = GateStatus(phase, (GateItem(PLAN, met=holds, checkable=True),))
    return Standing(phase, None, window, gate, behind, TODAY)


@dataclass
class Row:
    standing: Standing = field(default_factory=standing)
    programme_id: int = 1
    overdue: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)
    days_since_activity: int | None = 2
    meetings_held: int = 1
    meetings_planned: int = 3


def test_a_programme_with_nothing_to_remark_is_green_without_reasons():
    result = health.health_of(Row())

    assert (result.level, result.reasons) == (GREEN, [])
    assert result.summary == "Grøn: intet at bemærke."


def test_a_programme_past_its_window_without_its_gate_is_red_and_says_when_the_window_ended():
    row = Row(standing=standing(ends_on=datetime.date(2027, 9, 30), behind=True))

    result = health.health_of(row)

    assert result.level == RED
    assert result.reasons == [
        "Forløbet er bagud: vinduet for forberede sluttede 30. september 2027, og fasens port "
        "holder ikke."
    ]


def test_a_gate_not_holding_within_thirty_days_of_the_window_end_is_yellow_naming_what_is_missing():
    row = Row(standing=standing(ends_on=TODAY + datetime.timedelta(days=30)))

    result = health.health_of(row)

    assert result.level == YELLOW
    assert result.reasons == [
        "Fasen forberede slutter om 30 dage, og porten holder ikke endnu: "
        "Udviklingsplanen er godkendt af styregruppen."
    ]


def test_a_gate_not_holding_further_from_the_window_end_or_a_holding_gate_is_no_reason():
    far = Row(standing=standing(ends_on=TODAY + datetime.timedelta(days=31)))
    holds = Row(standing=standing(ends_on=TODAY + datetime.timedelta(days=3), holds=True))

    assert health.gate_near_window_end(far) is None
    assert health.gate_near_window_end(holds) is None


def test_one_overdue_item_is_yellow_and_five_are_red_each_kind_named():
    one = Row(overdue={"communication": 1, "follow_ups": 0, "evaluations": 0})
    five = Row(overdue={"communication": 2, "follow_ups": 0, "evaluations": 3})

    assert health.health_of(one).level == YELLOW
    assert health.health_of(one).reasons == [
        "1 opgave er overskredet: 1 kommunikationsaktiviteter."
    ]
    assert health.health_of(five).level == RED
    assert health.health_of(five).reasons == [
        "5 opgaver er overskredet: 2 kommunikationsaktiviteter og "
        "3 evalueringer af prøvehandlinger."
    ]


def test_composition_warnings_make_a_programme_yellow_and_are_counted():
    row = Row(warnings=["Styregruppen mangler en direktør.", "Ingen borgerrepræsentant."])

    result = health.health_of(row)

    assert result.level == YELLOW
    assert result.reasons == ["Organiseringen har 2 advarsler om sammensætningen."]


def test_thirty_quiet_days_are_yellow_and_sixty_red():
    assert health.quiet(Row(days_since_activity=29)) is None
    assert health.health_of(Row(days_since_activity=30)).level == YELLOW
    assert health.health_of(Row(days_since_activity=60)).level == RED
    assert health.health_of(Row(days_since_activity=60)).reasons == [
        "Der er ikke sket noget i forløbet i 60 dage."
    ]


def test_no_meeting_held_after_half_the_window_is_yellow_but_not_before():
    # The window from 1 August to 31 December 2027 is 41 % gone on 1 October.
    early = Row(meetings_held=0, meetings_planned=3)
    late = Row(
        standing=standing(starts_on=datetime.date(2027, 8, 1), ends_on=datetime.date(2027, 11, 1)),
        meetings_held=0,
        meetings_planned=3,
    )

    assert health.meetings_not_held(early) is None
    assert health.health_of(late).level == YELLOW
    assert health.health_of(late).reasons == [
        "Ingen af fasens 3 planlagte møder er holdt, og 67 % af fasens vindue er gået."
    ]


def test_the_worst_level_wins_and_every_reason_is_kept_in_the_rules_order():
    row = Row(
        standing=standing(ends_on=datetime.date(2027, 9, 30), behind=True),
        warnings=["En advarsel."],
        days_since_activity=40,
    )

    result = health.health_of(row)

    assert result.level == RED
    assert len(result.reasons) == 3
    assert result.reasons[0].startswith("Forløbet er bagud")
    assert result.summary.startswith("Rød: Forløbet er bagud")


def test_a_completed_programme_is_green_whatever_else_is_true():
    completed = Standing(Phase.COMPLETED, None, None, GateStatus(None, ()), False, TODAY)

    result = health.health_of(Row(standing=completed, days_since_activity=400))

    assert (result.level, result.reasons) == (GREEN, [])


def test_programme_health_answers_per_programme_id():
    rows = [Row(programme_id=7), Row(programme_id=8, days_since_activity=90)]

    result = programme_health(rows)

    assert {pk: h.level for pk, h in result.items()} == {7: GREEN, 8: RED}
