"""One indicator across all municipalities: ranked by its published values, programme
municipalities marked for SBST only, and the municipality's years against the median."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from keyfigures import selectors
from tests.factories import ConsultantFactory, ProgrammeFactory
from tests.factories import municipality as named

from .factories import figure, indicator


def page(code, **params):
    url = reverse("keyfigures:indicator_ranking", kwargs={"code": code})
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def rows(response):
    """The ranking's table as (rank, municipality, value, mark) tuples."""
    chart = response.context["ranking"]
    return [(label, *cells, "")[:4] for label, cells in chart.table.rows]


@pytest.fixture
def employment(roskilde):
    employment = indicator("Borgere i beskæftigelse", code="beskaeftigelse", unit="procent")
    with scopes_disabled():
        herning, randers, aarhus = named("Herning"), named("Randers"), named("Aarhus")
    for municipality, value in ((roskilde, 20), (herning, 30), (randers, 25), (aarhus, 25)):
        figure(municipality, employment, 2024, value)
    figure(roskilde, employment, 2023, 18)
    return employment


def test_every_municipality_is_ranked_best_first_and_equal_values_share_a_rank(
    client_for, roskilde, roskilde_coordinator, employment
):
    response = client_for(roskilde_coordinator).get(page(roskilde.code))

    assert response.status_code == 200
    assert [(r[0], r[1], r[2]) for r in rows(response)] == [
        ("1", "Herning", "30"),
        ("2", "Aarhus", "25"),
        ("2", "Randers", "25"),
        ("4", "Roskilde", "20"),
    ]
    assert "Roskilde er nummer 4 af 4 med 20 procent." in response.context["ranking"].summary


def test_lower_is_better_ranks_the_lowest_value_first(client_for, roskilde, roskilde_coordinator):
    waiting = indicator("Ventetid", code="ventetid", higher_is_better=False)
    with scopes_disabled():
        herning = named("Herning")
    figure(roskilde, waiting, 2024, 10)
    figure(herning, waiting, 2024, 40)

    response = client_for(roskilde_coordinator).get(page(roskilde.code, noegletal="ventetid"))

    assert [r[1] for r in rows(response)] == ["Roskilde", "Herning"]


@pytest.mark.cross_tenant
def test_sbst_sees_which_municipalities_are_in_a_programme(client_for, roskilde, employment):
    with scopes_disabled():
        ProgrammeFactory(municipality=named("Herning"))

    response = client_for(ConsultantFactory()).get(page(roskilde.code))

    marks = {r[1]: r[3] for r in rows(response)}
    assert marks == {"Herning": "I et forløb", "Aarhus": "", "Randers": "", "Roskilde": ""}
    assert "1 af de øvrige er i et strategisk udviklingsforløb." in (
        response.context["ranking"].summary
    )


def test_a_coordinator_never_learns_of_another_municipalitys_programme(
    client_for, roskilde, roskilde_coordinator, employment
):
    with scopes_disabled():
        ProgrammeFactory(municipality=named("Herning"))

    response = client_for(roskilde_coordinator).get(page(roskilde.code))

    assert response.context["ranking"].table.columns == ["Kommune", "Værdi"]
    assert "forløb" not in response.context["ranking"].summary


def test_local_figures_of_others_and_no_data_are_left_out(
    client_for, roskilde, roskilde_coordinator, employment
):
    with scopes_disabled():
        odense, ishoej = named("Odense"), named("Ishøj")
    figure(odense, employment, 2024, 99, local=True)
    figure(named("Vallensbæk"), employment, 2024, reported_by=ishoej)

    response = client_for(roskilde_coordinator).get(page(roskilde.code))

    assert [r[1] for r in rows(response)] == ["Herning", "Aarhus", "Randers", "Roskilde"]


def test_an_earlier_year_is_chosen_in_the_address(
    client_for, roskilde, roskilde_coordinator, employment
):
    response = client_for(roskilde_coordinator).get(
        page(roskilde.code, noegletal="beskaeftigelse", aar=2023)
    )

    assert [(r[0], r[1]) for r in rows(response)] == [("1", "Roskilde")]
    assert response.context["year"] == 2023


def test_a_year_without_figures_is_refused_beside_the_field_and_the_latest_is_shown(
    client_for, roskilde, roskilde_coordinator, employment
):
    response = client_for(roskilde_coordinator).get(
        page(roskilde.code, noegletal="beskaeftigelse", aar=1999)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["aar"]
    assert response.context["year"] == 2024


def test_an_unknown_indicator_code_shows_the_first_of_the_catalogue(
    client_for, roskilde, roskilde_coordinator, employment
):
    response = client_for(roskilde_coordinator).get(page(roskilde.code, noegletal="nope%00"))

    assert response.status_code == 200
    assert response.context["indicator"] == employment


def test_the_municipalitys_years_are_drawn_against_the_national_median(
    client_for, roskilde, roskilde_coordinator, employment
):
    response = client_for(roskilde_coordinator).get(page(roskilde.code))

    chart = response.context["over_time"].chart
    assert chart.table.columns == ["Roskilde", "Landsmedian"]
    assert [label for label, _cells in chart.table.rows] == ["2023", "2024"]


def test_another_municipality_gets_404(client_for, roskilde, herning_coordinator, employment):
    assert client_for(herning_coordinator).get(page(roskilde.code)).status_code == 404


def test_the_ranking_asks_as_often_for_many_municipalities_as_for_few(
    client_for, roskilde, roskilde_coordinator, employment, count_queries
):
    client = client_for(roskilde_coordinator)
    client.get(page(roskilde.code))
    few = count_queries(lambda: client.get(page(roskilde.code)))
    for name in ("Odense", "Aalborg", "Esbjerg", "Vejle", "Kolding"):
        with scopes_disabled():
            figure(named(name), employment, 2024, 12)
    many = count_queries(lambda: client.get(page(roskilde.code)))

    assert many == few


def test_the_figures_page_links_each_indicator_to_its_ranking(
    client_for, roskilde, roskilde_coordinator, employment
):
    response = client_for(roskilde_coordinator).get(
        reverse("keyfigures:municipality_figures", kwargs={"code": roskilde.code})
    )

    assert page(roskilde.code, noegletal="beskaeftigelse") in response.content.decode()


def test_ranking_selector_marks_the_page_municipality_as_own(roskilde, employment):
    ranked = selectors.ranking(ConsultantFactory(), employment, 2024, municipality=roskilde)

    assert [r.mark for r in ranked if r.municipality == roskilde] == ["own"]
