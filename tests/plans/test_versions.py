"""Approved versions of the development plan stay as approved; differences read in words."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans import services
from plans.models import DevelopmentPlan, PlanVersion
from plans.versions import diff, readable, snapshot
from programmes.models import ActivityEntry

from .factories import (
    add_goal,
    add_sub_goal,
    drafter,
    programme_with_groups,
    ready_plan,
    responsible,
    steering_member,
)

pytestmark = pytest.mark.django_db


def sub(id, title="Skabelon", **fields):
    return {
        "id": id,
        "title": title,
        "responsible": "Lone Bech",
        "starts_on": "2028-01-01",
        "due_on": "2028-03-01",
        "status": "planned",
        **fields,
    }


def goal(id, title="Håb og drømme", sub_goals=(), **fields):
    return {
        "id": id,
        "title": title,
        "description": "",
        "purposes": [1],
        "principles": [1],
        "evaluation": {
            "kind": "criterion",
            "indicator": "",
            "unit": "",
            "target": "",
            "criterion": "Otte af ti",
        },
        "sub_goals": list(sub_goals),
        **fields,
    }


def content(*goals, introduction="Indledning"):
    return {"introduction": introduction, "goals": list(goals)}


def test_the_same_content_has_no_differences():
    plan = content(goal(1, sub_goals=[sub(10)]))

    assert diff(plan, plan) == []


def test_a_goal_added_and_a_goal_removed_are_named():
    old = content(goal(1, "Håb og drømme"), goal(2, "Fællesskaber"))
    new = content(goal(1, "Håb og drømme"), goal(3, "Færre på botilbud"))

    assert diff(old, new) == [
        "Målet »Fællesskaber« er fjernet.",
        "Målet »Færre på botilbud« er tilføjet.",
    ]


def test_a_renamed_goal_is_changed_not_removed_and_added():
    old = content(goal(1, "Håb og drømme"))
    new = content(goal(1, "Borgerens håb og drømme"))

    assert diff(old, new) == [
        "Målet »Borgerens håb og drømme«: titlen er ændret fra »Håb og drømme« til "
        "»Borgerens håb og drømme«."
    ]


def test_changed_fields_read_from_and_to_with_their_labels():
    old = content(goal(1, purposes=[1], principles=[1]))
    new = content(
        goal(
            1,
            purposes=[1, 2],
            principles=[1],
            evaluation={
                "kind": "indicator",
                "indicator": "Borgere på botilbud",
                "unit": "antal",
                "target": "10 % færre",
                "criterion": "",
            },
        ),
        introduction="Ny indledning",
    )

    assert diff(old, new) == [
        "Indledningen er ændret fra »Indledning« til »Ny indledning«.",
        "Målet »Håb og drømme«: formålene er ændret fra »Bedre trivsel, sundhed og mestring "
        "hos borgerne« til »Bedre trivsel, sundhed og mestring hos borgerne; Flere borgere er "
        "aktive i almene fællesskaber«.",
        "Målet »Håb og drømme«: evalueringen er ændret fra »Kriteriet: Otte af ti« til "
        "»Nøgletallet »Borgere på botilbud« med målet 10 % færre«.",
    ]


def test_sub_goals_added_removed_and_changed_are_named_under_their_goal():
    old = content(goal(1, sub_goals=[sub(10, "Skabelon"), sub(11, "Træning")]))
    new = content(
        goal(
            1,
            sub_goals=[
                sub(10, "Skabelon", due_on="2028-04-01", status="in_progress"),
                sub(12, "Gennemgang"),
            ],
        )
    )

    assert diff(old, new) == [
        "Målet »Håb og drømme«: delmålet »Træning« er fjernet.",
        "Målet »Håb og drømme«, delmålet »Skabelon«: fristen er ændret fra »1. marts 2028« "
        "til »1. april 2028«.",
        "Målet »Håb og drømme«, delmålet »Skabelon«: status er ændret fra »Planlagt« til »I gang«.",
        "Målet »Håb og drømme«: delmålet »Gennemgang« er tilføjet.",
    ]


def test_contents_without_ids_are_matched_by_title():
    old = {"goals": [{"title": "A", "sub_goals": []}]}
    new = {"goals": [{"title": "A", "sub_goals": [{"title": "a1", "status": "done"}]}]}

    assert diff(old, new) == ["Målet »A«: delmålet »a1« er tilføjet."]


def test_a_snapshot_holds_the_plan_as_it_is():
    programme = programme_with_groups()
    by = drafter(programme)
    services.change_introduction(programme, by=by, introduction="Hvorfor vi omlægger")
    goal_row = add_goal(programme, by, title="Håb og drømme", purposes=[2, 1], principles=[3])
    sub_goal = add_sub_goal(goal_row, by, title="Skabelon")

    taken = snapshot(goal_row.plan)

    assert taken == {
        "introduction": "Hvorfor vi omlægger",
        "goals": [
            {
                "id": goal_row.pk,
                "title": "Håb og drømme",
                "description": "",
                "purposes": [1, 2],
                "principles": [3],
                "evaluation": {
                    "kind": "criterion",
                    "indicator": "",
                    "unit": "",
                    "target": "",
                    "criterion": "Otte af ti nye handleplaner har borgerens egne mål.",
                },
                "sub_goals": [
                    {
                        "id": sub_goal.pk,
                        "title": "Skabelon",
                        "responsible": responsible(programme).name,
                        "starts_on": sub_goal.starts_on.isoformat(),
                        "due_on": sub_goal.due_on.isoformat(),
                        "status": "planned",
                    }
                ],
            }
        ],
    }
    assert [g.title for g in readable(taken)] == ["Håb og drømme"]
    assert readable(taken)[0].sub_goals[0].number == "1.1"


def test_approve_edit_approve_again_keeps_version_one_as_it_was(client_for):
    programme = programme_with_groups()
    by = drafter(programme)
    approver = steering_member(programme, full_name="Sanne Styregruppe")
    goal_row = add_goal(programme, by, title="Håb og drømme")
    sub_goal = add_sub_goal(
        goal_row,
        by,
        title="Skabelon",
        starts_on=datetime.date(2028, 1, 1),
        due_on=datetime.date(2028, 3, 1),
    )
    plan = goal_row.plan
    first = services.approve_plan(plan, by=approver)
    kept = PlanVersion.objects.get(pk=first.pk).content

    services.change_sub_goal(
        sub_goal,
        by=by,
        title=sub_goal.title,
        responsible=sub_goal.responsible,
        starts_on=sub_goal.starts_on,
        due_on=datetime.date(2028, 3, 15),
        status="in_progress",
    )
    plan.refresh_from_db()
    assert plan.has_changes is True
    second = services.approve_plan(plan, by=approver)

    assert (first.number, second.number) == (1, 2)
    assert PlanVersion.objects.get(pk=first.pk).content == kept
    assert second.approved_by == approver
    assert diff(first.content, second.content) == [
        "Målet »Håb og drømme«, delmålet »Skabelon«: fristen er ændret fra »1. marts 2028« "
        "til »15. marts 2028«.",
        "Målet »Håb og drømme«, delmålet »Skabelon«: status er ændret fra »Planlagt« til »I gang«.",
    ]

    client = client_for(approver)
    version_one = client.get(
        reverse("plans:version_detail", kwargs={"programme_pk": programme.pk, "version_number": 1})
    ).content.decode()
    assert "Planlagt" in version_one and "I gang" not in version_one
    assert "Sanne Styregruppe" in version_one
    page = client.get(
        reverse("plans:version_diff", kwargs={"programme_pk": programme.pk}) + "?fra=1&til=2"
    ).content.decode()
    assert "status er ændret fra »Planlagt« til »I gang«" in page


def test_an_approved_version_cannot_be_changed():
    programme = programme_with_groups()
    plan = ready_plan(programme, drafter(programme))
    version = services.approve_plan(plan, by=steering_member(programme))

    version.content = {"introduction": "Ændret bagefter", "goals": []}
    with pytest.raises(ValidationError):
        version.save()

    assert PlanVersion.objects.get(pk=version.pk).content["goals"]


def test_a_change_marks_the_draft_changed_and_changing_it_back_does_not():
    programme = programme_with_groups()
    by = drafter(programme)
    plan = ready_plan(programme, by)
    services.approve_plan(plan, by=steering_member(programme))

    services.change_introduction(programme, by=by, introduction="Ny indledning")
    assert DevelopmentPlan.objects.get(pk=plan.pk).has_changes is True

    services.change_introduction(programme, by=by, introduction="")
    assert DevelopmentPlan.objects.get(pk=plan.pk).has_changes is False


def test_an_unchanged_save_changes_nothing_and_logs_nothing():
    programme = programme_with_groups()
    by = drafter(programme)
    goal_row = add_goal(programme, by)
    sub_goal = add_sub_goal(goal_row, by)
    services.change_introduction(programme, by=by, introduction="Indledning")
    logged = ActivityEntry.objects.count()

    services.change_introduction(programme, by=by, introduction="Indledning\r\n")
    services.change_goal(
        goal_row,
        by=by,
        title=goal_row.title,
        description=goal_row.description,
        purposes=goal_row.purposes,
        principles=list(reversed(goal_row.principles)),
        evaluation_kind=goal_row.evaluation_kind,
        indicator=None,
        target="",
        criterion=goal_row.criterion,
    )
    services.change_sub_goal(
        sub_goal,
        by=by,
        title=sub_goal.title,
        responsible=sub_goal.responsible,
        starts_on=sub_goal.starts_on,
        due_on=sub_goal.due_on,
        status=sub_goal.status,
    )

    assert ActivityEntry.objects.count() == logged


def test_each_change_to_the_draft_is_one_entry_in_the_plans_history():
    programme = programme_with_groups()
    by = drafter(programme)
    goal_row = add_goal(programme, by, title="Håb og drømme")
    sub_goal = add_sub_goal(goal_row, by, title="Skabelon")
    services.remove_sub_goal(sub_goal, by=by)
    services.remove_goal(goal_row, by=by)

    actions = list(
        ActivityEntry.objects.filter(programme=programme)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "plans.goal_added",
        "plans.sub_goal_added",
        "plans.sub_goal_removed",
        "plans.goal_removed",
    ]
    messages = [e.message for e in ActivityEntry.objects.filter(programme=programme).order_by("id")]
    assert messages[1] == "Delmålet »Skabelon« er føjet til målet »Håb og drømme«."
