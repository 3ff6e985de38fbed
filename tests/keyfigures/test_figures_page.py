"""A municipality's figures page: each indicator against the national median and the
municipalities the user compares with, the support ladder, and what stays the municipality's
own (local figures, steering notes)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from keyfigures import services
from keyfigures.models import FigureStatus
from programmes.models import Membership
from tests.factories import ConsultantFactory, ProgrammeFactory, member
from tests.factories import municipality as named

from .factories import figure, indicator, ladder

Role = Membership.Role


def page(code, *compare):
    url = reverse("keyfigures:municipality_figures", kwargs={"code": code})
    if compare:
        url += "?" + "&".join(f"sammenlign={c}" for c in compare)
    return url


def chart_of(response, indicator):
    for section in response.context["sections"]:
        for item in section.items:
            if item.indicator == indicator:
                return item.chart
    raise AssertionError(f"no chart of {indicator}")


def test_a_municipalitys_figures_are_not_found_by_another_municipality(
    client_for, roskilde, herning_coordinator
):
    indicator()

    assert client_for(herning_coordinator).get(page(roskilde.code)).status_code == 404


def test_the_municipalitys_own_people_and_sbst_read_its_figures(client, roskilde):
    indicator()
    for user in (member("Roskilde", role=Role.READER), ConsultantFactory()):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        assert client.get(page(roskilde.code)).status_code == 200


def test_comparing_with_roskilde_shows_its_published_figures_never_its_own_or_its_notes(
    client_for, roskilde, herning, herning_coordinator, roskilde_coordinator
):
    trivsel = indicator("Trivsel")
    figure(herning, trivsel, 2023, 30)
    figure(roskilde, trivsel, 2023, 41.5)
    figure(roskilde, trivsel, 2024, 77.7, local=True)
    figure(herning, trivsel, 2024, 31, local=True)
    programme = ProgrammeFactory(municipality=roskilde)
    services.add_steering_note(
        programme,
        by=roskilde_coordinator,
        written_on=timezone.localdate(),
        text="Fortroligt om styringen i Roskilde",
    )

    response = client_for(herning_coordinator).get(page(herning.code, roskilde.code))

    body = response.content.decode()
    assert [m.name for m in response.context["compared"]] == ["Roskilde"]
    assert list(chart_of(response, trivsel).table.rows) == [
        ("2023", ["30", "35,75", "41,5"]),
        ("2024", ["31 (kommunens eget tal)", "–", "–"]),
    ]
    assert "77,7" not in body
    assert "Fortroligt" not in body
    assert reverse("keyfigures:steering_notes", args=[programme.pk]) not in body


def test_no_data_and_reported_by_another_municipality_are_shown_in_the_table(
    client_for, roskilde, roskilde_coordinator
):
    trivsel = indicator("Trivsel")
    ishoej, vallensbaek = named("Ishøj"), named("Vallensbæk")
    figure(roskilde, trivsel, 2023, status=FigureStatus.NO_DATA)
    figure(roskilde, trivsel, 2024, 12)
    figure(vallensbaek, trivsel, 2023, reported_by=ishoej)
    figure(vallensbaek, trivsel, 2024, reported_by=ishoej)

    response = client_for(roskilde_coordinator).get(page(roskilde.code, vallensbaek.code))

    assert list(chart_of(response, trivsel).table.rows) == [
        ("2023", ["Ingen data", "–", "Indberettet af Ishøj"]),
        ("2024", ["12", "12", "Indberettet af Ishøj"]),
    ]


def test_at_most_five_municipalities_are_compared(client_for, roskilde, roskilde_coordinator):
    indicator()
    others = ["657", "101", "147", "751", "461", "561"]

    response = client_for(roskilde_coordinator).get(page(roskilde.code, *others))

    assert response.context["compared"] == []
    assert response.context["form"].errors == {
        "sammenlign": ["Vælg højst 5 kommuner at sammenligne med."]
    }


def test_an_unknown_municipality_code_to_compare_with_is_an_error_not_a_failure(
    client_for, roskilde, roskilde_coordinator
):
    indicator()

    response = client_for(roskilde_coordinator).get(page(roskilde.code, "999", roskilde.code))

    assert response.status_code == 200
    assert response.context["compared"] == []
    assert "sammenlign" in response.context["form"].errors


@pytest.mark.cross_tenant  # figures of two municipalities, built as SBST's import does
def test_the_page_asks_as_many_queries_for_six_indicators_as_for_one(
    client_for, roskilde, herning, roskilde_coordinator, count_queries
):
    client = client_for(roskilde_coordinator)
    url = page(roskilde.code, herning.code)

    def add(index):
        shown = indicator(theme=["recovery", "early", "health"][index % 3])
        for year in (2023, 2024):
            figure(roskilde, shown, year, 10 + index)
            figure(herning, shown, year, 20 + index)
            figure(roskilde, shown, year + 2, 5, local=True)

    add(0)
    ladder(roskilde, 2024, [10, 20, 30, 40, 50])
    client.get(url)
    one = count_queries(lambda: client.get(url))
    for index in range(1, 6):
        add(index)
    ladder(roskilde, 2025, [15, 20, 30, 40, 45])
    six = count_queries(lambda: client.get(url))

    assert one == six
    assert sum(len(s.items) for s in client.get(url).context["sections"]) == 6


def test_the_support_ladder_is_drawn_top_step_first_with_a_summary(
    client_for, roskilde, roskilde_coordinator
):
    ladder(roskilde, 2023, [100, 100, 100, 100, 100])
    ladder(roskilde, 2024, [150, 110, 90, 80, 70])

    chart = client_for(roskilde_coordinator).get(page(roskilde.code)).context["ladder"]

    assert [label for label, _cells in chart.table.rows] == [
        "Længerevarende botilbud",
        "Midlertidigt botilbud",
        "Bolig med tilknyttet støtte",
        "Socialpædagogisk støtte i eget hjem",
        "Tidlig og forebyggende indsats i eget hjem",
        "I alt",
        "Andel på de nederste trin",
    ]
    assert chart.table.rows[-1] == ("Andel på de nederste trin", ["40 %", "52 %"])
    assert "borgerne bevæger sig ned ad trappen" in chart.summary


def test_an_indicator_not_in_use_is_left_out(client_for, roskilde, roskilde_coordinator):
    kept = indicator("Brugt")
    indicator("Udgået", is_active=False)

    response = client_for(roskilde_coordinator).get(page(roskilde.code))

    assert [i.indicator for s in response.context["sections"] for i in s.items] == [kept]


def test_the_municipality_page_has_a_panel_with_a_headline(
    client_for, roskilde, herning, roskilde_coordinator
):
    better, worse = indicator("Trivsel"), indicator("Ventetid", higher_is_better=False)
    for shown in (better, worse):
        figure(roskilde, shown, 2024, 20)
        figure(herning, shown, 2024, 10)

    response = client_for(roskilde_coordinator).get(reverse("home"))

    body = response.content.decode()
    assert (
        "Roskilde ligger bedre end landsmedianen på 1 af 2 nøgletal med tal i det seneste år."
        in body
    )
    assert page(roskilde.code) in body
