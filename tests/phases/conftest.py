import pytest

from enrolment import services as enrolment_services
from phases import gates
from tests.enrolment.factories import ready_for_decision
from tests.factories import member


class TestDeliverable:
    """A stand-in for a deliverable of a later issue: approved for the programmes in `ids`."""

    def __init__(self):
        self.ids = set()

    def approve(self, programme):
        self.ids.add(programme.pk)

    def check(self, programmes):
        return [p.pk for p in programmes if p.pk in self.ids]


@pytest.fixture
def plan_approved():
    """The gate of forberede ("the development plan approved"), checked by a test deliverable."""
    deliverable = TestDeliverable()
    gates.register_gate_check("development_plan_approved", deliverable.check)
    yield deliverable
    gates.unregister_gate_check("development_plan_approved")


@pytest.fixture
def started_programme(roskilde, consultant):
    """Roskilde's programme, just approved: in forberede, with its consultant."""
    enrolment = ready_for_decision(roskilde, member("Roskilde"), consultant)
    return enrolment_services.approve_enrolment(enrolment, by=consultant).programme
