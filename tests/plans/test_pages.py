"""The plan's pages: who drafts, what the forms refuse, versions and differences, panels."""

import pytest
from django.urls import reverse

from keyfigures.models import Indicator
from plans import services
from plans.models import Goal, SubGoal
from programmes.models import ActivityEntry, GroupMember
from tests.factories import ConsultantFactory, member

from .factories import (
    Kind,
    add_goal,
    add_sub_goal,
    drafter,
    programme_with_groups,
    ready_plan,
    responsible,
    seat,
    steering_member,
)


def url(name, programme, **kwargs):
    return reverse(f"plans:{name}", kwargs={"programme_pk": programme.pk, **kwargs})


def goal_post(**overrides):
    data = {
        "title": "Flere i almene fællesskaber",
        "description": "",
        "purposes": ["2"],
        "principles": ["3"],
        "evaluation_kind": "criterion",
        "indicator": "",
        "target": "",
        "criterion": "Dobbelt så mange deltager i en forening.",
    }
    data.update(overrides)
    return data


def sub_goal_post(member_row, **overrides):
    data = {
        "title": "Kortlægning af foreninger",
        "responsible": str(member_row.pk),
        "starts_on_day": "1",
        "starts_on_month": "2",
        "starts_on_year": "2028",
        "due_on_day": "1",
        "due_on_month": "4",
        "due_on_year": "2028",
        "status": "planned",
    }
    data.update(overrides)
    return data


@pytest.fixture
def programme(roskilde):
    return programme_with_groups()


def test_the_plan_page_shows_the_draft_state_and_timeline(programme, client_for):
    by = drafter(programme)
    goal = add_goal(programme, by, title="Håb og drømme", purposes=[1], principles=[1])
    add_sub_goal(goal, by, title="Ny skabelon")

    page = client_for(by).get(url("plan_detail", programme)).content.decode()

    assert "Ikke godkendt endnu." in page
    assert "Mål 1: Håb og drømme" in page
    assert "Bedre trivsel, sundhed og mestring hos borgerne" in page
    assert "Tag udgangspunkt i borgerens håb, ønsker og drømme" in page
    assert "Kriteriet: Otte af ti nye handleplaner har borgerens egne mål." in page
    assert responsible(programme).name in page
    assert "Planlagt" in page
    assert "Delmålene over tid" in page and "<svg" in page
    assert "Vinduet for udvikle" in page and "Vinduet for forankre" in page
    assert "Se tallene bag figuren" in page


def test_the_state_reads_approved_then_changed(programme, client_for):
    by = drafter(programme)
    approver = steering_member(programme, full_name="Sanne Styregruppe")
    plan = ready_plan(programme, by)
    services.approve_plan(plan, by=approver)
    client = client_for(by)

    approved = client.get(url("plan_detail", programme)).content.decode()
    services.change_introduction(programme, by=by, introduction="Ny tekst")
    changed = client.get(url("plan_detail", programme)).content.decode()

    assert "Godkendt som" in approved and "version 1</a> af Sanne Styregruppe den" in approved
    assert "Udkast med ændringer siden" in changed
    assert "?fra=1&amp;til=udkast" in changed


@pytest.mark.parametrize("who", ["coordinator", "implementation", "local_seat", "consultant"])
def test_the_drafters_add_a_goal(programme, client_for, who):
    user = {
        "coordinator": lambda: member("Roskilde"),
        "implementation": lambda: drafter(programme),
        "local_seat": lambda: _local_seat(programme),
        "consultant": ConsultantFactory,
    }[who]()

    response = client_for(user).post(url("goal_add", programme), goal_post())

    goal = Goal.objects.get()
    assert response.status_code == 302
    assert (goal.title, goal.purposes, goal.principles) == ("Flere i almene fællesskaber", [2], [3])


def _local_seat(programme):
    user = member("Roskilde", role="reader")
    seat(programme, Kind.LOCAL, user)
    return user


