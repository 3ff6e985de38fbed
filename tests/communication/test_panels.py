"""What the plan adds to the programme page (its size, the overdue activities counted and
named, the next ones) and to the responsible person's start page."""

import pytest
from django.urls import reverse

from communication.models import ActivityStatus
from communication.panels import programme_plan_context
from programmes.models import Membership
from tests.factories import member

from .factories import Kind, activity, group, person_in, programme_with_groups

Role = Membership.Role


@pytest.fixture
def coordinator(roskilde):
    return member("Roskilde")


@pytest.fixture
def programme(roskilde, coordinator):
    return programme_with_groups(roskilde, coordinator=coordinator)


def programme_url(programme):
    return reverse("programmes:programme_detail", kwargs={"programme_pk": programme.pk})


def test_the_programme_page_counts_and_names_the_overdue_activities(
    programme, coordinator, client_for
):
    activity(programme, coordinator, title="Brev til partnerne", days=-3)
    activity(programme, coordinator, title="Intranetnyhed", days=-1)
    activity(programme, coordinator, title="Gennemført oplæg", days=-8, status=ActivityStatus.DONE)
    activity(programme, coordinator, title="Aflyst stand", days=-2, status=ActivityStatus.CANCELLED)
    activity(programme, coordinator, title="Dialogmøde i dag", days=0)
    activity(programme, coordinator, title="Nyhedsbrev", days=30)

    body = client_for(member("Roskilde", role=Role.READER)).get(programme_url(programme))
    body = body.content.decode()

    assert "Planen har 6 aktiviteter." in body
    assert "2 aktiviteter er overskredet" in body
    overdue = body[body.index("2 aktiviteter er overskredet") :]
    assert overdue.index("Brev til partnerne") < overdue.index("Intranetnyhed")
    upcoming = body[body.index("De næste aktiviteter") :]
    assert upcoming.index("Dialogmøde i dag") < upcoming.index("Nyhedsbrev")
    assert "Gennemført oplæg" not in body and "Aflyst stand" not in body


def test_the_programme_panel_counts_overdue_activities_beyond_those_it_names(
    rf, programme, coordinator
):
    for index in range(5):
        activity(programme, coordinator, title=f"Overskredet {index}", days=-1 - index)
    request = rf.get("/")
    request.user = coordinator

    context = programme_plan_context(request, programme)

    summary = context["summary"]
    assert (summary.total, summary.overdue, len(summary.overdue_activities)) == (5, 5, 3)


def test_an_empty_plan_invites_the_coordinator_and_is_not_shown_to_a_reader(
    programme, coordinator, client_for
):
    for_coordinator = client_for(coordinator).get(programme_url(programme)).content.decode()
    for_reader = client_for(member("Roskilde", role=Role.READER)).get(programme_url(programme))

    assert "Forløbet har ingen kommunikationsplan endnu." in for_coordinator
    assert "Tilføj den første aktivitet" in for_coordinator
    assert "Kommunikationsplan" not in for_reader.content.decode()


def test_the_start_page_lists_the_persons_planned_activities_overdue_flagged_in_words(
    programme, coordinator, client_for
):
    user = member("Roskilde", role=Role.IMPLEMENTATION)
    me = person_in(group(programme, Kind.IMPLEMENTATION), "Ida", user=user)
    someone = person_in(group(programme, Kind.IMPLEMENTATION), "Bo")
    activity(programme, coordinator, title="Min glemte", days=-2, responsible=me)
    activity(programme, coordinator, title="Min næste", days=4, responsible=me)
    activity(
        programme,
        coordinator,
        title="Min gennemførte",
        days=-4,
        responsible=me,
        status=ActivityStatus.DONE,
    )
    activity(programme, coordinator, title="Bos", days=4, responsible=someone)

    body = client_for(user).get(reverse("home")).content.decode()

    panel = body[body.index("Dine kommunikationsaktiviteter") :]
    assert panel.index("Min glemte") < panel.index("Overskredet") < panel.index("Min næste")
    assert "Min gennemførte" not in body and "Bos" not in body
    assert panel.count("Markér som gennemført") == 2


def test_the_start_page_lists_five_activities_with_as_many_queries_as_one(
    programme, coordinator, client_for, count_queries
):
    user = member("Roskilde", role=Role.IMPLEMENTATION)
    me = person_in(group(programme, Kind.IMPLEMENTATION), "Ida", user=user)
    client = client_for(user)
    url = reverse("home")

    activity(programme, coordinator, title="Aktivitet 0", responsible=me)
    client.get(url)
    one = count_queries(lambda: client.get(url))
    for index in range(1, 5):
        activity(programme, coordinator, title=f"Aktivitet {index}", days=index - 3, responsible=me)
    five = count_queries(lambda: client.get(url))

    assert one == five
    assert client.get(url).content.decode().count("Markér som gennemført") == 5
