"""The enrolment as people use it: saved twice, answered late, declined, removed, attacked."""

import time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.services import accept_invitation, invite_person
from enrolment import services
from enrolment.activity import Action
from enrolment.models import Enrolment, SteeringMember
from programmes.errors import DomainError
from programmes.models import Level, Membership, Programme
from programmes.services import change_primary_contact, remove_membership
from tests.factories import ConsultantFactory, member
from tests.forms import posted_form

from .factories import (
    director_token,
    draft_enrolment,
    hold_meeting,
    ready_for_decision,
    steering_user,
    submitted_enrolment,
)

State = Enrolment.State


def url(name, enrolment=None, **kwargs):
    if enrolment is not None:
        kwargs["enrolment_pk"] = enrolment.pk
    return reverse(f"enrolment:{name}", kwargs=kwargs)


def as_posted(response, **changes):
    data = posted_form(response.content.decode())
    data.update({k: [v] for k, v in changes.items()})
    return data


TWO_MEMBERS = [
    {"name": "Søren Styre", "title": "Socialchef", "email": "", "level": Level.CHIEF},
    {"name": "Dorte Direktør", "title": "Direktør", "email": "", "level": Level.DIRECTOR},
]


# Saved twice


def test_saving_the_draft_twice_as_shown_keeps_every_steering_member(
    client_for, roskilde, roskilde_coordinator
):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator, steering=TWO_MEMBERS)
    client = client_for(roskilde_coordinator)

    for _ in range(2):
        page = client.get(url("enrolment_edit", enrolment))
        response = client.post(url("enrolment_edit", enrolment), as_posted(page, save="1"))
        assert response.status_code == 302

    names = sorted(enrolment.steering_members.values_list("name", flat=True))
    assert names == ["Dorte Direktør", "Søren Styre"]


def test_a_member_typed_into_the_empty_row_joins_those_already_there(
    client_for, roskilde, roskilde_coordinator
):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator, steering=TWO_MEMBERS)
    client = client_for(roskilde_coordinator)
    page = client.get(url("enrolment_edit", enrolment))

    client.post(
        url("enrolment_edit", enrolment),
        as_posted(page, save="1", **{"steering-2-name": "Ny Person", "steering-2-level": "chief"}),
    )

    assert enrolment.steering_members.count() == 3


def test_a_steering_member_keeps_their_row_and_answer_when_the_draft_is_saved(
    roskilde, roskilde_coordinator
):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator, steering=TWO_MEMBERS)
    ids = list(enrolment.steering_members.order_by("id").values_list("id", flat=True))
    rows = [{**row, "id": pk} for row, pk in zip(TWO_MEMBERS, ids, strict=True)]
    rows[0]["title"] = "Chef for voksenområdet"

    services.update_enrolment(
        enrolment,
        by=roskilde_coordinator,
        data={"ambitions": enrolment.ambitions},
        steering_members=rows,
    )

    assert list(enrolment.steering_members.order_by("id").values_list("id", flat=True)) == ids
    assert enrolment.steering_members.get(pk=ids[0]).title == "Chef for voksenområdet"


def test_the_add_row_button_without_javascript_adds_a_row_and_saves_nothing(
    client_for, roskilde, roskilde_coordinator
):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator, steering=TWO_MEMBERS)
    client = client_for(roskilde_coordinator)
    page = client.get(url("enrolment_edit", enrolment))
    before = list(enrolment.activity.values_list("pk", flat=True))

    response = client.post(url("enrolment_edit", enrolment), as_posted(page, add_row="steering"))

    assert response.status_code == 200
    assert response.context["formset"].total_form_count() == 4
    assert list(enrolment.activity.values_list("pk", flat=True)) == before


def test_a_crafted_total_forms_of_100000_is_refused_without_building_the_rows(
    client_for, roskilde, roskilde_coordinator
):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator)
    client = client_for(roskilde_coordinator)
    data = as_posted(client.get(url("enrolment_edit", enrolment)), save="1")
    data["steering-TOTAL_FORMS"] = ["100000"]

    started = time.monotonic()
    response = client.post(url("enrolment_edit", enrolment), data)

    assert time.monotonic() - started < 1.0
    assert response.status_code == 200
    assert len(response.context["formset"].forms) <= 30
    assert "Angiv højst 30 medlemmer af styregruppen." in response.content.decode()


def test_a_line_break_in_a_steering_members_name_is_a_field_error(
    client_for, roskilde, roskilde_coordinator
):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator, steering=TWO_MEMBERS)
    client = client_for(roskilde_coordinator)
    page = client.get(url("enrolment_edit", enrolment))

    response = client.post(
        url("enrolment_edit", enrolment),
        as_posted(page, save="1", **{"steering-0-name": "Søren\r\nBcc: x@example.dk"}),
    )

    assert response.status_code == 200
    assert "Feltet må kun være én linje." in response.content.decode()


