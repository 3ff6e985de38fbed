"""The versioned plan (`programmes.versioning`) on its own: reading and comparing snapshots,
the draft's bookkeeping, the approval, the shared queries and the diff page.

The mechanism is driven here with the development plan's models but with snapshots of its
own, so these tests hold whatever `plans` puts in its content.
"""

import contextlib
import datetime
import threading

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.db import connection
from django_scopes import scopes_disabled

from anchoring.models import AnchoringPlan, AnchoringPlanVersion
from plans.activity import Action
from plans.models import DevelopmentPlan, PlanVersion
from programmes.errors import DomainError
from programmes.models import ActivityEntry, Principle
from programmes.versioning.content import (
    EMPTY,
    changed_fields,
    choice_label,
    day_text,
    iso_day,
    match_items,
    shown_text,
    text_change,
)
from programmes.versioning.models import ApprovedVersion, VersionedDraft
from programmes.versioning.selectors import (
    approved_programme_ids,
    approved_version,
    approved_versions,
    draft_state,
    drafts_awaiting_approval,
)
from programmes.versioning.services import (
    approve_draft,
    latest_version,
    lock_draft,
    note_change,
    nothing_new_to_approve,
    text_digest,
)
from programmes.versioning.views import DRAFT, approve_and_tell, diff_context, version_number
from tests.factories import member
from tests.plans.factories import programme_with_groups, steering_member

# Reading and comparing snapshots -------------------------------------------------------


def test_a_choice_is_named_in_the_readers_language_and_an_unknown_code_stays_as_it_is():
    assert choice_label(Principle, 1) == str(Principle(1).label)
    assert choice_label(Principle, 99) == "99"


def test_a_snapshots_date_reads_as_a_date_and_anything_else_as_itself():
    assert iso_day("2028-03-01") == datetime.date(2028, 3, 1)
    assert [iso_day(value) for value in ("", None, "1. marts")] == [None, None, None]
    assert day_text("2028-03-01") == "1. marts 2028"
    assert (day_text("snart"), day_text(""), day_text(None)) == ("snart", EMPTY, EMPTY)


def test_a_shown_text_has_no_surrounding_blanks_and_nothing_shows_as_the_dash():
    assert shown_text("  Indledning \n") == "Indledning"
    assert [shown_text(value) for value in ("", "  ", None)] == [EMPTY, EMPTY, EMPTY]


def test_a_text_change_is_one_sentence_with_both_texts_and_none_when_they_read_the_same():
    sentence = "»%(name)s« er ændret fra »%(before)s« til »%(after)s«."

    assert text_change(sentence, "Gammel ", "Gammel", name="A") == []
    assert text_change(sentence, "", "Ny", name="A") == [f"»A« er ændret fra »{EMPTY}« til »Ny«."]


def test_items_are_paired_by_id_the_removed_first_then_the_new_order():
    old = [{"id": 1, "title": "A"}, {"id": 2, "title": "B"}, {"id": 3, "title": "C"}]
    new = [{"id": 3, "title": "C"}, {"id": 4, "title": "D"}, {"id": 1, "title": "A omdøbt"}]

    assert match_items(old, new) == [
        ({"id": 2, "title": "B"}, None),
        ({"id": 3, "title": "C"}, {"id": 3, "title": "C"}),
        (None, {"id": 4, "title": "D"}),
        ({"id": 1, "title": "A"}, {"id": 1, "title": "A omdøbt"}),
    ]


def test_items_without_ids_are_paired_by_title():
    assert match_items([{"title": "A"}, {"title": "B"}], [{"title": "B"}]) == [
        ({"title": "A"}, None),
        ({"title": "B"}, {"title": "B"}),
    ]


def test_only_the_fields_whose_text_differs_are_changed_in_their_order():
    old = [("titlen", "A"), ("ejeren", "Lone"), ("fristen", "1. marts 2028")]
    new = [("titlen", "A"), ("ejeren", "Pia"), ("fristen", "1. april 2028")]

    assert list(changed_fields(old, new)) == [
        ("ejeren", "Lone", "Pia"),
        ("fristen", "1. marts 2028", "1. april 2028"),
    ]


# The draft's bookkeeping ----------------------------------------------------------------


def test_a_text_digest_is_short_and_tells_two_texts_apart():
    assert len(text_digest("Indledning")) == 16
    assert text_digest("Indledning") == text_digest("Indledning")
    assert text_digest("Indledning") != text_digest("Indledning.")
    assert text_digest(None) == text_digest("")


@pytest.fixture
def programme(roskilde):
    return programme_with_groups()


@pytest.fixture
def plan(programme):
    return DevelopmentPlan.objects.create(programme=programme, introduction="Første")


def introduction(plan) -> dict:
    """The test's own snapshot of a draft."""
    return {"introduction": plan.introduction}


def no_problem(content, locked, latest):
    return None


def approve(plan, by, snapshot=introduction, problem=no_problem):
    return approve_draft(plan, by=by, snapshot=snapshot, problem=problem, action=Action.APPROVED)


