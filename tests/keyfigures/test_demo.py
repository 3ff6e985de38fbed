"""seed_demo gives every municipality invented key figures over three years, labelled as demo
data, and Roskilde's programme a note from its steering discussion."""

import time

import pytest
from django.urls import reverse

from accounts.models import User
from keyfigures import display, selectors
from keyfigures.demo import DEMO_SOURCE, YEARS
from keyfigures.models import FigureStatus, FigureValue, Indicator, LadderCount, SteeringNote, Theme
from programmes.models import Municipality
from tests.programmes.test_seed_demo import seed

pytestmark = pytest.mark.cross_tenant


def test_the_demo_has_figures_for_all_municipalities_labelled_as_demo_data(settings, db):
    settings.DEBUG = True

    seed()
    counts = (
        FigureValue.objects.count(),
        LadderCount.objects.count(),
        SteeringNote.objects.count(),
    )
    started = time.monotonic()
    seed()  # twice: nothing is made a second time
    again = time.monotonic() - started

    indicators = list(Indicator.objects.all())
    assert 10 <= len(indicators) <= 12
    assert {i.source for i in indicators} == {DEMO_SOURCE}
    assert {i.theme for i in indicators} == set(Theme.values)
    assert counts == (
        FigureValue.objects.count(),
        LadderCount.objects.count(),
        SteeringNote.objects.count(),
    )
    assert counts[0] == 98 * len(indicators) * len(YEARS)
    assert counts[1] == 98 * 5 * len(YEARS)
    assert again < 30
    reported = {
        (f.municipality.name, f.reported_by.name)
        for f in FigureValue.objects.filter(status=FigureStatus.REPORTED_ELSEWHERE).select_related(
            "municipality", "reported_by"
        )
    }
    assert reported == {("Vallensbæk", "Ishøj"), ("Dragør", "Tårnby")}
    assert FigureValue.objects.filter(status=FigureStatus.NO_DATA).exists()
    note = SteeringNote.objects.get()
    assert note.programme.municipality.name == "Roskilde"


def test_the_demo_is_the_same_every_time(settings, db):
    settings.DEBUG = True
    seed()
    first = list(
        FigureValue.objects.order_by("municipality", "indicator", "year").values_list(
            "value", flat=True
        )
    )
    FigureValue.objects.all().delete()
    LadderCount.objects.all().delete()

    seed()

    assert first == list(
        FigureValue.objects.order_by("municipality", "indicator", "year").values_list(
            "value", flat=True
        )
    )


def test_roskildes_citizens_move_down_the_ladder_in_the_demo(settings, db):
    settings.DEBUG = True
    seed()
    roskilde = Municipality.objects.get(name="Roskilde")
    admin = User.objects.get(email="admin@sbst.dk")

    summary = display.ladder_summary(
        selectors.ladder_steps(), selectors.ladder_counts(admin, roskilde)
    )

    assert "borgerne bevæger sig ned ad trappen" in summary


def test_roskildes_coordinator_reads_the_demo_figures_compared_and_the_steering_note(
    settings, db, client
):
    settings.DEBUG = True
    seed()
    coordinator = User.objects.get(email="koordinator@roskilde.dk")
    client.force_login(coordinator, backend="django.contrib.auth.backends.ModelBackend")
    figures = reverse("keyfigures:municipality_figures", kwargs={"code": "265"})
    note = SteeringNote.objects.get()

    compared = client.get(f"{figures}?sammenlign=657&sammenlign=187")
    notes = client.get(reverse("keyfigures:steering_notes", args=[note.programme_id]))

    assert compared.status_code == 200
    assert "Indberettet af Ishøj" in compared.content.decode()
    assert compared.context["ladder"] is not None
    assert note.text[:40] in notes.content.decode()
