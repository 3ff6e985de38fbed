"""Dated versions of the organisational assessment: numbered, kept, and only made when they
say something new."""

import datetime
import threading

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from assessments import services
from assessments.models import Assessment, Dimension, Rating
from programmes.errors import DomainError
from programmes.models import ActivityEntry
from tests.factories import ProgrammeFactory, member
from tests.forms import posted_form
from tests.programmes.test_people import _wait_until_a_session_waits_for_my_locks

from .factories import assess, dimensions, ratings, version


@pytest.fixture
def programme(roskilde, roskilde_coordinator):
    return ProgrammeFactory(municipality=roskilde, coordinator=roskilde_coordinator)


def add_url(programme):
    return reverse("assessments:assessment_add", kwargs={"programme_pk": programme.pk})


def test_versions_are_numbered_in_order_and_an_earlier_one_never_changes(
    programme, roskilde_coordinator
):
    first = version(programme, roskilde_coordinator, [1, 2, 3, 3, 2, 1], days_ago=30)
    kept = list(first.ratings.order_by("id").values())

    second = version(programme, roskilde_coordinator, [2, 3, 3, 3, 2, 2], days_ago=2)

    assert [first.number, second.number] == [1, 2]
    assert list(first.ratings.order_by("id").values()) == kept
    assert Assessment.objects.get(pk=first.pk).assessed_on == first.assessed_on
    assert sorted(second.ratings.values_list("score", flat=True)) == [2, 2, 2, 3, 3, 3]


def test_each_programme_numbers_its_own_versions(roskilde, roskilde_coordinator):
    one, other = ProgrammeFactory(municipality=roskilde), ProgrammeFactory(municipality=roskilde)
    version(one, roskilde_coordinator)

    assert version(other, roskilde_coordinator).number == 1


def test_a_new_version_writes_one_history_line(programme, roskilde_coordinator):
    before = ActivityEntry.objects.count()

    assessment = version(programme, roskilde_coordinator)

    entry = ActivityEntry.objects.get(action="assessments.added")
    assert ActivityEntry.objects.count() == before + 1
    assert (entry.programme_id, entry.object_id, entry.actor) == (
        programme.pk,
        assessment.pk,
        roskilde_coordinator,
    )
    assert entry.message.startswith("Version 1 af den organisatoriske ramme er vurderet den")


def test_saving_what_the_latest_version_says_adds_nothing_and_logs_nothing(
    programme, roskilde_coordinator
):
    latest = version(programme, roskilde_coordinator, [2, 3, 3, 3, 2, 2], summary="Samlet")
    entries = ActivityEntry.objects.count()

    again, created = assess(programme, roskilde_coordinator, [2, 3, 3, 3, 2, 2], summary="Samlet")

    assert (again, created) == (latest, False)
    assert Assessment.objects.filter(programme=programme).count() == 1
    assert ActivityEntry.objects.count() == entries


@pytest.mark.parametrize(
    "change",
    [
        {"scores": [3, 3, 3, 3, 2, 2]},
        {"justification": "En ny begrundelse"},
        {"evidence": "Et nyt bilag"},
        {"summary": "En ny samlet vurdering"},
    ],
    ids=["score", "justification", "evidence", "summary"],
)
def test_any_new_score_or_text_makes_a_new_version(programme, roskilde_coordinator, change):
    version(programme, roskilde_coordinator, [2, 3, 3, 3, 2, 2])
    options = {"scores": [2, 3, 3, 3, 2, 2], **change}

    assessment, created = assess(programme, roskilde_coordinator, options.pop("scores"), **options)

    assert created and assessment.number == 2


def test_a_line_break_as_the_browser_sends_it_is_not_a_change(programme, roskilde_coordinator):
    version(programme, roskilde_coordinator, justification="Linje 1\nLinje 2")

    _latest, created = assess(programme, roskilde_coordinator, justification="Linje 1\r\nLinje 2")

    assert not created


