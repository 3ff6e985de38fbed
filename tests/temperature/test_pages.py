"""The measurement's pages: the coordinator opens and closes rounds and sees the links, SBST
staff read without the links, the results page's threshold, SBST's instrument pages, and the
section on the programme's page."""

import pytest
from django.urls import reverse

from programmes.models import Membership
from temperature import services
from temperature.models import Instrument, MeasurementRound, RespondentKind, RoundKind
from tests.factories import AdministratorFactory, ConsultantFactory, member

from .factories import answers, coordinator_of, group_of, open_round, programme_in

pytestmark = pytest.mark.django_db
Role = Membership.Role


def list_url(programme):
    return reverse("temperature:round_list", kwargs={"programme_pk": programme.pk})


def detail_url(round_):
    return reverse(
        "temperature:round_detail",
        kwargs={"programme_pk": round_.programme_id, "round_pk": round_.pk},
    )


def close_url(round_):
    return reverse(
        "temperature:round_close",
        kwargs={"programme_pk": round_.programme_id, "round_pk": round_.pk},
    )


def test_the_coordinator_opens_a_round_and_sees_a_link_per_group(client_for):
    coordinator = coordinator_of()
    programme = programme_in()
    client = client_for(coordinator)

    response = client.post(
        reverse(
            "temperature:round_open",
            kwargs={"programme_pk": programme.pk, "round_kind": "foerste"},
        ),
        {"expected_leaders": "6", "expected_citizens": "5"},
        follow=True,
    )

    round_ = MeasurementRound.objects.get(programme=programme)
    assert response.redirect_chain[-1][0] == detail_url(round_)
    body = response.content.decode()
    for group in round_.groups.all():
        assert reverse("temperature:survey", kwargs={"token": group.token}) in body
    assert round_.groups.count() == 2


def test_a_refused_round_is_told_and_an_unknown_kind_is_not_found(client_for):
    coordinator = coordinator_of()
    programme = programme_in()
    open_round(programme, coordinator)

    response = client_for(coordinator).post(
        reverse(
            "temperature:round_open",
            kwargs={"programme_pk": programme.pk, "round_kind": "foerste"},
        ),
        {"expected_leaders": "6"},
    )

    assert response.status_code == 200
    assert "allerede en første måling" in response.content.decode()
    unknown = reverse(
        "temperature:round_open", kwargs={"programme_pk": programme.pk, "round_kind": "tredje"}
    )
    assert client_for(coordinator).get(unknown).status_code == 404


def test_sbst_staff_and_a_steering_member_read_a_round_without_its_links(client_for):
    programme = programme_in()
    round_ = open_round(programme, coordinator_of())
    token = group_of(round_).token

    response = client_for(ConsultantFactory()).get(detail_url(round_))
    assert response.status_code == 200
    assert token not in response.content.decode()
    assert "Luk målingen" not in response.content.decode()
    steering = client_for(member("Roskilde", role=Role.STEERING))
    response = steering.get(detail_url(round_))
    assert response.status_code == 200
    assert token not in response.content.decode()
    assert steering.get(list_url(programme)).status_code == 200
    open_url = reverse(
        "temperature:round_open",
        kwargs={"programme_pk": programme.pk, "round_kind": "opfoelgning"},
    )
    assert steering.get(open_url).status_code == 403


def test_closing_a_round_from_its_page(client_for):
    coordinator = coordinator_of()
    round_ = open_round(programme_in(), coordinator)
    client = client_for(coordinator)

    assert client.get(close_url(round_)).status_code == 200
    response = client.post(close_url(round_))

    assert response.status_code == 302
    round_.refresh_from_db()
    assert not round_.is_open
    body = client.get(detail_url(round_)).content.decode()
    assert group_of(round_).token not in body


def test_the_round_page_shows_a_group_from_five_answers_and_warns_of_a_low_rate(client_for):
    coordinator = coordinator_of()
    round_ = open_round(
        programme_in(),
        coordinator,
        groups={RespondentKind.LEADERS: 10, RespondentKind.EMPLOYEES: 6},
    )
    answers(group_of(round_, RespondentKind.LEADERS), 4, value=2)
    answers(group_of(round_, RespondentKind.EMPLOYEES), 5, value=4)
    client = client_for(coordinator)

    open_body = client.get(detail_url(round_)).content.decode()
    assert "Resultaterne vises, når målingen er lukket" in open_body
    services.close_round(round_, by=coordinator)
    body = client.get(detail_url(round_)).content.decode()

    assert "Svarprocenten blandt Ledere er kun 40 %" in body
    assert "Medarbejdere: gennemsnit pr. dimension" in body
    assert "Ledere: gennemsnit pr. dimension" not in body
    assert "Resultatet vises først, når mindst fem har svaret" in body


