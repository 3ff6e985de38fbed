"""The catalogue of indicators: every signed-in user reads it, SBST's administrators keep it."""

import pytest
from django.urls import reverse

from keyfigures import services
from keyfigures.activity import Action
from keyfigures.models import Indicator, Theme
from programmes.errors import DomainError
from programmes.models import ActivityEntry, Membership
from tests.factories import ConsultantFactory, member

from .factories import indicator

LIST = reverse("keyfigures:indicator_list")
ADD = reverse("keyfigures:indicator_add")


def edit_url(shown):
    return reverse("keyfigures:indicator_edit", kwargs={"indicator_pk": shown.pk})


def posted(**changes):
    data = {
        "code": "beskaeftigelse",
        "name": "Borgere i beskæftigelse",
        "theme": Theme.EDUCATION_EMPLOYMENT,
        "definition": "Andel af borgerne med støtte, der er i beskæftigelse.",
        "unit": "procent",
        "source": "Socialpsykiatriens Nøgletal",
        "higher_is_better": "on",
        "position": "1",
        "is_active": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_every_signed_in_user_reads_the_catalogue(client_for, db):
    indicator("Borgere med god trivsel", definition="Andel, der trives.", unit="procent")
    reader = member("Herning", role=Membership.Role.READER)

    response = client_for(reader).get(LIST)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Borgere med god trivsel" in body
    assert "Andel, der trives." in body
    assert ADD not in body


def test_the_catalogue_asks_a_signed_in_user_to_log_in(client, db):
    response = client.get(LIST)

    assert response.status_code == 302
    assert "login" in response.url or "log-ind" in response.url


@pytest.mark.cross_tenant  # SBST's own entries belong to no municipality
def test_an_administrator_adds_an_indicator_logged_as_sbsts(client_for, administrator):
    response = client_for(administrator).post(ADD, posted())

    added = Indicator.objects.get(code="beskaeftigelse")
    assert response.status_code == 302
    assert (added.name, added.theme, added.higher_is_better) == (
        "Borgere i beskæftigelse",
        Theme.EDUCATION_EMPLOYMENT,
        True,
    )
    entry = ActivityEntry.objects.get(action=Action.INDICATOR_ADDED)
    assert (entry.municipality_id, entry.actor) == (None, administrator)


@pytest.mark.cross_tenant  # SBST's own entries belong to no municipality
def test_an_administrator_changes_an_indicator_and_one_entry_names_the_fields(
    client_for, administrator
):
    shown = indicator(code="beskaeftigelse", name="Borgere i beskæftigelse")

    client_for(administrator).post(
        edit_url(shown),
        posted(
            name="Borgere i job",
            higher_is_better=None,
            source="Testdata",
            unit="procent",
            definition="Andel af borgerne med støtte.",
            theme=Theme.RECOVERY,
            position="0",
        ),
    )

    shown.refresh_from_db()
    assert (shown.name, shown.higher_is_better) == ("Borgere i job", False)
    entry = ActivityEntry.objects.get(action=Action.INDICATOR_CHANGED)
    assert entry.data == {"name": "Borgere i job", "fields": ["name", "higher_is_better"]}


def test_a_code_already_in_use_is_refused_by_the_field(client_for, administrator):
    indicator(code="beskaeftigelse")

    response = client_for(administrator).post(ADD, posted())

    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert Indicator.objects.count() == 1


def test_a_coordinator_is_refused_the_add_page_and_never_finds_an_indicator_to_edit(
    client_for, roskilde_coordinator
):
    shown = indicator()
    client = client_for(roskilde_coordinator)

    assert client.get(ADD).status_code == 403
    assert client.post(ADD, posted()).status_code == 403
    assert client.get(edit_url(shown)).status_code == 404
    assert client.post(edit_url(shown), posted()).status_code == 404
    assert Indicator.objects.count() == 1


def test_a_consultant_reads_an_indicator_but_only_an_administrator_changes_it(client_for, db):
    shown = indicator(name="Borgere i beskæftigelse")
    client = client_for(ConsultantFactory())

    page = client.get(edit_url(shown))

    assert page.status_code == 200
    assert page.context["form"] is None
    assert "Borgere i beskæftigelse" in page.content.decode()
    assert client.post(edit_url(shown), posted(name="Andet")).status_code == 403
    assert client.post(ADD, posted()).status_code == 403
    shown.refresh_from_db()
    assert shown.name == "Borgere i beskæftigelse"


@pytest.mark.cross_tenant  # SBST's own entries belong to no municipality
def test_the_service_refuses_a_code_in_use_and_changes_nothing_of_the_indicator(administrator):
    indicator(code="beskaeftigelse")
    shown = indicator(code="trivsel", name="Trivsel")

    with pytest.raises(DomainError) as refusal:
        services.change_indicator(shown, by=administrator, code="beskaeftigelse", name="Andet")

    assert (refusal.value.message, refusal.value.field) == (
        "Der er allerede et nøgletal med den kode.",
        "code",
    )
    shown.refresh_from_db()
    assert (shown.code, shown.name) == ("trivsel", "Trivsel")
    assert not ActivityEntry.objects.filter(action=Action.INDICATOR_CHANGED).exists()


@pytest.mark.cross_tenant  # SBST's own entries belong to no municipality
def test_the_service_writes_only_the_fields_it_is_given_that_differ(administrator):
    shown = indicator(code="trivsel", name="Trivsel", position=2)

    same = services.change_indicator(shown, by=administrator, code="trivsel", name="Trivsel")
    changed = services.change_indicator(shown, by=administrator, code="trivsel", position=5)

    assert (same.position, changed.position) == (2, 5)
    shown.refresh_from_db()
    assert (shown.code, shown.name, shown.position) == ("trivsel", "Trivsel", 5)
    entry = ActivityEntry.objects.get(action=Action.INDICATOR_CHANGED)
    assert entry.data == {"name": "Trivsel", "fields": ["position"]}
