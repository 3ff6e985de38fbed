"""Every entry of the demo reads as a sentence without asking the database, so a page of the
stream or the search costs the same however many kinds of entry it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.activity import describe
from programmes.models import ActivityEntry
from tests.programmes.test_seed_demo import seed

pytestmark = pytest.mark.cross_tenant


def test_describing_every_demo_entry_asks_the_database_nothing(settings, db):
    settings.DEBUG = True
    seed()
    entries = list(ActivityEntry.objects.all())

    with CaptureQueriesContext(connection) as queries:
        sentences = [describe(entry) for entry in entries]

    assert len({entry.action for entry in entries}) > 40
    assert len(queries) == 0
    assert not [s for s in sentences if s.startswith("Ukendt handling")]
