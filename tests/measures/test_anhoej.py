"""The Anhøj rules on series worked out by hand, and their limits against qicharts2's table."""

import math
from decimal import Decimal

import pytest

from measures import anhoej
from measures.anhoej import ABOVE as A
from measures.anhoej import BELOW as B

# qicharts2's vignette, "Appendix 2: Critical values for longest run and number of
# crossings" (anhoej/qicharts2, vignettes/qicharts2.Rmd): n useful points, the longest run
# expected (a longer one signals), the fewest crossings expected (fewer signal).
PUBLISHED_LIMITS = {
    10: (6, 2),
    11: (6, 2),
    12: (7, 3),
    13: (7, 3),
    14: (7, 4),
    15: (7, 4),
    16: (7, 4),
    17: (7, 5),
    18: (7, 5),
    19: (7, 6),
    20: (7, 6),
    21: (7, 6),
    22: (7, 7),
    23: (8, 7),
    24: (8, 8),
    25: (8, 8),
    26: (8, 8),
    27: (8, 9),
    28: (8, 9),
    29: (8, 10),
    30: (8, 10),
}


@pytest.mark.parametrize("useful", sorted(PUBLISHED_LIMITS))
def test_limits_for_10_to_30_useful_points_are_qicharts2s_published_table(useful):
    assert (
        anhoej.longest_run_limit(useful),
        anhoej.crossings_limit(useful),
    ) == PUBLISHED_LIMITS[useful]


@pytest.mark.parametrize("useful", range(2, 101))
def test_crossings_limit_is_the_largest_c_with_p_of_fewer_at_most_five_percent(useful):
    trials = useful - 1
    limit = anhoej.crossings_limit(useful)

    def p_fewer(c):
        return sum(math.comb(trials, k) for k in range(c)) / 2**trials

    assert p_fewer(limit) <= 0.05 < p_fewer(limit + 1)


def test_ten_useful_points_allow_a_run_of_six_and_signal_a_run_of_seven():
    # round(log2(10) + 3) = round(6.32) = 6.
    assert anhoej.longest_run_limit(10) == 6
    assert anhoej.crossings_limit(10) == 2  # P(X < 2) = 10/512 ≈ 0.02; P(X < 3) = 46/512 ≈ 0.09


def test_runs_and_crossings_are_counted_over_the_useful_points():
    point_sides = [A, A, B, A, A, A, B, B]
    assert anhoej.run_lengths(point_sides) == [2, 1, 3, 2]
    assert anhoej.longest_run(point_sides) == 3
    assert anhoej.crossings(point_sides) == 3
    assert anhoej.crossings([]) == 0
    assert anhoej.longest_run([]) == 0


def test_points_on_the_median_are_skipped_so_a_run_goes_on_through_them():
    # Median 5: the two fives are neither above nor below, and the run of 6, 7, 8 is one run.
    values = [1, 6, 5, 7, 5, 8, 2, 3]
    assert anhoej.median(values) == 5
    assert anhoej.sides(values, 5) == [B, A, A, A, B, B]
    assert anhoej.run_lengths(anhoej.sides(values, 5)) == [1, 3, 2]


def test_the_median_is_of_the_values_recorded_and_missing_values_are_skipped():
    assert anhoej.median([3, None, 1, 2]) == 2
    assert anhoej.median([Decimal("1.5"), Decimal("2.5")]) == Decimal("2")
    assert anhoej.median([]) is None
    assert anhoej.sides([None, 1, 3], None) == []


