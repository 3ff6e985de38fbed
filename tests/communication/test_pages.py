"""The communication plan's pages: the list with its filter, adding, changing, removing and
completing an activity, and who may do what."""

import pytest
from django.urls import reverse

from communication import services
from communication.activity import Action
from communication.models import ActivityStatus, Channel, CommunicationActivity
from programmes.models import ActivityEntry, Membership
from tests.factories import member
from tests.forms import posted_form

from .factories import Kind, activity, day, group, person_in, programme_with_groups

Role = Membership.Role


@pytest.fixture
def coordinator(roskilde):
    return member("Roskilde")


@pytest.fixture
def programme(roskilde, coordinator):
    return programme_with_groups(roskilde, coordinator=coordinator)


def list_url(programme, **query):
    url = reverse("communication:activity_list", kwargs={"programme_pk": programme.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def add_url(programme):
    return reverse("communication:activity_add", kwargs={"programme_pk": programme.pk})


def url(name, item, programme_pk=None):
    return reverse(
        f"communication:{name}",
        kwargs={
            "programme_pk": programme_pk or item.programme_id,
            "comm_activity_pk": item.pk,
        },
    )


def form_data(**changes):
    date = changes.pop("planned_on", day(14))
    data = {
        "title": "Nyhedsbrev om forløbet",
        "audience": "Medarbejdere i bostøtten",
        "channel": Channel.NEWSLETTER,
        "message": "Vi fortæller, hvorfor vi er med.",
        "materials": "",
        "responsible": "",
        "planned_on_day": str(date.day),
        "planned_on_month": str(date.month),
        "planned_on_year": str(date.year),
        "status": ActivityStatus.PLANNED,
    }
    return {**data, **changes}


# ---- The list -------------------------------------------------------------------------------


def test_the_list_shows_each_activity_and_says_in_words_which_are_overdue(
    programme, coordinator, client_for
):
    lone = person_in(group(programme, Kind.IMPLEMENTATION), "Lone Bech")
    activity(programme, coordinator, title="Brev til samarbejdspartnere", days=-3, responsible=lone)
    activity(programme, coordinator, title="Oplæg for udvalget", days=5, channel=Channel.MEETING)
    reader = member("Roskilde", role=Role.READER)

    page = client_for(reader).get(list_url(programme))

    assert page.status_code == 200
    body = page.content.decode()
    assert body.index("Brev til samarbejdspartnere") < body.index("Oplæg for udvalget")
    assert "Lone Bech" in body and "Møde" in body and "Intranet" in body
    assert body.count(">Overskredet<") == 1
    assert "1 aktivitet er overskredet" in body
    assert "Tilføj en aktivitet" not in body  # a reader reads only
    assert [a.is_overdue for a in page.context["activities"]] == [True, False]


@pytest.mark.parametrize(
    ("status", "titles"),
    [
        ("", ["Gennemført", "Overskredet", "Aflyst", "Planlagt"]),
        ("planned", ["Overskredet", "Planlagt"]),
        ("overdue", ["Overskredet"]),
        ("done", ["Gennemført"]),
        ("cancelled", ["Aflyst"]),
        ("noget-andet", ["Gennemført", "Overskredet", "Aflyst", "Planlagt"]),
    ],
)
def test_the_list_filters_by_the_status_in_its_address(
    programme, coordinator, client_for, status, titles
):
    activity(programme, coordinator, title="Gennemført", days=-5, status=ActivityStatus.DONE)
    activity(programme, coordinator, title="Overskredet", days=-2)
    activity(programme, coordinator, title="Aflyst", days=1, status=ActivityStatus.CANCELLED)
    activity(programme, coordinator, title="Planlagt", days=3)

    page = client_for(coordinator).get(list_url(programme, status=status))

    assert page.status_code == 200
    assert [a.title for a in page.context["activities"]] == titles
    if status in ("planned", "overdue", "done", "cancelled"):
        assert f'<option value="{status}" selected>' in page.content.decode()


def test_the_list_and_the_calendar_take_as_many_queries_for_five_activities_as_for_one(
    programme, coordinator, client_for, count_queries
):
    client = client_for(member("Roskilde", role=Role.IMPLEMENTATION))
    members = [
        person_in(group(programme, kind), f"Person {i}")
        for i, kind in enumerate([Kind.IMPLEMENTATION, Kind.STEERING] * 3)
    ]
    statuses = [ActivityStatus.PLANNED, ActivityStatus.DONE, ActivityStatus.CANCELLED]
    calendar = reverse("communication:activity_calendar", kwargs={"programme_pk": programme.pk})
    month = f"{calendar}?maaned={day(0):%Y-%m}"

    def add(index):
        activity(
            programme,
            coordinator,
            title=f"Aktivitet {index}",
            days=0,
            responsible=members[index],
            status=statuses[index % 3],
        )

    add(0)
    counts = {}
    for page in (list_url(programme), month):
        client.get(page)
        counts[page] = [count_queries(lambda page=page: client.get(page))]
    for index in range(1, 5):
        add(index)
    for page in (list_url(programme), month):
        counts[page].append(count_queries(lambda page=page: client.get(page)))

    assert all(one == five for one, five in counts.values()), counts
    assert len(client.get(list_url(programme)).context["activities"]) == 5
    assert client.get(month).content.decode().count("Aktivitet ") == 5


# ---- Adding and changing ---------------------------------------------------------------------


def test_a_coordinator_adds_an_activity_with_a_responsible_person(
    programme, coordinator, client_for
):
    lone = person_in(group(programme, Kind.IMPLEMENTATION), "Lone Bech")
    client = client_for(coordinator)

    response = client.post(add_url(programme), form_data(responsible=str(lone.pk)))

    assert response.status_code == 302
    assert response.url == list_url(programme)
    added = CommunicationActivity.objects.get()
    assert (added.title, added.responsible_id, added.planned_on) == (
        "Nyhedsbrev om forløbet",
        lone.pk,
        day(14),
    )
    assert list(ActivityEntry.objects.values_list("action", flat=True)) == [Action.ADDED]


def test_the_responsible_person_is_chosen_among_this_programmes_group_members(
    roskilde, programme, coordinator, client_for
):
    person_in(group(programme, Kind.STEERING), "Søren Styre")
    other = programme_with_groups(roskilde)
    stranger = person_in(group(other, Kind.IMPLEMENTATION), "Fremmed Person")
    client = client_for(coordinator)

    shown = client.get(add_url(programme)).content.decode()
    refused = client.post(add_url(programme), form_data(responsible=str(stranger.pk)))

    assert "Søren Styre (Styregruppe)" in shown and "Fremmed Person" not in shown
    assert refused.status_code == 200
    assert refused.context["form"].errors["responsible"] == [
        "Vælg en af forløbets gruppemedlemmer."
    ]
    assert not CommunicationActivity.objects.exists()


def test_bad_input_is_refused_with_danish_messages_beside_the_fields(
    programme, coordinator, client_for
):
    response = client_for(coordinator).post(
        add_url(programme),
        form_data(
            title="",
            channel="",
            message="Ring til borgeren på 12 34 56 78.",
            planned_on_day="31",
            planned_on_month="2",
        ),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["title"] == ["Skriv, hvad aktiviteten er."]
    assert errors["channel"] == ["Vælg, hvordan budskabet kommer ud."]
    assert errors["planned_on"][0].startswith("Datoen findes ikke")
    body = response.content.decode()
    assert "Skriv, hvad aktiviteten er." in body
    assert not CommunicationActivity.objects.exists()
    assert not ActivityEntry.objects.exists()


def test_text_about_a_citizen_with_a_cpr_number_is_refused_beside_the_field(
    programme, coordinator, client_for
):
    response = client_for(coordinator).post(
        add_url(programme), form_data(materials="Sagen om 010190-1234")
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["materials"]
    assert not CommunicationActivity.objects.exists()


def test_editing_an_activity_changes_it_and_writes_one_history_line(
    programme, coordinator, client_for
):
    item = activity(programme, coordinator, title="Oplæg")
    client = client_for(coordinator)
    data = posted_form(client.get(url("activity_edit", item)).content.decode())

    response = client.post(url("activity_edit", item), {**data, "status": "cancelled"})

    assert response.status_code == 302
    assert response.url == url("activity_detail", item)
    assert CommunicationActivity.objects.get(pk=item.pk).status == ActivityStatus.CANCELLED
    assert ActivityEntry.objects.filter(action=Action.CHANGED).count() == 1


def test_the_activity_page_shows_the_message_materials_and_history(
    programme, coordinator, client_for
):
    item = activity(programme, coordinator, title="Oplæg", materials="Slides", days=-1)
    services.change_activity(
        item,
        by=coordinator,
        title="Oplæg",
        audience=item.audience,
        channel=item.channel,
        message="Nyt budskab",
        materials="Slides",
        responsible=None,
        planned_on=item.planned_on,
        status=item.status,
    )

    body = client_for(member("Roskilde", role=Role.READER)).get(url("activity_detail", item))
    body = body.content.decode()

    assert "Nyt budskab" in body and "Slides" in body
    assert "Aktiviteten er overskredet" in body
    assert "er sat i planen til" in body and "er ændret" in body
    assert "Ret aktiviteten" not in body


# ---- Removing and completing -------------------------------------------------------------------


def test_removing_asks_first_and_then_takes_the_activity_out_of_the_plan(
    programme, coordinator, client_for
):
    item = activity(programme, coordinator, title="Pressemeddelelse")
    client = client_for(coordinator)

    asked = client.get(url("activity_remove", item))
    assert asked.status_code == 200
    assert "Vil du fjerne aktiviteten »Pressemeddelelse«" in asked.content.decode()
    assert CommunicationActivity.objects.filter(pk=item.pk).exists()

    removed = client.post(url("activity_remove", item))

    assert removed.status_code == 302 and removed.url == list_url(programme)
    assert not CommunicationActivity.objects.filter(pk=item.pk).exists()
    assert ActivityEntry.objects.filter(action=Action.REMOVED).count() == 1


def test_the_responsible_person_marks_their_activity_done_from_their_start_page(
    programme, coordinator, client_for
):
    steering_user = member("Roskilde", role=Role.STEERING, full_name="Søren Styre")
    responsible = person_in(group(programme, Kind.STEERING), "Søren Styre", user=steering_user)
    item = activity(programme, coordinator, title="Oplæg for udvalget", responsible=responsible)
    client = client_for(steering_user)

    start = client.get(reverse("home")).content.decode()
    assert "Dine kommunikationsaktiviteter" in start and "Oplæg for udvalget" in start

    done = client.post(url("activity_done", item), {"next": reverse("home")})

    assert done.status_code == 302 and done.url == reverse("home")
    assert CommunicationActivity.objects.get(pk=item.pk).status == ActivityStatus.DONE
    assert "Dine kommunikationsaktiviteter" not in client.get(reverse("home")).content.decode()


def test_marking_done_answers_only_post(programme, coordinator, client_for):
    item = activity(programme, coordinator)

    response = client_for(coordinator).get(url("activity_done", item))

    assert response.status_code == 405
    assert CommunicationActivity.objects.get(pk=item.pk).status == ActivityStatus.PLANNED


def test_marking_done_goes_back_only_to_this_site(programme, coordinator, client_for):
    item = activity(programme, coordinator)

    response = client_for(coordinator).post(
        url("activity_done", item), {"next": "https://example.com/"}
    )

    assert response.url == url("activity_detail", item)


# ---- Who may do what ---------------------------------------------------------------------------


def test_a_steering_member_reads_the_plan_but_may_not_change_it(programme, coordinator, client_for):
    item = activity(programme, coordinator)
    steering_user = member("Roskilde", role=Role.STEERING)
    person_in(group(programme, Kind.STEERING), "Søren Styre", user=steering_user)
    client = client_for(steering_user)

    reads = [
        client.get(page).status_code
        for page in (
            list_url(programme),
            url("activity_detail", item),
            reverse("communication:activity_calendar", kwargs={"programme_pk": programme.pk}),
        )
    ]
    writes = [
        client.get(add_url(programme)).status_code,
        client.post(add_url(programme), form_data()).status_code,
        client.get(url("activity_edit", item)).status_code,
        client.post(url("activity_edit", item), form_data()).status_code,
        client.post(url("activity_remove", item)).status_code,
        client.post(url("activity_done", item)).status_code,
    ]

    assert reads == [200, 200, 200]
    assert writes == [403] * 6
    assert CommunicationActivity.objects.get(pk=item.pk).title == item.title
    assert CommunicationActivity.objects.count() == 1


def test_a_linked_member_of_a_local_group_edits_the_plan(programme, coordinator, client_for):
    local = programme.groups.create(kind=Kind.LOCAL, name="Lokal gruppe", area="housing_support")
    user = member("Roskilde", role=Role.LOCAL)
    person_in(local, "Lokal Leder", user=user)
    item = activity(programme, coordinator)

    assert client_for(user).get(url("activity_edit", item)).status_code == 200


@pytest.mark.cross_tenant  # Herning's coordinator asks for Roskilde's plan
def test_another_municipalitys_plan_is_not_found(
    roskilde, programme, coordinator, herning_coordinator, client_for
):
    item = activity(programme, coordinator)
    client = client_for(herning_coordinator)

    statuses = [
        client.get(list_url(programme)).status_code,
        client.get(
            reverse("communication:activity_calendar", kwargs={"programme_pk": programme.pk})
        ).status_code,
        client.get(add_url(programme)).status_code,
        *(
            client.get(url(name, item)).status_code
            for name in ("activity_detail", "activity_edit", "activity_remove", "activity_done")
        ),
        client.post(url("activity_done", item)).status_code,
        client.post(url("activity_remove", item)).status_code,
    ]

    assert statuses == [404] * 9
    assert CommunicationActivity.objects.get(pk=item.pk).status == ActivityStatus.PLANNED


def test_an_activity_named_under_another_programme_is_sent_home_on_get_and_refused_on_post(
    roskilde, programme, coordinator, client_for
):
    item = activity(programme, coordinator)
    other = programme_with_groups(roskilde)
    client = client_for(coordinator)

    moved = client.get(url("activity_edit", item, programme_pk=other.pk))
    posted = client.post(url("activity_done", item, programme_pk=other.pk))

    assert moved.status_code == 302 and moved.url == url("activity_edit", item)
    assert posted.status_code == 404
    assert CommunicationActivity.objects.get(pk=item.pk).status == ActivityStatus.PLANNED
