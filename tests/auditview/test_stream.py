"""A programme's activity stream: who did what and when, newest first, in the reader's
language, for the programme's people and SBST; another municipality never finds it."""

import pytest
from django.urls import reverse
from django.utils import translation

from programmes.models import GroupMember, Level, Membership, ProgrammeGroup
from tests.factories import AdministratorFactory, ConsultantFactory, ProgrammeFactory, member

from .factories import at, group_entry

Role = Membership.Role


@pytest.fixture
def programme(roskilde, roskilde_coordinator):
    return ProgrammeFactory(municipality=roskilde, coordinator=roskilde_coordinator)


def _url(programme):
    return reverse("auditview:stream", kwargs={"programme_pk": programme.pk})


def test_the_stream_shows_who_did_what_newest_first(programme, roskilde_coordinator, client_for):
    group_entry(programme, roskilde_coordinator, "Bostøtten", at=at(2026, 11, 2))
    group_entry(programme, roskilde_coordinator, "Værestedet", at=at(2026, 11, 3))

    response = client_for(roskilde_coordinator).get(_url(programme))

    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("Værestedet er oprettet.") < body.index("Bostøtten er oprettet.")
    assert "Rikke Roskilde" in body
    assert [e.data["name"] for e in response.context["entries"]] == ["Værestedet", "Bostøtten"]


def test_the_stream_reads_in_the_readers_language(programme, roskilde_coordinator, client_for):
    group_entry(programme, roskilde_coordinator, "Bostøtten")
    client = client_for(roskilde_coordinator)

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(_url(programme)).content.decode()
    translation.activate("da")

    assert "Bostøtten has been created." in body


def test_the_stream_shows_only_its_own_programme(
    programme, roskilde, roskilde_coordinator, client_for
):
    other = ProgrammeFactory(municipality=roskilde)
    group_entry(other, roskilde_coordinator, "Andet forløbs gruppe")

    response = client_for(roskilde_coordinator).get(_url(programme))

    assert "Andet forløbs gruppe" not in response.content.decode()


def test_the_stream_is_paginated(programme, roskilde_coordinator, client_for, settings):
    for number in range(52):
        group_entry(programme, roskilde_coordinator, f"Gruppe {number}")
    client = client_for(roskilde_coordinator)

    first = client.get(_url(programme))
    second = client.get(_url(programme) + "?side=2")

    assert len(first.context["entries"]) == 50
    assert len(second.context["entries"]) == 2
    assert "side=2" in first.content.decode()


def _linked(programme, kind, role):
    group = ProgrammeGroup.objects.create(programme=programme, kind=kind, name=f"Gruppe {kind}")
    user = member("Roskilde", role=role)
    GroupMember.objects.create(group=group, name=str(user), user=user, level=Level.OTHER)
    return user


@pytest.mark.parametrize(
    "reader",
    ["coordinator", "municipal coordinator", "steering", "local", "contact", "consultant", "admin"],
)
def test_the_programmes_people_and_sbst_read_the_stream(
    reader, programme, roskilde_coordinator, client_for
):
    contact = ConsultantFactory()
    programme.primary_contact = contact
    programme.save(update_fields=["primary_contact"])
    user = {
        "coordinator": lambda: roskilde_coordinator,
        "municipal coordinator": lambda: member("Roskilde", role=Role.COORDINATOR),
        "steering": lambda: _linked(programme, ProgrammeGroup.Kind.STEERING, Role.STEERING),
        "local": lambda: _linked(programme, ProgrammeGroup.Kind.LOCAL, Role.READER),
        "contact": lambda: contact,
        "consultant": ConsultantFactory,
        "admin": AdministratorFactory,
    }[reader]()

    assert client_for(user).get(_url(programme)).status_code == 200


def test_a_reader_outside_the_programmes_groups_is_refused(programme, client_for):
    reader = member("Roskilde", role=Role.READER)

    assert client_for(reader).get(_url(programme)).status_code == 403


def test_another_municipality_never_finds_the_stream(programme, herning_coordinator, client_for):
    assert client_for(herning_coordinator).get(_url(programme)).status_code == 404


def test_the_programme_page_shows_the_latest_activity_to_its_people(
    programme, roskilde_coordinator, client_for
):
    for number in range(7):
        group_entry(programme, roskilde_coordinator, f"Gruppe {number}")
    url = reverse("programmes:programme_detail", kwargs={"programme_pk": programme.pk})

    body = client_for(roskilde_coordinator).get(url).content.decode()
    refused = client_for(member("Roskilde", role=Role.READER)).get(url).content.decode()

    assert "Gruppe 6 er oprettet." in body and "Gruppe 1 er oprettet." not in body
    assert _url(programme) in body
    assert _url(programme) not in refused


def test_the_stream_asks_as_often_for_a_full_page_and_five_entries_as_for_one(
    programme, roskilde_coordinator, client_for, count_queries
):
    client = client_for(roskilde_coordinator)
    group_entry(programme, roskilde_coordinator, "Gruppe 0")
    client.get(_url(programme))
    one = count_queries(lambda: client.get(_url(programme)))
    for number in range(1, 5):
        group_entry(programme, roskilde_coordinator, f"Gruppe {number}")
    five = count_queries(lambda: client.get(_url(programme)))
    for number in range(5, 50):
        # Other people, so the actors are not one cached row.
        group_entry(programme, member("Roskilde"), f"Gruppe {number}")
    fifty = count_queries(lambda: client.get(_url(programme)))

    assert one == five == fifty
