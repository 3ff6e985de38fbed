import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from accounts.models import Invitation, User
from accounts.services import accept_invitation, invite_person
from programmes.errors import DomainError
from programmes.models import Membership

INVITATIONS = reverse("accounts:invitation_list")


def invite(client, municipality, email="ny@roskilde.example.dk", role="steering"):
    return client.post(
        INVITATIONS,
        {"email": email, "full_name": "Nina Ny", "municipality": municipality.pk, "role": role},
    )


def link_from_mail():
    return re.search(r"https?://\S+(/konto/invitation/\S+/)", mail.outbox[-1].body).group(1)


def test_coordinator_invites_a_person_who_joins_with_the_role(
    client_for, roskilde_coordinator, roskilde, django_capture_on_commit_callbacks
):
    client = client_for(roskilde_coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, roskilde)

    assert response.status_code == 302
    assert mail.outbox[-1].to == ["ny@roskilde.example.dk"]
    assert "Roskilde" in mail.outbox[-1].body
    client.logout()
    link = link_from_mail()
    page = client.get(link)
    assert page.status_code == 200
    joined = client.post(
        link,
        {"full_name": "Nina Ny", "password1": "sikker-kode-123", "password2": "sikker-kode-123"},
    )
    assert joined.status_code == 302
    user = User.objects.get(email="ny@roskilde.example.dk")
    assert Membership.objects.filter(
        user=user, municipality=roskilde, role=Membership.Role.STEERING
    ).exists()
    assert user.check_password("sikker-kode-123")


def test_invitation_link_cannot_be_used_twice(client_for, roskilde_coordinator, roskilde):
    invitation, token = invite_person(
        by=roskilde_coordinator, email="to@example.dk", municipality=roskilde, role="reader"
    )
    accept_invitation(token=token, full_name="To Gange", password="sikker-kode-123")

    with pytest.raises(DomainError, match="allerede brugt"):
        accept_invitation(token=token, full_name="Igen", password="sikker-kode-123")
    response = client_for(roskilde_coordinator).get(
        reverse("accounts:invitation_accept", args=[token])
    )
    assert response.status_code == 410
    assert "allerede brugt" in response.content.decode()


def test_expired_invitation_is_refused_with_its_date(client, roskilde_coordinator, roskilde):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)):
        _invitation, token = invite_person(
            by=roskilde_coordinator, email="sen@example.dk", municipality=roskilde, role="reader"
        )
    with time_machine.travel(datetime.datetime(2026, 3, 9, 12, tzinfo=datetime.UTC)):
        response = client.get(reverse("accounts:invitation_accept", args=[token]))
        with pytest.raises(DomainError, match="udløb den 8. marts 2026"):
            accept_invitation(token=token, full_name="Sen", password="sikker-kode-123")

    assert response.status_code == 410
    assert "8. marts 2026" in response.content.decode()
    assert not User.objects.filter(email="sen@example.dk").exists()


def test_unknown_invitation_token_is_404(client, db):
    response = client.get(reverse("accounts:invitation_accept", args=["findes-ikke"]))

    assert response.status_code == 404


@pytest.mark.cross_tenant
def test_coordinator_cannot_invite_into_another_municipality(
    client_for, roskilde_coordinator, herning
):
    response = invite(client_for(roskilde_coordinator), herning)

    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert Invitation.objects.count() == 0
    with pytest.raises(DomainError):
        invite_person(
            by=roskilde_coordinator, email="x@example.dk", municipality=herning, role="reader"
        )


def test_reader_cannot_open_the_invitation_page(client_for, db):
    from tests.factories import member

    reader = member("Roskilde", role=Membership.Role.READER)

    assert client_for(reader).get(INVITATIONS).status_code == 403


@pytest.mark.cross_tenant
def test_consultant_invites_into_any_municipality(client_for, consultant, herning):
    response = invite(client_for(consultant), herning, email="h@herning.example.dk")

    assert response.status_code == 302
    assert Invitation.objects.get().municipality == herning


@pytest.mark.cross_tenant
def test_existing_user_accepts_by_signing_in_first(
    client_for, roskilde_coordinator, herning, consultant
):
    _invitation, token = invite_person(
        by=consultant, email=roskilde_coordinator.email, municipality=herning, role="reader"
    )
    with pytest.raises(DomainError, match="Log ind"):
        accept_invitation(token=token)

    accept_invitation(token=token, user=roskilde_coordinator)

    assert Membership.objects.filter(user=roskilde_coordinator, municipality=herning).exists()