@pytest.mark.parametrize("who", ["reader", "steering"])
def test_readers_and_steering_members_do_not_draft(programme, client_for, who):
    user = member("Roskilde", role="reader") if who == "reader" else steering_member(programme)
    client = client_for(user)

    for name in ("plan_edit", "goal_add"):
        assert client.get(url(name, programme)).status_code == 403
    assert client.post(url("goal_add", programme), goal_post()).status_code == 403
    page = client.get(url("plan_detail", programme)).content.decode()
    assert Goal.objects.count() == 0
    assert "Tilføj et mål" not in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"purposes": []}, "purposes", "Vælg mindst ét formål"),
        ({"principles": []}, "principles", "Vælg mindst ét princip"),
        ({"evaluation_kind": "criterion", "criterion": " "}, "criterion", "Skriv det kriterium"),
        ({"evaluation_kind": "indicator"}, "indicator", "Vælg det nøgletal"),
        ({"evaluation_kind": "indicator", "indicator": "INDICATOR"}, "target", "Skriv målet for"),
        ({"criterion": "Ring til Ida på 12 34 56 78."}, "criterion", "telefonnummer"),
    ],
)
def test_a_goal_form_refuses_an_inconsistent_goal_next_to_its_field(
    programme, client_for, overrides, field, message
):
    indicator = Indicator.objects.create(
        code="botilbud",
        name="Borgere på botilbud",
        definition="x",
        unit="antal",
        source="x",
        theme="early",
    )
    if overrides.get("indicator") == "INDICATOR":
        overrides["indicator"] = str(indicator.pk)

    response = client_for(drafter(programme)).post(
        url("goal_add", programme), goal_post(**overrides)
    )

    assert response.status_code == 200
    assert message in " ".join(str(e) for e in response.context["form"].errors[field])
    assert Goal.objects.count() == 0


def test_an_indicator_goal_keeps_indicator_and_target_and_drops_the_criterion(
    programme, client_for
):
    indicator = Indicator.objects.create(
        code="botilbud",
        name="Borgere på botilbud",
        definition="x",
        unit="antal",
        source="x",
        theme="early",
    )

    client_for(drafter(programme)).post(
        url("goal_add", programme),
        goal_post(evaluation_kind="indicator", indicator=str(indicator.pk), target="10 % færre"),
    )

    goal = Goal.objects.get()
    assert (goal.indicator, goal.target, goal.criterion) == (indicator, "10 % færre", "")


def test_a_sub_goal_due_before_its_start_is_refused(programme, client_for):
    by = drafter(programme)
    goal = add_goal(programme, by)

    response = client_for(by).post(
        url("sub_goal_add", programme, goal_pk=goal.pk),
        sub_goal_post(responsible(programme), due_on_month="1"),
    )

    assert "Fristen kan ikke ligge før starten." in response.context["form"].errors["due_on"]
    assert SubGoal.objects.count() == 0


def test_the_responsible_is_chosen_among_the_programmes_own_members(programme, client_for):
    by = drafter(programme)
    goal = add_goal(programme, by)
    stranger = GroupMember.objects.create(
        group=programme_with_groups().groups.get(kind=Kind.IMPLEMENTATION),
        name="Fremmed Person",
        level="other",
    )
    client = client_for(by)

    form_page = client.get(url("sub_goal_add", programme, goal_pk=goal.pk)).content.decode()
    refused = client.post(url("sub_goal_add", programme, goal_pk=goal.pk), sub_goal_post(stranger))
    accepted = client.post(
        url("sub_goal_add", programme, goal_pk=goal.pk), sub_goal_post(responsible(programme))
    )

    assert stranger.name not in form_page
    assert responsible(programme).name in form_page
    assert "responsible" in refused.context["form"].errors
    assert accepted.status_code == 302
    assert SubGoal.objects.get().responsible == responsible(programme)


def test_a_goal_is_edited_and_removed_with_its_sub_goals(programme, client_for):
    by = drafter(programme)
    goal = add_goal(programme, by)
    add_sub_goal(goal, by)
    client = client_for(by)

    client.post(url("goal_edit", programme, goal_pk=goal.pk), goal_post(title="Nyt navn"))
    confirm = client.get(url("goal_remove", programme, goal_pk=goal.pk))
    client.post(url("goal_remove", programme, goal_pk=goal.pk))

    assert "1 delmål fjernes" in confirm.content.decode()
    assert Goal.objects.count() == SubGoal.objects.count() == 0
    assert list(
        ActivityEntry.objects.filter(action__startswith="plans.goal")
        .values_list("action", "data__title")
        .order_by("id")
    ) == [
        ("plans.goal_added", "Borgerens egne mål står i handleplanen"),
        ("plans.goal_changed", "Nyt navn"),
        ("plans.goal_removed", "Nyt navn"),
    ]


