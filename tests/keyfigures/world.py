"""The key figures' pages for the cross-tenant walk (see tests/world.py).

The catalogue and the imports are SBST's (an indicator is shared by every municipality, so
it is not named after one); a local figure and a steering note are the municipality's own.
"""

from django.utils import timezone

from keyfigures import services
from keyfigures.models import FigureImport
from programmes.models import Membership
from tests.factories import AdministratorFactory, ProgrammeFactory
from tests.world import Made, person

from .factories import indicator

Role = Membership.Role


def make_indicator_pk(municipality) -> Made:
    return Made(indicator("Borgere i beskæftigelse").pk, owner=person(municipality))


def make_figure_import_pk(municipality) -> Made:
    """A checked file not yet saved, with one figure for the municipality."""
    shared = indicator("Borgere med god trivsel")
    figure_import = FigureImport.objects.create(
        filename="noegletal.csv",
        rows=[[2, municipality.code, "figure", shared.code, 2024, "value", "12.5", None]],
        uploaded_by=AdministratorFactory(),
    )
    return Made(figure_import.pk, owner=person(municipality))


def make_figure_pk(municipality) -> Made:
    """The municipality's own figure, which its coordinator corrects."""
    coordinator = person(municipality, Role.COORDINATOR)
    figure = services.add_local_figure(
        municipality,
        by=coordinator,
        indicator=indicator("Ventetid på bostøtte"),
        year=2024,
        value=17,
    )
    return Made(figure.pk, owner=coordinator)


def make_steering_note_pk(municipality) -> Made:
    coordinator = person(municipality, Role.COORDINATOR)
    programme = ProgrammeFactory(municipality=municipality, coordinator=coordinator)
    note = services.add_steering_note(
        programme,
        by=coordinator,
        written_on=timezone.localdate(),
        text=f"Styringsdrøftelse i {municipality.name}",
    )
    return Made(note.pk, owner=coordinator)


WORLD = {
    "indicator_pk": make_indicator_pk,
    "figure_import_pk": make_figure_import_pk,
    "figure_pk": make_figure_pk,
    "steering_note_pk": make_steering_note_pk,
}

SBST_PAGES = {
    "keyfigures:indicator_add",
    "keyfigures:indicator_edit",
    "keyfigures:import_upload",
    "keyfigures:import_preview",
}