def test_the_follow_up_page_shows_the_first_round_beside_it(client_for):
    from phases.models import Phase

    coordinator = coordinator_of()
    programme = programme_in(Phase.DEVELOP)
    first = open_round(programme, coordinator, groups={RespondentKind.LEADERS: 5})
    answers(group_of(first), 5, value=2)
    services.close_round(first, by=coordinator)
    programme.phase_records.update(phase=Phase.ANCHOR)
    follow_up = open_round(
        programme, coordinator, kind=RoundKind.FOLLOW_UP, groups={RespondentKind.LEADERS: 5}
    )
    answers(group_of(follow_up), 5, value=4)
    services.close_round(follow_up, by=coordinator)

    body = client_for(coordinator).get(detail_url(follow_up)).content.decode()

    assert "Første måling</th>" in body
    assert "Den opfølgende måling står ved siden af den første måling" in body


def test_the_rounds_list_makes_as_many_queries_for_two_rounds_as_for_one(client_for, count_queries):
    from phases.models import Phase

    coordinator = coordinator_of()
    programme = programme_in(Phase.DEVELOP)
    first = open_round(programme, coordinator)
    answers(group_of(first), 2)
    client = client_for(coordinator)
    url = list_url(programme)
    client.get(url)
    one = count_queries(lambda: client.get(url))

    services.close_round(first, by=coordinator)
    programme.phase_records.update(phase=Phase.ANCHOR)
    follow_up = open_round(programme, coordinator, kind=RoundKind.FOLLOW_UP)
    for kind in RespondentKind.values:
        answers(group_of(follow_up, kind), 2)
    client.get(url)
    two = count_queries(lambda: client.get(url))

    assert one == two


def test_the_programme_page_has_a_section_on_the_measurement(client_for):
    coordinator = coordinator_of()
    programme = programme_in(coordinator=coordinator)
    client = client_for(coordinator)
    page = reverse("programmes:programme_detail", kwargs={"programme_pk": programme.pk})

    assert "Der er ikke taget nogen måling endnu" in client.get(page).content.decode()
    open_round(programme, coordinator)
    assert "Første måling: åben, 0 svar indtil nu." in client.get(page).content.decode()


def test_the_instrument_pages_are_sbst_staffs_and_only_administrators_change_it(client_for):
    admin_url = reverse("temperature:instrument")
    edit_url = reverse("temperature:dimension_edit", kwargs={"dimension_key": "borgerinddragelse"})

    assert client_for(coordinator_of()).get(admin_url).status_code == 404
    consultant_page = client_for(ConsultantFactory()).get(admin_url)
    assert consultant_page.status_code == 200
    assert edit_url not in consultant_page.content.decode()
    assert client_for(ConsultantFactory()).get(edit_url).status_code == 403
    admin_page = client_for(AdministratorFactory()).get(admin_url)
    assert edit_url in admin_page.content.decode()


def test_an_administrators_edit_of_a_used_version_saves_a_new_version(client_for):
    open_round(programme_in(), coordinator_of())
    client = client_for(AdministratorFactory())
    url = reverse("temperature:dimension_edit", kwargs={"dimension_key": "borgerinddragelse"})

    response = client.post(
        url,
        {
            "name": "Borgerinddragelse",
            "description": "",
            "position": "4",
            "statements": "Borgerne er med.\r\nBorgerne bestemmer.",
        },
        follow=True,
    )

    assert "Ændringen gælder version 2" in response.content.decode()
    assert list(Instrument.objects.values_list("version", flat=True)) == [2, 1]


def test_an_administrator_adds_a_dimension_and_changes_the_scale(client_for):
    client = client_for(AdministratorFactory())

    client.post(
        reverse("temperature:dimension_add"),
        {"name": "Fysiske rammer", "description": "", "statements": "Lokalerne er gode."},
    )
    client.post(
        reverse("temperature:scale_edit"), {"step_1": "Nej", "step_2": "Måske", "step_3": "Ja"}
    )

    current = services.current_instrument()
    assert current.dimensions.filter(name="Fysiske rammer").exists()
    assert current.scale == ["Nej", "Måske", "Ja"]
    version_page = client.get(
        reverse("temperature:instrument_version", kwargs={"instrument_version": 1})
    )
    assert "Fysiske rammer" in version_page.content.decode()
