"""The trial actions' pages: the board by state with its filters and counts, planning and
changing a plan, the detail page with its chain, log, evaluation and decision, the panel on
the programme page, and who may see and do what."""

import datetime

import pytest
from django.urls import reverse

from phases.gates import gate_status
from phases.models import Phase
from programmes.models import Membership, Principle
from tests.factories import ConsultantFactory, member
from trial_actions import services
from trial_actions.models import Observation, TrialAction, copenhagen_today

from .factories import (
    Kind,
    State,
    coordinator,
    decided,
    evaluated,
    group,
    planned,
    programme_with_plan,
    running,
    steering_member,
)

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture
def programme():
    return programme_with_plan()


@pytest.fixture
def by(programme):
    return coordinator(programme)


def board_url(programme, query=""):
    return reverse("trial_actions:board", kwargs={"programme_pk": programme.pk}) + query


def url(name, trial_action):
    return reverse(
        f"trial_actions:{name}",
        kwargs={"programme_pk": trial_action.programme_id, "trial_action_pk": trial_action.pk},
    )


def dates(name, day: datetime.date) -> dict:
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def plan_form(programme, **changes) -> dict:
    today = copenhagen_today()
    return {
        "title": "Fælles morgenmøde i bostøtten",
        "problem": "Medarbejderne ved ikke, hvem der følger op.",
        "hoped_for": "At opfølgningen altid har en ejer.",
        "principles": [str(Principle.FOLLOW_UP)],
        "sub_goals": [],
        "group": str(group(programme, Kind.LOCAL).pk),
        "responsible": "",
        **dates("starts_on", today),
        **dates("ends_on", today + datetime.timedelta(days=30)),
        **dates("evaluate_by", today + datetime.timedelta(days=35)),
        "success_measure": "Hver opfølgning har en navngiven ejer.",
        **changes,
    }


# --- the board ------------------------------------------------------------------------------


def test_the_board_shows_each_trial_action_in_the_column_of_its_state(programme, by, client_for):
    planned(programme, by, title="Planlagt prøve")
    running(programme, by, title="Kørende prøve")
    decided(programme, State.ADOPTED, by, title="Vedtaget prøve")

    response = client_for(by).get(board_url(programme))

    columns = {c.state: [ta.title for ta in c.trial_actions] for c in response.context["columns"]}
    assert columns == {
        State.PLANNED: ["Planlagt prøve"],
        State.RUNNING: ["Kørende prøve"],
        State.EVALUATED: [],
        State.ADOPTED: ["Vedtaget prøve"],
        State.ADAPTED: [],
        State.DROPPED: [],
    }
    assert "Planlæg en prøvehandling" in response.content.decode()


def test_an_evaluation_past_its_date_is_flagged_in_words(programme, by, client_for):
    today = copenhagen_today()
    late = running(
        programme,
        by,
        title="Forsinket",
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today - datetime.timedelta(days=2),
        evaluate_by=today - datetime.timedelta(days=1),
    )
    on_the_day = planned(programme, by, title="I dag", starts_on=today, evaluate_by=today)
    evaluated(
        programme, by, title="Evalueret", evaluate_by=late.evaluate_by, starts_on=late.starts_on
    )

    response = client_for(by).get(board_url(programme))

    flagged = {
        ta.title for c in response.context["columns"] for ta in c.trial_actions if ta.is_overdue
    }
    assert flagged == {"Forsinket"}
    assert on_the_day.title not in flagged
    assert response.context["overdue"] == 1
    assert "1 prøvehandling skulle have været evalueret." in response.content.decode()


def test_the_board_filters_by_group_principle_and_sub_goal_kept_in_the_address(
    programme, by, client_for
):
    sub_goal = programme.development_plan.goals.first().sub_goals.order_by("id").last()
    local = planned(programme, by, title="Lokal", principles=[Principle.HOPES])
    central = planned(
        programme,
        by,
        title="Central",
        group=group(programme, Kind.IMPLEMENTATION),
        principles=[Principle.NETWORK],
        sub_goals=[sub_goal],
    )
    client = client_for(by)

    def titles(query):
        response = client.get(board_url(programme, query))
        return sorted(ta.title for c in response.context["columns"] for ta in c.trial_actions)

    assert titles(f"?gruppe={local.group_id}") == ["Lokal"]
    assert titles(f"?gruppe={central.group_id}") == ["Central"]
    assert titles(f"?princip={Principle.NETWORK}") == ["Central"]
    assert titles(f"?princip={Principle.HOPES}") == ["Lokal"]
    assert titles(f"?delmaal={sub_goal.pk}") == ["Central"]
    assert titles(f"?princip={Principle.HOPES}&gruppe={central.group_id}") == []
    assert titles("") == ["Central", "Lokal"]
    page = client.get(board_url(programme, f"?princip={Principle.NETWORK}")).content.decode()
    assert f'<option value="{Principle.NETWORK}" selected>' in page


