import pytest

from tests.factories import ConsultantFactory, member

from .factories import review_programme


@pytest.fixture
def contact(db):
    """The programme's SBST contact."""
    return ConsultantFactory(full_name="Kim Kontakt")


@pytest.fixture
def programme(roskilde, roskilde_coordinator, contact):
    return review_programme(roskilde, coordinator=roskilde_coordinator, primary_contact=contact)


@pytest.fixture
def coordinator(roskilde_coordinator):
    return roskilde_coordinator


@pytest.fixture
def another_coordinator(roskilde):
    """A second coordinator of Roskilde, who is not the programme's named coordinator."""
    return member("Roskilde", full_name="Karl Koordinator")
