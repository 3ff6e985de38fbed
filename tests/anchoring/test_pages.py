"""The anchoring plan's pages: who drafts and answers, what the forms refuse, versions and
differences, the panel, the queries of the plan page, and Herning's 404."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from anchoring import services
from anchoring.models import AnchoredItem, DimensionAnswer, YieldAnswer
from phases.models import Phase
from programmes.errors import DomainError
from programmes.models import ActivityEntry
from tests.factories import ConsultantFactory, member

from .factories import (
    add_goal,
    all_yes,
    drafter,
    item_values,
    programme_in_anchor,
    ready_plan,
    responsible,
    steering_member,
    trial_action,
)


def url(name, programme, **kwargs):
    return reverse(f"anchoring:{name}", kwargs={"programme_pk": programme.pk, **kwargs})


def item_post(programme, **overrides):
    data = {
        "goal": "",
        "title": "Ny mødestruktur",
        "mechanisms": ["meeting_structures", "key_figures"],
        "description": "Fast punkt på teammødet.",
        "owner": str(responsible(programme).pk),
        "follow_up_on_day": "1",
        "follow_up_on_month": "3",
        "follow_up_on_year": "2030",
    }
    data.update(overrides)
    return data


@dataclass(frozen=True)
class Flagged:
    key: str
    name: str
    reason: str


@pytest.fixture
def programme(roskilde):
    return programme_in_anchor()


@pytest.fixture
def flagged(monkeypatch):
    """The temperature measurement flags one dimension."""
    dimensions = [Flagged("ledelse", "Ledelse og prioritering", "Lav score i første måling.")]
    monkeypatch.setattr("anchoring.selectors.flagged_dimensions", lambda programme: dimensions)
    monkeypatch.setattr("anchoring.services.flagged_dimensions", lambda programme: dimensions)
    monkeypatch.setattr("anchoring.versions.flagged_dimensions", lambda programme: dimensions)
    return dimensions


def test_the_plan_page_groups_items_by_what_they_anchor(programme, client_for):
    by = drafter(programme)
    trial_action(programme, "Fast opfølgning efter bevilling")
    services.pull_in(programme, by=by)
    goal = add_goal(programme, by, title="Flere i fællesskaber")
    services.add_item(programme, by=by, goal=goal, **item_values(programme, title=""))
    services.add_item(programme, by=by, **item_values(programme, title="Budget til brobyggere"))

    page = client_for(by).get(url("plan_detail", programme)).content.decode()

    trial_actions = page.index("Vedtagne prøvehandlinger")
    goals = page.index("Mål fra udviklingsplanen")
    other = page.index("Andet, der forankres")
    assert trial_actions < page.index("Fast opfølgning efter bevilling") < goals
    assert goals < page.index("Flere i fællesskaber") < other < page.index("Budget til brobyggere")
    assert "Mødestrukturer" in page and responsible(programme).name in page
    assert "Mangler" in page, "the pulled-in item has no mechanisms or follow-up yet"
    assert "Ikke godkendt endnu." in page
    assert "Hent nye" in page


def test_the_start_button_pulls_in_and_a_second_press_adds_nothing(programme, client_for):
    by = drafter(programme)
    trial_action(programme)
    client = client_for(by)

    first = client.post(url("plan_pull", programme), follow=True).content.decode()
    second = client.post(url("plan_pull", programme), follow=True).content.decode()

    assert "1 punkt er hentet ind i forankringsplanen." in first
    assert "Der er ingen nye vedtagne prøvehandlinger" in second
    assert AnchoredItem.objects.count() == 1
    assert client.get(url("plan_pull", programme)).status_code == 302


@pytest.mark.parametrize("who", ["coordinator", "implementation", "consultant"])
def test_the_drafters_add_an_item(programme, client_for, who):
    user = {
        "coordinator": lambda: member("Roskilde"),
        "implementation": lambda: drafter(programme),
        "consultant": ConsultantFactory,
    }[who]()

    response = client_for(user).post(url("item_add", programme), item_post(programme))

    item = AnchoredItem.objects.get()
    assert response.status_code == 302
    assert (item.title, item.mechanisms, item.owner) == (
        "Ny mødestruktur",
        ["meeting_structures", "key_figures"],
        responsible(programme),
    )
    assert str(item.follow_up_on) == "2030-03-01"


def test_an_item_named_after_a_goal_takes_its_title(programme, client_for):
    by = drafter(programme)
    goal = add_goal(programme, by, title="Færre på botilbud")

    client_for(by).post(url("item_add", programme), item_post(programme, goal=goal.pk, title=""))

    assert AnchoredItem.objects.get().goal == goal
    assert AnchoredItem.objects.get().title == "Færre på botilbud"
    form = client_for(by).get(url("item_add", programme)).context["form"]
    assert "goal" not in form.fields, "the only goal is anchored already"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "Skriv, hvad der forankres."),
        ({"description": "Ring til Ida på 12 34 56 78."}, "description", "telefonnummer"),
        ({"owner": "999999"}, "owner", "Vælg en ejer fra forløbets grupper."),
        ({"follow_up_on_month": "13"}, "follow_up_on", "Måneden skal være"),
    ],
)
def test_the_item_form_refuses_next_to_its_field(programme, client_for, overrides, field, message):
    response = client_for(drafter(programme)).post(
        url("item_add", programme), item_post(programme, **overrides)
    )

    assert response.status_code == 200
    assert message in " ".join(str(e) for e in response.context["form"].errors[field])
    assert AnchoredItem.objects.count() == 0


@pytest.mark.parametrize("who", ["reader", "steering"])
def test_readers_and_steering_members_do_not_draft(programme, client_for, who):
    user = member("Roskilde", role="reader") if who == "reader" else steering_member(programme)
    client = client_for(user)

    for name in ("plan_edit", "item_add"):
        assert client.get(url(name, programme)).status_code == 403
    assert client.post(url("item_add", programme), item_post(programme)).status_code == 403
    assert client.post(url("plan_pull", programme)).status_code == 403
    page = client.get(url("plan_detail", programme)).content.decode()
    assert "Tilføj et punkt" not in page and "Hent nye" not in page


def test_an_item_is_changed_and_removed_through_its_pages(programme, client_for):
    by = drafter(programme)
    item = services.add_item(programme, by=by, **item_values(programme))
    client = client_for(by)
    kwargs = {"anchored_item_pk": item.pk}

    client.post(url("item_edit", programme, **kwargs), item_post(programme, title="Nyt navn"))
    confirm = client.get(url("item_remove", programme, **kwargs)).content.decode()
    client.post(url("item_remove", programme, **kwargs))

    assert "Godkendte versioner af planen beholder det." in confirm
    assert AnchoredItem.objects.count() == 0
    assert [
        e.data["title"] for e in ActivityEntry.objects.filter(action__endswith="item_removed")
    ] == ["Nyt navn"]


def test_an_item_named_under_another_programme_goes_to_its_own_address(programme, client_for):
    by = drafter(programme)
    item = services.add_item(programme, by=by, **item_values(programme))
    other = programme_in_anchor()

    response = client_for(by).get(url("item_edit", other, anchored_item_pk=item.pk))

    assert response.status_code == 302
    assert response.url == url("item_edit", programme, anchored_item_pk=item.pk)


def test_the_yield_page_is_answered_by_steering_and_read_by_others(programme, client_for):
    approver = steering_member(programme)
    reader = member("Roskilde", role="reader")
    data = {f"{s}_answer": "yes" for s in all_yes()}
    data.update({"continuation_answer": "partly", "continuation_note": "Budgettet mangler."})

    response = client_for(approver).post(url("yield_edit", programme), data)
    read = client_for(reader).get(url("yield_edit", programme))
    refused = client_for(reader).post(url("yield_edit", programme), data)

    assert response.status_code == 302
    assert YieldAnswer.objects.count() == 6
    assert "Budgettet mangler." in read.content.decode() and "Delvist" in read.content.decode()
    assert '<form method="post"' not in read.content.decode().split("<main", 1)[-1]
    assert refused.status_code == 403


def test_a_yield_note_without_an_answer_is_refused_next_to_it(programme, client_for):
    response = client_for(steering_member(programme)).post(
        url("yield_edit", programme), {"prerequisites_note": "Noget"}
    )

    assert "Svar ja, delvist eller nej" in " ".join(
        response.context["form"].errors["prerequisites_answer"]
    )
    assert YieldAnswer.objects.count() == 0


def test_the_flagged_dimensions_are_asked_about_and_answered(programme, client_for, flagged):
    by = drafter(programme)
    client = client_for(by)

    before = client.get(url("plan_detail", programme)).content.decode()
    form = client.get(url("plan_edit", programme)).content.decode()
    client.post(
        url("plan_edit", programme),
        {"continuation": "Driftsgruppe", "dimension_0": "Ledelsen har fået fast mødetid."},
    )
    after = client.get(url("plan_detail", programme)).content.decode()

    assert "Ledelse og prioritering" in before and "Ikke besvaret endnu." in before
    assert "Det blev gjort ved »Ledelse og prioritering«" in form
    row = DimensionAnswer.objects.get()
    assert (row.dimension_key, row.answer) == ("ledelse", "Ledelsen har fået fast mødetid.")
    assert "Ledelsen har fået fast mødetid." in after


def test_approval_waits_for_an_answer_about_each_flagged_dimension(programme, flagged):
    approver = steering_member(programme)
    plan = ready_plan(programme, approver=approver)

    with pytest.raises(DomainError, match="Ledelse og prioritering"):
        services.approve_plan(plan, by=approver)
    services.change_plan(
        programme,
        by=drafter(programme),
        continuation=plan.continuation,
        dimension_answers={"ledelse": "Fast mødetid"},
    )

    version = services.approve_plan(plan, by=approver)
    assert version.content["dimensions"][0]["answer"] == "Fast mødetid"


def test_versions_and_their_differences_are_shown(programme, client_for):
    by = drafter(programme)
    approver = steering_member(programme, full_name="Sanne Styregruppe")
    plan = ready_plan(programme, by, approver)
    services.approve_plan(plan, by=approver)
    services.change_plan(programme, by=by, continuation="Et nyt kapitel")
    services.approve_plan(plan, by=approver)
    services.change_plan(programme, by=by, continuation="Et tredje udkast")
    client = client_for(by)

    detail = client.get(url("plan_detail", programme)).content.decode()
    version = client.get(url("version_detail", programme, anchoring_version_number=1))
    between = client.get(url("version_diff", programme) + "?fra=1&til=2").content.decode()
    to_draft = client.get(url("version_diff", programme)).content.decode()
    missing = client.get(url("version_detail", programme, anchoring_version_number=9))
    wrong = client.get(url("version_diff", programme) + "?fra=7&til=x").content.decode()

    assert "Udkast med ændringer siden" in detail and "Sanne Styregruppe" in detail
    assert "Implementeringsgruppen fortsætter som driftsgruppe." in version.content.decode()
    assert "til »Et nyt kapitel«" in between
    assert "Fra version 2 til udkastet" in to_draft and "til »Et tredje udkast«" in to_draft
    assert missing.status_code == 302
    assert "Vælg to versioner, der findes" in wrong


def test_the_programme_page_shows_the_plan_from_forankre(roskilde, client_for):
    in_anchor = programme_in_anchor()
    earlier = programme_in_anchor()
    from phases.models import ProgrammePhase

    ProgrammePhase.objects.filter(programme=earlier).update(phase=Phase.DEVELOP)
    reader = member("Roskilde", role="reader")
    client = client_for(reader)

    shown = client.get(reverse("programmes:programme_detail", args=[in_anchor.pk]))
    hidden = client.get(reverse("programmes:programme_detail", args=[earlier.pk]))

    assert "Forankringsplanen er ikke startet endnu." in shown.content.decode()
    assert "Se forankringsplanen" not in hidden.content.decode()


def test_the_plan_page_asks_as_many_queries_for_one_item_as_for_five(
    roskilde, client_for, count_queries
):
    counts = []
    for items in (1, 5):
        programme = programme_in_anchor()
        by = drafter(programme)
        for number in range(items):
            trial_action(programme, f"Prøvehandling {number}")
            services.add_item(programme, by=by, **item_values(programme, title=f"Punkt {number}"))
        services.pull_in(programme, by=by)
        approver = steering_member(programme)
        services.answer_yield(programme, by=approver, answers=all_yes())
        client = client_for(approver)
        page = url("plan_detail", programme)
        client.get(page)
        counts.append(count_queries(lambda client=client, page=page: client.get(page)))

    assert counts[0] == counts[1]


@pytest.mark.cross_tenant
def test_herning_gets_404_for_roskildes_plan_and_items(roskilde, herning, client_for):
    programme = programme_in_anchor()
    by = drafter(programme)
    item = services.add_item(programme, by=by, **item_values(programme))
    client = client_for(member("Herning"))

    for name, kwargs in [
        ("plan_detail", {}),
        ("plan_edit", {}),
        ("item_add", {}),
        ("yield_edit", {}),
        ("version_diff", {}),
        ("item_edit", {"anchored_item_pk": item.pk}),
        ("item_remove", {"anchored_item_pk": item.pk}),
    ]:
        assert client.get(url(name, programme, **kwargs)).status_code == 404, name
    for name in ("plan_pull", "plan_approve"):
        assert client.post(url(name, programme)).status_code == 404, name
    assert AnchoredItem.objects.count() == 1


def test_answers_someone_else_saved_meanwhile_are_not_overwritten(programme, flagged):
    by = drafter(programme)
    opened = services.answers_digest({})
    services.change_plan(
        programme,
        by=by,
        continuation="",
        dimension_answers={"ledelse": "Først"},
        shown_answers=opened,
    )

    with pytest.raises(DomainError, match="En anden har ændret svarene"):
        services.change_plan(
            programme,
            by=by,
            continuation="",
            dimension_answers={"ledelse": "Bagefter"},
            shown_answers=opened,
        )

    assert DimensionAnswer.objects.get().answer == "Først"


def test_the_first_temperature_rounds_flagged_dimension_is_asked_about(roskilde, client_for):
    from temperature import services as temperature
    from temperature.models import RespondentKind
    from tests.temperature.factories import answers, coordinator_of, group_of, open_round

    programme = programme_in_anchor()
    programme.phase_records.update(phase=Phase.DEVELOP)
    coordinator = coordinator_of()
    first = open_round(programme, coordinator, groups={RespondentKind.LEADERS: 10})
    answers(group_of(first), 5, value=4, per_dimension={"borgerinddragelse": 2})
    temperature.close_round(first, by=coordinator)
    programme.phase_records.update(phase=Phase.ANCHOR)
    client = client_for(coordinator)

    plan = client.get(url("plan_detail", programme)).content.decode()
    form = client.get(url("plan_edit", programme)).content.decode()
    client.post(
        url("plan_edit", programme),
        {"continuation": "", "dimension_0": "Borgere sidder nu i implementeringsgruppen."},
    )

    assert "Borgerinddragelse" in plan and "Gennemsnittet i den første måling var 2" in plan
    assert "Det blev gjort ved »Borgerinddragelse«" in form
    answer = DimensionAnswer.objects.get()
    assert (answer.dimension_key, answer.dimension_name) == (
        "borgerinddragelse",
        "Borgerinddragelse",
    )


def test_a_steering_member_finds_a_changed_plan_on_the_start_page(programme, client_for):
    approver = steering_member(programme)
    other = steering_member(programme_in_anchor())
    ready_plan(programme, approver=approver)

    home = client_for(approver).get(reverse("home")).content.decode()
    elsewhere = client_for(other).get(reverse("home")).content.decode()
    services.approve_plan(programme.anchoring_plan, by=approver)
    approved = client_for(approver).get(reverse("home")).content.decode()

    assert "Forankringsplaner til styregruppen" in home and url("plan_detail", programme) in home
    assert "Forankringsplaner til styregruppen" not in elsewhere
    assert "Forankringsplaner til styregruppen" not in approved


def test_an_items_page_names_the_trial_action_it_anchors_and_needs_a_title(programme, client_for):
    by = drafter(programme)
    trial_action(programme, "Fast opfølgning efter bevilling")
    _plan, (item,) = services.pull_in(programme, by=by)
    client = client_for(by)
    edit = url("item_edit", programme, anchored_item_pk=item.pk)

    page = client.get(edit).content.decode()
    response = client.post(edit, item_post(programme, title=""))

    assert "den vedtagne prøvehandling »Fast opfølgning efter bevilling«" in page
    assert response.context["form"].errors["title"] == ["Skriv, hvad der forankres."]