def test_password_too_short_is_shown_next_to_the_field(client, roskilde_coordinator, roskilde):
    _invitation, token = invite_person(
        by=roskilde_coordinator, email="kort@example.dk", municipality=roskilde, role="reader"
    )

    response = client.post(
        reverse("accounts:invitation_accept", args=[token]),
        {"full_name": "Kort", "password1": "kort", "password2": "kort"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email="kort@example.dk").exists()


def test_invitation_stops_working_when_the_inviter_loses_the_right_to_invite(
    roskilde_coordinator, roskilde
):
    _invitation, token = invite_person(
        by=roskilde_coordinator, email="sent@example.dk", municipality=roskilde, role="coordinator"
    )
    Membership.objects.filter(user=roskilde_coordinator).delete()

    with pytest.raises(DomainError, match="kan ikke længere invitere"):
        accept_invitation(token=token, full_name="Sent", password="sikker-kode-123")
    assert not User.objects.filter(email="sent@example.dk").exists()


def test_too_long_email_is_a_field_error_not_a_server_error(client_for, consultant, roskilde):
    response = invite(client_for(consultant), roskilde, email="a" * 250 + "@example.dk")

    assert response.status_code == 200
    assert "email" in response.context["form"].errors


def test_a_password_like_the_invited_email_is_refused(client, roskilde_coordinator, roskilde):
    _invitation, token = invite_person(
        by=roskilde_coordinator,
        email="mettemadsen@example.dk",
        municipality=roskilde,
        role="reader",
    )

    response = client.post(
        reverse("accounts:invitation_accept", args=[token]),
        {"full_name": "Mette", "password1": "mettemadsen1", "password2": "mettemadsen1"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email="mettemadsen@example.dk").exists()


def test_invitations_per_inviter_are_limited_per_hour_with_a_danish_error_on_the_email(
    client_for, roskilde_coordinator, consultant, roskilde, settings
):
    settings.INVITATION_LIMIT_PER_HOUR = 2
    client = client_for(roskilde_coordinator)
    sent = [invite(client, roskilde, email=f"ny{n}@example.dk") for n in range(2)]

    refused = invite(client, roskilde, email="ny2@example.dk")

    assert [response.status_code for response in sent] == [302, 302]
    assert refused.status_code == 200
    assert refused.context["form"].errors["email"] == [
        "Du har sendt mange invitationer den seneste time. Vent lidt, og prøv igen."
    ]
    assert Invitation.objects.filter(email="ny2@example.dk").count() == 0
    # Another inviter has a count of their own.
    invite_person(by=consultant, email="ny2@example.dk", municipality=roskilde, role="reader")


def test_plain_text_invitation_mail_shows_a_name_with_ampersand_and_brackets_as_typed(
    roskilde_coordinator, roskilde, django_capture_on_commit_callbacks
):
    roskilde_coordinator.full_name = "Ib & Bo <x>'s"
    roskilde_coordinator.save(update_fields=["full_name"])

    with django_capture_on_commit_callbacks(execute=True):
        invite_person(
            by=roskilde_coordinator, email="ny@example.dk", municipality=roskilde, role="reader"
        )

    (message,) = mail.outbox
    assert message.subject == "Du er inviteret til Forløbsportalen af Ib & Bo <x>'s"
    assert "Ib & Bo <x>'s har inviteret dig" in message.body
    assert "&amp;" not in message.body + message.subject
    assert "Ib &amp; Bo &lt;x&gt;&#x27;s har inviteret dig" in message.alternatives[0][0]


@pytest.mark.parametrize("name", ["Nina\nBcc: x@example.dk", "Nina\rNy", "Nina\x1bNy"])
def test_invited_name_must_be_one_line_without_control_characters(
    client_for, roskilde_coordinator, roskilde, name
):
    response = client_for(roskilde_coordinator).post(
        INVITATIONS,
        {
            "email": "ny@example.dk",
            "full_name": name,
            "municipality": roskilde.pk,
            "role": "reader",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["full_name"]
    assert Invitation.objects.count() == 0


def test_accepted_name_must_be_one_line(client, roskilde_coordinator, roskilde):
    _invitation, token = invite_person(
        by=roskilde_coordinator, email="linje@example.dk", municipality=roskilde, role="reader"
    )

    response = client.post(
        reverse("accounts:invitation_accept", args=[token]),
        {"full_name": "Li\nNje", "password1": "sikker-kode-123", "password2": "sikker-kode-123"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["full_name"] == ["Feltet må kun være én linje."]
    assert not User.objects.filter(email="linje@example.dk").exists()


def test_invitation_page_is_never_cached(client, roskilde_coordinator, roskilde):
    _invitation, token = invite_person(
        by=roskilde_coordinator, email="cache@example.dk", municipality=roskilde, role="reader"
    )
    url = reverse("accounts:invitation_accept", args=[token])

    for response in [
        client.get(url),
        client.get(reverse("accounts:invitation_accept", args=["x"])),
    ]:
        assert "no-store" in response.headers["Cache-Control"]
        assert "private" in response.headers["Cache-Control"]


@pytest.mark.cross_tenant
def test_a_coordinator_never_sees_another_municipalitys_invitations(
    client_for, roskilde, roskilde_coordinator, herning, herning_coordinator
):
    invite_person(
        by=roskilde_coordinator,
        email="ny@roskilde.example.dk",
        municipality=roskilde,
        role="reader",
    )
    invite_person(
        by=herning_coordinator, email="ny@herning.example.dk", municipality=herning, role="reader"
    )

    page = client_for(herning_coordinator).get(reverse("accounts:invitation_list"))

    shown = [invitation.email for invitation in page.context["invitations"]]
    assert shown == ["ny@herning.example.dk"]
