"""The national median, and the sentences that say what a chart shows."""

from decimal import Decimal

import pytest

from keyfigures import display, selectors
from keyfigures.models import FigureStatus, FigureValue, LadderStep, Source
from programmes.models import Municipality
from tests.factories import ConsultantFactory, member
from tests.factories import municipality as named

from .factories import figure, indicator

pytestmark = pytest.mark.cross_tenant  # the median reads every municipality


def _municipalities(count):
    return list(Municipality.objects.order_by("code")[:count])


def test_the_median_of_an_odd_count_is_the_middle_value(db):
    trivsel = indicator()
    for municipality, value in zip(_municipalities(3), (7, 1, 3), strict=True):
        figure(municipality, trivsel, 2024, value)

    assert selectors.national_medians(ConsultantFactory(), [trivsel]) == {
        (trivsel.pk, 2024): Decimal(3)
    }


def test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_values(db):
    trivsel = indicator()
    for municipality, value in zip(_municipalities(4), (1, 10, 4, 2.5), strict=True):
        figure(municipality, trivsel, 2024, value)

    assert selectors.national_medians(ConsultantFactory(), [trivsel]) == {
        (trivsel.pk, 2024): Decimal("3.25")
    }


def test_the_median_leaves_out_no_data_reported_elsewhere_and_local_figures(db):
    trivsel = indicator()
    first, second, third, fourth, fifth = _municipalities(5)
    figure(first, trivsel, 2024, 10)
    figure(second, trivsel, 2024, 20)
    figure(third, trivsel, 2024, status=FigureStatus.NO_DATA)
    figure(fourth, trivsel, 2024, reported_by=first)
    figure(fifth, trivsel, 2024, 1000, local=True)

    assert selectors.national_medians(ConsultantFactory(), [trivsel]) == {
        (trivsel.pk, 2024): Decimal(15)
    }


def test_the_median_is_per_year_and_per_indicator(db):
    one, other = indicator(), indicator()
    first, second = _municipalities(2)
    figure(first, one, 2023, 1)
    figure(second, one, 2023, 3)
    figure(first, one, 2024, 5)
    figure(first, other, 2023, 9)

    assert selectors.national_medians(member("Herning"), [one, other]) == {
        (one.pk, 2023): Decimal(2),
        (one.pk, 2024): Decimal(5),
        (other.pk, 2023): Decimal(9),
    }


def test_a_user_reads_published_figures_of_every_municipality_but_local_ones_of_their_own(db):
    trivsel = indicator()
    roskilde, herning = named("Roskilde"), named("Herning")
    figure(roskilde, trivsel, 2023, 1)
    figure(roskilde, trivsel, 2024, 2, local=True)
    figure(herning, trivsel, 2024, 3, local=True)

    seen = selectors.figures_for(member("Herning"), [roskilde, herning])

    assert sorted((f.municipality.name, f.year) for f in seen) == [
        ("Herning", 2024),
        ("Roskilde", 2023),
    ]


def _figures(**years):
    return {
        int(year[1:]): FigureValue(year=int(year[1:]), status=FigureStatus.VALUE, value=Decimal(v))
        for year, v in years.items()
    }


@pytest.mark.parametrize(
    ("higher_is_better", "expected"),
    [
        (
            True,
            "I 2025 var tallet for Roskilde 45 procent, og landsmedianen var 40,5 procent. "
            "Roskilde ligger bedre end medianen, da højere er bedre. Fra 2023 til 2025 steg "
            "tallet fra 38,2 til 45 procent, i den ønskede retning.",
        ),
        (
            False,
            "I 2025 var tallet for Roskilde 45 procent, og landsmedianen var 40,5 procent. "
            "Roskilde ligger dårligere end medianen, da lavere er bedre. Fra 2023 til 2025 steg "
            "tallet fra 38,2 til 45 procent, modsat den ønskede retning.",
        ),
    ],
)
def test_the_summary_reads_the_latest_year_against_the_median_and_the_direction(
    db, higher_is_better, expected
):
    shown = indicator(higher_is_better=higher_is_better, unit="procent")
    own = _figures(y2023="38.2", y2025="45")
    medians = {2023: Decimal("41"), 2025: Decimal("40.5")}

    assert display.indicator_summary(shown, named("Roskilde"), own, medians) == expected


def test_the_summary_says_who_reports_a_municipalitys_figures(db):
    vallensbaek, ishoej = named("Vallensbæk"), named("Ishøj")
    own = {
        2024: FigureValue(
            year=2024,
            status=FigureStatus.REPORTED_ELSEWHERE,
            reported_by=ishoej,
            source=Source.PUBLISHED,
        )
    }

    assert display.indicator_summary(indicator(), vallensbaek, own, {}) == (
        "Tallene for Vallensbæk indberettes af Ishøj, så der er ingen særskilte tal for "
        "kommunen (senest 2024)."
    )


def test_the_summary_of_a_municipality_without_figures_says_so(db):
    assert display.indicator_summary(indicator(), named("Roskilde"), {}, {}) == (
        "Der er ingen tal for Roskilde endnu."
    )


def _counts(**years):
    steps = list(LadderStep.objects.order_by("position"))
    return {
        (step.pk, int(year[1:])): citizens
        for year, values in years.items()
        for step, citizens in zip(steps, values, strict=True)
    }


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (
            {"y2023": [20, 20, 20, 20, 20], "y2025": [30, 25, 20, 15, 10]},
            "Fra 2023 til 2025 steg andelen af borgerne på de nederste trin (tidlig og "
            "forebyggende indsats i eget hjem og socialpædagogisk støtte i eget hjem) fra 40 % "
            "til 55 %: borgerne bevæger sig ned ad trappen, som omlægningen forventes at føre "
            "til.",
        ),
        (
            {"y2023": [30, 25, 20, 15, 10], "y2024": [20, 20, 20, 20, 20]},
            "Fra 2023 til 2024 faldt andelen af borgerne på de nederste trin (tidlig og "
            "forebyggende indsats i eget hjem og socialpædagogisk støtte i eget hjem) fra 55 % "
            "til 40 %: borgerne bevæger sig op ad trappen, modsat den forventede retning.",
        ),
        (
            {"y2023": [20, 20, 20, 20, 20], "y2024": [40, 40, 40, 40, 40]},
            "Fra 2023 til 2024 var andelen af borgerne på de nederste trin (tidlig og "
            "forebyggende indsats i eget hjem og socialpædagogisk støtte i eget hjem) uændret "
            "40 %.",
        ),
        (
            {"y2024": [1, 1, 1, 0, 0]},
            "I 2024 var 66,7 % af borgerne på de nederste trin (tidlig og forebyggende indsats i "
            "eget hjem og socialpædagogisk støtte i eget hjem). Der er tal for ét år, så "
            "bevægelsen kan ikke ses endnu.",
        ),
        ({}, "Der er ingen tal for indsatstrappen endnu."),
    ],
)
def test_the_ladders_summary_reads_a_rising_share_on_the_lower_steps_as_moving_down(
    db, counts, expected
):
    steps = list(LadderStep.objects.order_by("position"))

    assert display.ladder_summary(steps, _counts(**counts)) == expected
