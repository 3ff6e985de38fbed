"""The agenda: ordered items, each optionally tied to a principle or a deliverable."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem
from programmes.errors import DomainError
from programmes.models import ActivityEntry, Membership, Principle, ProgrammeGroup
from tests.factories import member
from tests.forms import posted_form

from .factories import group, kickoff, person_in, started_programme


@pytest.fixture
def coordinator(roskilde):
    return member("Roskilde")


@pytest.fixture
def meeting(roskilde):
    return kickoff(started_programme(roskilde))


def agenda_url(meeting):
    return reverse(
        "meetings:agenda_edit",
        kwargs={"programme_pk": meeting.programme_id, "meeting_pk": meeting.pk},
    )


def items(meeting):
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("position")
        .values_list("title", "principle", "deliverable")
    )


def agenda_entries():
    return ActivityEntry.objects.filter(action="meetings.agenda_changed").count()


def row(index, title, description="", principle="", deliverable="", id=""):
    prefix = f"agenda-{index}-"
    return {
        prefix + "id": id,
        prefix + "title": title,
        prefix + "description": description,
        prefix + "principle": principle,
        prefix + "deliverable": deliverable,
    }


def management(total, initial=0):
    return {"agenda-TOTAL_FORMS": str(total), "agenda-INITIAL_FORMS": str(initial)}


def test_the_coordinator_writes_the_agenda_with_a_principle_and_a_deliverable(
    meeting, coordinator, client_for
):
    response = client_for(coordinator).post(
        agenda_url(meeting),
        {
            **management(2),
            **row(0, "Velkomst", principle=str(Principle.HOPES)),
            **row(1, "Udviklingsplanen", deliverable="development_plan_approved"),
        },
    )

    assert response.status_code == 302
    assert items(meeting) == [
        ("Velkomst", Principle.HOPES, ""),
        ("Udviklingsplanen", None, "development_plan_approved"),
    ]
    assert agenda_entries() == 1


def test_the_deliverables_to_choose_are_the_gates_of_the_programme_kind(
    meeting, coordinator, client_for
):
    page = client_for(coordinator).get(agenda_url(meeting))
    choices = dict(page.context["formset"].forms[0].fields["deliverable"].choices)

    assert set(choices) == {
        "",
        "development_plan_approved",
        "trial_action_evaluated",
        "anchoring_plan_approved",
    }


def test_an_unknown_deliverable_is_refused(meeting, coordinator):
    with pytest.raises(DomainError):
        services.set_agenda(
            meeting, by=coordinator, items=[{"title": "Punkt", "deliverable": "made_up"}]
        )


def test_moving_an_item_up_saves_the_new_order_in_one_entry(meeting, coordinator, client_for):
    titles = ["Første", "Andet", "Tredje"]
    services.set_agenda(meeting, by=coordinator, items=[{"title": t} for t in titles])
    client = client_for(coordinator)
    data = posted_form(client.get(agenda_url(meeting)).content.decode())
    before = agenda_entries()

    response = client.post(agenda_url(meeting), {**data, "move": "2:up"})

    assert response.status_code == 302 and response.url == agenda_url(meeting)
    assert [title for title, *_rest in items(meeting)] == ["Første", "Tredje", "Andet"]
    assert agenda_entries() == before + 1


def test_removing_and_renaming_items_in_one_save(meeting, coordinator, client_for):
    services.set_agenda(meeting, by=coordinator, items=[{"title": "Første"}, {"title": "Andet"}])
    first, second = AgendaItem.objects.filter(meeting=meeting).order_by("position")
    client = client_for(coordinator)
    data = posted_form(client.get(agenda_url(meeting)).content.decode())
    data.update({"agenda-0-DELETE": "on", "agenda-1-title": "Andet, omdøbt"})

    client.post(agenda_url(meeting), data)

    assert items(meeting) == [("Andet, omdøbt", None, "")]
    assert AgendaItem.objects.get(meeting=meeting).pk == second.pk


def test_the_agenda_is_shown_on_the_meeting_page(meeting, coordinator, client_for):
    services.set_agenda(
        meeting,
        by=coordinator,
        items=[{"title": "Recovery i praksis", "principle": Principle.RESOURCES}],
    )
    detail = reverse(
        "meetings:meeting_detail",
        kwargs={"programme_pk": meeting.programme_id, "meeting_pk": meeting.pk},
    )

    page = client_for(member("Roskilde", role=Membership.Role.READER)).get(detail)

    assert "Recovery i praksis" in page.content.decode()
    assert str(Principle.RESOURCES.label) in page.content.decode()


def test_a_group_member_may_not_change_the_agenda(meeting, client_for):
    user = member("Roskilde", role=Membership.Role.STEERING)
    person_in(group(meeting.programme, ProgrammeGroup.Kind.STEERING), "Sanne", user=user)

    assert client_for(user).get(agenda_url(meeting)).status_code == 403
