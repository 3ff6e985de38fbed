"""seed_demo gives Roskilde's programme two dated versions of its organisational assessment."""

import pytest

from assessments import selectors
from assessments.models import Assessment, Rating
from programmes.models import ActivityEntry, Programme
from programmes.validators import no_personal_identifiers
from tests.programmes.test_seed_demo import seed

pytestmark = pytest.mark.cross_tenant


def test_roskildes_demo_programme_has_a_first_and_a_revised_assessment(settings, db):
    settings.DEBUG = True

    seed()
    seed()  # twice: nothing is made a second time

    programme = Programme.objects.get(municipality__name="Roskilde")
    first, revised = Assessment.objects.filter(programme=programme).order_by("number")
    assert (first.number, revised.number) == (1, 2)
    assert first.assessed_on < revised.assessed_on
    assert first.ratings.count() == revised.ratings.count() == 6
    profile = selectors.profile(programme)
    assert profile.previous == first and profile.raised and not profile.lowered
    assert ActivityEntry.objects.filter(action="assessments.added").count() == 2


def test_the_demo_assessments_texts_name_no_citizen(settings, db):
    settings.DEBUG = True
    seed()

    texts = [
        text for rating in Rating.objects.all() for text in (rating.justification, rating.evidence)
    ] + list(Assessment.objects.values_list("summary", flat=True))

    assert texts
    for text in texts:
        no_personal_identifiers(text)
