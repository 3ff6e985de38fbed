import datetime

import factory
from django.contrib.auth import get_user_model
from django_scopes import scopes_disabled

from programmes.models import Cohort, Membership, Municipality, Programme

DEFAULT_PASSWORD = "korrekt-hest-batteri-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.dk")
    full_name = factory.Faker("name", locale="da_DK")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ConsultantFactory(UserFactory):
    sbst_role = "consultant"
    email = factory.Sequence(lambda n: f"konsulent{n}@sbst.dk")


class AdministratorFactory(UserFactory):
    sbst_role = "administrator"
    is_staff = True
    is_superuser = True
    email = factory.Sequence(lambda n: f"admin{n}@sbst.dk")


def municipality(name: str) -> Municipality:
    """One of the 98 municipalities the data migration loaded, whatever the test's scope."""
    with scopes_disabled():
        return Municipality.objects.get(name=name)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.LazyFunction(lambda: municipality("Roskilde"))
    role = Membership.Role.COORDINATOR


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    name = factory.Sequence(lambda n: f"Hold {n}")
    starts_on = factory.Sequence(lambda n: datetime.date(2027 + n, 8, 1))
    enrolment_deadline = factory.LazyAttribute(lambda o: o.starts_on - datetime.timedelta(days=60))
    is_open_for_enrolment = True


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    municipality = factory.LazyFunction(lambda: municipality("Roskilde"))
    cohort = factory.SubFactory(CohortFactory)

    @factory.post_generation
    def phase(programme, create, extracted, **kwargs):
        """`phase=Phase.DEVELOP` puts the programme in that phase (default: forberede)."""
        from phases.models import Phase, ProgrammePhase

        if create:
            ProgrammePhase.objects.create(programme=programme, phase=extracted or Phase.PREPARE)


def member(municipality_name: str, role=Membership.Role.COORDINATOR, **user_fields):
    """A user with `role` in the named municipality."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, municipality=municipality(municipality_name), role=role)
    return user
