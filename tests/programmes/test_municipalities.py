import pytest

from programmes.models import Municipality, Region

# The reference data of every municipality, read as SBST reads it.
pytestmark = [pytest.mark.django_db, pytest.mark.cross_tenant]


def test_all_98_municipalities_are_loaded_with_unique_codes():
    codes = list(Municipality.objects.values_list("code", flat=True))

    assert len(codes) == 98
    assert len(set(codes)) == 98
    assert all(len(code) == 3 and code.isdigit() for code in codes)


def test_municipalities_per_region_match_the_official_division():
    counts = {
        region: Municipality.objects.filter(region=region).count() for region in Region.values
    }

    assert counts == {
        "hovedstaden": 29,
        "sjaelland": 17,
        "syddanmark": 22,
        "midtjylland": 19,
        "nordjylland": 11,
    }


@pytest.mark.parametrize(
    ("name", "code", "region", "slug"),
    [
        ("København", "101", "hovedstaden", "koebenhavn"),
        ("Roskilde", "265", "sjaelland", "roskilde"),
        ("Rudersdal", "230", "hovedstaden", "rudersdal"),
        ("Herning", "657", "midtjylland", "herning"),
        ("Randers", "730", "midtjylland", "randers"),
        ("Aalborg", "851", "nordjylland", "aalborg"),
        ("Ærø", "492", "syddanmark", "aeroe"),
        ("Bornholm", "400", "hovedstaden", "bornholm"),
    ],
)
def test_known_municipalities_have_their_official_code_and_region(name, code, region, slug):
    municipality = Municipality.objects.get(name=name)

    assert (municipality.code, municipality.region, municipality.slug) == (code, region, slug)