def test_a_filter_of_another_programme_is_refused_not_applied(programme, by, client_for):
    planned(programme, by)
    other = programme_with_plan()

    response = client_for(by).get(board_url(programme, f"?gruppe={other.groups.first().pk}"))

    assert response.status_code == 200
    assert response.context["filter"].form.errors


def test_the_board_counts_the_shown_trial_actions_per_principle(programme, by, client_for):
    planned(programme, by, principles=[Principle.HOPES, Principle.RESOURCES])
    planned(programme, by, principles=[Principle.HOPES])
    planned(
        programme, by, group=group(programme, Kind.IMPLEMENTATION), principles=[Principle.EARLY]
    )

    counts = client_for(by).get(board_url(programme)).context["principle_counts"]
    local = (
        client_for(by)
        .get(board_url(programme, f"?gruppe={group(programme, Kind.LOCAL).pk}"))
        .context["principle_counts"]
    )

    assert {n: c for n, _label, c in counts if c} == {1: 2, 2: 1, 5: 1}
    assert {n: c for n, _label, c in local if c} == {1: 2, 2: 1}


def test_the_board_makes_as_many_queries_for_five_trial_actions_as_for_one(
    programme, by, client_for, count_queries
):
    client = client_for(by)
    states = [State.PLANNED, State.RUNNING, State.EVALUATED, State.ADOPTED, State.ADAPTED]

    def add(index):
        state = states[index]
        if state == State.PLANNED:
            planned(programme, by, title=f"Prøve {index}")
        elif state == State.RUNNING:
            running(programme, by, title=f"Prøve {index}")
        elif state == State.EVALUATED:
            evaluated(programme, by, title=f"Prøve {index}")
        else:
            decided(programme, state, by, title=f"Prøve {index}")

    add(0)
    client.get(board_url(programme))
    one = count_queries(lambda: client.get(board_url(programme)))
    for index in range(1, 5):
        add(index)
    five = count_queries(lambda: client.get(board_url(programme)))

    assert one == five
    assert client.get(board_url(programme)).context["total"] == 6  # the adapted one's follow-up


# --- planning and changing ------------------------------------------------------------------


def test_a_coordinator_plans_a_trial_action(programme, by, client_for):
    response = client_for(by).post(
        reverse("trial_actions:trial_action_add", kwargs={"programme_pk": programme.pk}),
        plan_form(programme),
    )

    trial_action = TrialAction.objects.get()
    assert response.status_code == 302
    assert response.url == url("trial_action_detail", trial_action)
    assert trial_action.principles == [Principle.FOLLOW_UP]
    assert trial_action.state == State.PLANNED


