"""Reading the temperature measurement: a programme's rounds, their response rates and
results, and the dimensions where the first round shows a need.

A result is shown only for a closed round and only for a respondent group with at least
`MIN_ANSWERS` answers: with fewer, or while answers still come in one at a time, a result
could tell what one person answered.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

import charts

from .models import (
    LOW_RESPONSE_RATE,
    MIN_ANSWERS,
    Answer,
    Dimension,
    MeasurementRound,
    RespondentGroup,
    RespondentKind,
    RoundKind,
)

KIND_ORDER = list(RespondentKind.values)


@dataclass(frozen=True)
class FlaggedDimension:
    """A dimension where the first round shows a need (the anchoring plan asks what was done
    about it). `key` is the dimension's code, the same in every version of the instrument."""

    key: str
    name: str
    reason: str


@dataclass
class DimensionResult:
    key: str
    name: str
    # Answers on the scale per value, lowest first; "do not know" apart.
    distribution: list[int]
    dont_know: int = 0
    earlier_mean: float | None = None

    @property
    def answered(self) -> int:
        return sum(self.distribution)

    @property
    def mean(self) -> float | None:
        if not self.answered:
            return None
        return sum(v * n for v, n in enumerate(self.distribution, start=1)) / self.answered


@dataclass
class GroupResult:
    group: RespondentGroup
    responses: int
    dimensions: list[DimensionResult] = field(default_factory=list)
    chart: object = None

    @property
    def label(self) -> str:
        return self.group.get_kind_display()

    @property
    def rate(self) -> float:
        return self.responses / self.group.expected if self.group.expected else 0.0

    @property
    def rate_percent(self) -> int:
        return round(self.rate * 100)

    @property
    def is_low(self) -> bool:
        return self.rate < LOW_RESPONSE_RATE

    @property
    def enough(self) -> bool:
        return self.responses >= MIN_ANSWERS


@dataclass
class RoundResult:
    round: MeasurementRound
    groups: list[GroupResult]
    # The first round, beside a follow-up.
    compared_with: MeasurementRound | None = None

    @property
    def shows_results(self) -> bool:
        return not self.round.is_open

    @property
    def responses(self) -> int:
        return sum(g.responses for g in self.groups)


def rounds_of(programme) -> list[MeasurementRound]:
    """The programme's rounds, first round first, each with its groups and their counts
    (`group.response_count`), in a fixed number of queries."""
    groups = RespondentGroup.objects.annotate(response_count=Count("responses")).order_by("kind")
    rounds = list(
        MeasurementRound.objects.filter(programme_id=programme.pk)
        .select_related("instrument")
        .prefetch_related(Prefetch("groups", queryset=groups))
        .order_by("opened_on", "pk")
    )
    for round_ in rounds:
        round_.response_total = sum(g.response_count for g in round_.groups.all())
    return rounds


def kinds_to_open(rounds: list[MeasurementRound]) -> list[str]:
    """The kinds of round the programme may still open: the first until it is taken, then
    the follow-up once the first is closed (the phase is checked when it is opened)."""
    kinds = {r.kind: r for r in rounds}
    first = kinds.get(RoundKind.FIRST)
    if first is None:
        return [RoundKind.FIRST]
    if not first.is_open and RoundKind.FOLLOW_UP not in kinds:
        return [RoundKind.FOLLOW_UP]
    return []


def _tallies(round_: MeasurementRound) -> dict:
    """{(group id, dimension id): {value: count}} over the round's answers, in one query."""
    tallies = defaultdict(dict)
    rows = (
        Answer.objects.filter(response__group__round_id=round_.pk)
        .order_by()
        .values_list("response__group_id", "statement__dimension_id", "value")
        .annotate(n=Count("pk"))
    )
    for group_id, dimension_id, value, n in rows:
        tallies[(group_id, dimension_id)][value] = n
    return tallies


def _group_results(round_: MeasurementRound) -> list[GroupResult]:
    groups = sorted(round_.groups.all(), key=lambda g: KIND_ORDER.index(g.kind))
    dimensions = list(Dimension.objects.filter(instrument_id=round_.instrument_id))
    steps = len(round_.instrument.scale)
    tallies = _tallies(round_) if not round_.is_open else {}
    results = []
    for group in groups:
        result = GroupResult(group=group, responses=group.response_count)
        if not round_.is_open and result.enough:
            for dimension in dimensions:
                tally = tallies.get((group.pk, dimension.pk), {})
                result.dimensions.append(
                    DimensionResult(
                        key=dimension.key,
                        name=dimension.name,
                        distribution=[tally.get(value, 0) for value in range(1, steps + 1)],
                        dont_know=tally.get(None, 0),
                    )
                )
        results.append(result)
    return results


