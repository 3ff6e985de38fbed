"""A municipality's own figures: its coordinator and SBST add and correct them; a published
figure is never overwritten."""

from decimal import Decimal

from django.urls import reverse

from keyfigures.activity import Action
from keyfigures.models import FigureValue, Source
from programmes.models import ActivityEntry, Membership
from tests.factories import ConsultantFactory, member
from tests.factories import municipality as named

from .factories import figure, indicator

Role = Membership.Role


def add_url(code="265"):
    return reverse("keyfigures:figure_add", kwargs={"code": code})


def edit_url(shown, code="265"):
    return reverse("keyfigures:figure_edit", kwargs={"code": code, "figure_pk": shown.pk})


def test_the_coordinator_adds_a_local_figure_shown_as_the_municipalitys_own(
    client_for, roskilde, roskilde_coordinator
):
    trivsel = indicator("Trivsel")
    client = client_for(roskilde_coordinator)

    response = client.post(add_url(), {"indicator": trivsel.pk, "year": "2024", "value": "12,5"})

    stored = FigureValue.objects.get()
    assert response.status_code == 302
    assert (stored.municipality, stored.source, stored.value, stored.entered_by) == (
        roskilde,
        Source.LOCAL,
        Decimal("12.500"),
        roskilde_coordinator,
    )
    entry = ActivityEntry.objects.get(action=Action.LOCAL_FIGURE_ADDED)
    assert entry.municipality == roskilde
    page = client.get(reverse("keyfigures:municipality_figures", kwargs={"code": "265"}))
    assert "12,5 (kommunens eget tal)" in page.content.decode()


def test_a_published_figure_cannot_be_overwritten_with_a_local_one(
    client_for, roskilde, roskilde_coordinator
):
    trivsel = indicator("Trivsel")
    figure(roskilde, trivsel, 2024, 40)

    response = client_for(roskilde_coordinator).post(
        add_url(), {"indicator": trivsel.pk, "year": "2024", "value": "12"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "year": [
            "Der er et offentliggjort tal for »Trivsel« i 2024 (40). Et offentliggjort tal kan "
            "ikke overskrives med kommunens eget tal."
        ]
    }
    assert list(FigureValue.objects.values_list("source", "value")) == [
        (Source.PUBLISHED, Decimal("40.000"))
    ]


def test_moving_a_local_figure_onto_a_published_year_is_refused(
    client_for, roskilde, roskilde_coordinator
):
    trivsel = indicator("Trivsel")
    figure(roskilde, trivsel, 2023, 40)
    own = figure(roskilde, trivsel, 2024, 12, local=True)

    response = client_for(roskilde_coordinator).post(
        edit_url(own), {"indicator": trivsel.pk, "year": "2023", "value": "12"}
    )

    assert "year" in response.context["form"].errors
    own.refresh_from_db()
    assert own.year == 2024


def test_the_coordinator_corrects_a_local_figure_with_one_entry(
    client_for, roskilde, roskilde_coordinator
):
    trivsel = indicator("Trivsel")
    own = figure(roskilde, trivsel, 2024, 12, local=True)

    client_for(roskilde_coordinator).post(
        edit_url(own), {"indicator": trivsel.pk, "year": "2024", "value": "13,25"}
    )

    own.refresh_from_db()
    assert own.value == Decimal("13.250")
    assert ActivityEntry.objects.filter(action=Action.LOCAL_FIGURE_CHANGED).count() == 1


def test_a_published_figure_is_not_found_on_the_edit_page(
    client_for, roskilde, roskilde_coordinator
):
    published = figure(roskilde, indicator(), 2024, 40)

    assert client_for(roskilde_coordinator).get(edit_url(published)).status_code == 404


def test_only_the_coordinator_and_sbst_enter_local_figures(client, roskilde):
    trivsel = indicator()
    own = figure(roskilde, trivsel, 2024, 12, local=True)
    for user, status in (
        (member("Roskilde", role=Role.READER), 403),
        (member("Roskilde", role=Role.STEERING), 403),
        (member("Herning"), 404),
        (ConsultantFactory(), 200),
    ):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        assert client.get(add_url()).status_code == status, user
        assert client.get(edit_url(own)).status_code == status, user


def test_a_figure_named_under_another_municipalitys_code_is_not_found(
    client_for, roskilde, roskilde_coordinator
):
    own = figure(roskilde, indicator(), 2024, 12, local=True)
    Membership.objects.create(
        user=roskilde_coordinator, municipality=named("Herning"), role=Role.COORDINATOR
    )

    response = client_for(roskilde_coordinator).get(edit_url(own, code="657"))

    assert response.status_code == 404