def test_the_locked_draft_is_read_again_from_its_row(plan):
    DevelopmentPlan.objects.filter(pk=plan.pk).update(introduction="Skrevet af en anden")

    locked = lock_draft(plan)

    assert (type(locked), locked.introduction) == (DevelopmentPlan, "Skrevet af en anden")


def test_a_change_marks_the_draft_changed_until_it_says_what_the_latest_version_says(
    plan, programme
):
    by = steering_member(programme)
    never = lambda draft: pytest.fail("no version to compare with")  # noqa: E731
    plan.has_changes = False
    with time_machine.travel(datetime.datetime(2028, 2, 1, 10, 0, tzinfo=datetime.UTC)):
        note_change(plan, never)
    assert (plan.has_changes, plan.updated_at.date()) == (True, datetime.date(2028, 2, 1))

    approve(plan, by)
    plan.introduction = "Anden"
    note_change(plan, introduction)
    changed = DevelopmentPlan.objects.get(pk=plan.pk).has_changes
    plan.introduction = "Første"
    note_change(plan, introduction)

    assert (changed, DevelopmentPlan.objects.get(pk=plan.pk).has_changes) == (True, False)


def test_nothing_new_is_refused_with_the_latest_versions_number(plan, programme):
    version = approve(plan, steering_member(programme))
    same, other = {"introduction": "Første"}, {"introduction": "Anden"}
    refusal = "Udkastet er det samme som den godkendte version 1. Der er intet nyt at godkende."

    assert nothing_new_to_approve(same, None) is None
    assert nothing_new_to_approve(same, version) == refusal
    assert nothing_new_to_approve(other, version) is None
    assert nothing_new_to_approve(other, version, has_changes=False) == refusal


def test_approval_freezes_the_snapshot_as_the_next_number_with_one_entry(plan, programme):
    by = steering_member(programme, full_name="Sanne Styregruppe")
    seen = []

    def problem(content, locked, latest):
        seen.append((content, locked.pk, latest))
        return None

    first = approve(plan, by, problem=problem)
    frozen = DevelopmentPlan.objects.get(pk=plan.pk).has_changes
    plan.introduction, plan.has_changes = "Anden", True
    plan.save()
    second = approve(plan, by, problem=problem)

    assert (first.number, second.number) == (1, 2)
    assert (first.content, second.content) == (
        {"introduction": "Første"},
        {"introduction": "Anden"},
    )
    assert (second.approved_by, second.plan_id) == (by, plan.pk)
    assert seen == [({"introduction": "Første"}, plan.pk, None), (second.content, plan.pk, first)]
    assert (frozen, plan.has_changes) == (False, False)
    assert DevelopmentPlan.objects.get(pk=plan.pk).has_changes is False
    assert latest_version(plan) == second
    entries = ActivityEntry.objects.filter(action=Action.APPROVED).order_by("id")
    assert [entry.data for entry in entries] == [
        {"number": 1, "version": first.pk},
        {"number": 2, "version": second.pk},
    ]


def test_a_refused_approval_writes_nothing(plan, programme):
    with pytest.raises(DomainError) as refused:
        approve(plan, steering_member(programme), problem=lambda *args: "Planen mangler mål.")

    assert refused.value.message == "Planen mangler mål."
    assert (latest_version(plan), ActivityEntry.objects.filter(action=Action.APPROVED).count()) == (
        None,
        0,
    )
    assert DevelopmentPlan.objects.get(pk=plan.pk).has_changes is True


def test_an_approved_version_cannot_be_saved_again(plan, programme):
    version = approve(plan, steering_member(programme))
    version.content = {"introduction": "Ændret bagefter"}

    with pytest.raises(ValidationError):
        version.save()

    assert PlanVersion.objects.get(pk=version.pk).content == {"introduction": "Første"}


@pytest.mark.parametrize(
    ("draft_model", "version_model"),
    [(DevelopmentPlan, PlanVersion), (AnchoringPlan, AnchoringPlanVersion)],
)
def test_every_plan_kind_is_a_versioned_draft_whose_versions_are_its_approved_versions(
    draft_model, version_model
):
    assert issubclass(draft_model, VersionedDraft)
    assert issubclass(version_model, ApprovedVersion)
    assert draft_model.versions.rel.related_model is version_model
    assert version_model._meta.get_field("plan").related_model is draft_model


# The shared queries ---------------------------------------------------------------------


def test_a_draft_stands_not_approved_approved_or_changed(plan, programme):
    assert draft_state(None, None) == {"code": "not_approved", "latest": None}
    assert draft_state(plan, None)["code"] == "not_approved"
    version = approve(plan, steering_member(programme))
    assert draft_state(plan, version) == {"code": "approved", "latest": version}
    plan.has_changes = True
    assert draft_state(plan, version) == {"code": "changed", "latest": version}


