"""Recording, changing and removing a reviewed case: one transaction, one activity entry
without the case's free text, the ten of the concept, pseudonyms unique whatever their
capitalisation, and the guard against CPR numbers, e-mail addresses and phone numbers."""

import pytest
from django.urls import reverse
from django.utils import translation

from casereview import services
from casereview.models import PrincipleFinding, ReviewedCase
from programmes.activity import describe, log_action
from programmes.errors import DomainError
from programmes.models import ActivityEntry, Principle

from .factories import details, findings, form_data, recorded_case


def _add_url(programme):
    return reverse("casereview:case_add", kwargs={"programme_pk": programme.pk})


def _edit_url(case):
    return reverse(
        "casereview:case_edit", kwargs={"programme_pk": case.programme_id, "case_pk": case.pk}
    )


def test_a_case_is_recorded_with_its_eight_findings_and_one_activity_entry(programme, coordinator):
    case = services.record_case(
        programme,
        by=coordinator,
        details=details("Sag 1", note="Planen følger borgerens mål."),
        findings=findings("partly", p2=("clearly", "Ressourcerne er beskrevet.")),
    )

    rows = list(case.findings.order_by("principle").values_list("principle", "shows", "note"))
    assert len(rows) == 8
    assert rows[1] == (Principle.RESOURCES, "clearly", "Ressourcerne er beskrevet.")
    assert rows[0] == (Principle.HOPES, "partly", "")
    entry = ActivityEntry.objects.get()
    assert (entry.action, entry.programme_id, entry.actor) == (
        "casereview.case_recorded",
        programme.pk,
        coordinator,
    )
    assert entry.data == {"area": "authority", "cases": 1, "target": 10}
    assert entry.message == "En sag fra myndighed er føjet til sagsgennemgangen (1 af 10)."


def test_the_activity_log_holds_no_free_text_of_a_case(programme, coordinator):
    case = services.record_case(
        programme,
        by=coordinator,
        details=details("Hemmelig etiket", note="Samlet note om sagen"),
        findings=findings(p1=("clearly", "Note om håb")),
    )
    services.change_case(
        case,
        by=coordinator,
        details=details("Anden etiket", note="Ny samlet note"),
        findings=findings(p1=("partly", "Ny note om håb")),
    )
    services.remove_case(case, by=coordinator)

    logged = repr(list(ActivityEntry.objects.values_list("data", flat=True)))
    for text in ("etiket", "Samlet note", "Ny samlet note", "Note om håb", "Ny note om håb"):
        assert text not in logged
    assert [e.action for e in ActivityEntry.objects.order_by("id")] == [
        "casereview.case_recorded",
        "casereview.case_changed",
        "casereview.case_removed",
    ]


def test_the_page_records_a_case_and_shows_it(programme, coordinator, client_for):
    client = client_for(coordinator)

    response = client.post(
        _add_url(programme),
        form_data("Sag 7", note="Borgeren ønsker at arbejde.", **{"principle-3-shows": "not"}),
    )

    case = ReviewedCase.objects.get()
    assert response.status_code == 302
    assert response.url == reverse(
        "casereview:case_detail", kwargs={"programme_pk": programme.pk, "case_pk": case.pk}
    )
    assert case.created_by == coordinator
    assert case.findings.get(principle=3).shows == "not"
    page = client.get(response.url).content.decode()
    assert "Borgeren ønsker at arbejde." in page


def test_every_principle_must_say_whether_it_shows(programme, coordinator, client_for):
    data = form_data("Sag 1")
    del data["principle-4-shows"]

    response = client_for(coordinator).post(_add_url(programme), data)

    assert response.status_code == 200
    form = response.context["forms"].findings[3]
    assert form.errors["shows"] == [
        "Vælg, om princippet kommer til udtryk: tydeligt, delvist, ikke eller ikke relevant."
    ]
    assert not ReviewedCase.objects.exists()


def test_an_eleventh_case_is_refused_by_the_service(programme, coordinator):
    for number in range(1, 11):
        recorded_case(programme, coordinator, f"Sag {number}")

    with pytest.raises(DomainError) as refusal:
        recorded_case(programme, coordinator, "Sag 11")

    assert refusal.value.message == (
        "Gennemgangen har allerede sine 10 sager. Fjern en sag, før du registrerer en ny."
    )
    assert ReviewedCase.objects.count() == 10
    assert ActivityEntry.objects.count() == 10


