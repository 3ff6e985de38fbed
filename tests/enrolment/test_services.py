"""The enrolment rules, one test per rule, through the services."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone, translation

from enrolment import services
from enrolment.activity import Action
from enrolment.models import DirectorLink, Enrolment
from programmes.activity import describe, log_action
from programmes.errors import DomainError
from programmes.models import GroupMember, Level, Membership, Programme, ProgrammeGroup
from tests.factories import ConsultantFactory, member

from .factories import (
    details,
    director_token,
    draft_enrolment,
    hold_meeting,
    open_cohort,
    ready_for_decision,
    steering_user,
    submitted_enrolment,
)

State = Enrolment.State
Kind = Action
pytestmark = pytest.mark.django_db


def kinds(enrolment):
    return list(enrolment.activity.values_list("action", flat=True))


# Drafts


def test_a_coordinator_starts_a_draft_with_its_steering_members(roskilde, roskilde_coordinator):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator)

    assert enrolment.state == State.DRAFT
    assert enrolment.municipality == roskilde
    assert list(enrolment.steering_members.values_list("name", "municipality")) == [
        ("Søren Styre", roskilde.pk)
    ]
    assert kinds(enrolment) == [Kind.CREATED]


def test_a_member_without_the_right_cannot_start_an_enrolment(roskilde):
    reader = member("Roskilde", role=Membership.Role.READER)

    with pytest.raises(DomainError, match="ikke ret til at udfylde"):
        draft_enrolment(roskilde, reader)


def test_the_proposed_coordinator_must_belong_to_the_municipality(
    roskilde, roskilde_coordinator, herning_coordinator
):
    with pytest.raises(DomainError, match="skal være bruger i kommunen"):
        draft_enrolment(roskilde, roskilde_coordinator, proposed_coordinator=herning_coordinator)


def test_one_active_enrolment_per_municipality_per_cohort(roskilde, roskilde_coordinator):
    cohort = open_cohort()
    draft_enrolment(roskilde, roskilde_coordinator, cohort=cohort)

    with pytest.raises(DomainError) as error:
        draft_enrolment(roskilde, roskilde_coordinator, cohort=cohort)

    assert error.value.message == (f"Roskilde har allerede en aktiv tilmelding til {cohort.name}.")


def test_a_withdrawn_enrolment_leaves_room_for_a_new_one(roskilde, roskilde_coordinator):
    cohort = open_cohort()
    first = draft_enrolment(roskilde, roskilde_coordinator, cohort=cohort)
    services.withdraw_enrolment(first, by=roskilde_coordinator)

    second = draft_enrolment(roskilde, roskilde_coordinator, cohort=cohort)

    assert second.state == State.DRAFT


@pytest.mark.cross_tenant
def test_the_same_cohort_is_open_to_two_municipalities(
    roskilde, roskilde_coordinator, herning, herning_coordinator
):
    cohort = open_cohort()
    draft_enrolment(roskilde, roskilde_coordinator, cohort=cohort)
    draft_enrolment(herning, herning_coordinator, cohort=cohort)

    assert Enrolment.objects.filter(cohort=cohort).count() == 2


def test_a_draft_can_be_saved_again_and_replaces_its_steering_members(
    roskilde, roskilde_coordinator
):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator)

    services.update_enrolment(
        enrolment,
        by=roskilde_coordinator,
        data=details(enrolment.cohort, roskilde_coordinator, ambitions="Nye ambitioner"),
        steering_members=[
            {"name": "Anne", "title": "", "email": "", "level": Level.DIRECTOR},
            {"name": "Bent", "title": "", "email": "", "level": Level.OTHER},
        ],
    )

    enrolment.refresh_from_db()
    assert enrolment.ambitions == "Nye ambitioner"
    assert list(enrolment.steering_members.values_list("name", flat=True)) == ["Anne", "Bent"]
    assert kinds(enrolment) == [Kind.CREATED, Kind.UPDATED]


def test_saving_the_draft_counts_the_steering_members_added_removed_and_changed(
    roskilde, roskilde_coordinator
):
    enrolment = draft_enrolment(
        roskilde,
        roskilde_coordinator,
        steering=[
            {"name": "Anne", "title": "Direktør", "email": "", "level": Level.DIRECTOR},
            {"name": "Bent", "title": "Chef", "email": "", "level": Level.CHIEF},
            {"name": "Carl", "title": "", "email": "", "level": Level.OTHER},
        ],
    )
    anne, bent, _carl = enrolment.steering_members.order_by("name")

    services.update_enrolment(
        enrolment,
        by=roskilde_coordinator,
        data=details(enrolment.cohort, roskilde_coordinator),
        steering_members=[
            {"id": anne.pk, "name": "Anne", "title": "Direktør", "email": "", "level": "director"},
            {"id": bent.pk, "name": "Bent", "title": "Socialchef", "email": "", "level": "chief"},
            {"name": "Dora", "title": "", "email": "", "level": Level.OTHER},
            {"name": "Erik", "title": "", "email": "", "level": Level.OTHER},
        ],
    )

    names = list(enrolment.steering_members.order_by("name").values_list("name", flat=True))
    assert names == ["Anne", "Bent", "Dora", "Erik"]
    entry = enrolment.activity.get(action=Kind.UPDATED)
    assert entry.data == {"fields": [], "steering": {"added": 2, "removed": 1, "changed": 1}}
    assert entry.message == (
        "Kladden er ændret: de foreslåede medlemmer af styregruppen "
        "(2 tilføjet, 1 fjernet og 1 ændret)."
    )


@pytest.mark.parametrize(
    ("data", "language", "sentence"),
    [
        (
            {"fields": ["ambitions"], "steering": True},
            "da",
            "Kladden er ændret: kommunens ønsker og ambitioner og de foreslåede medlemmer af "
            "styregruppen.",
        ),
        (
            {"fields": [], "steering": {"added": 0, "removed": 3, "changed": 0}},
            "da",
            "Kladden er ændret: de foreslåede medlemmer af styregruppen (3 fjernet).",
        ),
        (
            {"fields": ["ambitions"], "steering": False},
            "da",
            "Kladden er ændret: kommunens ønsker og ambitioner.",
        ),
        (
            {"fields": [], "steering": True},
            "en",
            "The draft has been changed: the proposed steering group members.",
        ),
        (
            {"fields": [], "steering": {"added": 1, "removed": 0, "changed": 2}},
            "en",
            "The draft has been changed: the proposed steering group members "
            "(1 added and 2 changed).",
        ),
    ],
)
def test_a_draft_entry_reads_with_its_steering_counts_and_an_older_one_without(
    roskilde, roskilde_coordinator, data, language, sentence
):
    """Entries written before the steering members were counted hold `True` and read as they
    always did."""
    enrolment = draft_enrolment(roskilde, roskilde_coordinator)
    entry = log_action(enrolment, Kind.UPDATED, by=roskilde_coordinator, data=data)

    with translation.override(language):
        assert describe(entry) == sentence


def test_a_submitted_enrolment_can_no_longer_be_changed(roskilde, roskilde_coordinator):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    with pytest.raises(DomainError, match="kan ikke længere ændres"):
        services.update_enrolment(
            enrolment,
            by=roskilde_coordinator,
            data=details(enrolment.cohort, roskilde_coordinator),
            steering_members=[],
        )


# Submission


def test_submission_moves_the_draft_to_submitted_and_records_who(roskilde, roskilde_coordinator):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator)

    services.submit_enrolment(enrolment, by=roskilde_coordinator)

    enrolment.refresh_from_db()
    assert enrolment.state == State.SUBMITTED
    assert enrolment.submitted_by == roskilde_coordinator
    assert enrolment.submitted_at is not None
    assert kinds(enrolment) == [Kind.CREATED, Kind.SUBMITTED, Kind.DIRECTOR_LINK_SENT]


def test_submission_after_deadline_is_refused_with_the_date(roskilde, roskilde_coordinator):
    cohort = open_cohort(
        starts_on=datetime.date(2031, 8, 1), enrolment_deadline=datetime.date(2031, 5, 1)
    )
    with time_machine.travel(datetime.datetime(2031, 4, 1, 12, tzinfo=datetime.UTC)):
        enrolment = draft_enrolment(roskilde, roskilde_coordinator, cohort=cohort)

    after_deadline = datetime.datetime(2031, 5, 2, 12, tzinfo=datetime.UTC)
    with time_machine.travel(after_deadline), pytest.raises(DomainError) as error:
        services.submit_enrolment(enrolment, by=roskilde_coordinator)

    assert error.value.message == (
        f"Tilmeldingsfristen for {cohort.name} var den 1. maj 2031. "
        "Tilmeldingen kan ikke længere indsendes."
    )
    enrolment.refresh_from_db()
    assert enrolment.state == State.DRAFT


def test_submission_on_the_deadline_day_is_accepted(roskilde, roskilde_coordinator):
    cohort = open_cohort(
        starts_on=datetime.date(2031, 8, 1), enrolment_deadline=datetime.date(2031, 5, 1)
    )
    with time_machine.travel(datetime.datetime(2031, 5, 1, 20, tzinfo=datetime.UTC)):
        enrolment = draft_enrolment(roskilde, roskilde_coordinator, cohort=cohort)
        services.submit_enrolment(enrolment, by=roskilde_coordinator)

    assert enrolment.state == State.SUBMITTED


def test_a_cohort_closed_by_sbst_refuses_submission(roskilde, roskilde_coordinator):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator)
    enrolment.cohort.is_open_for_enrolment = False
    enrolment.cohort.save()

    with pytest.raises(DomainError, match="ikke åbent for tilmelding"):
        services.submit_enrolment(enrolment, by=roskilde_coordinator)


def test_submission_is_refused_while_the_form_lacks_the_director(roskilde, roskilde_coordinator):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator, director_email="")

    with pytest.raises(DomainError) as error:
        services.submit_enrolment(enrolment, by=roskilde_coordinator)

    assert error.value.missing == {"director_email": "Skriv direktørens e-mail."}
    assert error.value.message == "Tilmeldingen kan ikke indsendes endnu. Skriv direktørens e-mail."


def test_submitting_twice_is_refused_with_the_state(roskilde, roskilde_coordinator):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    with pytest.raises(DomainError) as error:
        services.submit_enrolment(enrolment, by=roskilde_coordinator)

    assert error.value.message == "Tilmeldingen har status »Indsendt« og kan derfor ikke indsendes."


def test_submission_mails_consultants_director_and_steering_members(
    roskilde, roskilde_coordinator, consultant, django_capture_on_commit_callbacks
):
    steering = steering_user(roskilde, "styre@roskilde.example.dk")
    enrolment = draft_enrolment(
        roskilde,
        roskilde_coordinator,
        steering=[
            {"name": "Styre", "title": "", "email": steering.email, "level": Level.CHIEF},
            {"name": "Uden konto", "title": "", "email": "ekstern@example.dk", "level": "other"},
        ],
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_enrolment(enrolment, by=roskilde_coordinator)

    recipients = sorted(tuple(m.to) for m in mail.outbox)
    assert recipients == sorted(
        [
            (consultant.email,),
            (enrolment.director_email,),
            ("styre@roskilde.example.dk",),
            ("ekstern@example.dk",),
        ]
    )
    director_mail = next(m for m in mail.outbox if m.to == [enrolment.director_email])
    assert director_mail.subject == (
        "Godkend tilmeldingen fra Roskilde til strategisk udviklingsforløb"
    )
    assert "/tilmelding/direktoer/" in director_mail.body
    assert director_mail.alternatives[0][1] == "text/html"


def test_submission_grants_the_steering_right_on_this_enrolment_only(
    roskilde, roskilde_coordinator
):
    steering = steering_user(roskilde, "styre@roskilde.example.dk")
    other = draft_enrolment(roskilde, roskilde_coordinator)
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator, steering_users=[steering])

    assert steering.has_perm("enrolment.approve_as_steering_member", enrolment)
    assert not steering.has_perm("enrolment.approve_as_steering_member", other)
    assert enrolment.steering_members.get().user == steering


def test_a_proposed_member_with_an_account_elsewhere_gets_no_grant(
    roskilde, roskilde_coordinator, herning
):
    outsider = steering_user(herning, "styre@herning.example.dk")

    enrolment = submitted_enrolment(roskilde, roskilde_coordinator, steering_users=[outsider])

    assert enrolment.steering_members.get().user is None
    assert not outsider.has_perm("enrolment.approve_as_steering_member", enrolment)


# Director approval (criterion 2)


def test_the_director_approves_once_through_the_personal_link(roskilde, roskilde_coordinator):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    token = director_token(enrolment)

    services.answer_by_director_link(token=token, approve=True)

    enrolment.refresh_from_db()
    assert enrolment.director_approved
    event = enrolment.activity.get(action=Kind.DIRECTOR_APPROVED)
    assert event.actor is None
    assert event.who == f"Dorthe Direktør ({enrolment.director_email})"
    assert event.message == "Direktøren har godkendt tilmeldingen via sit personlige link."
    with pytest.raises(DomainError, match="allerede brugt"):
        services.answer_by_director_link(token=token, approve=True)


@pytest.mark.parametrize(
    ("approve", "response", "sentence"),
    [
        (
            True,
            "approved",
            "Direktøren har godkendt tilmeldingen via sit personlige link. Direktøren har "
            "dermed også godkendt som medlem af styregruppen.",
        ),
        (
            False,
            "objected",
            "Direktøren har afvist at godkende tilmeldingen. Direktøren har dermed også gjort "
            "indsigelse som medlem af styregruppen.",
        ),
    ],
)
def test_a_director_who_is_a_steering_member_answers_as_that_member_too_in_the_same_entry(
    roskilde, roskilde_coordinator, approve, response, sentence
):
    director = steering_user(roskilde, "dir@roskilde.example.dk", full_name="Dorthe Direktør")
    enrolment = draft_enrolment(
        roskilde,
        roskilde_coordinator,
        director_email=director.email,
        steering=[
            {"name": "Dorthe Direktør", "email": director.email, "level": Level.DIRECTOR},
            {"name": "Søren Styre", "email": "", "level": Level.CHIEF},
        ],
    )
    services.submit_enrolment(enrolment, by=roskilde_coordinator)

    services.answer_by_director_link(
        token=director_token(enrolment), approve=approve, reason="" if approve else "Ikke nu"
    )

    answers = dict(enrolment.steering_members.values_list("name", "response"))
    assert answers == {"Dorthe Direktør": response, "Søren Styre": "pending"}
    entry = enrolment.activity.get(
        action=Kind.DIRECTOR_APPROVED if approve else Kind.DIRECTOR_DECLINED
    )
    assert (entry.data["steering"], entry.message) == (1, sentence)


def test_only_the_hash_of_the_director_token_is_stored(roskilde, roskilde_coordinator):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    token = director_token(enrolment)

    assert not DirectorLink.objects.filter(token_hash=token).exists()
    assert (
        DirectorLink.objects.filter(enrolment=enrolment, used_at=None, revoked_at=None).count() == 1
    )


def test_the_director_link_expires(roskilde, roskilde_coordinator):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    token = director_token(enrolment)

    later = timezone.now() + datetime.timedelta(days=15)
    with time_machine.travel(later), pytest.raises(DomainError, match="Linket udløb den"):
        services.answer_by_director_link(token=token, approve=True)

    enrolment.refresh_from_db()
    assert not enrolment.director_approved


def test_a_new_director_link_replaces_the_old_one(roskilde, roskilde_coordinator):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    old = director_token(enrolment)
    new = director_token(enrolment)

    with pytest.raises(DomainError, match="erstattet af et nyere link"):
        services.answer_by_director_link(token=old, approve=True)
    services.answer_by_director_link(token=new, approve=True)


def test_an_unknown_director_token_is_refused(db):
    with pytest.raises(DomainError, match="Linket findes ikke"):
        services.answer_by_director_link(token="ikke-et-token", approve=True)


def test_the_director_cannot_approve_a_withdrawn_enrolment_through_the_link(
    roskilde, roskilde_coordinator
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    token = director_token(enrolment)
    services.withdraw_enrolment(enrolment, by=roskilde_coordinator)

    with pytest.raises(DomainError) as error:
        services.answer_by_director_link(token=token, approve=True)

    assert error.value.message == "Tilmeldingen er trukket tilbage, så der er intet at godkende."
    enrolment.refresh_from_db()
    assert not enrolment.director_approved


# Steering group


def test_a_steering_member_approves_and_the_enrolment_shows_who_answered(
    roskilde, roskilde_coordinator
):
    first = steering_user(roskilde, "en@roskilde.example.dk")
    second = steering_user(roskilde, "to@roskilde.example.dk")
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator, steering_users=[first, second])

    services.respond_as_steering_member(enrolment, by=first, approve=True, comment="Fint")

    answers = dict(enrolment.steering_members.values_list("user__email", "response"))
    assert answers == {
        "en@roskilde.example.dk": "approved",
        "to@roskilde.example.dk": "pending",
    }
    assert enrolment.activity.get(action=Kind.STEERING_APPROVED).actor == first


def test_an_objection_needs_a_comment(roskilde, roskilde_coordinator):
    steering = steering_user(roskilde, "styre@roskilde.example.dk")
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator, steering_users=[steering])

    with pytest.raises(DomainError, match="begrundelse for din indsigelse"):
        services.respond_as_steering_member(enrolment, by=steering, approve=False)
    services.respond_as_steering_member(
        enrolment, by=steering, approve=False, comment="Mangler budget"
    )

    assert enrolment.steering_members.get().response == "objected"
    assert enrolment.activity.get(action=Kind.STEERING_OBJECTED).note == "Mangler budget"


def test_a_steering_role_alone_does_not_let_you_answer(roskilde, roskilde_coordinator):
    bystander = steering_user(roskilde, "tilskuer@roskilde.example.dk")
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    with pytest.raises(DomainError, match="ikke foreslået som medlem"):
        services.respond_as_steering_member(enrolment, by=bystander, approve=True)


@pytest.mark.cross_tenant
def test_a_herning_steering_member_cannot_answer_roskildes_enrolment(
    roskilde, roskilde_coordinator, herning
):
    herning_member = steering_user(herning, "styre@herning.example.dk")
    herning_enrolment = submitted_enrolment(
        herning, member("Herning"), steering_users=[herning_member]
    )
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    with pytest.raises(DomainError, match="ikke foreslået som medlem"):
        services.respond_as_steering_member(enrolment, by=herning_member, approve=True)
    assert herning_member.has_perm("enrolment.approve_as_steering_member", herning_enrolment)


# Enrolment meeting (criterion 3)


def test_a_meeting_held_with_a_chief_with_strategic_responsibility_meets_criterion_3(
    roskilde, roskilde_coordinator, consultant
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    hold_meeting(enrolment, consultant)

    enrolment.refresh_from_db()
    assert [c.met for c in enrolment.criteria] == [True, False, True]
    assert enrolment.activity.get(action=Kind.MEETING_RECORDED).actor == consultant


@pytest.mark.parametrize(
    ("level", "strategic"),
    [(Level.OTHER, True), (Level.CHIEF, False), (Level.DIRECTOR, False)],
)
def test_a_meeting_without_a_senior_strategic_participant_does_not_meet_criterion_3(
    roskilde, roskilde_coordinator, consultant, level, strategic
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    hold_meeting(enrolment, consultant, level=level, strategic=strategic)

    enrolment.refresh_from_db()
    criterion = enrolment.criteria[2]
    assert not criterion.met
    assert criterion.missing == (
        "Ingen deltager på mindst chefniveau med strategisk ansvar er registreret."
    )


def test_a_scheduled_meeting_does_not_meet_criterion_3(roskilde, roskilde_coordinator, consultant):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    services.record_enrolment_meeting(
        enrolment,
        by=consultant,
        meeting_date=timezone.localdate() + datetime.timedelta(days=7),
        held=False,
        participants=[],
    )

    enrolment.refresh_from_db()
    assert enrolment.meeting_date is not None
    assert not enrolment.criteria[2].met


def test_a_meeting_cannot_be_held_in_the_future(roskilde, roskilde_coordinator, consultant):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    with pytest.raises(DomainError, match="kan ikke være afholdt endnu"):
        services.record_enrolment_meeting(
            enrolment,
            by=consultant,
            meeting_date=timezone.localdate() + datetime.timedelta(days=1),
            held=True,
            participants=[{"name": "C", "level": Level.CHIEF}],
        )


def test_only_sbst_records_the_meeting(roskilde, roskilde_coordinator):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    with pytest.raises(DomainError, match="Kun SBST"):
        hold_meeting(enrolment, roskilde_coordinator)


# Decision


def test_approval_is_refused_until_all_three_criteria_hold(
    roskilde, roskilde_coordinator, consultant
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    # Submitted before submission checked criterion 1.
    Enrolment.objects.filter(pk=enrolment.pk).update(includes_social_offers=False)

    with pytest.raises(DomainError) as error:
        services.approve_enrolment(enrolment, by=consultant)

    assert error.value.message == (
        "Tilmeldingen kan ikke godkendes, før alle tre kriterier er opfyldt. "
        "Mangler: de sociale tilbud. "
        "Direktøren har ikke godkendt tilmeldingen endnu. "
        "Tilmeldingsmødet er ikke registreret som afholdt."
    )
    enrolment.refresh_from_db()
    assert enrolment.state == State.SUBMITTED
    assert not Programme.objects.filter(municipality=roskilde).exists()


def test_approval_creates_the_programme_steering_group_and_coordinator(
    roskilde, roskilde_coordinator, consultant, django_capture_on_commit_callbacks
):
    steering = steering_user(roskilde, "styre@roskilde.example.dk", full_name="Sanne Styre")
    enrolment = ready_for_decision(
        roskilde, roskilde_coordinator, consultant, steering_users=[steering]
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_enrolment(enrolment, by=consultant)

    enrolment.refresh_from_db()
    assert enrolment.state == State.APPROVED
    assert enrolment.decided_by == consultant
    programme = enrolment.programme
    assert (programme.municipality, programme.cohort) == (roskilde, enrolment.cohort)
    assert programme.coordinator == roskilde_coordinator
    assert programme.primary_contact == consultant
    group = ProgrammeGroup.objects.get(programme=programme, kind=ProgrammeGroup.Kind.STEERING)
    assert programme.groups.filter(kind=ProgrammeGroup.Kind.IMPLEMENTATION).exists()
    assert list(GroupMember.objects.filter(group=group).values_list("name", "user", "level")) == [
        ("Sanne Styre", steering.pk, Level.CHIEF)
    ]
    assert [m.to for m in mail.outbox] == [[roskilde_coordinator.email]]
    assert mail.outbox[0].subject == "Tilmeldingen fra Roskilde er godkendt"
    assert kinds(enrolment)[-1] == Kind.APPROVED


def test_rejection_needs_a_reason_and_tells_the_coordinator(
    roskilde, roskilde_coordinator, consultant, django_capture_on_commit_callbacks
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    with pytest.raises(DomainError, match="begrundelse for afvisningen"):
        services.reject_enrolment(enrolment, by=consultant, reason=" ")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.reject_enrolment(enrolment, by=consultant, reason="Myndighedsområdet er ikke med.")

    enrolment.refresh_from_db()
    assert enrolment.state == State.REJECTED
    assert enrolment.decision_reason == "Myndighedsområdet er ikke med."
    assert mail.outbox[0].subject == "Tilmeldingen fra Roskilde er afvist"
    assert "Myndighedsområdet er ikke med." in mail.outbox[0].body


def test_only_sbst_decides(roskilde, roskilde_coordinator, consultant):
    enrolment = ready_for_decision(roskilde, roskilde_coordinator, consultant)

    with pytest.raises(DomainError, match="Kun SBST kan godkende"):
        services.approve_enrolment(enrolment, by=roskilde_coordinator)
    with pytest.raises(DomainError, match="Kun SBST kan afvise"):
        services.reject_enrolment(enrolment, by=roskilde_coordinator, reason="Nej")


def test_a_draft_cannot_be_approved(roskilde, roskilde_coordinator, consultant):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator)

    with pytest.raises(DomainError) as error:
        services.approve_enrolment(enrolment, by=consultant)

    assert error.value.message == "Tilmeldingen har status »Kladde« og kan derfor ikke godkendes."


def test_a_decided_enrolment_cannot_be_withdrawn(roskilde, roskilde_coordinator, consultant):
    enrolment = ready_for_decision(roskilde, roskilde_coordinator, consultant)
    services.approve_enrolment(enrolment, by=consultant)

    with pytest.raises(DomainError) as error:
        services.withdraw_enrolment(enrolment, by=roskilde_coordinator)

    assert error.value.message == (
        "Tilmeldingen har status »Godkendt« og kan derfor ikke trækkes tilbage."
    )


def test_the_municipality_withdraws_before_the_decision(roskilde, roskilde_coordinator):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    services.withdraw_enrolment(enrolment, by=roskilde_coordinator, reason="Ikke nu")

    enrolment.refresh_from_db()
    assert enrolment.state == State.WITHDRAWN
    assert enrolment.activity.get(action=Kind.WITHDRAWN).note == "Ikke nu"


def test_a_rejected_enrolment_cannot_be_approved_afterwards(
    roskilde, roskilde_coordinator, consultant
):
    enrolment = ready_for_decision(roskilde, roskilde_coordinator, consultant)
    services.reject_enrolment(enrolment, by=consultant, reason="Nej")

    with pytest.raises(DomainError, match="»Afvist« og kan derfor ikke godkendes"):
        services.approve_enrolment(enrolment, by=ConsultantFactory())


def test_every_step_is_in_the_history_with_who(roskilde, roskilde_coordinator, consultant):
    steering = steering_user(roskilde, "styre@roskilde.example.dk")
    enrolment = ready_for_decision(
        roskilde, roskilde_coordinator, consultant, steering_users=[steering]
    )
    services.respond_as_steering_member(enrolment, by=steering, approve=True)
    services.approve_enrolment(enrolment, by=consultant)

    history = list(enrolment.activity.values_list("action", "actor"))
    assert history == [
        (Kind.CREATED, roskilde_coordinator.pk),
        (Kind.SUBMITTED, roskilde_coordinator.pk),
        (Kind.DIRECTOR_LINK_SENT, roskilde_coordinator.pk),
        (Kind.DIRECTOR_LINK_SENT, roskilde_coordinator.pk),
        (Kind.DIRECTOR_APPROVED, None),
        (Kind.MEETING_RECORDED, consultant.pk),
        (Kind.STEERING_APPROVED, steering.pk),
        (Kind.APPROVED, consultant.pk),
    ]
    assert set(enrolment.activity.values_list("municipality", flat=True)) == {roskilde.pk}


# The director is someone else (criterion 2)

DIRECTOR_NOT_SELF = (
    "Direktøren skal være en anden end den, der udfylder tilmeldingen, og end koordinatoren."
)


def test_a_draft_naming_the_proposed_coordinator_as_director_is_refused_on_director_email(
    roskilde, roskilde_coordinator
):
    colleague = member("Roskilde", email="kollega@roskilde.example.dk")

    with pytest.raises(DomainError) as error:
        draft_enrolment(
            roskilde,
            roskilde_coordinator,
            proposed_coordinator=colleague,
            director_email="KOLLEGA@roskilde.example.dk",
        )

    assert (error.value.field, error.value.message) == ("director_email", DIRECTOR_NOT_SELF)
    assert not Enrolment.objects.filter(municipality=roskilde).exists()


def test_a_draft_naming_the_person_filling_it_in_as_director_is_refused(
    roskilde, roskilde_coordinator
):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator)

    with pytest.raises(DomainError) as error:
        services.update_enrolment(
            enrolment,
            by=roskilde_coordinator,
            data=details(
                enrolment.cohort, roskilde_coordinator, director_email=roskilde_coordinator.email
            ),
            steering_members=[],
        )

    assert (error.value.field, error.value.message) == ("director_email", DIRECTOR_NOT_SELF)
    enrolment.refresh_from_db()
    assert enrolment.director_email != roskilde_coordinator.email


def test_the_named_director_cannot_submit_the_enrolment_themselves(roskilde, roskilde_coordinator):
    director = member("Roskilde", email="dir@roskilde.example.dk")
    enrolment = draft_enrolment(roskilde, roskilde_coordinator, director_email=director.email)

    with pytest.raises(DomainError) as error:
        services.submit_enrolment(enrolment, by=director)

    assert error.value.message == DIRECTOR_NOT_SELF
    enrolment.refresh_from_db()
    assert enrolment.state == State.DRAFT


# Changing a draft's cohort


def test_a_draft_moved_into_a_taken_cohort_in_a_race_gets_a_cohort_error_not_a_crash(
    roskilde, roskilde_coordinator, monkeypatch
):
    taken = open_cohort()
    draft_enrolment(roskilde, roskilde_coordinator, cohort=taken)
    enrolment = draft_enrolment(roskilde, roskilde_coordinator)
    # The other draft moved into the cohort after this one checked: only the constraint sees it.
    monkeypatch.setattr(services, "_check_one_active", lambda *args, **kwargs: None)

    with pytest.raises(DomainError) as error:
        services.update_enrolment(
            enrolment,
            by=roskilde_coordinator,
            data=details(taken, roskilde_coordinator),
            steering_members=[],
        )

    assert (error.value.field, error.value.message) == (
        "cohort",
        f"Roskilde har allerede en aktiv tilmelding til {taken.name}.",
    )
    enrolment.refresh_from_db()
    assert enrolment.cohort != taken


# The director's link stops when the enrolment stops waiting


def open_links(enrolment):
    return DirectorLink.objects.filter(enrolment=enrolment, used_at=None, revoked_at=None)


def test_withdrawing_revokes_the_directors_open_links(roskilde, roskilde_coordinator):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    assert open_links(enrolment).count() == 1

    services.withdraw_enrolment(enrolment, by=roskilde_coordinator)

    assert open_links(enrolment).count() == 0


def test_rejecting_revokes_the_directors_open_links(roskilde, roskilde_coordinator, consultant):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    services.reject_enrolment(enrolment, by=consultant, reason="Myndighedsområdet mangler.")

    assert open_links(enrolment).count() == 0


@pytest.mark.parametrize(
    ("decide", "reason"),
    [
        (
            lambda e, coordinator, consultant: services.withdraw_enrolment(e, by=coordinator),
            "Tilmeldingen er trukket tilbage, så der er intet at godkende.",
        ),
        (
            lambda e, coordinator, consultant: services.reject_enrolment(
                e, by=consultant, reason="Nej"
            ),
            "Social- og Boligstyrelsen har afvist tilmeldingen, så der er intet at godkende.",
        ),
    ],
)
def test_a_director_link_is_unusable_once_the_enrolment_is_no_longer_submitted(
    roskilde, roskilde_coordinator, consultant, decide, reason
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    decide(enrolment, roskilde_coordinator, consultant)
    # Even a link that was never revoked (one from before links were revoked) says why.
    DirectorLink.objects.filter(enrolment=enrolment).update(revoked_at=None)
    link = DirectorLink.objects.get(enrolment=enrolment)

    with pytest.raises(DomainError) as error:
        services.check_director_link_usable(link)

    assert error.value.message == reason


# The steering group does not object


def test_sbst_cannot_approve_while_a_steering_member_objects(
    roskilde, roskilde_coordinator, consultant
):
    first = steering_user(roskilde, "en@roskilde.example.dk")
    second = steering_user(roskilde, "to@roskilde.example.dk")
    enrolment = ready_for_decision(
        roskilde, roskilde_coordinator, consultant, steering_users=[first, second]
    )
    services.respond_as_steering_member(enrolment, by=first, approve=False, comment="For tidligt")

    with pytest.raises(DomainError) as error:
        services.approve_enrolment(enrolment, by=consultant)

    assert error.value.message == (
        "Tilmeldingen kan ikke godkendes, fordi 1 medlem af styregruppen har gjort indsigelse."
    )
    enrolment.refresh_from_db()
    assert enrolment.state == State.SUBMITTED
    assert not Programme.objects.filter(municipality=roskilde).exists()


def test_the_refusal_counts_every_objecting_steering_member(
    roskilde, roskilde_coordinator, consultant
):
    first = steering_user(roskilde, "en@roskilde.example.dk")
    second = steering_user(roskilde, "to@roskilde.example.dk")
    enrolment = ready_for_decision(
        roskilde, roskilde_coordinator, consultant, steering_users=[first, second]
    )
    for user in (first, second):
        services.respond_as_steering_member(enrolment, by=user, approve=False, comment="Nej")

    with pytest.raises(DomainError) as error:
        services.approve_enrolment(enrolment, by=consultant)

    assert error.value.message == (
        "Tilmeldingen kan ikke godkendes, fordi 2 medlemmer af styregruppen har gjort indsigelse."
    )


def test_a_withdrawn_objection_no_longer_blocks_approval(
    roskilde, roskilde_coordinator, consultant
):
    steering = steering_user(roskilde, "styre@roskilde.example.dk")
    enrolment = ready_for_decision(
        roskilde, roskilde_coordinator, consultant, steering_users=[steering]
    )
    services.respond_as_steering_member(enrolment, by=steering, approve=False, comment="Nej")
    services.respond_as_steering_member(enrolment, by=steering, approve=True)

    services.approve_enrolment(enrolment, by=consultant)

    assert enrolment.state == State.APPROVED


def test_unanswered_steering_members_do_not_block_approval(
    roskilde, roskilde_coordinator, consultant
):
    steering = steering_user(roskilde, "styre@roskilde.example.dk")
    enrolment = ready_for_decision(
        roskilde, roskilde_coordinator, consultant, steering_users=[steering]
    )
    assert set(enrolment.steering_members.values_list("response", flat=True)) == {"pending"}

    services.approve_enrolment(enrolment, by=consultant)

    assert enrolment.state == State.APPROVED