def test_the_approved_versions_are_newest_first_without_their_content(plan, programme):
    by = steering_member(programme)
    reader = member("Roskilde")
    assert approved_versions(None, reader) == []
    assert approved_versions(DevelopmentPlan(programme=programme), reader) == []
    first = approve(plan, by)
    plan.introduction = "Anden"
    plan.save()
    second = approve(plan, by)

    versions = approved_versions(plan, reader)

    assert versions == [second, first]
    assert "content" in versions[0].get_deferred_fields()
    assert approved_version(PlanVersion, programme, reader, 1) == first
    assert approved_version(PlanVersion, programme, reader, 3) is None


def test_another_municipalitys_reader_finds_no_version(plan, programme, herning_coordinator):
    approve(plan, steering_member(programme))

    assert approved_version(PlanVersion, programme, herning_coordinator, 1) is None


def test_the_programmes_with_an_approved_version_in_one_query(plan, programme, count_queries):
    other = programme_with_groups()
    approve(plan, steering_member(programme))

    assert approved_programme_ids(PlanVersion, []) == set()
    assert count_queries(lambda: approved_programme_ids(PlanVersion, [programme, other])) == 1
    assert approved_programme_ids(PlanVersion, [programme, other]) == {programme.pk}


def test_a_steering_member_awaits_the_drafts_with_content_and_changes(programme, roskilde):
    by = steering_member(programme)
    empty = DevelopmentPlan.objects.create(programme=programme)
    waiting = drafts_awaiting_approval(DevelopmentPlan, by, roskilde, holding="goals")
    empty.goals.create(title="Mål", evaluation_kind="criterion", criterion="Set")
    with_goal = drafts_awaiting_approval(DevelopmentPlan, by, roskilde, holding="goals")
    stranger = drafts_awaiting_approval(
        DevelopmentPlan, member("Roskilde"), roskilde, holding="goals"
    )

    assert (waiting, with_goal, stranger) == ([], [empty], [])


# The pages ------------------------------------------------------------------------------


def test_a_version_number_in_an_address_is_a_whole_number_from_one():
    assert [version_number(value) for value in ("3", "0", "-1", "x", None, "2.5")] == [
        3,
        None,
        None,
        None,
        None,
        None,
    ]


def request_for(rf, user, query=""):
    request = rf.get(f"/forskelle/{query}")
    request.user = user
    request._messages = CookieStorage(request)
    return request


def words(old, new):
    return [f"{old['introduction']} → {new['introduction']}"]


def test_the_diff_page_compares_the_latest_version_with_the_draft_by_default(rf, plan, programme):
    by = steering_member(programme)
    reader = member("Roskilde")

    def context(query=""):
        return diff_context(
            request_for(rf, reader, query),
            programme,
            plan,
            snapshot=introduction,
            diff=words,
            none_yet="Ingen version endnu.",
        )

    assert context()["error"] == "Ingen version endnu."
    approve(plan, by)
    plan.introduction = "Anden"
    plan.save()
    approve(plan, by)
    plan.introduction = "Tredje"
    plan.save()

    default, between, before_two = context(), context("?fra=1&til=2"), context("?til=2")
    missing = context("?fra=9")

    assert (default["fra"], default["til"], default["differences"]) == (
        2,
        DRAFT,
        ["Anden → Tredje"],
    )
    assert between["differences"] == before_two["differences"] == ["Første → Anden"]
    assert missing["error"] == (
        "Vælg to versioner, der findes: en godkendt version fra 1 til 2, eller udkastet."
    )
    assert [version.number for version in default["versions"]] == [2, 1]


def test_an_approval_tells_the_new_number_or_the_refusal(rf, plan, programme):
    by = steering_member(programme)
    request = request_for(rf, by)

    def approve_plan(draft, *, by):
        return approve(draft, by, problem=lambda content, locked, latest: latest and "Intet nyt.")

    approve_and_tell(request, plan, approve_plan, "Godkendt som version %(number)s.")
    approve_and_tell(request, plan, approve_plan, "Godkendt som version %(number)s.")

    assert [(m.level_tag, m.message) for m in get_messages(request)] == [
        ("success", "Godkendt som version 1."),
        ("error", "Intet nyt."),
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_approvals_at_the_same_moment_make_one_version_and_one_refusal(roskilde):
    """Two steering members press "Godkend" at once: the draft's row lock lets the second
    see the first's version and refuse, instead of both numbering the same version."""
    with scopes_disabled():
        programme = programme_with_groups()
        by = steering_member(programme)
        plan = DevelopmentPlan.objects.create(programme=programme, introduction="Første")
    barrier = threading.Barrier(2)
    outcomes = []

    def problem(content, locked, latest):
        # Both get here together only when nothing holds the row.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=2)
        return nothing_new_to_approve(content, latest, has_changes=locked.has_changes)

    def approve():
        try:
            with scopes_disabled():
                approve_draft(
                    DevelopmentPlan.objects.get(pk=plan.pk),
                    by=by,
                    snapshot=lambda p: {"introduction": p.introduction},
                    problem=problem,
                    action=Action.APPROVED,
                )
            outcomes.append("version")
        except Exception as error:  # noqa: BLE001 (the outcome is what the test reads)
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["DomainError", "version"], outcomes
    with scopes_disabled():
        assert PlanVersion.objects.count() == 1
