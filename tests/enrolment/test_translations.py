"""Danish source texts that read right, and English that can be made from them."""

import datetime
import html
import re

import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope

from enrolment import services
from enrolment.activity import Action
from enrolment.templatetags.enrolment_tags import genitive
from programmes.errors import DomainError
from programmes.models import Cohort, Level, Membership, Programme
from tests.factories import member, municipality

from .factories import (
    director_token,
    draft_enrolment,
    open_cohort,
    ready_for_decision,
    submitted_enrolment,
)

Kind = Action
pytestmark = pytest.mark.django_db

A_MONDAY = datetime.datetime(2030, 1, 7, 11, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _danish_again_afterwards():
    """A request in English leaves English active in the thread; give the next test Danish."""
    with translation.override("da"):
        yield


def h1(response) -> str:
    return html.unescape(re.search(r"<h1>(.*?)</h1>", response.content.decode(), re.S)[1])


def in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


# The possessive of a municipality's name


@pytest.mark.parametrize(
    ("name", "danish", "english"),
    [
        ("Randers", "Randers'", "Randers'"),
        ("Roskilde", "Roskildes", "Roskilde's"),
        ("Fanø", "Fanøs", "Fanø's"),
        ("Vesthimmerlands", "Vesthimmerlands'", "Vesthimmerlands'"),
        ("Xyz", "Xyz'", "Xyz's"),
        ("", "", ""),
    ],
)
def test_genitive_follows_the_active_language(name, danish, english):
    with translation.override("da"):
        assert genitive(name) == danish
    with translation.override("en"):
        assert genitive(name) == english


def test_the_directors_page_for_randers_uses_the_danish_genitive(client):
    randers = municipality("Randers")
    with scope(municipality=[randers.pk]):  # built as Randers' coordinator's request would
        coordinator = member("Randers", role=Membership.Role.COORDINATOR)
        enrolment = submitted_enrolment(randers, coordinator)
        link = reverse("enrolment:director_approval", kwargs={"token": director_token(enrolment)})

    assert h1(client.get(link)) == "Godkend Randers' tilmelding"
    assert h1(in_english(client).get(link)) == "Approve Randers' enrolment"


def test_the_decision_mail_for_randers_names_the_municipality_without_a_genitive():
    context = {"municipality": "Randers", "cohort": "Hold august 2030", "approved": "ja"}

    with translation.override("da"):
        subject = render_to_string("enrolment/email/decision_subject.txt", context)
        body = render_to_string("enrolment/email/decision.txt", context)

    assert subject.strip() == "Tilmeldingen fra Randers er godkendt"
    assert (
        "Social- og Boligstyrelsen har godkendt tilmeldingen fra Randers til et strategisk "
        "udviklingsforløb på Hold august 2030." in body
    )
    assert "Randerss" not in body


# Plurals and lists


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (1, "Tilmeldingsmødet er afholdt den 7. januar 2030 med 1 deltager fra kommunen."),
        (2, "Tilmeldingsmødet er afholdt den 7. januar 2030 med 2 deltagere fra kommunen."),
    ],
)
def test_the_meeting_history_counts_participants_in_singular_and_plural(
    roskilde, roskilde_coordinator, consultant, count, text
):
    with time_machine.travel(A_MONDAY):
        enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
        services.record_enrolment_meeting(
            enrolment,
            by=consultant,
            meeting_date=timezone.localdate(),
            held=True,
            participants=[{"name": f"Chef {n}", "level": Level.CHIEF} for n in range(count)],
        )

    assert enrolment.activity.get(action=Kind.MEETING_RECORDED).message == text


def test_what_a_submission_lacks_is_listed_in_whole_sentences(roskilde, roskilde_coordinator):
    enrolment = draft_enrolment(
        roskilde, roskilde_coordinator, ambitions="", proposed_coordinator=None, director_email=""
    )

    with pytest.raises(DomainError) as error:
        services.submit_enrolment(enrolment, by=roskilde_coordinator)

    assert error.value.message == (
        "Tilmeldingen kan ikke indsendes endnu. Beskriv kommunens ønsker og ambitioner. "
        "Vælg en foreslået koordinator. Skriv direktørens e-mail."
    )


