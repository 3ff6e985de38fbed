"""Role names are lower-case inside a sentence and capitalised only where they start a label."""

from django.urls import reverse

from accounts.services import invite_person
from programmes.models import Membership
from tests.factories import member


def test_the_invitation_page_names_the_role_in_lower_case(client, roskilde, roskilde_coordinator):
    _, token = invite_person(
        by=roskilde_coordinator, email="ny@example.dk", municipality=roskilde, role="steering"
    )

    page = client.get(reverse("accounts:invitation_accept", args=[token])).content.decode()

    assert (
        "Du er inviteret til at være med i udviklingsforløbet i Roskilde som medlem af "
        "styregruppen." in page
    )
    assert "Invitationen er sendt til ny@example.dk." in page


def test_the_people_page_capitalises_the_role_in_its_column_and_not_in_the_remove_label(
    client_for, roskilde, roskilde_coordinator
):
    member("Roskilde", role=Membership.Role.STEERING, full_name="Sanne Styre")

    page = (
        client_for(roskilde_coordinator)
        .get(reverse("programmes:municipality_people", args=[roskilde.code]))
        .content.decode()
    )

    assert "<td>Medlem af styregruppen</td>" in page
    assert 'aria-label="Fjern Sanne Styre som medlem af styregruppen"' in page
