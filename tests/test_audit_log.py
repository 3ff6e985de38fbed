from auditlog.models import LogEntry
from django.urls import reverse

from accounts.services import accept_invitation, invite_person
from programmes.models import Membership


def test_a_role_granted_by_invitation_is_in_the_audit_log(roskilde_coordinator, roskilde):
    _invitation, token = invite_person(
        by=roskilde_coordinator, email="ny@example.dk", municipality=roskilde, role="steering"
    )

    user = accept_invitation(token=token, full_name="Ny", password="sikker-kode-123")

    membership = Membership.objects.get(user=user)
    entry = LogEntry.objects.get_for_object(membership).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.changes_dict["role"] == ["None", "steering"]


def test_audit_entries_name_the_acting_user_and_never_store_secrets(
    client_for, consultant, roskilde
):
    client = client_for(consultant)

    client.post(
        reverse("accounts:invitation_list"),
        {"email": "x@example.dk", "municipality": roskilde.pk, "role": "reader"},
    )

    entry = LogEntry.objects.filter(content_type__model="invitation").get()
    assert entry.actor == consultant
    assert "token_hash" not in entry.changes_dict
    user_entries = LogEntry.objects.filter(content_type__model="user")
    assert all("password" not in e.changes_dict for e in user_entries)


def test_an_entry_carries_the_requests_correlation_id_and_none_outside_a_request(
    client_for, consultant, roskilde
):
    client_for(consultant).post(
        reverse("accounts:invitation_list"),
        {"email": "x@example.dk", "municipality": roskilde.pk, "role": "reader"},
        HTTP_X_CORRELATION_ID="trace-42",
    )
    invite_person(by=consultant, email="y@example.dk", municipality=roskilde, role="reader")

    entries = LogEntry.objects.filter(content_type__model="invitation").order_by("pk")
    assert [entry.cid for entry in entries] == ["trace-42", None]