# What a submission needs


def test_submission_without_all_three_areas_is_refused_beside_the_areas(
    client_for, roskilde, roskilde_coordinator
):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator, includes_social_offers=False)
    client = client_for(roskilde_coordinator)
    page = client.get(url("enrolment_edit", enrolment))

    response = client.post(
        url("enrolment_edit", enrolment), as_posted(page, submit="1"), follow=True
    )

    enrolment.refresh_from_db()
    assert enrolment.state == State.DRAFT
    assert "includes_strategic_management" in response.context["form"].errors
    assert "Kriterium 1 kræver, at hele socialpsykiatrien er med" in response.content.decode()


def test_submission_without_a_director_or_chief_in_the_steering_group_is_refused(
    roskilde, roskilde_coordinator
):
    enrolment = draft_enrolment(
        roskilde,
        roskilde_coordinator,
        steering=[{"name": "Lise Leder", "title": "", "email": "", "level": Level.OTHER}],
    )

    with pytest.raises(services.SubmissionIncomplete) as refused:
        services.submit_enrolment(enrolment, by=roskilde_coordinator)

    assert refused.value.missing == {
        "steering": "Styregruppen skal have mindst ét medlem på direktør- eller chefniveau."
    }


# Answered late


@pytest.mark.cross_tenant
def test_a_steering_member_who_gets_an_account_after_submission_can_answer(
    roskilde, roskilde_coordinator
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    SteeringMember.objects.filter(enrolment=enrolment).update(email="sen@roskilde.example.dk")
    assert not enrolment.steering_members.get().can_answer
    _invitation, token = invite_person(
        by=roskilde_coordinator,
        email="Sen@Roskilde.example.dk",
        municipality=roskilde,
        role=Membership.Role.STEERING,
    )

    late = accept_invitation(token=token, full_name="Søren Sen", password="en-lang-adgangskode-1")
    services.respond_as_steering_member(enrolment, by=late, approve=True)

    member_row = enrolment.steering_members.get()
    assert (member_row.user, member_row.response) == (late, SteeringMember.Response.APPROVED)
    assert enrolment.activity.filter(action=Action.STEERING_ACCESS_GRANTED).count() == 1


def test_a_member_without_an_email_is_marked_as_unable_to_answer(
    client_for, roskilde, roskilde_coordinator, consultant
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    page = client_for(consultant).get(url("enrolment_detail", enrolment)).content.decode()

    assert "Kan ikke svare: ingen e-mail er angivet" in page


def test_the_steering_check_is_not_met_while_nobody_has_answered(roskilde, roskilde_coordinator):
    steering = steering_user(roskilde, "styre@roskilde.example.dk")
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator, steering_users=[steering])

    check = Enrolment.objects.with_criteria().get(pk=enrolment.pk).steering_check

    assert not check.met
    assert check.missing == "Ingen i styregruppen har svaret endnu."


# The director: one e-mail, one way, and a way to decline


def test_a_director_who_is_also_a_steering_member_gets_one_email(
    roskilde, roskilde_coordinator, django_capture_on_commit_callbacks
):
    director = steering_user(roskilde, "dir@roskilde.example.dk", full_name="Dorthe Direktør")
    enrolment = draft_enrolment(
        roskilde,
        roskilde_coordinator,
        director_email=director.email,
        steering=[{"name": "Dorthe Direktør", "email": director.email, "level": Level.DIRECTOR}],
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_enrolment(enrolment, by=roskilde_coordinator)

    to_director = [m for m in mail.outbox if director.email in m.to]
    assert len(to_director) == 1
    assert "/tilmelding/direktoer/" in to_director[0].body


def test_the_director_declines_with_a_reason_and_later_approves_on_a_new_link(
    client, roskilde, roskilde_coordinator, django_capture_on_commit_callbacks
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    first = url("director_approval", token=director_token(enrolment))

    missing_reason = client.post(first, {"answer": "decline", "reason": ""})
    with django_capture_on_commit_callbacks(execute=True):
        declined = client.post(first, {"answer": "decline", "reason": "Budgettet er ikke afklaret"})

    assert "Skriv, hvorfor du ikke godkender tilmeldingen." in missing_reason.content.decode()
    assert "Du har ikke godkendt tilmeldingen fra Roskilde." in declined.content.decode()
    enrolment.refresh_from_db()
    assert not enrolment.director_approved
    assert enrolment.criteria[1].missing == (
        "Direktøren har afvist at godkende tilmeldingen: Budgettet er ikke afklaret"
    )
    [told] = [m for m in mail.outbox if roskilde_coordinator.email in m.to]
    assert "Budgettet er ikke afklaret" in told.body
    assert told.body.startswith("Kære Rikke Roskilde")

    second = url("director_approval", token=director_token(enrolment))
    approved = client.post(second, {"answer": "approve"})

    assert "har som direktør godkendt" in approved.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.director_approved and enrolment.director_declined_at is None


def test_resending_the_directors_link_is_throttled(roskilde, roskilde_coordinator):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    for _ in range(services.DIRECTOR_LINK_RESENDS_PER_DAY):
        services.resend_director_link(enrolment, by=roskilde_coordinator)

    with pytest.raises(DomainError, match="Vent til i morgen"):
        services.resend_director_link(enrolment, by=roskilde_coordinator)


def test_sbst_is_warned_when_the_director_shares_the_coordinators_mailbox(
    client_for, roskilde, consultant
):
    coordinator = member("Roskilde", email="koordinator@roskilde.example.dk")
    enrolment = submitted_enrolment(
        roskilde, coordinator, director_email="Koordinator+direktor@roskilde.example.dk"
    )

    page = client_for(consultant).get(url("enrolment_detail", enrolment)).content.decode()

    assert enrolment.director_shares_a_mailbox
    assert "samme postkasse" in page


# SBST's approval


def test_approval_with_unanswered_members_asks_for_confirmation_and_keeps_the_comment(
    client_for, roskilde, roskilde_coordinator, consultant
):
    steering = steering_user(roskilde, "styre@roskilde.example.dk")
    enrolment = ready_for_decision(
        roskilde, roskilde_coordinator, consultant, steering_users=[steering]
    )
    other = ConsultantFactory(full_name="Ole Konsulent")
    client = client_for(consultant)

    page = client.get(url("enrolment_approve", enrolment)).content.decode()
    unconfirmed = client.post(
        url("enrolment_approve", enrolment), {"primary_contact": other.pk, "comment": "Velkommen"}
    )
    enrolment.refresh_from_db()
    assert "1 medlem af styregruppen har ikke svaret." in page
    assert enrolment.state == State.SUBMITTED
    assert "confirm" in unconfirmed.context["form"].errors

    client.post(
        url("enrolment_approve", enrolment),
        {"primary_contact": other.pk, "comment": "Velkommen", "confirm": "on"},
    )

    enrolment.refresh_from_db()
    assert enrolment.state == State.APPROVED
    assert enrolment.decision_reason == "Velkommen"
    assert enrolment.programme.primary_contact == other


def test_the_approval_email_greets_the_coordinator_by_name_and_links_the_programme(
    roskilde, roskilde_coordinator, consultant, django_capture_on_commit_callbacks
):
    enrolment = ready_for_decision(roskilde, roskilde_coordinator, consultant)

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_enrolment(enrolment, by=consultant)

    [message] = [m for m in mail.outbox if "godkendt" in m.subject]
    programme = Programme.objects.get(municipality=roskilde)
    assert message.body.startswith("Kære Rikke Roskilde")
    assert reverse("programmes:programme_detail", args=[programme.pk]) in message.body
    assert "Karen Konsulent" in message.body


def test_sbst_changes_the_programmes_primary_contact(
    client_for, roskilde, roskilde_coordinator, consultant
):
    enrolment = ready_for_decision(roskilde, roskilde_coordinator, consultant)
    programme = services.approve_enrolment(enrolment, by=consultant).programme
    other = ConsultantFactory(full_name="Ole Konsulent")

    response = client_for(consultant).post(
        reverse("programmes:programme_contact", args=[programme.pk]), {"contact": other.pk}
    )
    refused = client_for(roskilde_coordinator).post(
        reverse("programmes:programme_contact", args=[programme.pk]), {"contact": other.pk}
    )

    programme.refresh_from_db()
    assert response.status_code == 302
    assert refused.status_code == 403
    assert programme.primary_contact == other
    assert programme.activity.get(action="programme.contact_changed").message == (
        "Ole Konsulent er nu forløbets primære kontakt i Social- og Boligstyrelsen."
    )
    with pytest.raises(DomainError):
        change_primary_contact(programme, by=consultant, contact=roskilde_coordinator)


def test_approval_does_not_give_back_a_role_removed_since_submission(
    roskilde, roskilde_coordinator, consultant
):
    steering = steering_user(roskilde, "styre@roskilde.example.dk")
    enrolment = ready_for_decision(
        roskilde, roskilde_coordinator, consultant, steering_users=[steering]
    )
    services.respond_as_steering_member(enrolment, by=steering, approve=True)
    remove_membership(
        steering.memberships.get(role=Membership.Role.STEERING), by=roskilde_coordinator
    )

    services.approve_enrolment(enrolment, by=consultant)

    assert not Membership.objects.filter(user=steering, municipality=roskilde).exists()
    group_member = (
        Programme.objects.get(municipality=roskilde).groups.get(kind="steering").members.get()
    )
    assert (group_member.name, group_member.user) == (steering.get_full_name(), None)


# The enrolment meeting


def test_a_planned_meeting_keeps_its_participants_when_later_marked_as_held(
    client_for, roskilde, roskilde_coordinator, consultant
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    services.record_enrolment_meeting(
        enrolment,
        by=consultant,
        meeting_date=timezone.localdate(),
        held=False,
        participants=[
            {"name": "Charlotte Chef", "level": Level.CHIEF, "has_strategic_responsibility": True}
        ],
    )
    client = client_for(consultant)
    page = client.get(url("enrolment_meeting", enrolment))

    client.post(url("enrolment_meeting", enrolment), as_posted(page, held="on"))

    enrolment.refresh_from_db()
    assert enrolment.meeting_held
    assert list(enrolment.meeting_participants.values_list("name", flat=True)) == ["Charlotte Chef"]
    assert enrolment.meeting_criterion_met


@pytest.mark.parametrize(("day", "month", "year"), [("1", "1", "0001"), ("1", "1", "2099")])
def test_an_implausible_meeting_date_is_refused_beside_the_field(
    client_for, roskilde, roskilde_coordinator, consultant, day, month, year
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    client = client_for(consultant)
    data = as_posted(
        client.get(url("enrolment_meeting", enrolment)),
        meeting_date_day=day,
        meeting_date_month=month,
        meeting_date_year=year,
    )

    response = client.post(url("enrolment_meeting", enrolment), data)

    assert response.status_code == 200
    assert "meeting_date" in response.context["form"].errors
    enrolment.refresh_from_db()
    assert enrolment.meeting_date is None


# Start pages tell where the municipality stands


@pytest.mark.cross_tenant
def test_a_coordinator_whose_enrolment_waits_is_told_what_it_waits_for(
    client_for, herning, herning_coordinator, consultant
):
    enrolment = submitted_enrolment(herning, herning_coordinator)
    hold_meeting(enrolment, consultant)

    home = client_for(herning_coordinator).get(reverse("home")).content.decode()
    sbst_page = (
        client_for(consultant)
        .get(reverse("programmes:municipality_detail", args=[herning.code]))
        .content.decode()
    )

    for page in (home, sbst_page):
        assert "Tilmeldingen venter" in page
        assert "Direktøren har ikke godkendt tilmeldingen endnu." in page
        assert "Tilmeld jer et strategisk udviklingsforløb" not in page


def test_a_municipality_without_an_enrolment_is_invited_to_enrol(client_for, roskilde_coordinator):
    home = client_for(roskilde_coordinator).get(reverse("home")).content.decode()

    assert "Tilmeld jer et strategisk udviklingsforløb" in home
    assert reverse("enrolment:enrolment_create") in home


# The criteria are computed in SQL for lists and in Python for pages: they must agree


@pytest.mark.parametrize("areas", [(True, True, True), (True, False, True), (False, False, False)])
@pytest.mark.parametrize("director", [True, False])
@pytest.mark.parametrize(
    "meeting", ["none", "planned", "held-senior", "held-junior", "held-no-strategy"]
)
def test_the_sql_and_python_criteria_agree(
    roskilde, roskilde_coordinator, consultant, areas, director, meeting
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    if director:
        services.answer_by_director_link(token=director_token(enrolment), approve=True)
    if meeting != "none":
        level = Level.OTHER if meeting == "held-junior" else Level.CHIEF
        services.record_enrolment_meeting(
            enrolment,
            by=consultant,
            meeting_date=timezone.localdate(),
            held=meeting.startswith("held"),
            participants=[
                {
                    "name": "Charlotte Chef",
                    "level": level,
                    "has_strategic_responsibility": meeting != "held-no-strategy",
                }
            ],
        )
    Enrolment.objects.filter(pk=enrolment.pk).update(
        includes_strategic_management=areas[0],
        includes_authority_area=areas[1],
        includes_social_offers=areas[2],
    )
    plain = Enrolment.objects.get(pk=enrolment.pk)

    for number in (1, 2, 3):
        in_sql = Enrolment.objects.missing_criterion(number).filter(pk=enrolment.pk).exists()
        assert in_sql == (not plain.criteria[number - 1].met), f"criterion {number}"
    annotated = Enrolment.objects.with_criteria().get(pk=enrolment.pk)
    assert [c.met for c in annotated.checklist] == [c.met for c in plain.checklist]
