import pytest

from enrolment import services as enrolment_services
from tests.enrolment.factories import ready_for_decision
from tests.factories import member


@pytest.fixture
def started_programme(roskilde, consultant):
    """Roskilde's programme, just approved: in forberede, with its consultant."""
    enrolment = ready_for_decision(roskilde, member("Roskilde"), consultant)
    return enrolment_services.approve_enrolment(enrolment, by=consultant).programme
