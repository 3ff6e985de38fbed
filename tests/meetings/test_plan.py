"""The meeting plan: three meetings per group and phase, the joint kick-offs, a late group."""

import datetime
from collections import Counter

from django.utils import timezone

from meetings.models import Meeting, MeetingGroup
from phases.models import Phase
from phases.services import transition_programme
from programmes.models import Area, ProgrammeGroup
from programmes.services import add_group
from tests.factories import member

from .factories import kickoff, started_programme

Kind = ProgrammeGroup.Kind


def meetings_per_group(programme, phase, *, kickoff_included=False):
    """{group name: own meetings} in `phase` (kick-offs left out unless asked for)."""
    rows = MeetingGroup.objects.filter(meeting__programme=programme, meeting__phase=phase)
    if not kickoff_included:
        rows = rows.filter(meeting__is_kickoff=False)
    return Counter(rows.values_list("group__name", flat=True))


def kickoff_groups(programme, phase):
    return set(kickoff(programme, phase).groups.values_list("name", flat=True))


def test_forberede_has_a_joint_kickoff_and_two_more_meetings_per_standing_group(roskilde):
    programme = started_programme(roskilde, local_groups=["Bostøtten", "Myndigheden"])

    assert Meeting.objects.filter(programme=programme, phase=Phase.PREPARE).count() == 5
    assert kickoff_groups(programme, Phase.PREPARE) == {"Styregruppe", "Implementeringsgruppe"}
    assert meetings_per_group(programme, Phase.PREPARE) == {
        "Styregruppe": 2,
        "Implementeringsgruppe": 2,
    }


def test_udvikle_with_two_local_groups_has_a_kickoff_of_all_four_and_two_more_each(roskilde):
    programme = started_programme(roskilde, local_groups=["Bostøtten", "Myndigheden"])

    assert Meeting.objects.filter(programme=programme, phase=Phase.DEVELOP).count() == 1 + 4 * 2
    assert kickoff_groups(programme, Phase.DEVELOP) == {
        "Styregruppe",
        "Implementeringsgruppe",
        "Bostøtten",
        "Myndigheden",
    }
    assert set(meetings_per_group(programme, Phase.DEVELOP).values()) == {2}
    assert len(meetings_per_group(programme, Phase.DEVELOP)) == 4


def test_forankre_has_three_meetings_for_each_group_and_no_kickoff(roskilde):
    programme = started_programme(roskilde, local_groups=["Bostøtten", "Myndigheden"])

    anchor = Meeting.objects.filter(programme=programme, phase=Phase.ANCHOR)
    assert anchor.count() == 12
    assert not anchor.filter(is_kickoff=True).exists()
    assert set(meetings_per_group(programme, Phase.ANCHOR).values()) == {3}


def test_every_planned_meeting_starts_without_a_date(roskilde):
    programme = started_programme(roskilde)

    assert not Meeting.objects.filter(programme=programme, starts_at__isnull=False).exists()


def _in_udvikle(programme, consultant):
    transition_programme(programme, Phase.DEVELOP, by=consultant, reason="Planen kommer.")


def test_a_local_group_added_in_udvikle_gets_its_own_meetings_and_joins_the_kickoff(
    roskilde, consultant
):
    programme = started_programme(roskilde, consultant=consultant)
    _in_udvikle(programme, consultant)

    group = add_group(programme, by=member("Roskilde"), name="Botilbuddet", area=Area.RESIDENTIAL)

    assert meetings_per_group(programme, Phase.PREPARE)["Botilbuddet"] == 0
    assert meetings_per_group(programme, Phase.DEVELOP)["Botilbuddet"] == 2
    assert meetings_per_group(programme, Phase.ANCHOR)["Botilbuddet"] == 3
    assert group.name in kickoff_groups(programme, Phase.DEVELOP)


def test_a_local_group_added_after_the_kickoff_was_held_does_not_join_it(roskilde, consultant):
    programme = started_programme(roskilde, consultant=consultant)
    _in_udvikle(programme, consultant)
    held = kickoff(programme, Phase.DEVELOP)
    held.starts_at = timezone.now() - datetime.timedelta(days=3)
    held.save(update_fields=["starts_at"])

    add_group(programme, by=member("Roskilde"), name="Botilbuddet", area=Area.RESIDENTIAL)

    assert "Botilbuddet" not in kickoff_groups(programme, Phase.DEVELOP)
    assert meetings_per_group(programme, Phase.DEVELOP)["Botilbuddet"] == 2


def test_a_local_group_added_in_forberede_meets_from_udvikle_on(roskilde, consultant):
    programme = started_programme(roskilde, consultant=consultant)

    add_group(programme, by=member("Roskilde"), name="Bostøtten", area=Area.HOUSING_SUPPORT)

    assert meetings_per_group(programme, Phase.PREPARE)["Bostøtten"] == 0
    assert "Bostøtten" in kickoff_groups(programme, Phase.DEVELOP)
    assert meetings_per_group(programme, Phase.DEVELOP)["Bostøtten"] == 2
    assert meetings_per_group(programme, Phase.ANCHOR)["Bostøtten"] == 3