def test_posting_the_form_as_shown_creates_nothing_and_says_so(
    programme, roskilde_coordinator, client_for
):
    version(programme, roskilde_coordinator, [2, 3, 3, 3, 2, 2], justification="Linje 1\nLinje 2")
    client = client_for(roskilde_coordinator)
    shown = client.get(add_url(programme))

    response = client.post(add_url(programme), posted_form(shown.content.decode()), follow=True)

    assert Assessment.objects.filter(programme=programme).count() == 1
    assert "Intet er ændret siden version 1" in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse(
        "assessments:assessment_list", kwargs={"programme_pk": programme.pk}
    )


def test_the_form_is_filled_in_from_the_latest_version(programme, roskilde_coordinator, client_for):
    version(programme, roskilde_coordinator, [1, 1, 1, 1, 1, 1], days_ago=9)
    version(programme, roskilde_coordinator, [5, 4, 3, 2, 1, 5], evidence="Notat fra mødet")

    data = posted_form(client_for(roskilde_coordinator).get(add_url(programme)).content.decode())

    shown = [int(data[f"dimension-{d.pk}-score"][0]) for d in dimensions()]
    assert shown == [5, 4, 3, 2, 1, 5]
    assert {data[f"dimension-{d.pk}-evidence"][0] for d in dimensions()} == {"Notat fra mødet"}


def test_a_new_version_from_the_form_is_saved_and_shown(
    programme, roskilde_coordinator, client_for
):
    client = client_for(roskilde_coordinator)
    data = posted_form(client.get(add_url(programme)).content.decode())
    for dimension in dimensions():
        data[f"dimension-{dimension.pk}-score"] = ["4"]
        data[f"dimension-{dimension.pk}-justification"] = [f"Sådan står det: {dimension.name}"]

    response = client.post(add_url(programme), data, follow=True)

    assessment = Assessment.objects.get(programme=programme)
    assert response.redirect_chain[-1][0] == reverse(
        "assessments:assessment_detail",
        kwargs={"programme_pk": programme.pk, "assessment_number": 1},
    )
    assert "Version 1 af den organisatoriske ramme er gemt." in response.content.decode()
    assert set(assessment.ratings.values_list("score", flat=True)) == {4}
    assert assessment.created_by == roskilde_coordinator


def _empty_form(client, programme):
    return posted_form(client.get(add_url(programme)).content.decode())


def test_a_justification_is_required_with_a_danish_message_by_the_field(
    programme, roskilde_coordinator, client_for
):
    client = client_for(roskilde_coordinator)
    data = _empty_form(client, programme)
    first, *others = dimensions()
    for dimension in dimensions():
        data[f"dimension-{dimension.pk}-score"] = ["3"]
        data[f"dimension-{dimension.pk}-justification"] = ["Begrundet"]
    data[f"dimension-{first.pk}-justification"] = ["   "]

    response = client.post(add_url(programme), data)

    assert response.status_code == 200
    form = response.context["rating_forms"][0]
    assert form.dimension == first
    assert form.errors == {"justification": ["Skriv en begrundelse for vurderingen."]}
    body = response.content.decode()
    field = body[body.index(f'id="div_id_dimension-{first.pk}-justification"') :]
    assert field.index("Skriv en begrundelse for vurderingen.") < field.index("</div>")
    assert "Der er problemer med formularen" in body
    assert not Assessment.objects.filter(programme=programme).exists()


def test_a_dimension_without_a_score_is_refused(programme, roskilde_coordinator, client_for):
    client = client_for(roskilde_coordinator)
    data = _empty_form(client, programme)
    for dimension in dimensions():
        data[f"dimension-{dimension.pk}-justification"] = ["Begrundet"]

    response = client.post(add_url(programme), data)

    errors = [f.errors.get("score") for f in response.context["rating_forms"]]
    assert errors == [["Vælg en vurdering fra 1 til 5."]] * len(dimensions())
    assert not Assessment.objects.filter(programme=programme).exists()


