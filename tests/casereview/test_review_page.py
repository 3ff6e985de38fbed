"""The review's summary page: the grid as a heat map with words, the shares, the citizen's
own voice, how many of the ten are missing, and as many queries for ten cases as for one."""

from django.urls import reverse

from casereview import services

from .factories import details, findings, recorded_case


def _url(programme):
    return reverse("casereview:review", kwargs={"programme_pk": programme.pk})


def test_the_page_says_how_many_of_the_ten_cases_are_missing(programme, coordinator, client_for):
    client = client_for(coordinator)
    empty = client.get(_url(programme)).content.decode()
    for number in range(1, 4):
        recorded_case(programme, coordinator, f"Sag {number}")

    three = client.get(_url(programme)).content.decode()

    assert "0 af 10 sager er gennemgået." in empty
    assert "10 af de ti sager mangler." in empty
    assert "3 af 10 sager er gennemgået." in three
    assert "7 af de ti sager mangler." in three


def test_the_page_says_nothing_is_missing_when_all_ten_are_there(
    programme, coordinator, client_for
):
    for number in range(1, 11):
        recorded_case(programme, coordinator, f"Sag {number}")

    page = client_for(coordinator).get(_url(programme)).content.decode()

    assert "10 af 10 sager er gennemgået." in page
    assert "mangler" not in page


def test_the_grid_says_in_words_how_each_principle_shows_beside_its_colour(
    programme, coordinator, client_for
):
    services.record_case(
        programme,
        by=coordinator,
        details=details("Sag A"),
        findings=findings("not_relevant", p1="clearly", p2="partly", p3="not"),
    )

    response = client_for(coordinator).get(_url(programme))

    page = response.content.decode()
    assert '<th scope="col">Princip</th>' in page
    assert '<th scope="row">1. Tag udgangspunkt i borgerens håb, ønsker og drømme</th>' in page
    for shows, word in [
        ("clearly", "Tydeligt"),
        ("partly", "Delvist"),
        ("not", "Ikke"),
        ("not_relevant", "Ikke relevant"),
    ]:
        assert f'<td class="case-grid__cell shows--{shows}">{word}</td>' in page
    rows = response.context["rows"]
    assert [(r.clearly.count, r.clearly_or_partly.count, r.relevant) for r in rows[:4]] == [
        (1, 1, 1),
        (0, 1, 1),
        (0, 0, 1),
        (0, 0, 0),
    ]
    assert "1 af 1 (100 %)" in page
    assert "ingen relevante sager" in page


def test_the_page_counts_hopes_and_resources_in_assessment_and_action_plan(
    programme, coordinator, client_for
):
    recorded_case(programme, coordinator, "Sag 1", hopes_in_action_plan="no")
    recorded_case(programme, coordinator, "Sag 2", hopes_in_action_plan="yes")

    response = client_for(coordinator).get(_url(programme))

    rows = {row.field: (row.yes, row.partly, row.no) for row in response.context["presence"]}
    assert rows == {
        "hopes_in_assessment": (2, 0, 0),
        "hopes_in_action_plan": (1, 0, 1),
        "resources_in_assessment": (0, 0, 2),
        "resources_in_action_plan": (2, 0, 0),
    }


def test_the_page_makes_as_many_queries_for_ten_cases_as_for_one(
    programme, coordinator, client_for, count_queries
):
    client = client_for(coordinator)
    recorded_case(programme, coordinator, "Sag 1")
    client.get(_url(programme))  # warms the caches the counts then share
    one = count_queries(lambda: client.get(_url(programme)))
    for number in range(2, 11):
        recorded_case(programme, coordinator, f"Sag {number}")

    ten = count_queries(lambda: client.get(_url(programme)))

    assert one == ten
    assert len(client.get(_url(programme)).context["cases"]) == 10
