"""List pages make as many queries at five rows as at one (the rest live beside their pages:
tests/programmes/test_views.py, test_people.py, test_programme_page.py and the enrolment list
in tests/enrolment/test_views.py)."""

import pytest
from django.urls import reverse

from accounts.services import invite_person
from enrolment import services
from programmes.models import Membership
from tests.enrolment.factories import draft_enrolment, steering_user, submitted_enrolment
from tests.factories import member
from tests.factories import municipality as named

Role = Membership.Role
FIVE = ["Roskilde", "Herning", "Randers", "Rudersdal", "Aarhus"]


def queries_at_one_and_five(client, url, count_queries, add_row):
    """Count the page's queries with one row, then after four more rows."""
    add_row(0)
    client.get(url)  # the first request warms caches the others then share
    one = count_queries(lambda: client.get(url))
    for index in range(1, 5):
        add_row(index)
    client.get(url)  # refills what the new rows invalidated (the user's memberships, say)
    five = count_queries(lambda: client.get(url))
    return one, five


def test_the_invitation_list_makes_as_many_queries_for_five_invitations_as_for_one(
    client_for, roskilde_coordinator, roskilde, count_queries
):
    def invite(index):
        invite_person(
            by=member("Roskilde"),
            email=f"ny{index}@example.dk",
            municipality=roskilde,
            role="reader",
        )

    client = client_for(roskilde_coordinator)
    url = reverse("accounts:invitation_list")

    one, five = queries_at_one_and_five(client, url, count_queries, invite)

    assert one == five
    assert len(client.get(url).context["invitations"]) == 5


def test_the_start_page_lists_five_past_enrolments_with_as_many_queries_as_one(
    client_for, roskilde, roskilde_coordinator, count_queries
):
    def withdrawn(index):
        enrolment = draft_enrolment(roskilde, roskilde_coordinator)
        services.withdraw_enrolment(enrolment, by=roskilde_coordinator, reason=f"Grund {index}")

    client = client_for(member("Roskilde", role=Role.READER))
    url = reverse("enrolment:start")

    one, five = queries_at_one_and_five(client, url, count_queries, withdrawn)

    assert one == five
    assert len(client.get(url).context["enrolments"]) == 5


@pytest.mark.cross_tenant  # enrolments of five municipalities, built as each one's own
def test_the_steering_members_waiting_list_takes_as_many_queries_for_five_as_for_one(
    client_for, count_queries
):
    person = member("Roskilde", role=Role.STEERING, email="styre@example.dk")

    def waiting(index):
        municipality = named(FIVE[index])
        if index:
            Membership.objects.create(user=person, municipality=municipality, role=Role.STEERING)
        submitted_enrolment(municipality, member(municipality.name), steering_users=[person])

    client = client_for(person)
    url = reverse("home")

    one, five = queries_at_one_and_five(client, url, count_queries, waiting)

    assert one == five
    assert client.get(url).content.decode().count("venter på dit svar") == 5


@pytest.mark.cross_tenant  # SBST reads enrolments of two municipalities
def test_the_enrolment_page_takes_as_many_queries_for_five_steering_answers_as_for_one(
    client_for, consultant, count_queries
):
    def answered_enrolment(name, steering):
        municipality = named(name)
        people = [
            steering_user(municipality, f"s{i}@{municipality.slug}.dk") for i in range(steering)
        ]
        enrolment = submitted_enrolment(municipality, member(name), steering_users=people)
        for person in people:
            services.respond_as_steering_member(enrolment, by=person, approve=True)
        return reverse("enrolment:enrolment_detail", args=[enrolment.pk])

    client = client_for(consultant)
    small, large = answered_enrolment("Roskilde", 1), answered_enrolment("Herning", 5)
    client.get(small)

    assert count_queries(lambda: client.get(small)) == count_queries(lambda: client.get(large))
    page = client.get(large).context
    assert (len(page["steering_members"]), len(page["events"])) == (5, 8)


@pytest.mark.cross_tenant  # SBST's portfolio spans the municipalities
def test_the_portfolio_warns_of_five_programmes_organisation_with_as_many_queries_as_one(
    client_for, consultant, count_queries
):
    from programmes.models import GroupMember, ProgrammeGroup
    from tests.factories import ProgrammeFactory

    def programme_with_groups(index):
        programme = ProgrammeFactory(municipality=named(FIVE[index]))  # no coordinator, no contact
        for kind in ("steering", "implementation", "local"):
            group = ProgrammeGroup.objects.create(programme=programme, kind=kind, name=kind)
            GroupMember.objects.create(group=group, name="Medlem", level="leader")

    client = client_for(consultant)
    url = reverse("programmes:municipality_list")

    one, five = queries_at_one_and_five(client, url, count_queries, programme_with_groups)

    assert one == five
    body = client.get(url).content.decode()
    assert body.count("6 advarsler om organiseringen") == 5
    assert body.count("Forløbet har ingen koordinator") == 5
