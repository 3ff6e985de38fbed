"""The programme page draws its timeline on the server, with the same facts as text."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from phases import timeline
from phases.models import Phase
from phases.schedule import phase_schedule
from phases.timeline import TimelineItem, build_timeline
from tests.factories import CohortFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def cohort():
    return CohortFactory(
        starts_on=datetime.date(2027, 8, 1), enrolment_deadline=datetime.date(2027, 6, 1)
    )


def test_the_bands_follow_the_phases_in_time_and_today_lies_in_the_current_one():
    schedule = phase_schedule(cohort())

    drawn = build_timeline(schedule, Phase.DEVELOP, [], today=datetime.date(2028, 3, 1))

    prepare, develop, anchor = drawn.bands
    assert prepare.x < develop.x < anchor.x
    assert prepare.x + prepare.width == pytest.approx(develop.x, abs=0.2)
    assert develop.current and not prepare.current
    assert develop.x < drawn.today_x < anchor.x
    # The summer holiday leaves a gap between udvikle and forankre.
    assert develop.x + develop.width < anchor.x


def test_items_after_the_programme_are_left_off_and_today_after_it_is_not_drawn():
    schedule = phase_schedule(cohort())
    items = [
        TimelineItem(datetime.date(2027, 9, 1), "Opstart"),
        TimelineItem(datetime.date(2030, 1, 1), "Langt ude"),
    ]

    drawn = build_timeline(schedule, Phase.PREPARE, items, today=datetime.date(2029, 3, 1))

    assert [m.item.label for m in drawn.marks] == ["Opstart"]
    assert drawn.today_x is None


def test_a_programme_approved_early_shows_today_and_its_first_meetings_before_the_window():
    schedule = phase_schedule(cohort())
    items = [TimelineItem(datetime.date(2027, 5, 10), "Opstart før vinduet")]

    drawn = build_timeline(schedule, Phase.PREPARE, items, today=datetime.date(2027, 4, 1))

    assert drawn.starts_on == datetime.date(2027, 4, 1)
    assert drawn.today_x is not None and drawn.today_x < drawn.marks[0].x < drawn.bands[0].x


def test_the_programme_page_shows_the_timeline_as_a_picture_and_as_text(
    client_for, consultant, monkeypatch
):
    programme = ProgrammeFactory(cohort=cohort(), phase=Phase.PREPARE)
    mark = TimelineItem(datetime.date(2027, 9, 14), "Fælles opstartsmøde", done=True)
    monkeypatch.setattr(timeline, "_PROVIDERS", [lambda p: [mark]])

    with time_machine.travel(datetime.datetime(2027, 10, 1, 12, tzinfo=datetime.UTC)):
        body = (
            client_for(consultant)
            .get(reverse("programmes:programme_detail", args=[programme.pk]))
            .content.decode()
        )

    start = body.index('<svg xmlns="http://www.w3.org/2000/svg" viewBox')
    svg = body[start : body.index("</svg>", start)]
    assert 'role="img"' in svg and "<title" in svg
    assert len(re.findall(r'class="timeline__band', svg)) == 3
    assert "timeline__today" in svg
    assert "timeline__mark timeline__mark--done" in svg
    text = body[start + len(svg) :]
    assert "1. oktober 2027" in text  # today, in words
    assert "14. september 2027: Fælles opstartsmøde" in text
    assert "Udviklingsplanen er godkendt af styregruppen." in text  # what is due now
