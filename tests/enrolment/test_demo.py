import pytest

from enrolment.demo import seed_enrolment_demo
from enrolment.models import Enrolment
from programmes.models import Membership, ProgrammeGroup
from tests.factories import ConsultantFactory, member
from tests.factories import municipality as named

from .world import WORLD

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_cast(db):
    ConsultantFactory(email="konsulent@sbst.dk")
    for name in ["Roskilde", "Rudersdal", "Herning", "Randers"]:
        member(name, email=f"koordinator@{named(name).slug}.dk")


@pytest.mark.cross_tenant  # the demo seeds several municipalities, as a command unscoped
def test_the_demo_has_enrolments_in_different_states_and_runs_twice(demo_cast):
    lines = []
    seed_enrolment_demo(password="demo-kodeord-1", log=lines.append)
    seed_enrolment_demo(password="demo-kodeord-1", log=lines.append)

    states = dict(Enrolment.objects.values_list("municipality__name", "state"))
    assert states == {"Roskilde": "approved", "Herning": "submitted", "Randers": "draft"}
    roskilde = Enrolment.objects.get(municipality__name="Roskilde")
    assert roskilde.programme.coordinator.email == "koordinator@roskilde.dk"
    assert (
        ProgrammeGroup.objects.get(programme=roskilde.programme, kind="steering").members.count()
        == 2
    )
    herning = Enrolment.objects.get(municipality__name="Herning")
    assert [c.met for c in herning.criteria] == [True, False, True]
    assert lines


@pytest.mark.cross_tenant
def test_the_world_builds_an_enrolment_of_the_given_municipality(herning):
    made = WORLD["enrolment_pk"](herning)

    enrolment = Enrolment.objects.get(pk=made.value)
    assert enrolment.municipality == herning
    assert made.owner == enrolment.submitted_by
    steering = enrolment.steering_members.get()
    assert steering.user == made.owner_of["enrolment:steering_response"]
    assert steering.user.memberships.get().role == Membership.Role.STEERING
    assert enrolment.director_links.count() == 1