@pytest.mark.parametrize("text", ["Jf. sagen for 010203-1234", "Ring på 12 34 56 78", "a@b.dk"])
def test_a_justification_naming_a_citizen_is_refused_and_nothing_saved(
    programme, roskilde_coordinator, client_for, text
):
    client = client_for(roskilde_coordinator)
    data = _empty_form(client, programme)
    first = dimensions()[0]
    for dimension in dimensions():
        data[f"dimension-{dimension.pk}-score"] = ["3"]
        data[f"dimension-{dimension.pk}-justification"] = ["Begrundet"]
    data[f"dimension-{first.pk}-justification"] = [text]

    response = client.post(add_url(programme), data)

    [message] = response.context["rating_forms"][0].errors["justification"]
    assert message.startswith("Teksten ser ud til at indeholde")
    assert not Assessment.objects.filter(programme=programme).exists()


def test_the_service_refuses_a_cpr_number_too(programme, roskilde_coordinator):
    wanted = ratings()
    wanted[2]["evidence"] = "Borgeren med CPR 311299 1234 sagde det"

    with pytest.raises(DomainError, match="CPR-nummer"):
        services.add_assessment(
            programme,
            by=roskilde_coordinator,
            assessed_on=timezone.localdate(),
            ratings=wanted,
        )

    assert not Rating.objects.exists() and not Assessment.objects.exists()


def test_every_dimension_in_use_is_rated_once(programme, roskilde_coordinator):
    with pytest.raises(DomainError, match="Vurdér hver dimension"):
        services.add_assessment(
            programme,
            by=roskilde_coordinator,
            assessed_on=timezone.localdate(),
            ratings=ratings()[1:],
        )


def test_a_version_cannot_be_dated_in_the_future_or_before_the_latest(
    programme, roskilde_coordinator
):
    version(programme, roskilde_coordinator, days_ago=5)

    with pytest.raises(DomainError, match="fremtiden"):
        assess(programme, roskilde_coordinator, [4] * 6, days_ago=-1)
    with pytest.raises(DomainError, match="før version 1"):
        assess(programme, roskilde_coordinator, [4] * 6, days_ago=6)


def test_a_retired_dimension_is_left_out_of_the_next_version_and_kept_in_the_earlier(
    programme, roskilde_coordinator, client_for
):
    first = version(programme, roskilde_coordinator)
    retired = Dimension.objects.get(name="Kompetencer")
    retired.is_active = False
    retired.save()

    page = client_for(roskilde_coordinator).get(add_url(programme)).content.decode()
    second = version(programme, roskilde_coordinator, [4] * 5)

    assert "Kompetencer" not in page
    assert first.ratings.filter(dimension=retired).exists()
    assert not second.ratings.filter(dimension=retired).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_saving_at_once_get_the_next_two_numbers(roskilde):
    programme = ProgrammeFactory(municipality=roskilde)
    a, b = member("Roskilde"), member("Roskilde")
    a_holds_lock, b_finished = threading.Event(), threading.Event()
    outcome = {}

    def a_saves():
        with scope(municipality=[roskilde.pk]), transaction.atomic():
            outcome["a"] = version(programme, a, [2] * 6).number
            a_holds_lock.set()
            outcome["b waited"] = _wait_until_a_session_waits_for_my_locks(unless=b_finished)
        connection.close()

    def b_saves():
        a_holds_lock.wait(10)
        try:
            with scope(municipality=[roskilde.pk]):
                outcome["b"] = version(programme, b, [3] * 6).number
        finally:
            b_finished.set()
            connection.close()

    threads = [threading.Thread(target=a_saves), threading.Thread(target=b_saves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    assert outcome == {"a": 1, "b waited": True, "b": 2}
    numbers = Assessment.objects.filter(programme=programme).values_list("number", flat=True)
    assert sorted(numbers) == [1, 2]


def test_a_date_typed_on_the_form_is_the_versions_date(programme, roskilde_coordinator, client_for):
    client = client_for(roskilde_coordinator)
    data = _empty_form(client, programme)
    day = timezone.localdate() - datetime.timedelta(days=3)
    data.update(
        assessed_on_day=[str(day.day)],
        assessed_on_month=[str(day.month)],
        assessed_on_year=[str(day.year)],
    )
    for dimension in dimensions():
        data[f"dimension-{dimension.pk}-score"] = ["2"]
        data[f"dimension-{dimension.pk}-justification"] = ["Begrundet"]

    client.post(add_url(programme), data)

    assert Assessment.objects.get(programme=programme).assessed_on == day
