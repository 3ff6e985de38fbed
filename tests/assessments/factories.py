"""Versions of a programme's organisational assessment, built through the service."""

import datetime

from django.utils import timezone

from assessments import services
from assessments.models import Dimension


def dimensions() -> list[Dimension]:
    """The dimensions in use, in order (the six of the default set unless a test changed it)."""
    return list(Dimension.objects.filter(is_active=True))


def ratings(scores=None, *, justification="Begrundelse", evidence="") -> list[dict]:
    """One rating per dimension in use; `scores` in the dimensions' order (3 each if none)."""
    active = dimensions()
    scores = list(scores) if scores is not None else [3] * len(active)
    return [
        {
            "dimension": dimension,
            "score": score,
            "justification": f"{justification} ({dimension.name})",
            "evidence": evidence,
        }
        for dimension, score in zip(active, scores, strict=True)
    ]


def assess(programme, by, scores=None, *, days_ago=0, summary="", **texts):
    """A new version (or the latest, when it says nothing new) and whether it was added."""
    return services.add_assessment(
        programme,
        by=by,
        assessed_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        summary=summary,
        ratings=ratings(scores, **texts),
    )


def version(programme, by, scores=None, **options):
    """A new version; fails the test if nothing new was said."""
    assessment, created = assess(programme, by, scores, **options)
    assert created, "the version said nothing new"
    return assessment
