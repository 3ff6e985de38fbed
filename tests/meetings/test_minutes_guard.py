"""The one guard against CPR numbers also protects meeting minutes, where people write about
citizens too: posted through the minutes page, a CPR number is refused next to the field and
nothing is saved."""

from django.urls import reverse

from meetings.models import Meeting
from programmes.models import ActivityEntry
from tests.meetings.factories import kickoff, scheduled, started_programme


def test_minutes_with_a_cpr_number_are_refused_next_to_the_field_and_nothing_is_saved(
    roskilde, roskilde_coordinator, client_for
):
    programme = started_programme(roskilde, coordinator=roskilde_coordinator)
    meeting = scheduled(kickoff(programme), roskilde_coordinator, days=-1)
    entries = ActivityEntry.objects.count()
    url = reverse(
        "meetings:minutes_edit",
        kwargs={"programme_pk": programme.pk, "meeting_pk": meeting.pk},
    )

    response = client_for(roskilde_coordinator).post(
        url,
        {
            "minutes": "Vi drøftede borgeren med CPR-nummer 010190-1234.",
            "decisions-TOTAL_FORMS": "0",
            "decisions-INITIAL_FORMS": "0",
            "follow_ups-TOTAL_FORMS": "0",
            "follow_ups-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert (
        response.context["form"]
        .errors["minutes"][0]
        .startswith("Teksten ser ud til at indeholde et CPR-nummer.")
    )
    assert Meeting.objects.get(pk=meeting.pk).minutes == ""
    assert ActivityEntry.objects.count() == entries
