"""The measures' edit pages for tests/test_resave.py: each built with everything it can show."""

from decimal import Decimal

from django.urls import reverse

from measures import services
from measures.models import Measure, MeasurePoint

from .factories import DAY, programme_with_groups, trial_action, worker


def _measure(roskilde):
    """A rating with a description over several lines and a point with a decimal and a note."""
    programme = programme_with_groups()
    by = worker(programme)
    measure = services.add_measure(
        trial_action(programme),
        by=by,
        name="Tilfredshed & <trivsel>",
        unit="rating",
        description="Linje 1\n\nLinje 3 & <b>",
    )
    point = services.add_point(
        measure, by=by, measured_on=DAY, value=Decimal("1234.5"), note="Første uge & <co>"
    )
    services.add_point(measure, by=by, measured_on=DAY.replace(day=11), value=7, note="")

    def state():
        return (
            list(Measure.objects.filter(pk=measure.pk).values()),
            list(MeasurePoint.objects.filter(measure=measure).order_by("id").values()),
        )

    return programme, by, measure, point, state


def measure_edit(roskilde):
    programme, by, measure, _point, state = _measure(roskilde)
    url = reverse(
        "measures:measure_edit", kwargs={"programme_pk": programme.pk, "measure_pk": measure.pk}
    )
    return url, by, {}, state


def point_edit(roskilde):
    programme, by, measure, point, state = _measure(roskilde)
    url = reverse(
        "measures:point_edit",
        kwargs={"programme_pk": programme.pk, "measure_pk": measure.pk, "point_pk": point.pk},
    )
    return url, by, {}, state


EDIT_PAGES = {"measures:measure_edit": measure_edit, "measures:point_edit": point_edit}
