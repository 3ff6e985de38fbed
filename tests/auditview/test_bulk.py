"""A service that changes rows in bulk records one entry saying what and how many: the
meeting plan made at the start, a late group's meetings, a key-figure import."""

from meetings.models import Meeting, MeetingGroup
from phases.models import Phase
from phases.services import transition_programme
from programmes.activity import describe
from programmes.models import ActivityEntry, Area
from programmes.services import add_group
from tests.factories import member
from tests.meetings.factories import started_programme


def test_the_meeting_plan_made_at_the_start_is_one_entry_with_its_number_of_meetings(
    roskilde, consultant
):
    programme = started_programme(roskilde, consultant=consultant, local_groups=["Bostøtten"])

    entry = ActivityEntry.objects.get(action="meetings.plan_created")

    made = Meeting.objects.filter(programme=programme).count()
    assert made > 10
    assert (entry.programme_id, entry.actor, entry.data["meetings"]) == (
        programme.pk,
        consultant,
        made,
    )
    assert describe(entry) == f"Mødeplanen er lagt: {made} møder i forløbets faser."


def test_a_group_added_later_records_how_many_meetings_it_got(roskilde, consultant):
    programme = started_programme(roskilde, consultant=consultant)
    transition_programme(programme, Phase.DEVELOP, by=consultant, reason="Planen kommer.")
    coordinator = member("Roskilde")

    group = add_group(programme, by=coordinator, name="Botilbuddet", area=Area.RESIDENTIAL)

    entry = ActivityEntry.objects.get(action="meetings.plan_extended")
    own = MeetingGroup.objects.filter(group=group, meeting__is_kickoff=False).count()
    assert (entry.programme_id, entry.actor, entry.data["meetings"]) == (
        programme.pk,
        coordinator,
        own,
    )
    assert describe(entry) == f"Botilbuddet har fået {own} møder i mødeplanen."