def test_the_missing_areas_of_criterion_1_are_listed_with_og(roskilde, roskilde_coordinator):
    enrolment = draft_enrolment(
        roskilde,
        roskilde_coordinator,
        includes_strategic_management=False,
        includes_authority_area=False,
        includes_social_offers=False,
    )

    assert enrolment.criteria[0].missing == (
        "Mangler: den strategiske ledelse, myndighedsområdet og de sociale tilbud."
    )
    with translation.override("en"):
        assert enrolment.criteria[0].missing == (
            "Missing: strategic management, the authority area and the social offers."
        )


def test_a_refused_move_is_one_whole_sentence_in_english(
    roskilde, roskilde_coordinator, consultant
):
    enrolment = draft_enrolment(roskilde, roskilde_coordinator)

    with translation.override("en"), pytest.raises(DomainError) as error:
        services.approve_enrolment(enrolment, by=consultant)

    assert error.value.message == (
        "The enrolment has the status “Draft” and so cannot be approved."
    )


# The history is stored as facts and read in the reader's language


def test_the_history_is_stored_as_facts_and_read_in_the_readers_language(
    roskilde, roskilde_coordinator, consultant
):
    with translation.override("en"), time_machine.travel(A_MONDAY):
        enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
        services.record_enrolment_meeting(
            enrolment,
            by=consultant,
            meeting_date=datetime.date(2030, 1, 20),
            held=False,
            participants=[],
        )

    entry = enrolment.activity.get(action=Kind.MEETING_RECORDED)
    assert entry.data == {"date": "2030-01-20", "held": False, "count": 0}
    assert entry.message == "Tilmeldingsmødet er planlagt til den 20. januar 2030."
    with translation.override("en"):
        assert entry.message == "The enrolment meeting is planned for 20 January 2030."


def test_the_steering_group_is_named_in_danish_whoever_approves(
    roskilde, roskilde_coordinator, consultant
):
    enrolment = ready_for_decision(roskilde, roskilde_coordinator, consultant)

    with translation.override("en"):
        services.approve_enrolment(enrolment, by=consultant)

    programme = Programme.objects.get(municipality=roskilde, cohort=enrolment.cohort)
    assert sorted(programme.groups.values_list("name", flat=True)) == [
        "Implementeringsgruppe",
        "Styregruppe",
    ]


# Dates in the reader's language


def test_an_error_shows_the_deadline_in_the_readers_language(roskilde, roskilde_coordinator):
    cohort = open_cohort(
        starts_on=datetime.date(2031, 8, 1), enrolment_deadline=datetime.date(2031, 5, 1)
    )
    with time_machine.travel(datetime.datetime(2031, 4, 1, 12, tzinfo=datetime.UTC)):
        enrolment = draft_enrolment(roskilde, roskilde_coordinator, cohort=cohort)

    after_deadline = datetime.datetime(2031, 5, 2, 12, tzinfo=datetime.UTC)
    with (
        time_machine.travel(after_deadline),
        translation.override("en"),
        pytest.raises(DomainError) as error,
    ):
        services.submit_enrolment(enrolment, by=roskilde_coordinator)

    assert "1 May 2031" in error.value.message


def test_the_enrolment_page_shows_dates_in_the_readers_language(
    client_for, roskilde, roskilde_coordinator
):
    with time_machine.travel(A_MONDAY):
        enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    page_url = reverse("enrolment:enrolment_detail", kwargs={"enrolment_pk": enrolment.pk})
    client = client_for(roskilde_coordinator)

    danish = client.get(page_url).content.decode()
    english = in_english(client).get(page_url).content.decode()

    assert "Indsendt den 7. januar 2030 af" in danish
    assert "7 January 2030" in english
    assert "januar" not in english


# Labels


def test_plural_model_names_can_be_translated_apart_from_the_singular():
    with translation.override("da"):
        assert str(Cohort._meta.verbose_name_plural) == "hold"
        assert str(Programme._meta.verbose_name_plural) == "udviklingsforløb"
    with translation.override("en"):
        assert str(Cohort._meta.verbose_name) == "cohort"
        assert str(Cohort._meta.verbose_name_plural) == "cohorts"
        assert str(Programme._meta.verbose_name_plural) == "programmes"
