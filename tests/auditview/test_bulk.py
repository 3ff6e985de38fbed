"""A service that changes rows in bulk records one entry saying what and how many: the
meeting plan made at the start, a late group's meetings, a group removed with its members and
meetings, the steering group made from the enrolment at approval, a municipality taken out of
a network activity with its participants."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from enrolment import services as enrolment_services
from enrolment.activity import Action as EnrolmentAction
from meetings import network
from meetings.models import Meeting, MeetingGroup, NetworkParticipant
from phases.models import Phase
from phases.services import transition_programme
from programmes.activity import CoreAction, describe
from programmes.models import ActivityEntry, Area, GroupMember, Level, Membership, ProgrammeGroup
from programmes.services import add_group, remove_group
from tests.calendar.helpers import group_member
from tests.enrolment.factories import director_token, draft_enrolment, hold_meeting
from tests.factories import member
from tests.meetings.factories import started_programme
from tests.programmes.groups import group_of, person_in

Role = Membership.Role


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


def _stream(client, programme) -> str:
    url = reverse("auditview:stream", kwargs={"programme_pk": programme.pk})
    return client.get(url).content.decode()


def test_a_group_removed_with_its_members_and_meetings_is_one_entry_with_both_counts(
    roskilde, roskilde_coordinator, client_for
):
    programme = started_programme(roskilde)
    local = group_of(programme, name="Bostøtten", area=Area.HOUSING_SUPPORT)
    for number in range(7):
        person_in(local, f"Medlem {number}")
    later = timezone.now() + datetime.timedelta(days=10)
    for title in ("Første lokale møde", "Andet lokale møde"):
        Meeting.objects.create(
            programme=programme, phase=Phase.PREPARE, title=title, starts_at=later
        ).groups.add(local)
    joint = Meeting.objects.filter(programme=programme).first()
    joint.groups.add(local)  # shared with the standing groups: it stays
    meetings_before = Meeting.objects.filter(programme=programme).count()
    before = ActivityEntry.objects.count()

    remove_group(local, by=roskilde_coordinator)

    entry = ActivityEntry.objects.get(action=CoreAction.GROUP_REMOVED)
    assert ActivityEntry.objects.count() == before + 1
    assert GroupMember.objects.filter(group_id=local.pk).count() == 0
    assert Meeting.objects.filter(programme=programme).count() == meetings_before - 2
    assert (entry.programme_id, entry.actor, entry.data["members"], entry.data["meetings"]) == (
        programme.pk,
        roskilde_coordinator,
        7,
        2,
    )
    sentence = "Bostøtten er fjernet fra forløbet med 7 medlemmer og 2 kommende møder."
    assert describe(entry) == sentence
    assert sentence in _stream(client_for(roskilde_coordinator), programme)


def test_cancelled_meetings_go_with_the_group_but_are_not_counted_as_coming(
    roskilde, roskilde_coordinator
):
    programme = started_programme(roskilde)
    local = group_of(programme, name="Bostøtten", area=Area.HOUSING_SUPPORT)
    now = timezone.now()
    for title, starts_at, cancelled_at in [
        ("Aflyst i sidste uge", now - datetime.timedelta(days=7), now - datetime.timedelta(days=8)),
        ("Aflyst om en uge", now + datetime.timedelta(days=7), now),
        ("Kommer om ti dage", now + datetime.timedelta(days=10), None),
    ]:
        Meeting.objects.create(
            programme=programme,
            phase=Phase.PREPARE,
            title=title,
            starts_at=starts_at,
            cancelled_at=cancelled_at,
        ).groups.add(local)

    remove_group(local, by=roskilde_coordinator)

    entry = ActivityEntry.objects.get(action=CoreAction.GROUP_REMOVED)
    assert not Meeting.objects.filter(title__startswith="Aflyst").exists()
    assert not Meeting.objects.filter(title="Kommer om ti dage").exists()
    assert entry.data["meetings"] == 1
    assert describe(entry) == "Bostøtten er fjernet fra forløbet med 1 kommende møde."


@pytest.mark.parametrize(
    ("members", "sentence"),
    [
        (1, "Bostøtten er fjernet fra forløbet med 1 medlem."),
        (0, "Bostøtten er fjernet fra forløbet."),
    ],
)
def test_a_removed_group_reads_with_the_members_it_had(
    roskilde, roskilde_coordinator, members, sentence
):
    programme = started_programme(roskilde)
    local = group_of(programme, name="Bostøtten", area=Area.HOUSING_SUPPORT)
    for number in range(members):
        person_in(local, f"Medlem {number}")

    remove_group(local, by=roskilde_coordinator)

    entry = ActivityEntry.objects.get(action=CoreAction.GROUP_REMOVED)
    assert (entry.data["members"], entry.data["meetings"]) == (members, 0)
    assert describe(entry) == sentence


def test_an_entry_written_before_groups_were_counted_still_reads(roskilde, roskilde_coordinator):
    entry = ActivityEntry(action=CoreAction.GROUP_REMOVED, data={"group": 1, "name": "Bostøtten"})

    assert describe(entry) == "Bostøtten er fjernet fra forløbet."


def _approvable(roskilde, coordinator, consultant, *, steering, **overrides):
    enrolment = draft_enrolment(roskilde, coordinator, steering=steering, **overrides)
    enrolment_services.submit_enrolment(enrolment, by=coordinator)
    enrolment_services.answer_by_director_link(token=director_token(enrolment), approve=True)
    hold_meeting(enrolment, consultant)
    enrolment.refresh_from_db()
    return enrolment


def test_approval_records_the_steering_group_with_its_members_and_the_roles_it_gave(
    roskilde, roskilde_coordinator, consultant, client_for
):
    # In the municipality with another role: linked at submission, given the steering role
    # at approval. The others have no account, so they get no role.
    colleague = member(
        "Roskilde", role=Role.IMPLEMENTATION, email="chef@roskilde.example.dk", full_name="Cai Chef"
    )
    steering = [
        {"name": "Cai Chef", "email": colleague.email, "level": Level.CHIEF},
        {"name": "Dina Direktør", "email": "", "level": Level.DIRECTOR},
        {"name": "Lars Leder", "email": "", "level": Level.LEADER},
        {"name": "Bent Borger", "email": "", "level": Level.OTHER},
    ]
    enrolment = _approvable(roskilde, roskilde_coordinator, consultant, steering=steering)

    enrolment_services.approve_enrolment(enrolment, by=consultant)

    enrolment.refresh_from_db()
    programme = enrolment.programme
    group = programme.groups.get(kind=ProgrammeGroup.Kind.STEERING)
    entry = ActivityEntry.objects.get(action=CoreAction.GROUP_ADDED, object_id=group.pk)
    assert GroupMember.objects.filter(group=group).count() == 4
    assert Membership.objects.filter(user=colleague, role=Role.STEERING).exists()
    assert (entry.programme_id, entry.actor, entry.data["members"], entry.data["roles"]) == (
        programme.pk,
        consultant,
        4,
        1,
    )
    sentence = (
        "Styregruppe er oprettet med 4 medlemmer fra tilmeldingen. 1 ny rolle i kommunen er givet."
    )
    assert describe(entry) == sentence
    assert sentence in _stream(client_for(consultant), programme)


def test_approval_of_one_proposed_member_with_the_role_already_gives_no_role(
    roskilde, roskilde_coordinator, consultant
):
    # A user who already holds the steering role: linked at submission, so approval could
    # give them the role, but they have it.
    holder = member(
        "Roskilde", role=Role.STEERING, email="styre@roskilde.example.dk", full_name="Søren Styre"
    )
    steering = [{"name": "Søren Styre", "email": holder.email, "level": Level.CHIEF}]
    enrolment = _approvable(roskilde, roskilde_coordinator, consultant, steering=steering)

    enrolment_services.approve_enrolment(enrolment, by=consultant)

    entry = ActivityEntry.objects.get(action=CoreAction.GROUP_ADDED)
    assert GroupMember.objects.get(group_id=entry.data["group"]).user == holder
    assert Membership.objects.filter(user=holder, role=Role.STEERING).count() == 1
    assert (entry.data["members"], entry.data["roles"]) == (1, 0)
    assert describe(entry) == "Styregruppe er oprettet med 1 medlem fra tilmeldingen."


def test_the_coordinators_new_role_is_told_by_the_approval_not_by_the_steering_group(
    roskilde, roskilde_coordinator, consultant, client_for
):
    # The proposed coordinator works in the municipality but is not yet its coordinator; the
    # only steering member has no account, so the steering group gives no role.
    newcomer = member(
        "Roskilde", role=Role.IMPLEMENTATION, email="ny@roskilde.example.dk", full_name="Nina Ny"
    )
    steering = [{"name": "Søren Styre", "email": "", "level": Level.CHIEF}]
    enrolment = _approvable(
        roskilde, roskilde_coordinator, consultant, steering=steering, proposed_coordinator=newcomer
    )

    enrolment_services.approve_enrolment(enrolment, by=consultant)

    enrolment.refresh_from_db()
    assert Membership.objects.filter(user=newcomer, role=Role.COORDINATOR).exists()
    group_entry = ActivityEntry.objects.get(action=CoreAction.GROUP_ADDED)
    assert group_entry.data["roles"] == 0
    assert describe(group_entry) == "Styregruppe er oprettet med 1 medlem fra tilmeldingen."
    approval = ActivityEntry.objects.get(action=EnrolmentAction.APPROVED)
    assert (approval.programme_id, approval.data["coordinator"]) == (
        enrolment.programme_id,
        "Nina Ny",
    )
    sentence = (
        "Social- og Boligstyrelsen har godkendt tilmeldingen. "
        "Nina Ny har fået rollen som koordinator i kommunen."
    )
    assert describe(approval) == sentence
    assert sentence in _stream(client_for(consultant), enrolment.programme)


def test_an_approval_whose_coordinator_has_the_role_already_names_no_one(
    roskilde, roskilde_coordinator, consultant
):
    steering = [{"name": "Søren Styre", "email": "", "level": Level.CHIEF}]
    enrolment = _approvable(roskilde, roskilde_coordinator, consultant, steering=steering)

    enrolment_services.approve_enrolment(enrolment, by=consultant)

    approval = ActivityEntry.objects.get(action=EnrolmentAction.APPROVED)
    assert approval.data["coordinator"] == ""
    assert describe(approval) == "Social- og Boligstyrelsen har godkendt tilmeldingen."


@pytest.mark.parametrize(
    ("language", "data", "sentence"),
    [
        ("da", {}, "Social- og Boligstyrelsen har godkendt tilmeldingen."),
        (
            "en",
            {"coordinator": "Nina Ny"},
            "The Danish Authority of Social Services and Housing has approved the enrolment. "
            "Nina Ny has been given the role of coordinator in the municipality.",
        ),
    ],
)
def test_an_approval_reads_in_the_readers_language_and_an_older_one_as_before(
    language, data, sentence
):
    entry = ActivityEntry(action=EnrolmentAction.APPROVED, data=data)

    with translation.override(language):
        assert describe(entry) == sentence


@pytest.mark.cross_tenant  # the activity is SBST's; its log is read back unscoped
def test_a_municipality_taken_out_of_a_network_activity_counts_its_participants(
    consultant, roskilde
):
    programme = started_programme(roskilde)
    steering = programme.groups.get(kind=ProgrammeGroup.Kind.STEERING)
    people = [group_member(steering, name=name) for name in ("Bo", "Ea", "Ida")]
    start = timezone.now() + datetime.timedelta(days=30)
    activity = network.create_network_activity(
        by=consultant,
        municipalities=[roskilde],
        title="Netværksdag om recovery",
        description="",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=5),
        place="Odense",
        online_url="",
    )
    invitation = activity.invitations.get()
    network.set_participants(invitation, people, by=consultant)

    network.remove_municipality(invitation, by=consultant)

    entry = ActivityEntry.objects.get(action=network.Action.MUNICIPALITY_REMOVED)
    assert not NetworkParticipant.objects.filter(invitation_id=invitation.pk).exists()
    assert (entry.actor, entry.data["participants"]) == (consultant, 3)
    assert describe(entry) == (
        "Roskilde er ikke længere med i netværksaktiviteten. Kommunens 3 deltagere er fjernet."
    )