def test_the_page_refuses_an_eleventh_case_with_a_clear_message(programme, coordinator, client_for):
    for number in range(1, 11):
        recorded_case(programme, coordinator, f"Sag {number}")
    client = client_for(coordinator)

    asked = client.get(_add_url(programme), follow=True)
    posted = client.post(_add_url(programme), form_data("Sag 11"))

    message = "Gennemgangen har allerede sine 10 sager. Fjern en sag, før du registrerer en ny."
    assert asked.redirect_chain[-1][0] == reverse(
        "casereview:review", kwargs={"programme_pk": programme.pk}
    )
    assert message in asked.content.decode()
    assert posted.status_code == 200
    assert message in posted.content.decode()
    assert ReviewedCase.objects.count() == 10
    review = client.get(reverse("casereview:review", kwargs={"programme_pk": programme.pk}))
    assert _add_url(programme) not in review.content.decode()


def test_a_pseudonym_taken_in_other_capitalisation_is_refused_next_to_the_field(
    programme, coordinator, client_for
):
    recorded_case(programme, coordinator, "Sag Æble")

    response = client_for(coordinator).post(_add_url(programme), form_data("sag æBLE"))

    assert response.status_code == 200
    assert response.context["forms"].case.errors["label"] == [
        "Forløbet har allerede en sag med pseudonymet »sag æBLE« (store og små bogstaver "
        "tæller ikke). Vælg et andet pseudonym."
    ]
    assert list(ReviewedCase.objects.values_list("label", flat=True)) == ["Sag Æble"]


def test_the_service_refuses_a_taken_pseudonym_too(programme, coordinator):
    recorded_case(programme, coordinator, "Sag A")
    other = recorded_case(programme, coordinator, "Sag B")

    with pytest.raises(DomainError) as adding:
        recorded_case(programme, coordinator, "SAG A")
    with pytest.raises(DomainError) as renaming:
        services.change_case(other, by=coordinator, details=details("sag a"), findings=findings())

    assert adding.value.field == renaming.value.field == "label"
    assert sorted(ReviewedCase.objects.values_list("label", flat=True)) == ["Sag A", "Sag B"]


def test_the_same_pseudonym_may_be_used_in_another_programme(programme, coordinator, roskilde):
    from .factories import review_programme

    recorded_case(programme, coordinator, "Sag 1")

    recorded_case(review_programme(roskilde), coordinator, "Sag 1")

    assert ReviewedCase.objects.filter(label="Sag 1").count() == 2


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("note", "Borgeren 010190-1234 ønsker at flytte."),
        ("principle-2-note", "Ressourcer: se 0101901234."),
        ("label", "Sag 010190 1234"),
    ],
)
def test_a_cpr_number_is_refused_next_to_its_field_and_nothing_is_saved(
    field, text, programme, coordinator, client_for
):
    response = client_for(coordinator).post(_add_url(programme), form_data(**{field: text}))

    forms = response.context["forms"]
    form = forms.findings[1] if field.startswith("principle-") else forms.case
    name = field.rsplit("-", 1)[-1]
    assert response.status_code == 200
    assert form.errors[name][0].startswith("Teksten ser ud til at indeholde et CPR-nummer.")
    page = response.content.decode()
    assert 'class="form-error-message"' in page or "form-error" in page
    assert not ReviewedCase.objects.exists()
    assert not PrincipleFinding.objects.exists()
    assert not ActivityEntry.objects.exists()


def test_an_email_address_or_phone_number_in_an_edited_note_is_refused(
    programme, coordinator, client_for
):
    case = recorded_case(programme, coordinator, note="Første note.")
    client = client_for(coordinator)

    email = client.post(_edit_url(case), form_data(note="Skriv til borger@example.dk"))
    phone = client.post(_edit_url(case), form_data(**{"principle-8-note": "Ring 12 34 56 78"}))

    assert (
        email.context["forms"]
        .case.errors["note"][0]
        .startswith("Teksten ser ud til at indeholde en e-mailadresse.")
    )
    assert (
        phone.context["forms"]
        .findings[7]
        .errors["note"][0]
        .startswith("Teksten ser ud til at indeholde et telefonnummer.")
    )
    case.refresh_from_db()
    assert case.note == "Første note."
    assert ActivityEntry.objects.count() == 1


def test_the_service_refuses_a_cpr_number_whoever_calls_it(programme, coordinator):
    with pytest.raises(DomainError) as refusal:
        services.record_case(
            programme,
            by=coordinator,
            details=details(),
            findings=findings(p5=("partly", "Født 290296-1234")),
        )

    assert "CPR-nummer" in str(refusal.value)
    assert not ReviewedCase.objects.exists()


