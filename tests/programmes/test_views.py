import pytest
from django.urls import reverse

from programmes.middleware import SESSION_KEY
from programmes.models import Membership
from tests.factories import ConsultantFactory, ProgrammeFactory, member
from tests.factories import municipality as named


def test_coordinator_start_page_shows_their_municipality_and_programme(
    client_for, roskilde_coordinator, roskilde, herning
):
    ProgrammeFactory(municipality=roskilde, cohort__name="Hold august 2027")
    ProgrammeFactory(municipality=herning, cohort__name="Hold januar 2028")

    response = client_for(roskilde_coordinator).get(reverse("home"))

    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["municipality"] == roskilde
    assert [p.cohort.name for p in response.context["programmes"]] == ["Hold august 2027"]
    assert "Hold januar 2028" not in body


def test_coordinator_without_programme_is_shown_the_way_to_enrol(client_for, roskilde_coordinator):
    response = client_for(roskilde_coordinator).get(reverse("home"))

    assert reverse("enrolment:start") in response.content.decode()


def test_consultant_start_page_lists_every_municipality(client_for, consultant):
    response = client_for(consultant).get(reverse("home"))

    assert response.status_code == 200
    assert len(response.context["municipalities"]) == 98
    assert "Vallensbæk" in response.content.decode()


def test_municipality_list_can_be_filtered_by_region(client_for, consultant):
    response = client_for(consultant).get(
        reverse("programmes:municipality_list"), {"region": "nordjylland"}
    )

    assert len(response.context["municipalities"]) == 11


def test_coordinator_cannot_open_the_consultants_municipality_list(
    client_for, roskilde_coordinator
):
    response = client_for(roskilde_coordinator).get(reverse("programmes:municipality_list"))

    assert response.status_code == 403


def test_coordinator_can_open_own_municipality_but_not_another(
    client_for, roskilde_coordinator, roskilde, herning
):
    client = client_for(roskilde_coordinator)

    own = client.get(reverse("programmes:municipality_detail", args=[roskilde.code]))
    other = client.get(reverse("programmes:municipality_detail", args=[herning.code]))

    assert own.status_code == 200
    assert other.status_code == 404


def test_user_switches_between_own_municipalities_only(client_for, roskilde, herning, db):
    user = member("Roskilde")
    Membership.objects.create(user=user, municipality=herning, role=Membership.Role.READER)
    member("Randers")
    randers_pk = named("Randers").pk
    client = client_for(user)

    client.post(reverse("programmes:switch_municipality"), {"municipality": herning.pk})
    assert client.get(reverse("home")).context["municipality"] == herning

    refused = client.post(reverse("programmes:switch_municipality"), {"municipality": randers_pk})
    assert refused.status_code == 404
    assert client.session[SESSION_KEY] == herning.pk


def test_start_page_shows_a_switcher_only_with_several_municipalities(
    client_for, roskilde_coordinator, herning
):
    client = client_for(roskilde_coordinator)
    assert len(client.get(reverse("home")).context["user_municipalities"]) == 1

    Membership.objects.create(
        user=roskilde_coordinator, municipality=herning, role=Membership.Role.READER
    )
    body = client.get(reverse("home")).content.decode()
    assert reverse("programmes:switch_municipality") in body


def programme_of(name):
    """A programme with a coordinator and an SBST contact, which the lists show."""
    return ProgrammeFactory(
        municipality=named(name), coordinator=member(name), primary_contact=ConsultantFactory()
    )


@pytest.mark.cross_tenant  # SBST's portfolio spans the municipalities
@pytest.mark.parametrize("page", ["home", "programmes:municipality_list"])
def test_the_portfolio_makes_as_many_queries_for_five_programmes_as_for_one(
    client_for, consultant, count_queries, page
):
    client = client_for(consultant)
    url = reverse(page)
    programme_of("Roskilde")
    client.get(url)
    one = count_queries(lambda: client.get(url))

    for name in ["Roskilde", "Herning", "Randers", "Aalborg"]:
        programme_of(name)
    five = count_queries(lambda: client.get(url))

    assert one == five
    listed = [p for m in client.get(url).context["municipalities"] for p in m.programmes.all()]
    assert len(listed) == 5


@pytest.mark.parametrize("page", ["home", "programmes:municipality_detail"])
def test_the_municipalitys_programmes_take_as_many_queries_for_five_as_for_one(
    client_for, roskilde_coordinator, roskilde, count_queries, page
):
    client = client_for(roskilde_coordinator)
    url = reverse(page, args=[roskilde.code] if page != "home" else [])
    programme_of("Roskilde")
    client.get(url)
    one = count_queries(lambda: client.get(url))

    for _ in range(4):
        programme_of("Roskilde")
    five = count_queries(lambda: client.get(url))

    assert one == five
    assert len(client.get(url).context["programmes"]) == 5


def test_anonymous_visitor_is_sent_to_login(client, db):
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_pages_are_danish_even_when_the_browser_asks_for_english(client, db):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.headers["Content-Language"] == "da"
    assert '<html lang="da">' in response.content.decode()


def test_the_language_follows_the_cookie_so_responses_vary_by_cookie_not_by_accept_language(
    client, db
):
    # The health check reads no session: only the language makes its response vary.
    response = client.get(reverse("healthz"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.headers["Vary"] == "Cookie"
    assert response.headers["Content-Language"] == "da"


def test_the_language_switch_turns_the_pages_english(client, db, settings):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = client.get(reverse("accounts:login"))

    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_switching_to_a_malformed_municipality_id_is_404_not_an_error(
    client_for, roskilde_coordinator
):
    response = client_for(roskilde_coordinator).post(
        reverse("programmes:switch_municipality"), {"municipality": "abc"}
    )

    assert response.status_code == 404
