"""The review's summary as pure functions: the grid, the shares, the citizen's own voice."""

from casereview.summary import Share, presence_rows, principle_rows


def test_a_share_is_counted_of_the_relevant_cases_in_whole_percent_half_up():
    assert (Share(3, 8).percent, Share(1, 8).percent, Share(1, 3).percent) == (38, 13, 33)
    assert (Share(0, 5).percent, Share(5, 5).percent, Share(0, 0).percent) == (0, 100, None)


def test_each_principle_gets_a_row_with_a_cell_per_case_in_the_cases_order():
    rows = principle_rows([20, 10], [(10, 1, "clearly"), (20, 1, "not"), (10, 2, "partly")])

    assert [row.principle for row in rows] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [cell.shows for cell in rows[0].cells] == ["not", "clearly"]
    assert [cell.label for cell in rows[0].cells] == ["Ikke", "Tydeligt"]
    assert [cell.label for cell in rows[1].cells] == ["Ikke registreret", "Delvist"]
    assert rows[0].label == "Tag udgangspunkt i borgerens håb, ønsker og drømme"


def test_the_shares_leave_out_the_cases_where_the_principle_is_not_relevant():
    findings = [
        (1, 3, "clearly"),
        (2, 3, "partly"),
        (3, 3, "not"),
        (4, 3, "not_relevant"),
        (5, 3, "clearly"),
    ]

    row = principle_rows([1, 2, 3, 4, 5], findings)[2]

    assert row.relevant == 4
    assert (row.clearly.count, row.clearly.of, row.clearly.percent) == (2, 4, 50)
    assert (row.clearly_or_partly.count, row.clearly_or_partly.percent) == (3, 75)


def test_a_principle_relevant_in_no_case_has_no_share():
    row = principle_rows([1, 2], [(1, 5, "not_relevant"), (2, 5, "not_relevant")])[4]

    assert row.relevant == 0
    assert row.clearly.percent is None and row.clearly_or_partly.percent is None


def test_no_cases_give_empty_rows():
    rows = principle_rows([], [])

    assert len(rows) == 8
    assert all(row.cells == [] and row.relevant == 0 for row in rows)


def test_hopes_and_resources_are_counted_per_document():
    cases = [
        {
            "hopes_in_assessment": "yes",
            "hopes_in_action_plan": "no",
            "resources_in_assessment": "partly",
            "resources_in_action_plan": "yes",
        },
        {
            "hopes_in_assessment": "yes",
            "hopes_in_action_plan": "partly",
            "resources_in_assessment": "partly",
            "resources_in_action_plan": "no",
        },
    ]

    rows = presence_rows(cases)

    assert [(r.field, r.yes, r.partly, r.no) for r in rows] == [
        ("hopes_in_assessment", 2, 0, 0),
        ("hopes_in_action_plan", 0, 1, 1),
        ("resources_in_assessment", 0, 2, 0),
        ("resources_in_action_plan", 1, 0, 1),
    ]
    assert rows[0].question == "Håb, ønsker og drømme i udredningen"
    assert all(r.total == 2 for r in rows)
