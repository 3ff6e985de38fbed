"""The programme's timeline drawn as SVG on the server: its phases as bands in time, today as a
line, the dated items other apps contribute (meetings) as marks. The page gives the same
facts as text beside it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from .schedule import PhaseSpan

# fn(programme) -> list[TimelineItem]: registered by other apps (meetings).
_PROVIDERS: list[Callable] = []

WIDTH = 800
LEFT = 10
RIGHT = 790
BAND_Y = 30
BAND_HEIGHT = 44
MARK_Y = 100


def register_timeline_items(provider: Callable) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


@dataclass(frozen=True)
class TimelineItem:
    day: datetime.date
    label: str
    url: str = ""
    done: bool = False


@dataclass(frozen=True)
class Band:
    span: PhaseSpan
    x: float
    width: float
    current: bool

    @property
    def label_x(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Mark:
    item: TimelineItem
    x: float


@dataclass(frozen=True)
class Timeline:
    bands: list[Band]
    marks: list[Mark]
    today: datetime.date
    today_x: float | None
    starts_on: datetime.date
    ends_on: datetime.date
    width: int = WIDTH
    height: int = 130


def timeline_items(programme) -> list[TimelineItem]:
    items = []
    for provider in _PROVIDERS:
        items += provider(programme)
    return sorted(items, key=lambda item: item.day)


def build_timeline(schedule: list[PhaseSpan], current_phase, items, today=None) -> Timeline | None:
    """The geometry of the timeline of the dated phases in `schedule`."""
    today = today or timezone.localdate()
    dated = [span for span in schedule if span.starts_on is not None]
    if not dated:
        return None
    # From the first phase's start, or earlier when today or a dated item lies before it (a
    # programme approved early meets before its window opens), but at most a year earlier.
    earliest = min([today] + [item.day for item in items])
    starts_on = max(
        min(dated[0].starts_on, earliest),
        dated[0].starts_on.replace(day=1) - datetime.timedelta(days=365),
    )
    ends_on = dated[-1].ends_on
    days = max((ends_on - starts_on).days + 1, 1)

    def x_of(day: datetime.date) -> float:
        return round(LEFT + (RIGHT - LEFT) * (day - starts_on).days / days, 1)

    bands = [
        Band(
            span,
            x_of(span.starts_on),
            round(x_of(span.ends_on + datetime.timedelta(days=1)) - x_of(span.starts_on), 1),
            span.phase == current_phase,
        )
        for span in dated
    ]
    marks = [Mark(item, x_of(item.day)) for item in items if starts_on <= item.day <= ends_on]
    today_x = x_of(today) if starts_on <= today <= ends_on else None
    return Timeline(bands, marks, today, today_x, starts_on, ends_on)
