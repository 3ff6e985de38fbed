import pytest

from tests.factories import AdministratorFactory


@pytest.fixture
def administrator(db):
    return AdministratorFactory(full_name="Anders Administrator")
