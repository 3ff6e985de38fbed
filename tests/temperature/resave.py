"""Edit pages of the temperature measurement for the resave test (tests/test_resave.py): a
form posted back as shown makes no new version of the instrument and logs nothing."""

from django.urls import reverse

from temperature.models import Dimension, Instrument, Statement
from tests.factories import AdministratorFactory, ProgrammeFactory, member

from .factories import open_round


def _instrument_state():
    return (
        list(Instrument.objects.order_by("id").values()),
        list(Dimension.objects.order_by("id").values()),
        list(Statement.objects.order_by("id").values()),
    )


def _used_instrument(roskilde):
    """The newest version, used by a round, so that any change would make a new version."""
    coordinator = member("Roskilde")
    open_round(ProgrammeFactory(municipality=roskilde, coordinator=coordinator), coordinator)


def dimension_edit(roskilde):
    _used_instrument(roskilde)
    url = reverse("temperature:dimension_edit", kwargs={"dimension_key": "borgerinddragelse"})
    return url, AdministratorFactory(), {}, _instrument_state


def scale_edit(roskilde):
    _used_instrument(roskilde)
    return reverse("temperature:scale_edit"), AdministratorFactory(), {}, _instrument_state


EDIT_PAGES = {
    "temperature:dimension_edit": dimension_edit,
    "temperature:scale_edit": scale_edit,
}
