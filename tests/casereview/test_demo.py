"""seed_demo gives Roskilde's running programme its ten reviewed cases."""

import pytest

from casereview.models import PrincipleFinding, ReviewedCase
from programmes.models import ActivityEntry, Programme
from programmes.validators import no_personal_identifiers
from tests.programmes.test_seed_demo import seed

pytestmark = pytest.mark.cross_tenant


def test_roskildes_demo_programme_has_ten_pseudonymous_cases_with_varied_findings(settings, db):
    settings.DEBUG = True

    seed()
    seed()  # twice: nothing is made a second time

    programme = Programme.objects.get(municipality__name="Roskilde")
    cases = ReviewedCase.objects.filter(programme=programme)
    assert sorted(cases.values_list("label", flat=True), key=lambda x: int(x.split()[1])) == [
        f"Sag {n}" for n in range(1, 11)
    ]
    findings = PrincipleFinding.objects.filter(case__programme=programme)
    assert findings.count() == 80
    assert set(findings.values_list("shows", flat=True)) == {
        "clearly",
        "partly",
        "not",
        "not_relevant",
    }
    assert len(set(cases.values_list("area", flat=True))) >= 3
    for text in [*cases.values_list("note", flat=True), *findings.values_list("note", flat=True)]:
        no_personal_identifiers(text)
    assert ActivityEntry.objects.filter(action="casereview.case_recorded").count() == 10
