"""Udvikle in a real browser, with axe on every page: the coordinator plans a trial action,
starts it, logs two observations, evaluates it and decides to adapt it, and then finds the
linked follow-up; and every trial-action page of the demo passes axe for the coordinator, a
steering member and the consultant."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from programmes.models import Membership, ProgrammeGroup
from tests.e2e.helpers import fill_date, follow, submit, switch_user, visit_all
from tests.factories import DEFAULT_PASSWORD, member
from tests.plans.factories import seat
from tests.trial_actions.factories import programme_with_plan
from trial_actions.models import Observation, TrialAction, TrialActionState, copenhagen_today

COORDINATOR = "koordinator@roskilde.example.dk"
TITLE = "Borgeren skriver selv sine mål i handleplanen"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_trial_action_is_planned_carried_out_evaluated_and_adapted_into_a_follow_up(
    browser_page, live_server, login, assert_no_axe_violations
):
    programme = programme_with_plan()
    coordinator = member(
        "Roskilde", role=Membership.Role.COORDINATOR, email=COORDINATOR, full_name="Rikke Holm"
    )
    seat(programme, ProgrammeGroup.Kind.IMPLEMENTATION, coordinator)
    args = {"programme_pk": programme.pk}
    today = copenhagen_today()
    page = browser_page

    # 1. The coordinator plans a trial action from the board.
    switch_user(page, live_server, login, COORDINATOR)
    page.goto(live_server.url + reverse("trial_actions:board", kwargs=args))
    assert "0 prøvehandlinger vises." in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    follow(page, "Planlæg en prøvehandling")
    assert_no_axe_violations(page)
    page.fill("#id_title", TITLE)
    page.fill("#id_problem", "Handleplanerne beskriver tilbuddets mål, ikke borgerens.")
    page.fill("#id_hoped_for", "At borgeren genkender sine egne ord i planen.")
    page.locator("input[name=sub_goals]").first.check()
    page.check("input[name=principles][value='1']")
    page.check("input[name=principles][value='2']")
    page.select_option("#id_group", label="Lokal gruppe: Bostøtten")
    page.select_option("#id_responsible", index=1)
    fill_date(page, "id_starts_on", today)
    fill_date(page, "id_ends_on", today + datetime.timedelta(days=42))
    fill_date(page, "id_evaluate_by", today - datetime.timedelta(days=1))
    page.fill("#id_success_measure", "Otte af ti nye handleplaner har borgerens egne ord.")
    submit(page, "Planlæg prøvehandlingen")
    assert "kan ikke evalueres, før den starter" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    fill_date(page, "id_evaluate_by", today + datetime.timedelta(days=49))
    submit(page, "Planlæg prøvehandlingen")
    trial_action = TrialAction.objects.get(programme=programme)
    main = page.locator("main").inner_text()
    assert f"Prøvehandlingen »{TITLE}« er planlagt." in main
    assert "Loggen åbner, når prøvehandlingen er sat i gang." in main
    assert_no_axe_violations(page)

    # 2. It is carried out: started, and two observations logged.
    submit(page, "Sæt prøvehandlingen i gang")
    assert "Prøvehandlingen er sat i gang." in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    for text in ("Tre planer skrevet; to med borgerens ord.", "Medarbejderne vil have træning."):
        page.fill("#id_text", text)
        submit(page, "Gem iagttagelsen")
        assert text in page.locator("main").inner_text()
    assert Observation.objects.filter(trial_action=trial_action).count() == 2
    assert_no_axe_violations(page)

    # 3. It is evaluated (an empty field is refused first) and adapted.
    page.fill("#id_learning", "Skabelonen hjælper, men samtalen skal trænes.")
    submit(page, "Gem evalueringen")
    assert "Skriv, hvad der skete" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.fill("#id_what_happened", "Seks af ti planer havde borgerens ord.")
    page.fill("#id_learning", "Skabelonen hjælper, men samtalen skal trænes.")
    submit(page, "Gem evalueringen")
    assert "Evalueringen er gemt." in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.check("input[name=decision][value=adapted]")
    page.fill("#id_decision_reason", "Vi prøver igen, nu med træning i samtalen.")
    submit(page, "Gem beslutningen")
    main = page.locator("main").inner_text()
    assert "Den nye prøvehandling" in main
    assert "Kæden af tilpasninger" in main
    assert_no_axe_violations(page)
    trial_action.refresh_from_db()
    follow_up = trial_action.follow_ups.get()
    assert trial_action.state == TrialActionState.ADAPTED

    # 4. The linked follow-up is planned, with the chain back to the first.
    with page.expect_navigation():  # the chain's link to the one after this
        page.get_by_role("link", name=TITLE, exact=True).first.click()
    assert page.url.endswith(
        reverse(
            "trial_actions:trial_action_detail",
            kwargs={**args, "trial_action_pk": follow_up.pk},
        )
    )
    main = page.locator("main").inner_text()
    assert "Kæden af tilpasninger" in main
    assert "Sæt prøvehandlingen i gang" in main
    assert_no_axe_violations(page)
    page.goto(live_server.url + reverse("trial_actions:board", kwargs=args))
    assert "2 prøvehandlinger vises." in page.locator("main").inner_text()
    assert_no_axe_violations(page)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_trial_action_pages_of_the_demo_pass_axe_for_coordinator_steering_and_consultant(
    browser_page, live_server, login, assert_no_axe_violations, settings
):
    settings.DEBUG = True
    call_command("seed_demo", password=DEFAULT_PASSWORD, stdout=None)
    trial_actions = TrialAction.objects.filter(programme__municipality__name="Roskilde")
    programme = trial_actions.first().programme
    args = {"programme_pk": programme.pk}
    overdue = trial_actions.overdue().get()
    middle = trial_actions.filter(follows__isnull=False, follow_ups__isnull=False).first()
    evaluated = trial_actions.get(state=TrialActionState.EVALUATED)
    board = reverse("trial_actions:board", kwargs=args)
    details = [
        reverse("trial_actions:trial_action_detail", kwargs={**args, "trial_action_pk": ta.pk})
        for ta in (overdue, middle, evaluated)
    ]
    page = browser_page

    switch_user(page, live_server, login, "koordinator@roskilde.dk")
    visit_all(
        page,
        live_server,
        assert_no_axe_violations,
        [
            reverse("programmes:programme_detail", kwargs=args),
            board,
            f"{board}?princip=3",
            reverse("trial_actions:trial_action_add", kwargs=args),
            reverse(
                "trial_actions:trial_action_edit", kwargs={**args, "trial_action_pk": overdue.pk}
            ),
            *details,
        ],
    )
    for email in ("styregruppe@roskilde.dk", "konsulent@sbst.dk"):
        switch_user(page, live_server, login, email)
        visit_all(page, live_server, assert_no_axe_violations, [board, *details])