def test_a_sub_goal_is_edited_and_removed(programme, client_for):
    by = drafter(programme)
    sub_goal = add_sub_goal(add_goal(programme, by), by)
    client = client_for(by)

    client.post(
        url("sub_goal_edit", programme, sub_goal_pk=sub_goal.pk),
        sub_goal_post(responsible(programme, Kind.LOCAL), status="in_progress"),
    )
    sub_goal.refresh_from_db()
    assert (sub_goal.status, sub_goal.responsible) == (
        "in_progress",
        responsible(programme, Kind.LOCAL),
    )

    client.post(url("sub_goal_remove", programme, sub_goal_pk=sub_goal.pk))
    assert SubGoal.objects.count() == 0


def test_a_goal_named_under_another_programme_goes_to_its_own_address(programme, client_for):
    by = drafter(programme)
    goal = add_goal(programme, by)
    other = programme_with_groups()
    client = client_for(by)

    moved = client.get(url("goal_edit", other, goal_pk=goal.pk))
    posted = client.post(url("goal_remove", other, goal_pk=goal.pk))

    assert moved.status_code == 302
    assert moved.url == url("goal_edit", programme, goal_pk=goal.pk)
    assert posted.status_code == 404
    assert Goal.objects.count() == 1


@pytest.mark.cross_tenant
def test_herning_gets_404_on_roskildes_plan(roskilde, herning, client_for):
    programme = programme_with_groups()
    by = drafter(programme)
    goal = add_goal(programme, by)
    sub_goal = add_sub_goal(goal, by)
    services.approve_plan(goal.plan, by=steering_member(programme))
    herning_user = member("Herning")
    client = client_for(herning_user)

    pages = [
        url("plan_detail", programme),
        url("plan_edit", programme),
        url("goal_add", programme),
        url("goal_edit", programme, goal_pk=goal.pk),
        url("goal_remove", programme, goal_pk=goal.pk),
        url("sub_goal_add", programme, goal_pk=goal.pk),
        url("sub_goal_edit", programme, sub_goal_pk=sub_goal.pk),
        url("sub_goal_remove", programme, sub_goal_pk=sub_goal.pk),
        url("version_detail", programme, version_number=1),
        url("version_diff", programme),
    ]
    for page in pages:
        assert client.get(page).status_code == 404, page
    assert client.post(url("plan_approve", programme)).status_code == 404
    assert client.post(url("goal_remove", programme, goal_pk=goal.pk)).status_code == 404
    assert Goal.objects.filter(pk=goal.pk).exists()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?fra=abc", "Vælg to versioner, der findes"),
        ("?fra=1&til=7", "Vælg to versioner, der findes"),
        ("?fra=0&til=udkast", "Vælg to versioner, der findes"),
        ("?fra=1%00&til=1", "Vælg to versioner, der findes"),
        ("?til=1", "Vælg to versioner, der findes"),
        ("?fra=1&til=1", "Der er ingen forskelle."),
        ("", "Der er ingen forskelle."),
    ],
)
def test_bad_version_parameters_give_a_clear_message(programme, client_for, query, message):
    by = drafter(programme)
    services.approve_plan(ready_plan(programme, by), by=steering_member(programme))

    response = client_for(by).get(url("version_diff", programme) + query)

    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_difference_to_the_draft_is_shown_in_words(programme, client_for):
    by = drafter(programme)
    plan = ready_plan(programme, by)
    services.approve_plan(plan, by=steering_member(programme))
    add_goal(programme, by, title="Færre på botilbud")

    page = client_for(by).get(url("version_diff", programme) + "?fra=1&til=udkast")

    assert "Målet »Færre på botilbud« er tilføjet." in page.content.decode()


def test_a_plan_without_versions_has_nothing_to_compare(programme, client_for):
    page = client_for(drafter(programme)).get(url("version_diff", programme))

    assert page.status_code == 200
    assert "ingen godkendt version endnu" in page.content.decode()


