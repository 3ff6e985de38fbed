"""Demo data for `seed_demo`: an invented catalogue of key figures, labelled as demo data, with
figures for all 98 municipalities over three years, the support ladder for each, and a note
from Roskilde's steering discussion.

Every number is made up, drawn from a random generator seeded by the municipality's code and
the indicator's, so each run gives the same figures. Vallensbæk is reported by Ishøj and
Dragør by Tårnby, as in Socialpsykiatriens Nøgletal; a few figures are "no data"; Roskilde's
citizens move down the ladder. Rows are written with `bulk_create`, and a figure already
there is left as it is, so the builder may run again.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from programmes.models import Municipality, Programme

from . import services
from .models import (
    FigureStatus,
    FigureValue,
    Indicator,
    LadderCount,
    LadderStep,
    Source,
    SteeringNote,
    Theme,
)

User = get_user_model()

DEMO_SOURCE = "Demodata – opdigtede tal"
YEARS = (2023, 2024, 2025)
# Reported by a neighbour: {municipality: the one that reports its figures}.
REPORTED_BY = {"Vallensbæk": "Ishøj", "Dragør": "Tårnby"}
NO_DATA_SHARE = 0.015

# code, name, theme, unit, higher is better, typical value, definition
CATALOGUE = [
    (
        "demo-trivsel",
        "Borgere med god trivsel",
        Theme.RECOVERY,
        "procent",
        True,
        55,
        "Andel af borgerne med socialpædagogisk støtte, der i den årlige trivselsmåling "
        "svarer, at de trives godt eller meget godt.",
    ),
    (
        "demo-recoveryplan",
        "Borgere med egne mål i handleplanen",
        Theme.RECOVERY,
        "procent",
        True,
        40,
        "Andel af handleplaner, hvor borgerens egne håb, ønsker og mål står med borgerens ord.",
    ),
    (
        "demo-tilfredshed",
        "Tilfredshed med støtten",
        Theme.RECOVERY,
        "procent",
        True,
        75,
        "Andel af borgerne, der er tilfredse eller meget tilfredse med den støtte, de får.",
    ),
    (
        "demo-tidlig-indsats",
        "Borgere i tidlig indsats",
        Theme.EARLY,
        "pr. 10.000 indbyggere",
        True,
        30,
        "Borgere i tidlige og forebyggende tilbud (fx gruppeforløb efter § 82 a og b) pr. "
        "10.000 indbyggere mellem 18 og 64 år.",
    ),
    (
        "demo-ventetid",
        "Ventetid på bostøtte",
        Theme.EARLY,
        "dage",
        False,
        45,
        "Gennemsnitligt antal dage fra ansøgning om socialpædagogisk støtte til støtten begynder.",
    ),
    (
        "demo-botilbud",
        "Borgere i længerevarende botilbud",
        Theme.EARLY,
        "pr. 10.000 indbyggere",
        False,
        12,
        "Borgere i længerevarende botilbud efter § 108 pr. 10.000 indbyggere mellem 18 og 64 år.",
    ),
    (
        "demo-beskaeftigelse",
        "Borgere i beskæftigelse",
        Theme.EDUCATION_EMPLOYMENT,
        "procent",
        True,
        18,
        "Andel af borgerne med socialpædagogisk støtte, der er i ordinær eller støttet "
        "beskæftigelse.",
    ),
    (
        "demo-uddannelse",
        "Unge i uddannelse",
        Theme.EDUCATION_EMPLOYMENT,
        "procent",
        True,
        25,
        "Andel af borgerne mellem 18 og 29 år med støtte, der er i gang med en uddannelse.",
    ),
    (
        "demo-forsoergelse",
        "Borgere på offentlig forsørgelse",
        Theme.EDUCATION_EMPLOYMENT,
        "procent",
        False,
        70,
        "Andel af borgerne med støtte, der hele året er på offentlig forsørgelse.",
    ),
    (
        "demo-helbredstjek",
        "Borgere med årligt helbredstjek",
        Theme.HEALTH,
        "procent",
        True,
        60,
        "Andel af borgerne med støtte, der har haft et helbredstjek hos egen læge i løbet af året.",
    ),
    (
        "demo-indlaeggelser",
        "Psykiatriske indlæggelser",
        Theme.HEALTH,
        "pr. 100 borgere",
        False,
        35,
        "Psykiatriske indlæggelser pr. 100 borgere med støtte i løbet af året.",
    ),
    (
        "demo-akutte-kontakter",
        "Akutte kontakter til psykiatrien",
        Theme.HEALTH,
        "pr. 100 borgere",
        False,
        80,
        "Akutte ambulante kontakter til psykiatrien pr. 100 borgere med støtte i løbet af året.",
    ),
]

# The ladder's typical shares from the bottom step up.
LADDER_SHARES = (0.22, 0.34, 0.20, 0.09, 0.15)

STEERING_NOTE = (
    "Styregruppen gennemgik nøgletallene med implementeringsgruppen. Flere borgere end i "
    "landet som helhed er i længerevarende botilbud, mens ventetiden på bostøtte er faldet. "
    "Målet for området er i dag styret af pladser og budget; styregruppen vil i stedet sætte "
    "mål for, hvor mange borgere der får støtte i eget hjem og tidligt, og følge indsatstrappen "
    "hvert halve år. Implementeringsgruppen foreslår mål til udviklingsplanen til næste møde."
)


def _catalogue() -> list[Indicator]:
    indicators = []
    for position, (code, name, theme, unit, higher, _typical, definition) in enumerate(
        CATALOGUE, start=1
    ):
        indicator, _created = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "definition": f"Opdigtet demonøgletal. {definition}",
                "unit": unit,
                "source": DEMO_SOURCE,
                "theme": theme,
                "higher_is_better": higher,
                "position": position,
            },
        )
        indicators.append(indicator)
    return indicators


def _typical(indicator) -> float:
    return next(row[5] for row in CATALOGUE if row[0] == indicator.code)


def _series(municipality, indicator, *, improving: bool) -> list[Decimal]:
    """Three years of one indicator for one municipality: a level and a drift, both drawn
    from the seeded generator; `improving` makes the drift go the desired way."""
    rng = random.Random(f"{municipality.code}:{indicator.code}")
    typical = _typical(indicator)
    level = typical * rng.uniform(0.7, 1.3)
    drift = typical * rng.uniform(-0.06, 0.06)
    if improving:
        drift = abs(drift) + typical * 0.03
        if not indicator.higher_is_better:
            drift = -drift
    values = []
    for index in range(len(YEARS)):
        value = max(level + drift * index + typical * rng.uniform(-0.02, 0.02), 0)
        if indicator.unit == "procent":
            value = min(value, 100)
        values.append(Decimal(str(round(value, 1))))
    return values


def _figures(indicators, municipalities) -> list[FigureValue]:
    by_name = {m.name: m for m in municipalities}
    rows = []
    for municipality in municipalities:
        reporter = by_name.get(REPORTED_BY.get(municipality.name, ""))
        for indicator in indicators:
            values = _series(municipality, indicator, improving=municipality.name == "Roskilde")
            gaps = random.Random(f"{municipality.code}:{indicator.code}:gaps")
            for year, value in zip(YEARS, values, strict=True):
                no_data = gaps.random() < NO_DATA_SHARE and municipality.name != "Roskilde"
                if reporter is not None:
                    fields = {"status": FigureStatus.REPORTED_ELSEWHERE, "reported_by": reporter}
                elif no_data:
                    fields = {"status": FigureStatus.NO_DATA}
                else:
                    fields = {"status": FigureStatus.VALUE, "value": value}
                rows.append(
                    FigureValue(
                        municipality=municipality,
                        indicator=indicator,
                        year=year,
                        source=Source.PUBLISHED,
                        **fields,
                    )
                )
    return rows


def _ladder(steps, municipalities) -> list[LadderCount]:
    """Citizens on each step: a size and a split drawn per municipality. Roskilde's citizens
    move down the ladder, four percentage points a year from the upper steps to the lower."""
    rows = []
    for municipality in municipalities:
        rng = random.Random(f"{municipality.code}:ladder")
        citizens = rng.randint(250, 2500)
        shares = [share * rng.uniform(0.8, 1.2) for share in LADDER_SHARES[: len(steps)]]
        total = sum(shares)
        shares = [share / total for share in shares]
        shift = 0.04 if municipality.name == "Roskilde" else rng.uniform(-0.015, 0.015)
        for index, year in enumerate(YEARS):
            moved = shift * index
            year_shares = list(shares)
            if len(year_shares) >= 4:
                year_shares[0] += moved / 2
                year_shares[1] += moved / 2
                year_shares[-1] -= moved / 2
                year_shares[-2] -= moved / 2
            size = round(citizens * (1 + rng.uniform(-0.03, 0.03)))
            for step, share in zip(steps, year_shares, strict=False):
                rows.append(
                    LadderCount(
                        municipality=municipality,
                        step=step,
                        year=year,
                        citizens=max(round(size * share), 0),
                        source=Source.PUBLISHED,
                    )
                )
    return rows


def _steering_note(log) -> None:
    roskilde = Municipality.objects.get(name="Roskilde")
    programme = Programme.objects.filter(municipality=roskilde).order_by("created_at").first()
    if programme is None or SteeringNote.objects.filter(programme=programme).exists():
        return
    coordinator = User.objects.filter(email="koordinator@roskilde.dk").first()
    if coordinator is None:
        return
    services.add_steering_note(
        programme,
        by=coordinator,
        written_on=timezone.localdate() - datetime.timedelta(days=14),
        text=STEERING_NOTE,
    )
    log("Oprettet: en note fra Roskildes styringsdrøftelse")


def seed_key_figures_demo(*, password: str, log) -> None:
    """The demo catalogue, figures and ladder for every municipality, and Roskilde's note."""
    indicators = _catalogue()
    municipalities = list(Municipality.objects.order_by("code"))
    steps = list(LadderStep.objects.order_by("position"))
    figures = FigureValue.objects.bulk_create(
        _figures(indicators, municipalities), ignore_conflicts=True, batch_size=2000
    )
    LadderCount.objects.bulk_create(
        _ladder(steps, municipalities), ignore_conflicts=True, batch_size=2000
    )
    log(
        f"Nøgletal (demodata): {len(indicators)} nøgletal, {len(figures)} tal for "
        f"{len(municipalities)} kommuner i {YEARS[0]}–{YEARS[-1]}"
    )
    _steering_note(log)
