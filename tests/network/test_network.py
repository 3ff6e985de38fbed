"""Network activities: SBST's meeting for the groups of several municipalities, each of which
sees the activity and only its own participants."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from meetings import network
from meetings.models import NetworkActivity, NetworkInvitation, NetworkParticipant
from programmes.activity import for_object
from programmes.errors import DomainError
from programmes.models import ActivityEntry, Membership
from tests.calendar.helpers import at, group, group_member
from tests.factories import ProgrammeFactory, member, municipality
from tests.test_list_query_counts import queries_at_one_and_five

Role = Membership.Role
NOW = at(2027, 2, 1, 12)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def herning_programme(herning, herning_coordinator):
    return ProgrammeFactory(municipality=herning, coordinator=herning_coordinator)


@pytest.fixture
def roskilde_programme(roskilde, roskilde_coordinator):
    return ProgrammeFactory(municipality=roskilde, coordinator=roskilde_coordinator)


def _activity(consultant, *municipalities, **fields):
    return network.create_network_activity(
        by=consultant,
        municipalities=municipalities,
        title=fields.pop("title", "Netværksdag om recovery"),
        description=fields.pop("description", ""),
        starts_at=fields.pop("starts_at", at(2027, 3, 10, 10)),
        ends_at=fields.pop("ends_at", at(2027, 3, 10, 15)),
        place=fields.pop("place", "Social- og Boligstyrelsen, Odense"),
        online_url=fields.pop("online_url", ""),
    )


def _invitation(activity, municipality):
    return activity.invitations.get(municipality=municipality)


def _form(**overrides):
    data = {
        "title": "Netværksdag om recovery",
        "description": "Erfaringer fra de lokale implementeringsgrupper.",
        "date_day": "30",
        "date_month": "3",
        "date_year": "2027",
        "starts": "9:30",
        "ends": "15.00",
        "place": "Odense",
        "online_url": "",
    }
    data.update(overrides)
    return data


# --- SBST creates and changes activities ---------------------------------------------------


@pytest.mark.cross_tenant  # SBST reads both municipalities' invitations back
def test_a_consultant_creates_an_activity_that_invites_each_chosen_municipality(
    client_for, consultant, roskilde, herning, roskilde_programme, herning_programme
):
    response = client_for(consultant).post(
        reverse("network:activity_create"),
        _form(municipalities=[roskilde.pk, herning.pk]),
    )

    activity = NetworkActivity.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("network:activity_detail", args=[activity.pk])
    # 30 March 2027 is the first day of summer time: 9:30 there is 7:30 UTC.
    assert (activity.starts_at, activity.ends_at) == (at(2027, 3, 30, 9, 30), at(2027, 3, 30, 15))
    assert activity.starts_at.astimezone(datetime.UTC).hour == 7
    assert activity.created_by == consultant
    assert sorted(i.municipality.name for i in activity.invitations.all()) == [
        "Herning",
        "Roskilde",
    ]
    assert [e.action for e in for_object(activity)] == [network.Action.CREATED]
    assert [(e.action, e.municipality_id) for e in for_object(_invitation(activity, herning))] == [
        (network.Action.MUNICIPALITY_ADDED, herning.pk)
    ]


def test_an_activity_must_end_after_it_starts(client_for, consultant, roskilde_programme):
    response = client_for(consultant).post(
        reverse("network:activity_create"), _form(starts="14:00", ends="13:00")
    )

    assert response.status_code == 200
    assert "Aktiviteten skal slutte, efter at den starter." in response.content.decode()
    assert NetworkActivity.objects.count() == 0
    with pytest.raises(DomainError):
        network.change_network_activity(
            _activity(consultant), by=consultant, ends_at=at(2027, 3, 10, 9)
        )


@pytest.mark.cross_tenant  # the activity's own entries are SBST's, of no municipality
def test_changing_an_activity_logs_the_fields_that_changed(client_for, consultant, roskilde):
    activity = _activity(consultant, roskilde)
    client = client_for(consultant)
    shown = client.get(reverse("network:activity_edit", args=[activity.pk]))
    assert shown.status_code == 200

    client.post(
        reverse("network:activity_edit", args=[activity.pk]),
        _form(
            title="Ny titel",
            date_day="10",
            starts="10:00",
            ends="15:00",
            description="",
            place="Social- og Boligstyrelsen, Odense",
        ),
    )

    activity.refresh_from_db()
    assert activity.title == "Ny titel"
    changed = [e for e in for_object(activity) if e.action == network.Action.CHANGED]
    assert [e.data for e in changed] == [{"fields": ["title"]}]
    assert changed[0].message == "Netværksaktiviteten er ændret: titel."


def test_municipal_people_cannot_create_or_change_activities(
    client_for, consultant, roskilde_coordinator, roskilde
):
    activity = _activity(consultant, roskilde)
    client = client_for(roskilde_coordinator)

    answers = [
        client.get(reverse("network:activity_list")).status_code,
        client.post(reverse("network:activity_create"), _form()).status_code,
        client.get(reverse("network:activity_detail", args=[activity.pk])).status_code,
        client.post(reverse("network:activity_edit", args=[activity.pk]), _form()).status_code,
    ]

    assert answers == [404, 404, 404, 404]
    assert NetworkActivity.objects.count() == 1
    with pytest.raises(DomainError):
        network.create_network_activity(
            by=roskilde_coordinator,
            municipalities=[roskilde],
            title="X",
            starts_at=at(2027, 3, 1, 9),
        )


# --- each municipality sees its own -------------------------------------------------------


@pytest.fixture
def shared_activity(consultant, roskilde, herning, roskilde_programme, herning_programme):
    """An activity for Roskilde and Herning with one participant from each."""
    activity = _activity(consultant, roskilde, herning)
    roskilde_member = group_member(group(roskilde_programme), name="Rasmus Roskildesen")
    herning_member = group_member(group(herning_programme), name="Helle Herningsen")
    network.set_participants(_invitation(activity, roskilde), [roskilde_member], by=consultant)
    network.set_participants(_invitation(activity, herning), [herning_member], by=consultant)
    return activity


@pytest.mark.cross_tenant  # the activity is built for two municipalities
def test_herning_sees_the_activity_and_its_own_participants_but_not_roskildes(
    client_for, shared_activity, herning, herning_coordinator
):
    invitation = _invitation(shared_activity, herning)

    response = client_for(herning_coordinator).get(
        reverse("network:invitation_detail", args=[invitation.pk])
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Netværksdag om recovery" in body
    assert "Helle Herningsen" in body
    assert "Rasmus Roskildesen" not in body
    assert "Roskilde" not in body, "not even that Roskilde is invited, nor its log"


@pytest.mark.cross_tenant
def test_a_municipality_reaches_no_other_municipalitys_invitation(
    client_for, shared_activity, roskilde, herning_coordinator
):
    roskilde_invitation = _invitation(shared_activity, roskilde)
    client = client_for(herning_coordinator)

    answers = [
        client.get(reverse("network:invitation_detail", args=[roskilde_invitation.pk])),
        client.post(reverse("network:invitation_participants", args=[roskilde_invitation.pk]), {}),
        client.post(reverse("network:invitation_attendance", args=[roskilde_invitation.pk]), {}),
    ]

    assert [a.status_code for a in answers] == [404, 404, 404]
    assert roskilde_invitation.participants.count() == 1


def test_a_municipality_not_invited_gets_404(client_for, consultant, roskilde, herning_coordinator):
    invitation = _invitation(_activity(consultant, roskilde), roskilde)

    response = client_for(herning_coordinator).get(
        reverse("network:invitation_detail", args=[invitation.pk])
    )

    assert response.status_code == 404


@pytest.mark.cross_tenant
def test_sbst_sees_every_municipality_with_its_participants(
    client_for, shared_activity, consultant
):
    response = client_for(consultant).get(
        reverse("network:activity_detail", args=[shared_activity.pk])
    )

    body = response.content.decode()
    assert "Rasmus Roskildesen" in body and "Helle Herningsen" in body


# --- participants and attendance ----------------------------------------------------------


def test_the_coordinator_chooses_participants_from_the_municipalitys_groups(
    client_for, consultant, roskilde, roskilde_coordinator, roskilde_programme
):
    invitation = _invitation(_activity(consultant, roskilde), roskilde)
    steering = group(roskilde_programme)
    chosen = group_member(steering, name="Søren Styre")
    group_member(steering, name="Ikke Valgt")

    response = client_for(roskilde_coordinator).post(
        reverse("network:invitation_participants", args=[invitation.pk]),
        {"members": [chosen.pk]},
    )

    assert response.status_code == 302
    participant = invitation.participants.get()
    assert (participant.member, participant.name, participant.status) == (
        chosen,
        "Søren Styre",
        "invited",
    )
    (entry,) = [
        e for e in for_object(invitation) if e.action == network.Action.PARTICIPANTS_CHANGED
    ]
    assert entry.data == {"added": ["Søren Styre"], "removed": []}
    assert entry.municipality_id == roskilde.pk


def test_unticking_a_participant_removes_them(
    client_for, consultant, roskilde, roskilde_coordinator, roskilde_programme
):
    invitation = _invitation(_activity(consultant, roskilde), roskilde)
    steering = group(roskilde_programme)
    stays, leaves = (
        group_member(steering, name="Bo Bliver"),
        group_member(steering, name="Gitte Går"),
    )
    network.set_participants(invitation, [stays, leaves], by=roskilde_coordinator)

    client_for(roskilde_coordinator).post(
        reverse("network:invitation_participants", args=[invitation.pk]), {"members": [stays.pk]}
    )

    assert [p.name for p in invitation.participants.all()] == ["Bo Bliver"]


@pytest.mark.cross_tenant  # a Herning member's id posted to Roskilde's invitation
def test_a_person_of_another_municipality_cannot_be_made_a_participant(
    client_for, consultant, roskilde, roskilde_coordinator, herning_programme
):
    invitation = _invitation(_activity(consultant, roskilde), roskilde)
    stranger = group_member(group(herning_programme), name="Helle Herningsen")

    response = client_for(roskilde_coordinator).post(
        reverse("network:invitation_participants", args=[invitation.pk]),
        {"members": [stranger.pk]},
    )

    assert response.status_code == 200
    assert invitation.participants.count() == 0
    with pytest.raises(DomainError):
        network.set_participants(invitation, [stranger], by=consultant)


def test_a_reader_sees_the_participants_but_cannot_change_them(
    client_for, consultant, roskilde, roskilde_programme
):
    invitation = _invitation(_activity(consultant, roskilde), roskilde)
    someone = group_member(group(roskilde_programme), name="Søren Styre")
    network.set_participants(invitation, [someone], by=consultant)
    client = client_for(member("Roskilde", role=Role.READER))

    page = client.get(reverse("network:invitation_detail", args=[invitation.pk]))
    change = client.post(reverse("network:invitation_participants", args=[invitation.pk]), {})

    assert page.status_code == 200 and "Søren Styre" in page.content.decode()
    assert "Gem deltagerne" not in page.content.decode()
    assert change.status_code == 403
    assert invitation.participants.count() == 1


def test_the_coordinator_records_attendance(
    client_for, consultant, roskilde, roskilde_coordinator, roskilde_programme
):
    invitation = _invitation(_activity(consultant, roskilde), roskilde)
    steering = group(roskilde_programme)
    came, excused = group_member(steering, name="Kom"), group_member(steering, name="Afbud")
    network.set_participants(invitation, [came, excused], by=consultant)
    ids = {p.name: p.pk for p in invitation.participants.all()}

    client_for(roskilde_coordinator).post(
        reverse("network:invitation_attendance", args=[invitation.pk]),
        {f"status_{ids['Kom']}": "came", f"status_{ids['Afbud']}": "apologies"},
    )

    assert dict(invitation.participants.values_list("name", "status")) == {
        "Kom": "came",
        "Afbud": "apologies",
    }
    assert [
        e.data for e in for_object(invitation) if e.action == network.Action.ATTENDANCE_RECORDED
    ] == [{"count": 2}]


# --- municipalities added and removed -----------------------------------------------------


@pytest.mark.cross_tenant
def test_removing_a_municipality_deletes_its_invitation_and_participants(
    client_for, shared_activity, consultant, herning
):
    invitation = _invitation(shared_activity, herning)

    response = client_for(consultant).post(
        reverse("network:invitation_remove", args=[invitation.pk])
    )

    assert response.status_code == 302
    assert not NetworkInvitation.objects.filter(pk=invitation.pk).exists()
    assert not NetworkParticipant.objects.filter(name="Helle Herningsen").exists()
    assert NetworkParticipant.objects.filter(name="Rasmus Roskildesen").exists()
    removed = [
        e for e in for_object(shared_activity) if e.action == network.Action.MUNICIPALITY_REMOVED
    ]
    assert [e.data["municipality"] for e in removed] == ["Herning"]


@pytest.mark.cross_tenant
def test_removing_a_municipality_twice_writes_one_entry(shared_activity, consultant, herning):
    # A double click or two tabs: both requests fetched the invitation before either removed
    # it; the second waits on the activity's lock, then goes on with its stale copy.
    first, second = (_invitation(shared_activity, herning) for _ in range(2))

    network.remove_municipality(first, by=consultant)
    network.remove_municipality(second, by=consultant)

    removed = [
        e for e in for_object(shared_activity) if e.action == network.Action.MUNICIPALITY_REMOVED
    ]
    assert [(e.data["municipality"], e.data["participants"]) for e in removed] == [("Herning", 1)]
    assert not NetworkInvitation.objects.filter(pk=first.pk).exists()


@pytest.mark.cross_tenant
def test_a_consultant_invites_another_municipality_once(
    client_for, consultant, roskilde, herning, herning_programme
):
    activity = _activity(consultant, roskilde)
    client = client_for(consultant)

    for _ in range(2):
        client.post(
            reverse("network:activity_municipalities", args=[activity.pk]),
            {"municipalities": [herning.pk]},
        )

    assert sorted(i.municipality.name for i in activity.invitations.all()) == [
        "Herning",
        "Roskilde",
    ]
    assert ActivityEntry.objects.filter(action=network.Action.MUNICIPALITY_ADDED).count() == 2


# --- panels, navigation, list -------------------------------------------------------------


def test_the_start_page_lists_the_municipalitys_coming_activities(
    client_for, consultant, roskilde, roskilde_coordinator
):
    _activity(consultant, roskilde, title="Kommende netværksdag")
    _activity(
        consultant,
        roskilde,
        title="Afholdt netværksdag",
        starts_at=at(2027, 1, 5, 10),
        ends_at=None,
    )

    body = client_for(roskilde_coordinator).get(reverse("home")).content.decode()

    assert "Kommende netværksdag" in body
    assert "Afholdt netværksdag" not in body


def test_sbst_has_network_activities_in_the_menu_and_municipalities_do_not(
    client_for, consultant, roskilde_coordinator
):
    link = f'href="{reverse("network:activity_list")}"'

    assert link in client_for(consultant).get(reverse("home")).content.decode()
    assert link not in client_for(roskilde_coordinator).get(reverse("home")).content.decode()


@pytest.mark.cross_tenant  # five municipalities' invitations
def test_the_activity_list_makes_as_many_queries_for_five_activities_as_for_one(
    client_for, consultant, count_queries
):
    names = ["Roskilde", "Herning", "Randers", "Rudersdal", "Aarhus"]

    def add(index):
        activity = _activity(consultant, municipality(names[index]), title=f"Aktivitet {index}")
        programme = ProgrammeFactory(municipality=municipality(names[index]))
        someone = group_member(group(programme), name=f"Person {index}")
        network.set_participants(activity.invitations.get(), [someone], by=consultant)

    client = client_for(consultant)
    url = reverse("network:activity_list")

    one, five = queries_at_one_and_five(client, url, count_queries, add)

    assert one == five
    assert len(client.get(url).context["upcoming"]) == 5
