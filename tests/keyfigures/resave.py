"""Edit pages of the keyfigures app for the resave test (tests/test_resave.py)."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from keyfigures import services
from keyfigures.models import FigureValue, Indicator, SteeringNote, Theme
from tests.factories import AdministratorFactory, ProgrammeFactory, member

from .factories import indicator


def indicator_edit(roskilde):
    admin = AdministratorFactory()
    shown = indicator(
        "Ventetid & <bostøtte>",
        theme=Theme.EARLY,
        higher_is_better=False,
        definition="Linje 1\nLinje 2 & <b>",
        unit="dage",
        position=3,
    )

    def state():
        return list(Indicator.objects.filter(pk=shown.pk).values())

    return reverse("keyfigures:indicator_edit", args=[shown.pk]), admin, {}, state


def figure_edit(roskilde):
    coordinator = member("Roskilde")
    figure = services.add_local_figure(
        roskilde,
        by=coordinator,
        indicator=indicator("Borgere i beskæftigelse"),
        year=2024,
        value=Decimal("1234.125"),
    )

    def state():
        return list(FigureValue.objects.filter(pk=figure.pk).values())

    url = reverse("keyfigures:figure_edit", kwargs={"code": roskilde.code, "figure_pk": figure.pk})
    return url, coordinator, {}, state


def steering_note_edit(roskilde):
    coordinator = member("Roskilde")
    programme = ProgrammeFactory(municipality=roskilde, coordinator=coordinator)
    note = services.add_steering_note(
        programme,
        by=coordinator,
        written_on=timezone.localdate(),
        text="Mål & <styring>\n\nAnden linje",
    )

    def state():
        return list(SteeringNote.objects.filter(pk=note.pk).values())

    url = reverse(
        "keyfigures:steering_note_edit",
        kwargs={"programme_pk": programme.pk, "steering_note_pk": note.pk},
    )
    return url, coordinator, {}, state


EDIT_PAGES = {
    "keyfigures:indicator_edit": indicator_edit,
    "keyfigures:figure_edit": figure_edit,
    "keyfigures:steering_note_edit": steering_note_edit,
}
