"""The enrolment pages: who may see and do what, and what the pages show."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from enrolment import services
from enrolment.models import Enrolment
from programmes.extensions import USER_PANELS, render_panels
from programmes.models import Level, Membership
from tests.factories import AdministratorFactory, member

from .factories import (
    director_token,
    draft_enrolment,
    open_cohort,
    ready_for_decision,
    steering_user,
    submitted_enrolment,
)

State = Enrolment.State
pytestmark = pytest.mark.django_db


def url(name, enrolment=None, **kwargs):
    if enrolment is not None:
        kwargs["enrolment_pk"] = enrolment.pk
    return reverse(f"enrolment:{name}", kwargs=kwargs)


def form_data(cohort, coordinator, **overrides):
    data = {
        "includes_strategic_management": "on",
        "includes_authority_area": "on",
        "includes_social_offers": "on",
        "ambitions": "Hele socialpsykiatrien skal arbejde recovery-orienteret.",
        "current_practice": "Vi er i gang i bostøtten.",
        "cohort": cohort.pk,
        "proposed_coordinator": coordinator.pk,
        "director_name": "Dorthe Direktør",
        "director_title": "Direktør",
        "director_email": "dorthe@roskilde.example.dk",
        "steering-TOTAL_FORMS": "2",
        "steering-INITIAL_FORMS": "0",
        "steering-MIN_NUM_FORMS": "0",
        "steering-MAX_NUM_FORMS": "30",
        "steering-0-name": "Søren Styre",
        "steering-0-title": "Socialchef",
        "steering-0-email": "soren@roskilde.example.dk",
        "steering-0-level": Level.CHIEF,
    }
    data.update(overrides)
    return data


# Start


def test_start_sends_a_coordinator_without_an_enrolment_to_the_form(
    client_for, roskilde_coordinator
):
    response = client_for(roskilde_coordinator).get(url("start"))

    assert response.status_code == 302
    assert response.url == url("enrolment_create")


def test_start_sends_the_municipality_to_its_active_enrolment(
    client_for, roskilde, roskilde_coordinator
):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator)
    reader = member("Roskilde", role=Membership.Role.READER)

    for user in (roskilde_coordinator, reader):
        response = client_for(user).get(url("start"))
        assert response.url == url("enrolment_detail", enrolment)


def test_start_tells_a_reader_there_is_no_enrolment(client_for, roskilde):
    reader = member("Roskilde", role=Membership.Role.READER)

    response = client_for(reader).get(url("start"))

    assert response.status_code == 200
    assert "Roskilde har ingen aktiv tilmelding." in response.content.decode()


def test_start_sends_sbst_to_the_list(client_for, consultant):
    response = client_for(consultant).get(url("start"))

    assert response.url == url("enrolment_list")


# The form


def test_the_form_says_all_three_areas_are_needed(client_for, roskilde_coordinator):
    open_cohort()

    response = client_for(roskilde_coordinator).get(url("enrolment_create"))

    assert response.status_code == 200
    assert "skal alle være med" in response.content.decode()


def test_a_reader_may_not_fill_in_the_form(client_for, roskilde):
    reader = member("Roskilde", role=Membership.Role.READER)

    assert client_for(reader).get(url("enrolment_create")).status_code == 403


def test_saving_a_draft_keeps_it_for_later(client_for, roskilde, roskilde_coordinator):
    cohort = open_cohort()

    response = client_for(roskilde_coordinator).post(
        url("enrolment_create"), form_data(cohort, roskilde_coordinator, save="1")
    )

    enrolment = Enrolment.objects.get(municipality=roskilde)
    assert response.url == url("enrolment_edit", enrolment)
    assert enrolment.state == State.DRAFT
    assert list(enrolment.steering_members.values_list("name", flat=True)) == ["Søren Styre"]
    page = client_for(roskilde_coordinator).get(url("enrolment_edit", enrolment))
    assert 'value="Søren Styre"' in page.content.decode()


def test_a_half_filled_draft_can_be_saved_but_not_submitted(
    client_for, roskilde, roskilde_coordinator
):
    cohort = open_cohort()
    half = form_data(cohort, roskilde_coordinator, ambitions="", director_email="")
    client = client_for(roskilde_coordinator)

    refused = client.post(url("enrolment_create"), {**half, "submit": "1"}, follow=True)

    enrolment = Enrolment.objects.get(municipality=roskilde)
    assert enrolment.state == State.DRAFT, "the draft is saved, not submitted"
    assert set(refused.context["form"].errors) == {"ambitions", "director_email"}
    assert "Kladden er gemt, men den kan ikke indsendes endnu." in refused.content.decode()


def test_submitting_the_form_sends_it_to_sbst(
    client_for, roskilde, roskilde_coordinator, consultant, django_capture_on_commit_callbacks
):
    cohort = open_cohort()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(roskilde_coordinator).post(
            url("enrolment_create"), form_data(cohort, roskilde_coordinator, submit="1")
        )

    enrolment = Enrolment.objects.get(municipality=roskilde)
    assert response.url == url("enrolment_detail", enrolment)
    assert enrolment.state == State.SUBMITTED
    assert [consultant.email] in [m.to for m in mail.outbox]


def test_a_second_enrolment_for_the_same_cohort_is_refused_on_the_form(
    client_for, roskilde, roskilde_coordinator
):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator)

    response = client_for(roskilde_coordinator).post(
        url("enrolment_create"), form_data(enrolment.cohort, roskilde_coordinator, save="1")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["cohort"] == [
        f"Roskilde har allerede en aktiv tilmelding til {enrolment.cohort.name}."
    ]


def test_a_cohort_past_its_deadline_is_not_offered(client_for, roskilde_coordinator):
    today = timezone.localdate()
    closed = open_cohort(enrolment_deadline=today - datetime.timedelta(days=1))
    offered = open_cohort(starts_on=datetime.date(today.year + 2, 1, 1))

    response = client_for(roskilde_coordinator).get(url("enrolment_create"))

    assert list(response.context["form"].fields["cohort"].queryset) == [offered]
    assert closed not in response.context["form"].fields["cohort"].queryset


def test_only_users_of_the_municipality_can_be_proposed_as_coordinator(
    client_for, roskilde_coordinator, herning_coordinator
):
    open_cohort()

    response = client_for(roskilde_coordinator).get(url("enrolment_create"))

    assert list(response.context["form"].fields["proposed_coordinator"].queryset) == [
        roskilde_coordinator
    ]


# The enrolment page


def test_the_page_shows_the_checklist_and_the_history(
    client_for, roskilde, roskilde_coordinator, consultant
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    Enrolment.objects.filter(pk=enrolment.pk).update(includes_authority_area=False)

    page = client_for(consultant).get(url("enrolment_detail", enrolment)).content.decode()

    assert "Mangler: myndighedsområdet." in page
    assert "Direktøren har ikke godkendt tilmeldingen endnu." in page
    assert "Tilmeldingsmødet er ikke registreret som afholdt." in page
    assert "Tilmeldingen kan godkendes, når alle tre kriterier er opfyldt." in page
    assert "Rikke Roskilde" in page
    assert f"Direktøren har fået et link til {enrolment.director_email}." in page


def test_another_municipalitys_enrolment_is_not_found(
    client_for, roskilde, roskilde_coordinator, herning_coordinator
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    client = client_for(herning_coordinator)

    assert client.get(url("enrolment_detail", enrolment)).status_code == 404
    assert client.get(url("enrolment_edit", enrolment)).status_code == 404
    assert client.post(url("enrolment_withdraw", enrolment)).status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.state == State.SUBMITTED


@pytest.mark.cross_tenant
def test_a_herning_steering_member_cannot_approve_roskildes_enrolment_with_a_crafted_post(
    client_for, roskilde, roskilde_coordinator, herning
):
    herning_member = steering_user(herning, "styre@herning.example.dk")
    submitted_enrolment(herning, member("Herning"), steering_users=[herning_member])
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    response = client_for(herning_member).post(
        url("steering_response", enrolment), {"answer": "approve", "comment": ""}
    )

    assert response.status_code == 404
    assert list(enrolment.activity.values_list("action", flat=True)) == [
        "enrolment.created",
        "enrolment.submitted",
        "enrolment.director_link_sent",
    ]


def test_a_steering_role_without_the_grant_gets_403(client_for, roskilde, roskilde_coordinator):
    bystander = steering_user(roskilde, "tilskuer@roskilde.example.dk")
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    response = client_for(bystander).post(
        url("steering_response", enrolment), {"answer": "approve"}
    )

    assert response.status_code == 403


def test_a_proposed_steering_member_answers_from_the_page(
    client_for, roskilde, roskilde_coordinator
):
    steering = steering_user(roskilde, "styre@roskilde.example.dk")
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator, steering_users=[steering])
    client = client_for(steering)
    assert (
        "Dit svar som medlem af styregruppen"
        in client.get(url("enrolment_detail", enrolment)).content.decode()
    )

    response = client.post(
        url("steering_response", enrolment), {"answer": "object", "comment": "For tidligt"}
    )

    assert response.url == url("enrolment_detail", enrolment)
    assert enrolment.steering_members.get().response == "objected"
    page = client.get(url("enrolment_detail", enrolment)).content.decode()
    assert "1 af 1, der kan svare, har svaret: 0 godkender, 1 gør indsigelse." in page
    assert "For tidligt" in page


def test_a_municipality_user_cannot_decide(client_for, roskilde, roskilde_coordinator, consultant):
    enrolment = ready_for_decision(roskilde, roskilde_coordinator, consultant)
    client = client_for(roskilde_coordinator)

    assert client.post(url("enrolment_approve", enrolment)).status_code == 403
    assert client.post(url("enrolment_reject", enrolment), {"reason": "x"}).status_code == 403
    assert client.get(url("enrolment_meeting", enrolment)).status_code == 403
    enrolment.refresh_from_db()
    assert enrolment.state == State.SUBMITTED


def test_the_consultant_approves_from_the_page(
    client_for, roskilde, roskilde_coordinator, consultant
):
    enrolment = ready_for_decision(roskilde, roskilde_coordinator, consultant)
    client = client_for(consultant)

    page = client.get(url("enrolment_approve", enrolment))
    assert page.status_code == 200
    response = client.post(
        url("enrolment_approve", enrolment),
        {"primary_contact": consultant.pk, "comment": ""},
        follow=True,
    )

    enrolment.refresh_from_db()
    assert enrolment.state == State.APPROVED
    assert "Tilmeldingen er godkendt, og forløbet er oprettet." in response.content.decode()


def test_a_refused_approval_is_shown_in_danish(
    client_for, roskilde, roskilde_coordinator, consultant
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    response = client_for(consultant).post(
        url("enrolment_approve", enrolment), {"primary_contact": consultant.pk}
    )

    assert "Tilmeldingen kan ikke godkendes, før alle tre kriterier er opfyldt." in (
        response.content.decode()
    )


def test_an_action_answers_get_with_405(client_for, roskilde, roskilde_coordinator, consultant):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    assert client_for(consultant).get(url("enrolment_reject", enrolment)).status_code == 405


def test_the_consultant_records_the_meeting(client_for, roskilde, roskilde_coordinator, consultant):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    client = client_for(consultant)
    assert client.get(url("enrolment_meeting", enrolment)).status_code == 200

    response = client.post(
        url("enrolment_meeting", enrolment),
        {
            "meeting_date": timezone.localdate().isoformat(),
            "held": "on",
            "participants-TOTAL_FORMS": "2",
            "participants-INITIAL_FORMS": "0",
            "participants-MIN_NUM_FORMS": "0",
            "participants-MAX_NUM_FORMS": "30",
            "participants-0-name": "Charlotte Chef",
            "participants-0-level": Level.CHIEF,
            "participants-0-has_strategic_responsibility": "on",
        },
    )

    assert response.url == url("enrolment_detail", enrolment)
    enrolment.refresh_from_db()
    assert enrolment.meeting_criterion_met


def test_the_coordinator_withdraws_from_the_page(client_for, roskilde, roskilde_coordinator):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    client_for(roskilde_coordinator).post(url("enrolment_withdraw", enrolment), {"reason": "Nej"})

    enrolment.refresh_from_db()
    assert enrolment.state == State.WITHDRAWN


# The director


def test_the_director_approves_through_the_link_without_logging_in(
    client, roskilde, roskilde_coordinator
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    token = director_token(enrolment)
    link = url("director_approval", token=token)

    page = client.get(link)
    assert page.status_code == 200
    assert "Godkend Roskildes tilmelding" in page.content.decode()
    done = client.post(link, {"answer": "approve", "reason": ""})

    assert "Tak for dit svar" in done.content.decode()
    assert "Social- og Boligstyrelsen har ikke afgjort tilmeldingen endnu" in done.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.director_approved
    used = client.get(link)
    assert used.status_code == 410
    assert (
        "Linket er allerede brugt, og direktøren har godkendt tilmeldingen."
        in used.content.decode()
    )


def test_an_unknown_director_link_is_not_found(client):
    assert client.get(url("director_approval", token="findes-ikke")).status_code == 404


def test_the_e_mailed_director_link_works(
    client, roskilde, roskilde_coordinator, django_capture_on_commit_callbacks
):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_enrolment(enrolment, by=roskilde_coordinator)

    message = next(m for m in mail.outbox if m.to == [enrolment.director_email])
    path = re.search(r"https?://[^/]+(/tilmelding/direktoer/[^/\s]+/)", message.body).group(1)
    assert client.post(path, {"answer": "approve"}).status_code == 200
    enrolment.refresh_from_db()
    assert enrolment.director_approved


# The consultants' list


def test_the_list_is_for_sbst_only(client_for, roskilde_coordinator):
    assert client_for(roskilde_coordinator).get(url("enrolment_list")).status_code == 403


@pytest.mark.cross_tenant
def test_the_list_filters_by_missing_criterion_and_counts_per_state(
    client_for, roskilde, roskilde_coordinator, herning, herning_coordinator, consultant
):
    ready = ready_for_decision(roskilde, roskilde_coordinator, consultant)
    waiting = submitted_enrolment(herning, herning_coordinator)
    client = client_for(consultant)

    missing_director = client.get(url("enrolment_list"), {"missing": "2"})
    missing_meeting = client.get(url("enrolment_list"), {"missing": "3"})
    submitted = client.get(url("enrolment_list"), {"state": "submitted"})

    assert list(missing_director.context["enrolments"]) == [waiting]
    assert list(missing_meeting.context["enrolments"]) == [waiting]
    assert sorted(e.pk for e in submitted.context["enrolments"]) == sorted([ready.pk, waiting.pk])
    counts = {value: count for value, _label, count in submitted.context["state_counts"]}
    assert counts == {"draft": 0, "submitted": 2, "approved": 0, "rejected": 0, "withdrawn": 0}


def _enrolments(names, *, objecting=False):
    """A submitted enrolment of each named municipality, its steering member objecting."""
    cohort = open_cohort()
    for name in names:
        coordinator = member(name)
        municipality = coordinator.memberships.get().municipality
        steering = steering_user(municipality, f"s@{municipality.slug}.example.dk")
        enrolment = submitted_enrolment(
            municipality, coordinator, cohort=cohort, steering_users=[steering]
        )
        if objecting:
            services.respond_as_steering_member(
                enrolment, by=steering, approve=False, comment="Nej"
            )


def _list_queries_for_one_and_five(client, count_queries, **kwargs):
    _enrolments(["Roskilde"], **kwargs)
    client.get(url("enrolment_list"))
    one = count_queries(lambda: client.get(url("enrolment_list")))
    _enrolments(["Herning", "Randers", "Rudersdal", "Aarhus"], **kwargs)
    five = count_queries(lambda: client.get(url("enrolment_list")))
    return one, five


@pytest.mark.cross_tenant  # SBST's list spans the municipalities
def test_the_list_makes_as_many_queries_for_five_enrolments_as_for_one(
    client_for, consultant, count_queries
):
    client = client_for(consultant)

    one, five = _list_queries_for_one_and_five(client, count_queries)

    assert one == five
    assert len(client.get(url("enrolment_list")).context["enrolments"]) == 5


# Waiting on the start page


def test_the_start_page_lists_what_waits_for_the_user(rf, roskilde, roskilde_coordinator):
    director = member("Roskilde", role=Membership.Role.READER, email="dir@roskilde.example.dk")
    steering = steering_user(roskilde, "styre@roskilde.example.dk")
    enrolment = submitted_enrolment(
        roskilde,
        roskilde_coordinator,
        director_email=director.email,
        steering_users=[steering, director],
    )

    def render(user):
        request = rf.get("/")
        request.user = user
        return "".join(render_panels(USER_PANELS, request, roskilde))

    assert "venter på dit svar som medlem af styregruppen." in render(director)
    assert "som medlem af styregruppen." in render(steering)
    assert "venter" not in render(roskilde_coordinator)
    services.respond_as_steering_member(enrolment, by=steering, approve=True)
    assert "venter" not in render(steering)


def test_sbst_administrators_see_enrolments_in_the_admin(
    client_for, roskilde, roskilde_coordinator, consultant
):
    enrolment = ready_for_decision(roskilde, roskilde_coordinator, consultant)
    client = client_for(AdministratorFactory())

    assert client.get(reverse("admin:enrolment_enrolment_changelist")).status_code == 200
    change = client.get(reverse("admin:enrolment_enrolment_change", args=[enrolment.pk]))
    assert change.status_code == 200
    assert "Dorthe Direktør" in change.content.decode()


# Limits on what the forms accept


def _rows(prefix, count, **row):
    data = {
        f"{prefix}-TOTAL_FORMS": str(count),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }
    for i in range(count):
        data.update({f"{prefix}-{i}-{name}": value for name, value in row.items()})
        data[f"{prefix}-{i}-name"] = f"Person {i}"
    return data


def test_more_than_30_steering_members_are_refused(client_for, roskilde, roskilde_coordinator):
    cohort = open_cohort()
    data = {
        **form_data(cohort, roskilde_coordinator, save="1"),
        **_rows("steering", 31, level=Level.CHIEF),
    }

    response = client_for(roskilde_coordinator).post(url("enrolment_create"), data)

    assert response.status_code == 200
    assert response.context["formset"].non_form_errors() == [
        "Angiv højst 30 medlemmer af styregruppen."
    ]
    assert not Enrolment.objects.filter(municipality=roskilde).exists()


def test_more_than_30_meeting_participants_are_refused(
    client_for, roskilde, roskilde_coordinator, consultant
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    data = {
        "meeting_date": timezone.localdate().isoformat(),
        "held": "on",
        **_rows("participants", 31, level=Level.CHIEF),
    }

    response = client_for(consultant).post(url("enrolment_meeting", enrolment), data)

    assert response.status_code == 200
    assert response.context["formset"].non_form_errors() == ["Angiv højst 30 mødedeltagere."]
    assert "Angiv højst 30 mødedeltagere." in response.content.decode()
    assert not enrolment.meeting_participants.exists()


def test_a_steering_email_longer_than_the_column_is_a_field_error_not_a_crash(
    client_for, roskilde, roskilde_coordinator
):
    cohort = open_cohort()
    long_email = "a" * 60 + "@" + ".".join(["b" * 60, "c" * 60, "d" * 60]) + ".dk"
    long_email = "x" * (260 - len(long_email)) + long_email
    assert len(long_email) == 260

    response = client_for(roskilde_coordinator).post(
        url("enrolment_create"),
        form_data(cohort, roskilde_coordinator, save="1", **{"steering-0-email": long_email}),
    )

    assert response.status_code == 200
    assert list(response.context["formset"].errors[0]) == ["email"]
    assert not Enrolment.objects.filter(municipality=roskilde).exists()


# The director is someone else


def test_naming_yourself_as_director_is_a_field_error_on_the_form(
    client_for, roskilde, roskilde_coordinator
):
    cohort = open_cohort()

    response = client_for(roskilde_coordinator).post(
        url("enrolment_create"),
        form_data(
            cohort, roskilde_coordinator, director_email=roskilde_coordinator.email, save="1"
        ),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "director_email": [
            "Direktøren skal være en anden end den, der udfylder tilmeldingen, og end "
            "koordinatoren."
        ]
    }
    assert not Enrolment.objects.filter(municipality=roskilde).exists()


# The director's link after the enrolment stops waiting


def test_the_directors_link_shows_no_form_after_withdrawal(
    client, client_for, roskilde, roskilde_coordinator
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    token = director_token(enrolment)
    client_for(roskilde_coordinator).post(url("enrolment_withdraw", enrolment), {"reason": ""})
    client.logout()

    response = client.get(url("director_approval", token=token))

    assert response.status_code == 410
    body = response.content.decode()
    assert "Tilmeldingen er trukket tilbage, så der er intet at godkende." in body
    assert "<form" not in body.split("<main", 1)[1]


def test_the_directors_link_shows_no_form_after_rejection(
    client, client_for, roskilde, roskilde_coordinator, consultant
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    token = director_token(enrolment)
    client_for(consultant).post(url("enrolment_reject", enrolment), {"reason": "Nej"})
    client.logout()

    response = client.get(url("director_approval", token=token))

    assert response.status_code == 410
    assert "har afvist tilmeldingen, så der er intet at godkende." in response.content.decode()


# The steering group's objection


def test_the_checklist_shows_the_steering_groups_objection_and_hides_approval(
    client_for, roskilde, roskilde_coordinator, consultant
):
    steering = steering_user(roskilde, "styre@roskilde.example.dk")
    enrolment = ready_for_decision(
        roskilde, roskilde_coordinator, consultant, steering_users=[steering]
    )
    client = client_for(consultant)
    before = client.get(url("enrolment_detail", enrolment)).content.decode()
    services.respond_as_steering_member(enrolment, by=steering, approve=False, comment="Nej")

    page = client.get(url("enrolment_detail", enrolment)).content.decode()

    assert "Styregruppen har godkendt" in before
    assert "Ingen i styregruppen har svaret endnu." in before
    assert url("enrolment_approve", enrolment) in before
    assert "1 medlem af styregruppen har gjort indsigelse." in page
    assert url("enrolment_approve", enrolment) not in page
    assert "så længe et medlem af styregruppen gør indsigelse" in page


@pytest.mark.cross_tenant  # SBST's list spans the municipalities
def test_the_list_shows_objections_without_extra_queries(client_for, consultant, count_queries):
    client = client_for(consultant)

    one, five = _list_queries_for_one_and_five(client, count_queries, objecting=True)

    assert one == five
    response = client.get(url("enrolment_list"))
    assert [e.steering_objections for e in response.context["enrolments"]] == [1] * 5
    assert "1 indsigelse" in response.content.decode()


# Errors beside their fields on the enrolment page


def test_a_rejection_without_reason_shows_the_error_beside_the_field(
    client_for, roskilde, roskilde_coordinator, consultant
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    response = client_for(consultant).post(url("enrolment_reject", enrolment), {"reason": " "})

    assert response.status_code == 200
    assert response.context["reject_form"].errors == {
        "reason": ["Skriv en begrundelse for afvisningen."]
    }
    assert list(response.context["messages"]) == []
    body = response.content.decode()
    assert 'aria-describedby="id_reason-error"' in body
    assert 'id="id_reason-error"' in body
    assert "Kriterier for godkendelse" in body
    enrolment.refresh_from_db()
    assert enrolment.state == State.SUBMITTED


def test_a_too_long_withdrawal_reason_shows_the_error_beside_the_field(
    client_for, roskilde, roskilde_coordinator
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)

    response = client_for(roskilde_coordinator).post(
        url("enrolment_withdraw", enrolment), {"reason": "x" * 2001}
    )

    assert response.status_code == 200
    assert list(response.context["withdraw_form"].errors) == ["reason"]
    assert 'aria-describedby="id_reason-error"' in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.state == State.SUBMITTED


def test_an_objection_without_comment_shows_the_error_beside_the_comment(
    client_for, roskilde, roskilde_coordinator
):
    steering = steering_user(roskilde, "styre@roskilde.example.dk")
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator, steering_users=[steering])

    response = client_for(steering).post(
        url("steering_response", enrolment), {"answer": "object", "comment": ""}
    )

    assert response.status_code == 200
    assert response.context["response_form"].errors == {
        "comment": ["Skriv en begrundelse for din indsigelse."]
    }
    assert list(response.context["messages"]) == []
    body = response.content.decode()
    assert 'aria-describedby="id_comment-hint id_comment-error"' in body
    assert 'value="object" checked' in body
    assert enrolment.steering_members.get().response == "pending"


def test_a_steering_answer_without_a_choice_shows_the_error_beside_the_choice(
    client_for, roskilde, roskilde_coordinator
):
    steering = steering_user(roskilde, "styre@roskilde.example.dk")
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator, steering_users=[steering])

    response = client_for(steering).post(url("steering_response", enrolment), {"comment": "Hm"})

    assert response.status_code == 200
    assert response.context["response_form"].errors == {
        "answer": ["Vælg om du godkender eller gør indsigelse."]
    }
