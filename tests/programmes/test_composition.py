"""The composition rules of seed 003 §5, each as a warning in words, present and absent."""

import pytest
from django.db.models import Prefetch

from programmes import composition
from programmes.models import Area, GroupMember, Level, Programme, ProgrammeGroup
from tests.programmes.groups import Kind, group_of, person_in, well_composed_programme


def fresh(programme):
    """The programme read back with its groups and members prefetched, as pages read it."""
    return Programme.objects.prefetch_related(
        Prefetch("groups", queryset=ProgrammeGroup.objects.all()), "groups__members"
    ).get(pk=programme.pk)


def test_a_well_composed_programme_has_no_warnings(roskilde):
    programme = well_composed_programme(roskilde)

    assert composition.programme_warnings(fresh(programme)) == []


def test_the_rules_make_no_query_of_their_own(roskilde, django_assert_num_queries):
    programme = fresh(well_composed_programme(roskilde))
    group_of(programme, Kind.LOCAL)

    with django_assert_num_queries(0):
        composition.programme_warnings(programme)


@pytest.mark.parametrize("level", [Level.DIRECTOR, Level.CHIEF])
def test_a_steering_group_with_a_director_or_chief_is_not_warned(roskilde, level):
    programme = well_composed_programme(roskilde)
    steering = programme.groups.get(kind=Kind.STEERING)
    steering.members.all().delete()
    person_in(steering, "Senior", level=level)

    assert composition.group_warnings(steering) == []


def test_a_steering_group_without_director_or_chief_is_warned_why(roskilde):
    programme = well_composed_programme(roskilde)
    steering = programme.groups.get(kind=Kind.STEERING)
    steering.members.update(level=Level.LEADER)

    assert composition.group_warnings(steering) == [
        "Styregruppe har intet medlem på direktions- eller chefniveau, men styregruppen skal "
        "som minimum bestå af repræsentanter for direktions- og chefniveauet."
    ]


@pytest.mark.parametrize("kind", [Kind.IMPLEMENTATION, Kind.LOCAL])
def test_an_implementation_or_local_group_without_a_citizen_is_warned_why(roskilde, kind):
    programme = well_composed_programme(roskilde)
    group = group_of(programme, kind, name="Gruppen uden borger")
    person_in(group, "Anne", area=Area.AUTHORITY)
    person_in(group, "Bent", area=Area.RESIDENTIAL)

    warnings = composition.group_warnings(group)

    assert warnings == [
        "Gruppen uden borger har ingen borgerrepræsentant, og det er helt afgørende at "
        "involvere borgerne i en recovery-orienteret udvikling af praksis."
    ]


@pytest.mark.parametrize("kind", [Kind.IMPLEMENTATION, Kind.LOCAL])
def test_a_citizen_representative_takes_the_citizen_warning_away(roskilde, kind):
    programme = well_composed_programme(roskilde)
    group = group_of(programme, kind, name="Gruppen")
    person_in(group, "Bo", kind=GroupMember.Kind.CITIZEN, area=Area.AUTHORITY)
    person_in(group, "Bent", area=Area.RESIDENTIAL)

    assert composition.group_warnings(group) == []


def test_the_steering_group_needs_no_citizen(roskilde):
    programme = well_composed_programme(roskilde)

    steering = programme.groups.get(kind=Kind.STEERING)

    assert not steering.members.filter(kind=GroupMember.Kind.CITIZEN).exists()
    assert composition.group_warnings(steering) == []


@pytest.mark.parametrize(
    ("areas", "missing"),
    [
        ([Area.HOUSING_SUPPORT], "ingen fra myndighedsområdet"),
        ([Area.AUTHORITY], "ingen fra tilbuddene (bostøtte eller botilbud)"),
        ([Area.MANAGEMENT, ""], "hverken nogen fra myndighedsområdet eller fra tilbuddene"),
    ],
)
def test_an_implementation_group_without_both_authority_and_offers_is_warned_why(
    roskilde, areas, missing
):
    programme = well_composed_programme(roskilde)
    group = programme.groups.get(kind=Kind.IMPLEMENTATION)
    group.members.all().delete()
    person_in(group, "Bo", kind=GroupMember.Kind.CITIZEN)
    for area in areas:
        person_in(group, f"I {area}", area=area)

    assert composition.group_warnings(group) == [
        f"Implementeringsgruppe har {missing}, men implementeringsgruppen skal gå på tværs af "
        "myndigheds- og tilbudsområdet."
    ]


@pytest.mark.parametrize("offer", [Area.HOUSING_SUPPORT, Area.RESIDENTIAL])
def test_either_offer_area_counts_beside_the_authority(roskilde, offer):
    programme = well_composed_programme(roskilde)
    group = programme.groups.get(kind=Kind.IMPLEMENTATION)
    group.members.filter(area=Area.HOUSING_SUPPORT).update(area=offer)

    assert composition.group_warnings(group) == []


def test_a_local_group_needs_no_authority_and_offers(roskilde):
    programme = well_composed_programme(roskilde)
    local = group_of(programme, Kind.LOCAL, area=Area.HOUSING_SUPPORT)
    person_in(local, "Bo", kind=GroupMember.Kind.CITIZEN, area=Area.HOUSING_SUPPORT)

    assert composition.group_warnings(local) == []


def test_a_programme_without_coordinator_is_warned_why(roskilde):
    programme = well_composed_programme(roskilde)
    Programme.objects.filter(pk=programme.pk).update(coordinator=None)

    assert composition.programme_warnings(fresh(programme)) == [
        "Forløbet har ingen koordinator, så kommunen har ingen primær kontakt til Social- og "
        "Boligstyrelsen om forløbet."
    ]


def test_a_programme_without_sbst_contact_is_warned_why(roskilde):
    programme = well_composed_programme(roskilde)
    Programme.objects.filter(pk=programme.pk).update(primary_contact=None)

    assert composition.programme_warnings(fresh(programme)) == [
        "Forløbet har ingen primær kontakt i Social- og Boligstyrelsen, så ingen konsulent "
        "følger kommunen gennem forløbet."
    ]


def test_a_programme_without_implementation_group_is_warned_why(roskilde):
    programme = well_composed_programme(roskilde)
    programme.groups.filter(kind=Kind.IMPLEMENTATION).delete()

    assert composition.programme_warnings(fresh(programme)) == [
        "Forløbet har ingen implementeringsgruppe, som skal omsætte styregruppens "
        "beslutninger til praksis."
    ]


def test_the_programmes_warnings_are_its_own_then_each_groups(roskilde):
    programme = well_composed_programme(roskilde)
    Programme.objects.filter(pk=programme.pk).update(coordinator=None)
    group_of(programme, Kind.LOCAL, name="Lokal gruppe")
    read = fresh(programme)

    own = composition.programme_own_warnings(read)
    every = composition.programme_warnings(read)

    assert len(own) == 1
    assert every[:1] == own
    assert len(every) == 2
    assert every[1].startswith("Lokal gruppe har ingen borgerrepræsentant")
