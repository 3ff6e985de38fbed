"""Every tenant row is a `TenantModel`: scoped manager, municipality from its parent."""

import pytest
from django.apps import apps
from django.db import models
from django_scopes import ScopeError, scope

from enrolment.models import SteeringMember
from programmes.models import GroupMember, Municipality, ProgrammeGroup, TenantMismatch, TenantModel
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.cross_tenant


def tenant_models():
    return [
        model
        for model in apps.get_models()
        if model is not Municipality
        and any(field.name == "municipality" for field in model._meta.get_fields())
    ]


def test_every_model_with_a_municipality_is_a_tenant_model():
    outsiders = [m._meta.label for m in tenant_models() if not issubclass(m, TenantModel)]

    assert outsiders == []


@pytest.mark.parametrize("model", tenant_models(), ids=lambda m: m._meta.label)
def test_every_tenant_model_has_the_scoped_manager_behind_the_tripwire(model, db):
    assert hasattr(model.objects.all(), "for_user")
    with scope(), pytest.raises(ScopeError):
        list(model.objects.all())


@pytest.mark.parametrize("model", tenant_models(), ids=lambda m: m._meta.label)
def test_every_tenant_model_names_a_parent_that_leads_to_a_municipality(model):
    assert "tenant_parent" in {name for cls in model.__mro__ for name in vars(cls)}
    if model.tenant_parent is None:
        field = model._meta.get_field("municipality")
        assert field.related_model is Municipality
        return
    parent = model._meta.get_field(model.tenant_parent)
    assert isinstance(parent, models.ForeignKey)
    assert not parent.null, "a child row must always have its parent"
    assert issubclass(parent.related_model, TenantModel)


def test_a_child_row_takes_its_municipality_from_its_parent(roskilde):
    programme = ProgrammeFactory(municipality=roskilde)

    group = ProgrammeGroup.objects.create(programme=programme, kind="steering", name="S")
    member = GroupMember.objects.create(group=group, name="Ida", level="chief")

    assert (group.municipality, member.municipality) == (roskilde, roskilde)


def test_bulk_created_children_take_their_municipality_from_their_parent(roskilde):
    group = ProgrammeGroup.objects.create(
        programme=ProgrammeFactory(municipality=roskilde), kind="steering", name="S"
    )

    GroupMember.objects.bulk_create([GroupMember(group=group, name="Ida", level="chief")])

    assert GroupMember.objects.get().municipality == roskilde


def test_a_child_in_another_municipality_than_its_parent_is_refused(roskilde, herning):
    programme = ProgrammeFactory(municipality=roskilde)

    with pytest.raises(TenantMismatch):
        ProgrammeGroup.objects.create(
            programme=programme, municipality=herning, kind="steering", name="S"
        )
    with pytest.raises(TenantMismatch):
        ProgrammeGroup.objects.bulk_create(
            [ProgrammeGroup(programme=programme, municipality=herning, kind="local", name="L")]
        )


def test_a_group_cannot_move_to_a_programme_in_another_municipality(roskilde, herning):
    group = ProgrammeGroup.objects.create(
        programme=ProgrammeFactory(municipality=roskilde), kind="steering", name="S"
    )
    group = ProgrammeGroup.objects.get(pk=group.pk)

    group.programme = ProgrammeFactory(municipality=herning)
    with pytest.raises(TenantMismatch):
        group.save()


def test_a_root_row_cannot_move_to_another_municipality(roskilde, herning):
    programme = ProgrammeFactory(municipality=roskilde)
    programme = type(programme).objects.get(pk=programme.pk)

    programme.municipality = herning
    with pytest.raises(TenantMismatch):
        programme.save()


def test_the_admin_form_shows_the_mismatch_beside_the_parent_field(roskilde, herning):
    from tests.enrolment.factories import submitted_enrolment
    from tests.factories import member

    enrolment = submitted_enrolment(roskilde, member("Roskilde"))
    other = submitted_enrolment(herning, member("Herning"))
    steering = SteeringMember.objects.filter(enrolment=enrolment).first() or SteeringMember(
        enrolment=enrolment, name="Ida", level="chief"
    )
    steering.save()
    steering = SteeringMember.objects.get(pk=steering.pk)

    steering.enrolment = other
    with pytest.raises(Exception) as raised:
        steering.full_clean()

    assert "enrolment" in raised.value.message_dict
