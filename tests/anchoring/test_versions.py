"""Approved versions of the anchoring plan stay as approved; differences read in words."""

import pytest
from django.core.exceptions import ValidationError

from anchoring import services
from anchoring.models import AnchoringPlanVersion
from anchoring.versions import diff, readable_items, readable_yield, snapshot

from .factories import (
    add_goal,
    drafter,
    item_values,
    programme_with_groups,
    ready_plan,
    responsible,
    steering_member,
    trial_action,
)


def item(id, title="Ny mødestruktur", **fields):
    return {
        "id": id,
        "source": "other",
        "source_id": None,
        "title": title,
        "mechanisms": ["meeting_structures"],
        "description": "",
        "owner": "Lone Bech",
        "follow_up_on": "2029-03-01",
        **fields,
    }


def yields(**answers):
    return [
        {"statement": s, "answer": answers.get(s, ("", ""))[0], "note": answers.get(s, ("", ""))[1]}
        for s in (
            "citizens_participate",
            "hopes_in_cases",
            "development_activities",
            "prerequisites",
            "principles_in_practice",
            "continuation",
        )
    ]


def content(*items, continuation="Vi fortsætter", dimensions=(), **answers):
    return {
        "continuation": continuation,
        "items": list(items),
        "dimensions": list(dimensions),
        "yield": yields(**answers),
    }


def test_the_same_content_has_no_differences():
    plan = content(item(1))

    assert diff(plan, plan) == []


def test_items_added_removed_and_changed_are_named():
    old = content(item(1, "Mødestruktur"), item(2, "Budget til brobyggere"))
    new = content(
        item(1, "Mødestruktur", mechanisms=["meeting_structures", "budget"], owner="Pia Friis"),
        item(3, "Nøgletal i styregruppen"),
    )

    assert diff(old, new) == [
        "»Budget til brobyggere« er fjernet.",
        "»Mødestruktur«: hvordan det forankres er ændret fra »Mødestrukturer« til "
        "»Mødestrukturer; Budget«.",
        "»Mødestruktur«: ejeren er ændret fra »Lone Bech« til »Pia Friis«.",
        "»Nøgletal i styregruppen« er tilføjet.",
    ]


def test_a_renamed_item_and_a_moved_follow_up_read_as_changes():
    old = content(item(1, "Mødestruktur"))
    new = content(item(1, "Fast mødestruktur", follow_up_on="2029-06-01"))

    assert diff(old, new) == [
        "»Fast mødestruktur«: titlen er ændret fra »Mødestruktur« til »Fast mødestruktur«.",
        "»Fast mødestruktur«: opfølgningen er ændret fra »1. marts 2029« til »1. juni 2029«.",
    ]


def test_the_continuation_dimensions_and_yield_answers_read_from_and_to():
    dimension = {"key": "ledelse", "name": "Ledelse", "reason": "Lav score", "answer": ""}
    old = content(dimensions=[dimension], continuation="")
    new = content(
        dimensions=[{**dimension, "answer": "Ledertræning"}],
        continuation="Driftsgruppe",
        prerequisites=("partly", "Kun i bostøtten"),
    )

    assert diff(old, new) == [
        "Dimensionen »Ledelse«: det, der blev gjort, er ændret fra »–« til »Ledertræning«.",
        "Det videre arbejde er ændret fra »–« til »Driftsgruppe«.",
        "Udbyttet »De organisatoriske forudsætninger forbedres«: svaret er ændret fra »–« til "
        "»Delvist«.",
        "Udbyttet »De organisatoriske forudsætninger forbedres«: noten er ændret fra »–« til "
        "»Kun i bostøtten«.",
    ]


def test_items_read_grouped_by_what_they_anchor():
    groups = readable_items(
        content(
            item(1, "Fri tekst"),
            item(2, "Prøvehandling", source="trial_action", source_id=7),
            item(3, "Mål", source="goal", source_id=9),
        )
    )

    assert [(g.label, [i.title for i in g.items]) for g in groups] == [
        ("Vedtagne prøvehandlinger", ["Prøvehandling"]),
        ("Mål fra udviklingsplanen", ["Mål"]),
        ("Andet, der forankres", ["Fri tekst"]),
    ]
    assert groups[0].items[0].mechanisms == ["Mødestrukturer"]


def test_the_yield_reads_with_its_statements_in_full():
    rows = readable_yield(content(citizens_participate=("yes", "Ved ansættelser")))

    assert len(rows) == 6
    assert rows[0].label == "Borgerne deltager i beslutninger"
    assert rows[0].text.startswith("Borgerne deltager mere aktivt")
    assert (rows[0].answer_label, rows[0].note) == ("Ja", "Ved ansættelser")
    assert rows[1].answer_label == ""


def test_a_snapshot_keeps_the_sources_and_the_owner_by_name(roskilde):
    programme = programme_with_groups()
    by = drafter(programme)
    adopted = trial_action(programme, "Fast opfølgning")
    plan, _added = services.pull_in(programme, by=by)
    goal = add_goal(programme, by, title="Fællesskaber")
    services.add_item(programme, by=by, goal=goal, **item_values(programme, title=""))

    items = snapshot(plan)["items"]

    assert [(i["source"], i["source_id"], i["title"]) for i in items] == [
        ("trial_action", adopted.pk, "Fast opfølgning"),
        ("goal", goal.pk, "Fællesskaber"),
    ]
    assert items[0]["owner"] == responsible(programme).name
    assert (items[0]["mechanisms"], items[1]["mechanisms"]) == (
        [],
        ["procedures", "meeting_structures"],
    )


@pytest.mark.django_db
def test_an_approved_version_cannot_be_changed_and_stays_readable_after_a_new_draft(roskilde):
    programme = programme_with_groups()
    by = drafter(programme)
    approver = steering_member(programme)
    plan = ready_plan(programme, by, approver)
    version = services.approve_plan(plan, by=approver)
    approved = dict(version.content)

    services.change_plan(programme, by=by, continuation="En ny plan for det videre arbejde")
    version.content = {}

    with pytest.raises(ValidationError):
        version.save()
    plan.refresh_from_db()
    assert plan.has_changes is True
    assert AnchoringPlanVersion.objects.get().content == approved
    assert diff(approved, snapshot(plan)) == [
        "Det videre arbejde er ændret fra »Implementeringsgruppen fortsætter som driftsgruppe.« "
        "til »En ny plan for det videre arbejde«."
    ]


def test_changing_the_draft_back_to_the_approved_version_leaves_nothing_to_approve(roskilde):
    programme = programme_with_groups()
    by = drafter(programme)
    approver = steering_member(programme)
    plan = ready_plan(programme, by, approver)
    services.approve_plan(plan, by=approver)
    old = plan.continuation if plan.continuation else None

    services.change_plan(programme, by=by, continuation="Noget andet")
    services.change_plan(
        programme, by=by, continuation=old or "Implementeringsgruppen fortsætter som driftsgruppe."
    )

    plan.refresh_from_db()
    assert plan.has_changes is False
