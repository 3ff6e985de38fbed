"""Adding, changing, removing and completing the communication plan's activities: one
history line per change, none for a change that changes nothing."""

import pytest

from communication import services
from communication.activity import Action
from communication.models import ActivityStatus, Channel, CommunicationActivity
from programmes.activity import for_object
from programmes.errors import DomainError
from programmes.models import ActivityEntry, Membership
from tests.factories import member

from .factories import Kind, activity, day, group, person_in, programme_with_groups

Role = Membership.Role


@pytest.fixture
def coordinator(roskilde):
    return member("Roskilde")


@pytest.fixture
def programme(roskilde):
    return programme_with_groups(roskilde)


def _fields(item, **changes):
    values = {
        "title": item.title,
        "audience": item.audience,
        "channel": item.channel,
        "message": item.message,
        "materials": item.materials,
        "responsible": item.responsible,
        "planned_on": item.planned_on,
        "status": item.status,
    }
    return {**values, **changes}


def test_adding_an_activity_stores_it_and_writes_one_history_line(programme, coordinator):
    lone = person_in(group(programme, Kind.IMPLEMENTATION), "Lone Bech")

    added = services.add_activity(
        programme,
        by=coordinator,
        title="  Orientering på personalemødet ",
        audience="Medarbejdere",
        channel=Channel.MEETING,
        message="Hvorfor vi er med.",
        materials="Fem slides",
        responsible=lone,
        planned_on=day(10),
    )

    stored = CommunicationActivity.objects.get(pk=added.pk)
    assert (stored.title, stored.responsible_id, stored.status, stored.municipality_id) == (
        "Orientering på personalemødet",
        lone.pk,
        ActivityStatus.PLANNED,
        programme.municipality_id,
    )
    entries = list(for_object(stored))
    assert [(e.action, e.actor_id, e.programme_id) for e in entries] == [
        (Action.ADDED, coordinator.pk, programme.pk)
    ]
    assert "Orientering på personalemødet" in entries[0].message


def test_changing_an_activity_saves_the_changed_fields_and_names_them_in_one_line(
    programme, coordinator
):
    item = activity(programme, coordinator)

    services.change_activity(
        item, by=coordinator, **_fields(item, audience="Politikerne", status="cancelled")
    )

    stored = CommunicationActivity.objects.get(pk=item.pk)
    assert (stored.audience, stored.status) == ("Politikerne", ActivityStatus.CANCELLED)
    changed = ActivityEntry.objects.get(action=Action.CHANGED)
    assert changed.data["fields"] == ["audience", "status"]
    assert changed.message == (
        "Kommunikationsaktiviteten »Nyhed på intranettet« er ændret. Status er nu: aflyst."
    )


def test_saving_an_activity_unchanged_changes_no_row_and_logs_nothing(programme, coordinator):
    item = activity(programme, coordinator, materials="Artikel")
    before = CommunicationActivity.objects.filter(pk=item.pk).values().get()
    entries = ActivityEntry.objects.count()

    services.change_activity(
        item, by=coordinator, **_fields(item, title=f" {item.title} ", materials="Artikel\n")
    )

    assert CommunicationActivity.objects.filter(pk=item.pk).values().get() == before
    assert ActivityEntry.objects.count() == entries


def test_removing_an_activity_deletes_it_and_keeps_a_line_in_the_programmes_history(
    programme, coordinator
):
    item = activity(programme, coordinator, title="Pressemeddelelse")

    services.remove_activity(item, by=coordinator)

    assert not CommunicationActivity.objects.filter(pk=item.pk).exists()
    removed = ActivityEntry.objects.get(action=Action.REMOVED)
    assert (removed.programme_id, removed.object_id) == (programme.pk, item.pk)
    assert removed.message == "Kommunikationsaktiviteten »Pressemeddelelse« er fjernet fra planen."


def test_marking_an_activity_done_twice_logs_it_once(programme, coordinator):
    item = activity(programme, coordinator)

    services.mark_activity_done(item, by=coordinator)
    services.mark_activity_done(item, by=coordinator)

    assert CommunicationActivity.objects.get(pk=item.pk).status == ActivityStatus.DONE
    assert ActivityEntry.objects.filter(action=Action.DONE).count() == 1


def test_a_cancelled_activity_cannot_be_marked_done(programme, coordinator):
    item = activity(programme, coordinator, status=ActivityStatus.CANCELLED)

    with pytest.raises(DomainError, match="aflyst"):
        services.mark_activity_done(item, by=coordinator)

    assert CommunicationActivity.objects.get(pk=item.pk).status == ActivityStatus.CANCELLED


def test_the_responsible_person_must_be_in_one_of_the_programmes_groups(
    roskilde, programme, coordinator
):
    other = programme_with_groups(roskilde)
    stranger = person_in(group(other, Kind.IMPLEMENTATION), "Fremmed")

    with pytest.raises(DomainError) as refused:
        activity(programme, coordinator, responsible=stranger)

    assert refused.value.field == "responsible"
    assert not CommunicationActivity.objects.exists()
    assert not ActivityEntry.objects.exists()


@pytest.mark.parametrize("role", [Role.STEERING, Role.READER, Role.LOCAL])
def test_people_outside_the_implementation_group_cannot_add_to_the_plan(programme, role):
    with pytest.raises(DomainError):
        activity(programme, member("Roskilde", role=role))

    assert not CommunicationActivity.objects.exists()


def test_the_implementation_group_and_sbst_staff_write_the_plan(programme, consultant):
    by_role = member("Roskilde", role=Role.IMPLEMENTATION)
    by_group = member("Roskilde", role=Role.LOCAL)
    person_in(group(programme, Kind.IMPLEMENTATION), "Linket medlem", user=by_group)

    made = [
        activity(programme, user, title=f"Aktivitet {i}")
        for i, user in enumerate((by_role, by_group, consultant))
    ]

    assert CommunicationActivity.objects.count() == len(made) == 3


def test_the_responsible_person_may_mark_their_activity_done_but_not_change_it(
    programme, coordinator
):
    steering_user = member("Roskilde", role=Role.STEERING)
    responsible = person_in(group(programme, Kind.STEERING), "Søren Styre", user=steering_user)
    item = activity(programme, coordinator, responsible=responsible)

    with pytest.raises(DomainError):
        services.change_activity(item, by=steering_user, **_fields(item, title="Ny titel"))
    services.mark_activity_done(item, by=steering_user)

    assert CommunicationActivity.objects.get(pk=item.pk).status == ActivityStatus.DONE
