import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from programmes.models import Membership, Municipality, Programme
from programmes.scoping import get_for_user_or_404
from tests.factories import ProgrammeFactory, UserFactory, member

# `for_user` on its own, without the tripwire that would hide a filter it forgot.
pytestmark = pytest.mark.cross_tenant


@pytest.fixture
def two_programmes(roskilde, herning):
    return ProgrammeFactory(municipality=roskilde), ProgrammeFactory(municipality=herning)


def test_coordinator_cannot_see_other_municipality(roskilde_coordinator, two_programmes):
    roskilde_programme, _herning_programme = two_programmes

    visible = list(Programme.objects.for_user(roskilde_coordinator))

    assert visible == [roskilde_programme]


def test_consultant_sees_every_municipality(consultant, two_programmes):
    assert set(Programme.objects.for_user(consultant)) == set(two_programmes)
    assert Municipality.objects.for_user(consultant).count() == 98


def test_user_in_two_municipalities_sees_both(two_programmes, herning):
    user = member("Roskilde", role=Membership.Role.READER)
    Membership.objects.create(user=user, municipality=herning, role=Membership.Role.STEERING)

    assert set(Programme.objects.for_user(user)) == set(two_programmes)
    assert list(Municipality.objects.for_user(user).values_list("name", flat=True)) == [
        "Herning",
        "Roskilde",
    ]


def test_user_without_membership_sees_nothing(two_programmes):
    assert list(Programme.objects.for_user(UserFactory())) == []


def test_anonymous_and_deactivated_users_see_nothing(two_programmes, roskilde_coordinator):
    roskilde_coordinator.is_active = False

    assert list(Programme.objects.for_user(AnonymousUser())) == []
    assert list(Programme.objects.for_user(roskilde_coordinator)) == []


def test_another_municipalitys_object_is_the_same_404_as_a_missing_one(
    roskilde_coordinator, two_programmes
):
    roskilde_programme, herning_programme = two_programmes

    assert get_for_user_or_404(Programme, roskilde_coordinator, pk=roskilde_programme.pk)
    with pytest.raises(Http404):
        get_for_user_or_404(Programme, roskilde_coordinator, pk=herning_programme.pk)
    with pytest.raises(Http404):
        get_for_user_or_404(Programme, roskilde_coordinator, pk=0)