def test_changing_a_case_saves_what_changed_and_logs_once(programme, coordinator):
    case = recorded_case(programme, coordinator)
    before = {f.principle: f.pk for f in case.findings.all()}

    services.change_case(
        case,
        by=coordinator,
        details=details("Sag 1", area="residential"),
        findings=findings(p4=("not", "Mangler i handleplanen.")),
    )

    case.refresh_from_db()
    assert case.area == "residential"
    finding = case.findings.get(principle=4)
    assert (finding.pk, finding.shows, finding.note) == (
        before[4],
        "not",
        "Mangler i handleplanen.",
    )
    entry = ActivityEntry.objects.order_by("id").last()
    assert entry.action == "casereview.case_changed"
    assert entry.data == {"area": "residential", "fields": ["area"], "principles": [4]}
    assert ActivityEntry.objects.count() == 2


def test_saving_a_case_unchanged_changes_nothing_and_logs_nothing(programme, coordinator):
    case = recorded_case(programme, coordinator, note="Note")
    rows = list(ReviewedCase.objects.values()), list(PrincipleFinding.objects.values())

    services.change_case(case, by=coordinator, details=details(note=" Note "), findings=findings())

    assert (list(ReviewedCase.objects.values()), list(PrincipleFinding.objects.values())) == rows
    assert ActivityEntry.objects.count() == 1


def test_the_edit_page_posted_back_as_shown_is_accepted_and_changes_nothing(
    programme, coordinator, client_for
):
    from tests.forms import posted_form

    case = recorded_case(programme, coordinator, note="Linje 1\nLinje 2")
    client = client_for(coordinator)
    rows = list(ReviewedCase.objects.values()), list(PrincipleFinding.objects.values())

    shown = client.get(_edit_url(case))
    response = client.post(_edit_url(case), posted_form(shown.content.decode()))

    assert response.status_code == 302  # the form was valid
    assert (list(ReviewedCase.objects.values()), list(PrincipleFinding.objects.values())) == rows
    assert ActivityEntry.objects.count() == 1


def test_removing_a_case_asks_first_then_removes_it_and_its_findings(
    programme, coordinator, client_for
):
    case = recorded_case(programme, coordinator)
    recorded_case(programme, coordinator, "Sag 2")
    client = client_for(coordinator)
    url = reverse(
        "casereview:case_remove", kwargs={"programme_pk": programme.pk, "case_pk": case.pk}
    )

    asked = client.get(url)
    assert asked.status_code == 200
    assert ReviewedCase.objects.filter(pk=case.pk).exists()

    removed = client.post(url)

    assert removed.url == reverse("casereview:review", kwargs={"programme_pk": programme.pk})
    assert list(ReviewedCase.objects.values_list("label", flat=True)) == ["Sag 2"]
    assert PrincipleFinding.objects.count() == 8
    entry = ActivityEntry.objects.order_by("id").last()
    assert (entry.action, entry.object_id, entry.data["cases"]) == (
        "casereview.case_removed",
        case.pk,
        1,
    )
    assert client.post(url).status_code == 404  # gone is gone


def test_removing_a_case_counts_its_findings_in_the_one_entry(programme, coordinator):
    case = recorded_case(programme, coordinator)
    recorded_case(programme, coordinator, "Sag 2")

    services.remove_case(case, by=coordinator)

    assert PrincipleFinding.objects.filter(case_id=case.pk).count() == 0
    entry = ActivityEntry.objects.get(action="casereview.case_removed")
    assert entry.data == {"area": "authority", "cases": 1, "target": 10, "findings": 8}
    assert entry.message == (
        "En sag fra myndighed er fjernet fra sagsgennemgangen med sin vurdering af 8 principper "
        "(1 af 10)."
    )


@pytest.mark.parametrize(
    ("findings_data", "language", "sentence"),
    [
        (
            {},
            "da",
            "En sag fra myndighed er fjernet fra sagsgennemgangen (0 af 10).",
        ),
        (
            {"findings": 0},
            "da",
            "En sag fra myndighed er fjernet fra sagsgennemgangen (0 af 10).",
        ),
        (
            {"findings": 1},
            "da",
            "En sag fra myndighed er fjernet fra sagsgennemgangen med sin vurdering af 1 princip "
            "(0 af 10).",
        ),
        (
            {},
            "en",
            "A case from authority area has been removed from the case review (0 of 10).",
        ),
        (
            {"findings": 1},
            "en",
            "A case from authority area has been removed from the case review with its "
            "assessment of 1 principle (0 of 10).",
        ),
        (
            {"findings": 8},
            "en",
            "A case from authority area has been removed from the case review with its "
            "assessment of 8 principles (0 of 10).",
        ),
    ],
)
def test_a_removal_entry_reads_with_its_findings_and_an_older_one_without(
    programme, coordinator, findings_data, language, sentence
):
    """Entries written before the findings were counted read as they always did."""
    case = recorded_case(programme, coordinator)
    entry = log_action(
        case,
        "casereview.case_removed",
        by=coordinator,
        data={"area": "authority", "cases": 0, "target": 10, **findings_data},
    )

    with translation.override(language):
        assert describe(entry) == sentence