def test_a_long_run_alone_signals():
    # 20 values, ten above and ten below the median 10.5. Above: 11–20, below: 1–10.
    # Sides A B A B A, then eight below (3–10), then seven above (14–20): runs 1 1 1 1 1 8 7,
    # longest 8 > round(log2 20 + 3) = 7; crossings 6, not fewer than the limit 6.
    values = [11, 1, 12, 2, 13, 3, 4, 5, 6, 7, 8, 9, 10, 14, 15, 16, 17, 18, 19, 20]
    verdict = anhoej.verdict(values)
    assert (verdict.median, verdict.useful) == (10.5, 20)
    assert (verdict.longest_run, verdict.longest_run_limit) == (8, 7)
    assert (verdict.crossings, verdict.crossings_limit) == (6, 6)
    assert (verdict.long_run, verdict.few_crossings, verdict.signal) == (True, False, True)
    assert verdict.case == anhoej.LONG_RUN
    assert verdict.sentence == (
        "Tegn på en ændring: en usædvanligt lang serie på 8 punkter på samme side af "
        "medianen (mere end 7 er usædvanligt for 20 punkter)."
    )


def test_too_few_crossings_alone_signal():
    # 1–12 rising: median 6.5, six below then six above. Runs 6 and 6: longest 6 is not
    # over round(log2 12 + 3) = 7, but one crossing is fewer than 3.
    verdict = anhoej.verdict(list(range(1, 13)))
    assert (verdict.longest_run, verdict.longest_run_limit) == (6, 7)
    assert (verdict.crossings, verdict.crossings_limit) == (1, 3)
    assert verdict.case == anhoej.FEW_CROSSINGS
    assert verdict.sentence == (
        "Tegn på en ændring: for få krydsninger af medianen, 1 (under 3 er usædvanligt for "
        "12 punkter)."
    )


def test_a_shift_gives_both_signals():
    # 1–20 rising: runs of 10 below and 10 above; 10 > 7 and 1 crossing < 6.
    verdict = anhoej.verdict(list(range(1, 21)))
    assert (verdict.long_run, verdict.few_crossings) == (True, True)
    assert verdict.case == anhoej.BOTH
    assert verdict.sentence.startswith("Tegn på en ændring: en usædvanligt lang serie på 10")


def test_random_variation_gives_no_signal():
    # Median 6.5; sides A A B B A B A A B B A B: runs 2 2 1 1 2 2 1 1, longest 2 ≤ 7,
    # crossings 7 ≥ 3.
    values = [7, 8, 1, 2, 9, 3, 10, 11, 4, 5, 12, 6]
    verdict = anhoej.verdict(values)
    assert (verdict.longest_run, verdict.crossings) == (2, 7)
    assert not verdict.signal
    assert verdict.case == anhoej.RANDOM
    assert verdict.sentence.startswith("Tilfældig variation")


def test_points_on_the_median_do_not_count_towards_the_ten():
    # 13 values; median 5, which five of them equal: 8 useful points, too few for a verdict.
    values = [5, 1, 5, 9, 5, 2, 8, 5, 3, 7, 5, 4, 6]
    verdict = anhoej.verdict(values)
    assert (verdict.points, verdict.median, verdict.useful) == (13, 5, 8)
    assert (verdict.longest_run, verdict.crossings) == (1, 7)
    assert verdict.case == anhoej.TOO_FEW


def test_fewer_than_ten_points_give_no_signal_and_say_so():
    # Nine rising values would be a shift with more points; with nine, nothing is said.
    verdict = anhoej.verdict([1, 2, 3, 4, 5, 6, 7, 8, 9])
    assert (verdict.useful, verdict.long_run, verdict.few_crossings) == (8, False, False)
    assert not verdict.signal
    assert verdict.sentence == (
        "For få punkter til en vurdering – mindst 10 punkter, der ikke ligger på medianen, "
        "skal der til, og der er 8."
    )


def test_no_values_give_an_empty_verdict():
    verdict = anhoej.verdict([])
    assert (verdict.points, verdict.median, verdict.useful, verdict.signal) == (0, None, 0, False)
    assert verdict.case == anhoej.TOO_FEW


def test_the_verdict_is_translated_by_the_function_given():
    verdict = anhoej.verdict(list(range(1, 13)))
    assert verdict.message(lambda text: text.replace("Tegn på en ændring", "Signal")).startswith(
        "Signal: for få krydsninger"
    )
