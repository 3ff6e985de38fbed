"""The Anhøj rules for a run chart, as pure functions (no Django, no database).

A run chart shows values over time around their median. Points on the median are skipped;
the others are the useful points, each above or below. Random variation shows neither
(Anhøj and Olesen, PLOS ONE 2014; the R package qicharts2's `runs.analysis`):

- an unusually long run: a run is consecutive useful points on one side of the median, and
  the longest is too long when it is longer than round(log2(n) + 3), n the useful points;
- too few crossings: a crossing is two consecutive useful points on opposite sides, and there
  are too few when fewer than the 5th percentile of Binomial(n − 1, 0.5), computed exactly
  here (qicharts2: `qbinom(0.05, n - 1, 0.5)`).

Below `MINIMUM_USEFUL` useful points the rules say nothing, and the verdict says so.

The limits for n = 10..30 agree with qicharts2's published table, "Appendix 2: Critical
values for longest run and number of crossings" of its vignette (anhoej/qicharts2,
vignettes/qicharts2.Rmd; also in Anhøj & Olesen 2014, table 1):

    n            10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
    longest run   6  6  7  7  7  7  7  7  7  7  7  7  7  8  8  8  8  8  8  8  8
    crossings     2  2  3  3  4  4  4  5  5  6  6  6  7  7  8  8  8  9  9 10 10

(a run longer than the first figure, or fewer crossings than the second, is a signal).

The sentences are Danish; `_` only marks them for the translation catalogue, and a page shows
`Verdict.message(gettext)` in the reader's language.
"""

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Fewer useful points than this give no verdict (Anhøj: the rules need about ten).
MINIMUM_USEFUL = 10


def _(text: str) -> str:
    """Marks a sentence for the translation catalogue; translated where it is shown."""
    return text


ABOVE, BELOW = 1, -1


def median(values: Sequence) -> object | None:
    """The median of the values recorded (None for none): the chart's centre line."""
    present = [value for value in values if value is not None]
    if not present:
        return None
    return statistics.median(present)


def sides(values: Sequence, centre) -> list[int]:
    """Each useful point's side of `centre`, in order: ABOVE or BELOW. Points on the centre
    line (and missing values) are skipped."""
    if centre is None:
        return []
    return [
        ABOVE if value > centre else BELOW
        for value in values
        if value is not None and value != centre
    ]


def run_lengths(point_sides: Sequence[int]) -> list[int]:
    """The lengths of the runs: consecutive useful points on the same side."""
    runs: list[int] = []
    previous = None
    for side in point_sides:
        if side == previous:
            runs[-1] += 1
        else:
            runs.append(1)
            previous = side
    return runs


def longest_run(point_sides: Sequence[int]) -> int:
    return max(run_lengths(point_sides), default=0)


def crossings(point_sides: Sequence[int]) -> int:
    """How many times consecutive useful points change side."""
    return max(len(run_lengths(point_sides)) - 1, 0)


def longest_run_limit(useful: int) -> int:
    """The longest run expected from random variation among `useful` points: a longer run
    is a signal. round(log2(n) + 3); log2(n) is never exactly half-way for a whole n > 0."""
    if useful < 1:
        return 0
    return round(math.log2(useful) + 3)


def crossings_limit(useful: int) -> int:
    """The fewest crossings expected from random variation among `useful` points: fewer is a
    signal. The largest c with P(X < c) ≤ 0.05 for X ~ Binomial(n − 1, 0.5), in whole
    numbers: 20 · Σ_{k<c} C(n − 1, k) ≤ 2^(n − 1). The same as qicharts2's qbinom(0.05, …)."""
    trials = max(useful - 1, 0)
    total = 2**trials
    limit, below = 0, 0  # below = Σ_{k<limit} C(trials, k)
    while limit <= trials:
        with_next = below + math.comb(trials, limit)
        if 20 * with_next > total:
            break
        limit, below = limit + 1, with_next
    return limit


# The cases of a verdict; `Verdict.case`.
TOO_FEW = "too_few"
LONG_RUN = "long_run"
FEW_CROSSINGS = "few_crossings"
BOTH = "both"
RANDOM = "random"

SENTENCES = {
    TOO_FEW: _(
        "For få punkter til en vurdering – mindst 10 punkter, der ikke ligger på medianen, "
        "skal der til, og der er %(useful)d."
    ),
    LONG_RUN: _(
        "Tegn på en ændring: en usædvanligt lang serie på %(longest_run)d punkter på samme "
        "side af medianen (mere end %(longest_run_limit)d er usædvanligt for %(useful)d "
        "punkter)."
    ),
    FEW_CROSSINGS: _(
        "Tegn på en ændring: for få krydsninger af medianen, %(crossings)d (under "
        "%(crossings_limit)d er usædvanligt for %(useful)d punkter)."
    ),
    BOTH: _(
        "Tegn på en ændring: en usædvanligt lang serie på %(longest_run)d punkter på samme "
        "side af medianen (mere end %(longest_run_limit)d er usædvanligt) og for få "
        "krydsninger, %(crossings)d (under %(crossings_limit)d er usædvanligt for %(useful)d "
        "punkter)."
    ),
    RANDOM: _(
        "Tilfældig variation: ingen usædvanligt lang serie (den længste er %(longest_run)d "
        "punkter, grænsen %(longest_run_limit)d) og ikke for få krydsninger (%(crossings)d, "
        "mindst %(crossings_limit)d for %(useful)d punkter)."
    ),
}


@dataclass(frozen=True)
class Verdict:
    """What the Anhøj rules say about a series."""

    points: int  # values recorded
    median: object | None
    useful: int  # points not on the median
    longest_run: int
    longest_run_limit: int
    crossings: int
    crossings_limit: int

    @property
    def enough(self) -> bool:
        return self.useful >= MINIMUM_USEFUL

    @property
    def long_run(self) -> bool:
        """A signal: the longest run is longer than the limit."""
        return self.enough and self.longest_run > self.longest_run_limit

    @property
    def few_crossings(self) -> bool:
        """A signal: fewer crossings than the limit."""
        return self.enough and self.crossings < self.crossings_limit

    @property
    def signal(self) -> bool:
        return self.long_run or self.few_crossings

    @property
    def case(self) -> str:
        if not self.enough:
            return TOO_FEW
        if self.long_run and self.few_crossings:
            return BOTH
        if self.long_run:
            return LONG_RUN
        if self.few_crossings:
            return FEW_CROSSINGS
        return RANDOM

    def message(self, translate: Callable[[str], str] = _) -> str:
        """The verdict as one sentence; `translate` is gettext on a page (Danish without)."""
        return translate(SENTENCES[self.case]) % {
            "useful": self.useful,
            "longest_run": self.longest_run,
            "longest_run_limit": self.longest_run_limit,
            "crossings": self.crossings,
            "crossings_limit": self.crossings_limit,
        }

    @property
    def sentence(self) -> str:
        """The verdict in Danish."""
        return self.message()


def verdict(values: Sequence) -> Verdict:
    """The Anhøj rules applied to `values` in time order (None for a missing value)."""
    centre = median(values)
    point_sides = sides(values, centre)
    useful = len(point_sides)
    return Verdict(
        points=sum(1 for value in values if value is not None),
        median=centre,
        useful=useful,
        longest_run=longest_run(point_sides),
        longest_run_limit=longest_run_limit(useful),
        crossings=crossings(point_sides),
        crossings_limit=crossings_limit(useful),
    )
