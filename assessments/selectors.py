"""Reading the organisational assessment: its versions, and the profile of the latest one
against the one before, as a chart with a summary in words.

Each function asks the database a fixed number of times, whatever the number of versions.
"""

from dataclasses import dataclass

from django.db.models import Avg, Count, Prefetch
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

import charts

from .models import Assessment, Rating

SCALE = (1, 2, 3, 4, 5)


def versions(programme):
    """The programme's versions, newest first, each with its number of ratings and their
    average score."""
    return (
        Assessment.objects.filter(programme_id=programme.pk)
        .select_related("created_by")
        .annotate(rating_count=Count("ratings"), average=Avg("ratings__score"))
        .order_by("-number")
    )


def with_ratings(queryset):
    """Assessments with their ratings in the dimensions' order, dimension included."""
    return queryset.prefetch_related(
        Prefetch(
            "ratings",
            queryset=Rating.objects.select_related("dimension").order_by(
                "dimension__position", "dimension__name"
            ),
        )
    )


def latest_two(programme) -> list[Assessment]:
    """The newest version and the one before it (fewer when there are fewer), newest first."""
    return list(
        with_ratings(Assessment.objects.filter(programme_id=programme.pk)).order_by("-number")[:2]
    )


def version_label(assessment: Assessment) -> str:
    return _("Version %(number)s (%(date)s)") % {
        "number": assessment.number,
        "date": date_format(assessment.assessed_on, "SHORT_DATE_FORMAT"),
    }


@dataclass(frozen=True)
class Change:
    name: str
    before: int
    after: int


@dataclass(frozen=True)
class Profile:
    latest: Assessment
    previous: Assessment | None
    chart: charts.Chart
    strongest: list[str]
    weakest: list[str]
    raised: list[Change]
    lowered: list[Change]
    unchanged: int
    sentences: list[str]

    @property
    def summary(self) -> str:
        return " ".join(self.sentences)


def _names(names: list[str]) -> str:
    return str(get_text_list(names, _("og")))


def _extremes(scores: dict[str, int]) -> tuple[list[str], list[str], int, int]:
    top, bottom = max(scores.values()), min(scores.values())
    strongest = [name for name, score in scores.items() if score == top]
    weakest = [name for name, score in scores.items() if score == bottom]
    return strongest, weakest, top, bottom


def _sentences(previous, scores, strongest, weakest, top, bottom, raised, lowered, same):
    sentences = []
    if top == bottom:
        sentences.append(
            ngettext(
                "Den eneste dimension er vurderet til %(score)s.",
                "Alle %(count)s dimensioner er vurderet til %(score)s.",
                len(scores),
            )
            % {"count": len(scores), "score": top}
        )
    else:
        sentences.append(
            _("Stærkest står %(names)s (%(score)s).") % {"names": _names(strongest), "score": top}
        )
        sentences.append(
            _("Svagest står %(names)s (%(score)s).") % {"names": _names(weakest), "score": bottom}
        )
    if previous is None:
        sentences.append(_("Der er ingen tidligere version at sammenligne med."))
        return sentences
    if not raised and not lowered:
        sentences.append(
            _("Siden version %(number)s er ingen dimension vurderet anderledes.")
            % {"number": previous.number}
        )
        return sentences
    parts = []
    if raised:
        parts.append(
            ngettext(
                "%(count)s dimension vurderet højere (%(names)s)",
                "%(count)s dimensioner vurderet højere (%(names)s)",
                len(raised),
            )
            % {"count": len(raised), "names": _names([_change(c) for c in raised])}
        )
    if lowered:
        parts.append(
            ngettext(
                "%(count)s dimension vurderet lavere (%(names)s)",
                "%(count)s dimensioner vurderet lavere (%(names)s)",
                len(lowered),
            )
            % {"count": len(lowered), "names": _names([_change(c) for c in lowered])}
        )
    if same:
        parts.append(
            ngettext("%(count)s er uændret", "%(count)s er uændrede", same) % {"count": same}
        )
    sentences.append(
        _("Siden version %(number)s er %(changes)s.")
        % {"number": previous.number, "changes": _names(parts)}
    )
    return sentences


def _change(change: Change) -> str:
    return _("%(name)s fra %(before)s til %(after)s") % {
        "name": change.name,
        "before": change.before,
        "after": change.after,
    }


def profile(programme, assessments: list[Assessment] | None = None) -> Profile | None:
    """The latest version's profile against the previous one, or None before the first.

    `assessments` is `latest_two(programme)` when the caller has it already.
    """
    if assessments is None:
        assessments = latest_two(programme)
    if not assessments:
        return None
    latest = assessments[0]
    previous = assessments[1] if len(assessments) > 1 else None
    ratings = list(latest.ratings.all())
    before = {r.dimension_id: r.score for r in previous.ratings.all()} if previous else {}
    scores = {r.dimension.name: r.score for r in ratings}
    if not scores:
        return None
    strongest, weakest, top, bottom = _extremes(scores)
    raised, lowered, same = [], [], 0
    for rating in ratings:
        earlier = before.get(rating.dimension_id)
        if earlier is None:
            continue
        change = Change(rating.dimension.name, earlier, rating.score)
        if rating.score > earlier:
            raised.append(change)
        elif rating.score < earlier:
            lowered.append(change)
        else:
            same += 1
    sentences = _sentences(previous, scores, strongest, weakest, top, bottom, raised, lowered, same)
    labels = [r.dimension.name for r in ratings]
    series = [charts.Series(version_label(latest), [r.score for r in ratings])]
    colors = [charts.PALETTE[0]]
    if previous is not None:
        series.insert(
            0, charts.Series(version_label(previous), [before.get(r.dimension_id) for r in ratings])
        )
        colors.insert(0, charts.MUTED)
    chart = charts.bar_chart(
        _("Organisatorisk profil, version %(number)s") % {"number": latest.number},
        x_labels=labels,
        series=series,
        summary=" ".join(sentences),
        row_header=_("Dimension"),
        horizontal=True,
        first_on_top=True,
        colors=colors,
        range=(0, 5),
        y_labels=list(SCALE),
        height=max(260, 110 + len(labels) * (24 * len(series) + 20)),
    )
    return Profile(
        latest=latest,
        previous=previous,
        chart=chart,
        strongest=strongest,
        weakest=weakest,
        raised=raised,
        lowered=lowered,
        unchanged=same,
        sentences=sentences,
    )