def test_a_version_the_plan_has_not_reached_is_told_on_the_plan_page(programme, client_for):
    response = client_for(drafter(programme)).get(
        url("version_detail", programme, version_number=3), follow=True
    )

    assert response.status_code == 200
    assert "Udviklingsplanen har ingen godkendt version 3." in response.content.decode()


def _plan_with(programme, goals, by):
    for number in range(goals):
        goal = add_goal(programme, by, title=f"Mål {number}")
        for sub in range(2):
            add_sub_goal(goal, by, title=f"Delmål {number}.{sub}")


def test_the_plan_page_asks_as_many_queries_for_one_goal_as_for_many(
    roskilde, client_for, count_queries
):
    counts = []
    for goals in (1, 4):
        programme = programme_with_groups()
        by = drafter(programme)
        _plan_with(programme, goals, by)
        approver = steering_member(programme)
        services.approve_plan(programme.development_plan, by=approver)
        add_goal(programme, by, title="Efter godkendelsen")
        client = client_for(approver)
        page = url("plan_detail", programme)
        client.get(page)
        counts.append(count_queries(lambda client=client, page=page: client.get(page)))

    assert counts[0] == counts[1]


def test_the_programme_page_shows_the_plans_state_and_link(programme, client_for):
    by = drafter(programme)
    services.approve_plan(ready_plan(programme, by), by=steering_member(programme))

    page = (
        client_for(by)
        .get(reverse("programmes:programme_detail", args=[programme.pk]))
        .content.decode()
    )

    assert "Udviklingsplan" in page and "Godkendt som" in page
    assert url("plan_detail", programme) in page


def test_a_steering_member_is_told_of_changes_awaiting_approval(programme, client_for):
    by = drafter(programme)
    approver = steering_member(programme)
    services.approve_plan(ready_plan(programme, by), by=approver)
    client = client_for(approver)
    home = reverse("home")

    before = client.get(home).content.decode()
    services.change_introduction(programme, by=by, introduction="Nyt udkast")
    after = client.get(home).content.decode()
    drafters_home = client_for(by).get(home).content.decode()

    assert "Udviklingsplaner til godkendelse" not in before
    assert "Udviklingsplaner til godkendelse" in after
    assert url("plan_detail", programme) in after
    assert "Udviklingsplaner til godkendelse" not in drafters_home


def test_the_goals_are_put_in_a_new_order_and_the_difference_says_so(programme, client_for):
    by = drafter(programme)
    first = add_goal(programme, by, title="Første")
    second = add_goal(programme, by, title="Andet")
    add_sub_goal(first, by)
    add_sub_goal(second, by)
    services.approve_plan(first.plan, by=steering_member(programme))
    client = client_for(by)
    shown = client.get(url("plan_edit", programme)).context["form"]

    client.post(
        url("plan_edit", programme),
        {
            "introduction": "",
            "shown": shown.initial["shown"],
            f"goal_{first.pk}": "2",
            f"goal_{second.pk}": "1",
        },
    )

    assert list(Goal.objects.order_by("position").values_list("title", flat=True)) == [
        "Andet",
        "Første",
    ]
    assert ActivityEntry.objects.filter(action="plans.goals_reordered").count() == 1
    page = client.get(url("version_diff", programme)).content.decode()
    assert "Målenes rækkefølge er ændret fra »Første; Andet« til »Andet; Første«." in page


def test_an_introduction_saved_meanwhile_by_someone_else_is_not_overwritten(programme, client_for):
    by = drafter(programme)
    services.change_introduction(programme, by=by, introduction="Den første tekst")
    client = client_for(by)
    shown = client.get(url("plan_edit", programme)).context["form"].initial["shown"]
    services.change_introduction(programme, by=drafter(programme), introduction="En andens tekst")

    response = client.post(
        url("plan_edit", programme), {"introduction": "Min tekst", "shown": shown}
    )

    assert "En anden har ændret indledningen" in " ".join(
        response.context["form"].errors["introduction"]
    )
    programme.development_plan.refresh_from_db()
    assert programme.development_plan.introduction == "En andens tekst"
