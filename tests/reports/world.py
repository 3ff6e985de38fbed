"""The reports' pages for the cross-tenant walk (see tests/world.py).

A report's URL names its programme too; the walk fills `programme_pk` from the programme
maker, so the owner's GET names the report under another programme and is sent on to the
report's own URL. A cohort's status reports are SBST's pages.
"""

from programmes.models import Membership
from reports import services
from tests.factories import ConsultantFactory, ProgrammeFactory
from tests.world import Made, person

from .factories import approved_plan


def make_report_pk(municipality) -> Made:
    """The development plan of a programme of the municipality, drawn, read by its
    coordinator."""
    programme, _coordinator = approved_plan(municipality.name)
    coordinator = person(municipality, Membership.Role.COORDINATOR)
    report, _created = services.request_development_plan(programme, by=coordinator)
    services.render("programme", report.pk)
    return Made(report.pk, owner=coordinator)


def make_cohort_report_pk(municipality) -> Made:
    """A status report of a cohort with a programme of the municipality, drawn."""
    consultant = ConsultantFactory()
    programme = ProgrammeFactory(municipality=municipality)
    report, _created = services.request_cohort_status(programme.cohort, by=consultant)
    services.render("cohort", report.pk)
    return Made(report.pk, owner=consultant)


WORLD = {"report_pk": make_report_pk, "cohort_report_pk": make_cohort_report_pk}

SBST_PAGES = {
    "reports:cohort_report_list",
    "reports:cohort_report_detail",
    "reports:cohort_report_download",
}