def round_result(round_: MeasurementRound, rounds: list[MeasurementRound] | None = None):
    """The round's groups with their response rates and, once the round is closed, each
    group's result per dimension (for a group with enough answers); a follow-up shows the
    first round's means beside its own."""
    rounds = rounds if rounds is not None else rounds_of(round_.programme)
    round_ = next(r for r in rounds if r.pk == round_.pk)
    groups = _group_results(round_)
    first = None
    if round_.kind == RoundKind.FOLLOW_UP:
        first = next((r for r in rounds if r.kind == RoundKind.FIRST and not r.is_open), None)
    if first is not None:
        earlier = {
            (g.group.kind, d.key): d.mean for g in _group_results(first) for d in g.dimensions
        }
        for group in groups:
            for dimension in group.dimensions:
                dimension.earlier_mean = earlier.get((group.group.kind, dimension.key))
    for group in groups:
        if group.dimensions:
            group.chart = _chart(round_, group, first)
    return RoundResult(round=round_, groups=groups, compared_with=first)


def _mean_text(value) -> str:
    return charts.format_value(value, decimals=1)


def _chart(round_, group: GroupResult, first) -> charts.Chart:
    labels = [d.name for d in group.dimensions]
    series = [charts.Series(round_.get_kind_display(), [d.mean for d in group.dimensions])]
    colors = [charts.PALETTE[0]]
    if first is not None:
        series.insert(
            0,
            charts.Series(first.get_kind_display(), [d.earlier_mean for d in group.dimensions]),
        )
        colors.insert(0, charts.MUTED)
    scored = [d for d in group.dimensions if d.mean is not None]
    steps = len(round_.instrument.scale)
    if scored:
        high = max(scored, key=lambda d: d.mean)
        low = min(scored, key=lambda d: d.mean)
        summary = _(
            "%(group)s svarede gennemsnitligt højest på »%(high)s« (%(high_mean)s) og lavest "
            "på »%(low)s« (%(low_mean)s) på skalaen fra 1 til %(steps)s."
        ) % {
            "group": group.label,
            "high": high.name,
            "high_mean": _mean_text(high.mean),
            "low": low.name,
            "low_mean": _mean_text(low.mean),
            "steps": steps,
        }
    else:
        summary = _("Ingen svarede på skalaen.")
    if first is not None:
        summary += " " + _("Den grå søjle er den første måling.")
    return charts.bar_chart(
        _("%(group)s: gennemsnit pr. dimension, %(kind)s")
        % {"group": group.label, "kind": round_.get_kind_display().lower()},
        x_labels=labels,
        series=series,
        summary=summary,
        row_header=_("Dimension"),
        horizontal=True,
        first_on_top=True,
        colors=colors,
        range=(0, steps),
        y_labels=list(range(0, steps + 1)),
        height=max(260, 110 + len(labels) * (24 * len(series) + 20)),
    )


def first_round_result(programme) -> RoundResult | None:
    """The closed first round's result, or None."""
    rounds = rounds_of(programme)
    first = next((r for r in rounds if r.kind == RoundKind.FIRST and not r.is_open), None)
    return round_result(first, rounds) if first is not None else None


def dimensions_needing_attention(programme) -> list[FlaggedDimension]:
    """Dimensions whose mean in the closed first round, over the groups with enough answers,
    lies below the middle of the scale (3 on 1–5), each with the result as a Danish sentence.
    Empty when there is no such result."""
    result = first_round_result(programme)
    if result is None:
        return []
    midpoint = result.round.instrument.midpoint
    steps = len(result.round.instrument.scale)
    pooled: dict[str, list] = {}
    for group in result.groups:
        for dimension in group.dimensions:
            entry = pooled.setdefault(dimension.key, [dimension.name, [0] * steps, []])
            entry[1] = [a + b for a, b in zip(entry[1], dimension.distribution, strict=True)]
            if dimension.mean is not None:
                entry[2].append(f"{group.label.lower()} {_mean_text(dimension.mean)}")
    flagged = []
    for key, (name, distribution, per_group) in pooled.items():
        mean = DimensionResult(key=key, name=name, distribution=distribution).mean
        if mean is None or mean >= midpoint:
            continue
        reason = _(
            "Gennemsnittet i den første måling var %(mean)s på skalaen fra 1 til %(steps)s "
            "(%(groups)s), under midten af skalaen."
        ) % {"mean": _mean_text(mean), "steps": steps, "groups": ", ".join(per_group)}
        flagged.append(FlaggedDimension(key=key, name=name, reason=reason))
    return flagged