def test_a_plan_that_breaks_a_rule_is_refused_beside_its_field(programme, by, client_for):
    today = copenhagen_today()
    response = client_for(by).post(
        reverse("trial_actions:trial_action_add", kwargs={"programme_pk": programme.pk}),
        plan_form(
            programme,
            principles=[],
            **dates("ends_on", today - datetime.timedelta(days=1)),
        ),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["principles"] == ["Vælg mindst ét princip, som prøvehandlingen tjener."]
    assert not TrialAction.objects.exists()


def test_text_with_a_cpr_number_is_refused_beside_the_field(programme, by, client_for):
    response = client_for(by).post(
        reverse("trial_actions:trial_action_add", kwargs={"programme_pk": programme.pk}),
        plan_form(programme, problem="Borgeren 010190-1234 mangler en plan."),
    )

    assert "problem" in response.context["form"].errors
    assert not TrialAction.objects.exists()


def test_the_plan_of_an_evaluated_trial_action_is_not_offered_for_editing(
    programme, by, client_for
):
    trial_action = evaluated(programme, by)

    response = client_for(by).get(url("trial_action_edit", trial_action))

    assert response.status_code == 302
    assert response.url == url("trial_action_detail", trial_action)


# --- the cycle through the pages -------------------------------------------------------------


def test_the_cycle_through_the_detail_page_ends_in_a_linked_follow_up(programme, by, client_for):
    trial_action = planned(programme, by)
    client = client_for(by)
    today = copenhagen_today()

    client.post(url("trial_action_start", trial_action))
    client.post(
        url("observation_add", trial_action), {**dates("observed_on", today), "text": "Første"}
    )
    client.post(
        url("observation_add", trial_action), {**dates("observed_on", today), "text": "Anden"}
    )
    client.post(
        url("trial_action_evaluate", trial_action),
        {"what_happened": "Det gik halvt.", "learning": "Mere træning."},
    )
    response = client.post(
        url("trial_action_decide", trial_action),
        {"decision": State.ADAPTED, "decision_reason": "Vi prøver igen med træning."},
    )

    trial_action.refresh_from_db()
    follow_up = trial_action.follow_ups.get()
    assert trial_action.state == State.ADAPTED
    assert Observation.objects.filter(trial_action=trial_action).count() == 2
    assert response.url == url("trial_action_detail", trial_action) + "#beslutning"
    page = client.get(url("trial_action_detail", trial_action)).content.decode()
    assert url("trial_action_detail", follow_up) in page
    follow_up_page = client.get(url("trial_action_detail", follow_up)).content.decode()
    assert url("trial_action_detail", trial_action) in follow_up_page
    assert "Kæden af tilpasninger" in follow_up_page


def test_the_chain_shows_every_link_before_and_after(programme, by):
    first = evaluated(programme, by)
    second = services.decide_trial_action(first, State.ADAPTED, by=by, reason="1").created_follow_up
    second = services.start_trial_action(second, by=by)
    second = services.evaluate_trial_action(second, by=by, what_happened="x", learning="y")
    third = services.decide_trial_action(second, State.ADAPTED, by=by, reason="2").created_follow_up

    from trial_actions.selectors import chain_of

    assert chain_of(second) == ([first], [third])
    assert chain_of(third) == ([first, second], [])
    assert chain_of(first) == ([], [second, third])


def test_an_evaluation_without_its_text_is_shown_again_with_the_errors(programme, by, client_for):
    trial_action = running(programme, by)

    response = client_for(by).post(
        url("trial_action_evaluate", trial_action), {"what_happened": "", "learning": "x"}
    )

    assert response.status_code == 200
    assert response.context["evaluation_form"].errors["what_happened"]
    trial_action.refresh_from_db()
    assert trial_action.state == State.RUNNING


def test_evaluating_a_planned_trial_action_is_refused_in_words(programme, by, client_for):
    trial_action = planned(programme, by)
    client = client_for(by)

    response = client.post(
        url("trial_action_evaluate", trial_action),
        {"what_happened": "x", "learning": "y"},
        follow=True,
    )

    assert "kan ikke evalueres, før den er afprøvet" in response.content.decode()
    trial_action.refresh_from_db()
    assert trial_action.state == State.PLANNED


def test_the_detail_page_offers_only_what_the_state_allows(programme, by, client_for):
    client = client_for(by)

    planned_page = client.get(url("trial_action_detail", planned(programme, by))).content.decode()
    running_page = client.get(url("trial_action_detail", running(programme, by))).content.decode()
    evaluated_page = client.get(
        url("trial_action_detail", evaluated(programme, by))
    ).content.decode()

    assert "Sæt prøvehandlingen i gang" in planned_page
    assert "Gem iagttagelsen" not in planned_page
    assert "Gem iagttagelsen" in running_page and "Gem evalueringen" in running_page
    assert "Gem beslutningen" not in running_page
    assert "Gem beslutningen" in evaluated_page and "Ret planen" not in evaluated_page
    assert "{# measures #}" not in planned_page


def test_a_get_of_an_action_goes_to_the_detail_page(programme, by, client_for):
    trial_action = planned(programme, by)

    response = client_for(by).get(url("trial_action_start", trial_action))

    assert response.status_code == 302
    trial_action.refresh_from_db()
    assert trial_action.state == State.PLANNED


# --- the panel and the gate -----------------------------------------------------------------


def test_the_programme_page_counts_trial_actions_by_state_and_names_the_overdue(
    programme, by, client_for
):
    today = copenhagen_today()
    planned(programme, by, title="Ny")
    running(
        programme,
        by,
        title="Bagud",
        starts_on=today - datetime.timedelta(days=10),
        evaluate_by=today - datetime.timedelta(days=1),
    )

    page = (
        client_for(by)
        .get(reverse("programmes:programme_detail", args=[programme.pk]))
        .content.decode()
    )

    assert "Prøvehandlinger" in page
    assert "Planlagt: <strong>1</strong>" in page
    assert "Afprøves: <strong>1</strong>" in page
    assert "1 evaluering er overskredet" in page
    assert "Bagud" in page


def test_a_programme_in_forberede_without_trial_actions_shows_no_panel(programme, by, client_for):
    page = (
        client_for(by)
        .get(reverse("programmes:programme_detail", args=[programme.pk]))
        .content.decode()
    )

    assert "trial-actions-heading" not in page


def test_udvikles_gate_holds_after_the_first_evaluation(programme, by):
    trial_action = running(programme, by)

    before = gate_status(programme, Phase.DEVELOP)
    services.evaluate_trial_action(trial_action, by=by, what_happened="x", learning="y")
    after = gate_status(programme, Phase.DEVELOP)

    assert [item.requirement.code for item in before.items] == ["trial_action_evaluated"]
    assert before.items[0].checkable and not before.holds
    assert after.holds


def test_a_decided_trial_action_still_holds_the_gate(programme, by):
    decided(programme, State.DROPPED, by)

    assert gate_status(programme, Phase.DEVELOP).holds


# --- who may see and do what ----------------------------------------------------------------


@pytest.mark.parametrize("who", ["steering", "consultant", "reader"])
def test_readers_see_the_trial_actions_but_may_not_change_them(programme, by, client_for, who):
    trial_action = running(programme, by)
    user = {
        "steering": lambda: steering_member(programme),
        "consultant": ConsultantFactory,
        "reader": lambda: member("Roskilde", role=Role.READER),
    }[who]()
    client = client_for(user)

    board = client.get(board_url(programme))
    detail = client.get(url("trial_action_detail", trial_action))

    assert board.status_code == detail.status_code == 200
    assert "Planlæg en prøvehandling" not in board.content.decode()
    assert "Gem iagttagelsen" not in detail.content.decode()
    add = reverse("trial_actions:trial_action_add", kwargs={"programme_pk": programme.pk})
    assert client.get(add).status_code == 403
    assert client.get(url("trial_action_edit", trial_action)).status_code == 403
    assert client.post(url("trial_action_evaluate", trial_action), {}).status_code == 403
    trial_action.refresh_from_db()
    assert trial_action.state == State.RUNNING


def test_a_linked_member_of_a_local_group_runs_trial_actions(programme, by, client_for):
    from tests.plans.factories import seat

    local = member("Roskilde", role=Role.READER)  # a reader by role, a worker by their seat
    seat(programme, Kind.LOCAL, local)
    trial_action = planned(programme, by)

    client_for(local).post(url("trial_action_start", trial_action))

    trial_action.refresh_from_db()
    assert trial_action.state == State.RUNNING


def test_another_municipalitys_trial_actions_are_not_found(programme, by, client_for):
    trial_action = running(programme, by)
    client = client_for(member("Herning"))

    assert client.get(board_url(programme)).status_code == 404
    for name in ("trial_action_detail", "trial_action_edit"):
        assert client.get(url(name, trial_action)).status_code == 404
    for name in ("trial_action_start", "observation_add", "trial_action_evaluate"):
        assert client.post(url(name, trial_action), {}).status_code == 404


def test_a_trial_action_named_under_another_programme_is_sent_home_on_get_and_refused_on_post(
    programme, by, client_for
):
    trial_action = planned(programme, by)
    other = programme_with_plan()
    client = client_for(by)
    kwargs = {"programme_pk": other.pk, "trial_action_pk": trial_action.pk}

    get = client.get(reverse("trial_actions:trial_action_detail", kwargs=kwargs))
    post = client.post(reverse("trial_actions:trial_action_start", kwargs=kwargs))

    assert get.status_code == 302 and get.url == url("trial_action_detail", trial_action)
    assert post.status_code == 404
