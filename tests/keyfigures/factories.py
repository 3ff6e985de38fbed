"""Key figures for tests: indicators, published and local figures, ladder counts."""

import itertools
from decimal import Decimal

from django_scopes import scopes_disabled

from keyfigures.models import (
    FigureStatus,
    FigureValue,
    Indicator,
    LadderCount,
    LadderStep,
    Source,
    Theme,
)

_codes = itertools.count(1)


def indicator(name=None, *, theme=Theme.RECOVERY, higher_is_better=True, code=None, **fields):
    number = next(_codes)
    return Indicator.objects.create(
        code=code or f"test-{number}",
        name=name or f"Nøgletal {number}",
        definition=fields.pop("definition", "Andel af borgerne med støtte."),
        unit=fields.pop("unit", "procent"),
        source=fields.pop("source", "Testdata"),
        theme=theme,
        higher_is_better=higher_is_better,
        **fields,
    )


def figure(
    municipality, indicator, year, value=None, *, status=None, reported_by=None, local=False
):
    """A figure of any municipality (written unscoped: a test builds several)."""
    if status is None:
        status = FigureStatus.REPORTED_ELSEWHERE if reported_by else FigureStatus.VALUE
    with scopes_disabled():
        return FigureValue.objects.create(
            municipality=municipality,
            indicator=indicator,
            year=year,
            status=status,
            value=Decimal(str(value)) if value is not None else None,
            reported_by=reported_by,
            source=Source.LOCAL if local else Source.PUBLISHED,
        )


def ladder(municipality, year, counts):
    """Citizens per step, from the bottom step up."""
    steps = list(LadderStep.objects.order_by("position"))
    with scopes_disabled():
        return LadderCount.objects.bulk_create(
            [
                LadderCount(municipality=municipality, step=step, year=year, citizens=citizens)
                for step, citizens in zip(steps, counts, strict=False)
            ]
        )
