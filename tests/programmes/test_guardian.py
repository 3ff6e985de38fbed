import pytest
from django.contrib.auth.models import Permission
from guardian.shortcuts import assign_perm

from programmes.models import Programme
from programmes.permissions import objects_with_perm
from tests.factories import ProgrammeFactory


@pytest.fixture
def programmes(roskilde, herning):
    return ProgrammeFactory(municipality=roskilde), ProgrammeFactory(municipality=herning)


def test_object_grant_gives_the_right_on_that_object_only(roskilde_coordinator, programmes):
    roskilde_programme, _ = programmes
    other_roskilde_programme = ProgrammeFactory(municipality=roskilde_programme.municipality)
    assign_perm("programmes.change_programme", roskilde_coordinator, roskilde_programme)

    granted = objects_with_perm(
        roskilde_coordinator, "programmes.change_programme", Programme.objects.all()
    )

    assert list(granted) == [roskilde_programme]
    assert roskilde_coordinator.has_perm("programmes.change_programme", roskilde_programme)
    assert not roskilde_coordinator.has_perm(
        "programmes.change_programme", other_roskilde_programme
    )


@pytest.mark.cross_tenant  # objects_with_perm alone, without the tripwire under it
def test_model_wide_permission_does_not_leak_other_municipalities(roskilde_coordinator, programmes):
    roskilde_coordinator.user_permissions.add(
        Permission.objects.get(codename="change_programme", content_type__app_label="programmes")
    )

    granted = objects_with_perm(
        roskilde_coordinator, "programmes.change_programme", Programme.objects.all()
    )

    assert list(granted) == []


@pytest.mark.cross_tenant  # objects_with_perm alone, without the tripwire under it
def test_object_grant_in_another_municipality_is_still_out_of_scope(
    roskilde_coordinator, programmes
):
    _, herning_programme = programmes
    assign_perm("programmes.change_programme", roskilde_coordinator, herning_programme)

    granted = objects_with_perm(
        roskilde_coordinator, "programmes.change_programme", Programme.objects.all()
    )

    assert list(granted) == []
