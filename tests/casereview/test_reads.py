"""Every read of a case is recorded in django-auditlog's access log (who, when, from the
request through the auditlog middleware), the audit log never copies a note, and only SBST's
administrators see the reads."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from casereview.models import PrincipleFinding, ReviewedCase
from tests.factories import AdministratorFactory, ConsultantFactory, member

from .factories import implementation_member, recorded_case, review_programme

ACCESS = LogEntry.Action.ACCESS


def _reads():
    return LogEntry.objects.filter(content_type__model="reviewedcase", action=ACCESS)


def _detail(case):
    return reverse(
        "casereview:case_detail", kwargs={"programme_pk": case.programme_id, "case_pk": case.pk}
    )


def test_reading_a_case_records_who_read_it_and_when(programme, coordinator, client_for):
    case = recorded_case(programme, coordinator)
    reader = implementation_member(programme)
    before = timezone.now()

    client_for(reader).get(_detail(case), REMOTE_ADDR="192.0.2.7")

    entry = _reads().get()
    assert (entry.object_id, entry.object_repr, entry.actor) == (case.pk, "Sag 1", reader)
    assert entry.actor_email == reader.email
    assert entry.remote_addr == "192.0.2.7"
    assert before <= entry.timestamp <= timezone.now()
    assert entry.additional_data == {
        "programme_id": programme.pk,
        "municipality_id": programme.municipality_id,
    }


def test_the_edit_page_records_a_read_when_it_shows_the_case(programme, coordinator, client_for):
    case = recorded_case(programme, coordinator)
    url = reverse("casereview:case_edit", kwargs={"programme_pk": programme.pk, "case_pk": case.pk})

    client_for(coordinator).get(url)

    assert list(_reads().values_list("object_id", "actor")) == [(case.pk, coordinator.pk)]


def test_the_review_page_records_a_read_of_every_case_it_shows(
    programme, coordinator, contact, roskilde, client_for
):
    cases = [recorded_case(programme, coordinator, f"Sag {n}") for n in range(1, 4)]
    recorded_case(review_programme(roskilde), coordinator, "Andet forløbs sag")

    client_for(contact).get(
        reverse("casereview:review", kwargs={"programme_pk": programme.pk}),
        REMOTE_ADDR="192.0.2.8",
    )

    reads = _reads().order_by("object_id")
    assert [(e.object_id, e.actor, e.remote_addr) for e in reads] == [
        (c.pk, contact, "192.0.2.8") for c in cases
    ]
    assert {e.additional_data["programme_id"] for e in reads} == {programme.pk}


def test_a_refused_reader_leaves_no_read(programme, coordinator, client_for):
    case = recorded_case(programme, coordinator)
    client = client_for(ConsultantFactory())

    client.get(_detail(case))
    client.get(reverse("casereview:review", kwargs={"programme_pk": programme.pk}))

    assert not _reads().exists()


def test_the_audit_log_keeps_changes_but_never_a_note(programme, coordinator, client_for):
    from casereview import services

    from .factories import details, findings

    case = services.record_case(
        programme,
        by=coordinator,
        details=details(note="Hemmelig samlet note"),
        findings=findings(p1=("clearly", "Hemmelig note om håb")),
    )
    services.change_case(
        case,
        by=coordinator,
        details=details(area="residential", note="Anden hemmelig note"),
        findings=findings(p1=("partly", "Ny hemmelig note")),
    )
    client_for(coordinator).get(_detail(case))
    services.remove_case(case, by=coordinator)

    entries = LogEntry.objects.filter(content_type__app_label="casereview")
    everything = repr(
        list(entries.values_list("changes", "changes_text", "serialized_data", "object_repr"))
    )
    assert "hemmelig" not in everything.lower()
    case_changes = entries.filter(
        content_type__model="reviewedcase", action=LogEntry.Action.UPDATE
    ).get()
    assert case_changes.changes_dict == {"area": ["authority", "residential"]}
    finding_actions = set(
        entries.filter(content_type__model="principlefinding").values_list("action", flat=True)
    )
    assert finding_actions == {
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
        LogEntry.Action.DELETE,
    }
    assert not PrincipleFinding.objects.exists()


def _read_log():
    return reverse("casereview:read_log")


def test_sbst_administrators_see_who_read_which_case_newest_first(
    programme, coordinator, contact, client_for
):
    first = recorded_case(programme, coordinator, "Sag 1")
    second = recorded_case(programme, coordinator, "Sag 2")
    client_for(coordinator).get(_detail(first))
    client_for(contact).get(_detail(second))

    response = client_for(AdministratorFactory()).get(_read_log())

    assert response.status_code == 200
    rows = [(e.object_repr, e.actor, e.municipality.name) for e in response.context["entries"]]
    assert rows == [("Sag 2", contact, "Roskilde"), ("Sag 1", coordinator, "Roskilde")]
    page = response.content.decode()
    assert contact.email in page and coordinator.email in page


def test_other_sbst_staff_are_refused_the_read_log_and_municipal_users_do_not_find_it(
    programme, coordinator, contact, client_for
):
    statuses = [
        client_for(user).get(_read_log()).status_code
        for user in (contact, ConsultantFactory(), coordinator, member("Roskilde", role="reader"))
    ]

    assert statuses == [403, 403, 404, 404]


@pytest.mark.cross_tenant  # reads of Roskilde's and Herning's cases side by side
def test_the_read_log_filters_by_municipality_and_keeps_reads_of_removed_cases(
    programme, coordinator, herning, herning_coordinator, roskilde, client_for
):
    from casereview import services

    roskilde_case = recorded_case(programme, coordinator, "Roskildes sag")
    herning_case = recorded_case(review_programme(herning), herning_coordinator, "Hernings sag")
    client_for(coordinator).get(_detail(roskilde_case))
    client_for(herning_coordinator).get(_detail(herning_case))
    services.remove_case(herning_case, by=herning_coordinator)
    client = client_for(AdministratorFactory())

    everything = client.get(_read_log()).context["entries"]
    in_herning = client.get(_read_log(), {"kommune": herning.pk}).context["entries"]
    in_roskilde = client.get(_read_log(), {"kommune": roskilde.pk}).context["entries"]

    assert {e.object_repr for e in everything} == {"Roskildes sag", "Hernings sag"}
    assert [(e.object_repr, e.municipality) for e in in_herning] == [("Hernings sag", herning)]
    assert in_herning[0].programme.municipality == herning  # the programme outlives its case
    assert [e.object_repr for e in in_roskilde] == ["Roskildes sag"]
    assert ReviewedCase.objects.filter(label="Hernings sag").count() == 0


def test_the_read_log_is_paginated_newest_first(programme, coordinator, client_for):
    from casereview import audit
    from casereview.views import READS_PER_PAGE

    case = recorded_case(programme, coordinator)
    audit.record_reads([case] * (READS_PER_PAGE + 3), by=coordinator)
    latest = _reads().order_by("-pk").first()
    LogEntry.objects.filter(pk=latest.pk).update(
        timestamp=timezone.now() + datetime.timedelta(minutes=1)
    )
    client = client_for(AdministratorFactory())

    first = client.get(_read_log()).context
    second = client.get(_read_log(), {"side": 2}).context

    assert len(first["entries"]) == READS_PER_PAGE
    assert first["entries"][0].pk == latest.pk
    assert len(second["entries"]) == 3
    assert "Side 1 af 2" in client.get(_read_log()).content.decode()
