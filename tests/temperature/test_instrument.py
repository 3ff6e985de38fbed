"""SBST's instrument: a default version, edits that make a new version once a round has used
the newest, and rounds that keep the version they were taken with."""

import pytest

from programmes.activity import for_object
from programmes.errors import DomainError
from programmes.models import ActivityEntry
from temperature import services
from temperature.models import Dimension, Instrument
from tests.factories import AdministratorFactory

from .factories import coordinator_of, open_round, programme_in, statements_of

pytestmark = pytest.mark.django_db


def _values(dimension):
    return {
        "name": dimension.name,
        "description": dimension.description,
        "position": dimension.position,
        "statements": [s.text for s in dimension.statements.all()],
    }


def test_the_default_instrument_has_six_dimensions_of_three_statements_on_a_five_step_scale():
    instrument = services.current_instrument()

    assert instrument.version == 1
    assert len(instrument.scale) == 5
    assert instrument.scale[0] == "Helt uenig"
    dimensions = list(instrument.dimensions.all())
    assert [d.key for d in dimensions][:2] == ["ledelse-og-retning", "samarbejde-paa-tvaers"]
    assert len(dimensions) == 6
    assert {d.statements.count() for d in dimensions} == {3}


def test_an_edit_of_an_unused_version_changes_it_in_place():
    admin = AdministratorFactory()
    dimension = services.current_instrument().dimensions.get(key="borgerinddragelse")

    changed = services.change_dimension(
        "borgerinddragelse", by=admin, **{**_values(dimension), "name": "Borgernes stemme"}
    )

    assert changed == ["name"]
    assert Instrument.objects.count() == 1
    assert Dimension.objects.get(key="borgerinddragelse").name == "Borgernes stemme"


def test_an_edit_of_a_used_version_makes_a_new_version_and_the_round_keeps_its_own():
    admin = AdministratorFactory()
    round_ = open_round(programme_in(), coordinator_of())
    before = [s.text for s in statements_of(round_)]
    dimension = round_.instrument.dimensions.get(key="borgerinddragelse")

    services.change_dimension(
        "borgerinddragelse",
        by=admin,
        **{**_values(dimension), "statements": ["Borgerne er med i alle beslutninger."]},
    )

    round_.refresh_from_db()
    newest = services.current_instrument()
    assert (round_.instrument.version, newest.version) == (1, 2)
    assert [s.text for s in statements_of(round_)] == before
    assert [s.text for s in newest.dimensions.get(key="borgerinddragelse").statements.all()] == [
        "Borgerne er med i alle beslutninger."
    ]
    assert newest.dimensions.count() == 6
    # A second edit goes to version 2, unused so far: no version 3.
    services.change_scale(by=admin, labels=["Nej", "Måske", "Ja"])
    assert Instrument.objects.count() == 2
    assert services.current_instrument().scale == ["Nej", "Måske", "Ja"]


def test_an_edit_that_changes_nothing_saves_and_logs_nothing():
    admin = AdministratorFactory()
    open_round(programme_in(), coordinator_of())
    dimension = services.current_instrument().dimensions.get(key="ledelse-og-retning")

    assert services.change_dimension("ledelse-og-retning", by=admin, **_values(dimension)) == []
    assert services.change_scale(by=admin, labels=services.current_instrument().scale) is None
    assert Instrument.objects.count() == 1
    assert not ActivityEntry.objects.filter(
        action__in=["temperature.dimension_changed", "temperature.scale_changed"]
    ).exists()


def test_a_dimension_added_gets_a_new_key_and_goes_last(unscoped):
    admin = AdministratorFactory()

    dimension = services.add_dimension(
        by=admin,
        name="Ledelse og retning 2",
        description="",
        statements=["Et udsagn.", "Et andet udsagn."],
    )

    assert dimension.key == "ledelse-og-retning-2"
    assert dimension.position == 7
    assert [e.action for e in for_object(dimension)] == ["temperature.dimension_added"]
    entry = ActivityEntry.objects.get(action="temperature.dimension_added")
    assert entry.municipality_id is None


def test_a_dimension_name_is_unique_and_needs_statements():
    admin = AdministratorFactory()
    with pytest.raises(DomainError) as taken:
        services.add_dimension(by=admin, name="borgerinddragelse", statements=["Et udsagn."])
    with pytest.raises(DomainError) as empty:
        services.add_dimension(by=admin, name="Noget nyt", statements=[])

    assert (taken.value.field, empty.value.field) == ("name", "statements")


def test_removing_a_dimension_of_a_used_version_keeps_it_in_the_round():
    admin = AdministratorFactory()
    round_ = open_round(programme_in(), coordinator_of())

    services.remove_dimension("data-og-opfoelgning", by=admin)

    assert round_.instrument.dimensions.filter(key="data-og-opfoelgning").exists()
    assert not services.current_instrument().dimensions.filter(key="data-og-opfoelgning").exists()


def test_the_last_dimension_cannot_be_removed():
    admin = AdministratorFactory()
    keys = list(services.current_instrument().dimensions.values_list("key", flat=True))
    for key in keys[:-1]:
        services.remove_dimension(key, by=admin)

    with pytest.raises(DomainError, match="mindst én"):
        services.remove_dimension(keys[-1], by=admin)


def test_a_scale_needs_two_to_seven_different_steps():
    admin = AdministratorFactory()
    for labels in (["Ja"], ["Ja", "ja"], [str(n) for n in range(8)]):
        with pytest.raises(DomainError):
            services.change_scale(by=admin, labels=labels)
