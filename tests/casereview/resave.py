"""Edit pages of the casereview app for the resave test (tests/test_resave.py)."""

from django.urls import reverse

from casereview.models import PrincipleFinding, ReviewedCase
from tests.factories import member

from .factories import details, findings, review_programme


def case_edit(roskilde):
    """A case with every field filled in, notes over several lines and characters to escape."""
    from casereview import services

    coordinator = member("Roskilde")
    programme = review_programme(roskilde, coordinator=coordinator)
    case = services.record_case(
        programme,
        by=coordinator,
        details=details("Sag & <B>", area="residential", note="Linje 1\nLinje 2 & <i>\n\nLinje 4"),
        findings=findings(
            "partly",
            p1=("clearly", "Borgerens mål\nstår i planen"),
            p3=("not", "Netværk & <familie>"),
            p5=("not_relevant", ""),
        ),
    )

    def state():
        return (
            list(ReviewedCase.objects.filter(pk=case.pk).values()),
            list(PrincipleFinding.objects.filter(case=case).order_by("id").values()),
        )

    url = reverse("casereview:case_edit", kwargs={"programme_pk": programme.pk, "case_pk": case.pk})
    return url, coordinator, {}, state


EDIT_PAGES = {"casereview:case_edit": case_edit}
