"""Only the programme's implementation group, the municipality's coordinators and the
programme's SBST contact read and write the review; everyone else who reads the programme
is refused (403), another municipality finds nothing (404)."""

import pytest
from django.urls import reverse

from casereview.models import ReviewedCase
from programmes.models import Membership, ProgrammeGroup
from tests.factories import AdministratorFactory, ConsultantFactory, member

from .factories import form_data, implementation_member, in_group, recorded_case, review_programme

Kind = ProgrammeGroup.Kind
Role = Membership.Role


def _pages(case):
    programme_pk = case.programme_id
    at_case = {"programme_pk": programme_pk, "case_pk": case.pk}
    return [
        reverse("casereview:review", kwargs={"programme_pk": programme_pk}),
        reverse("casereview:case_add", kwargs={"programme_pk": programme_pk}),
        reverse("casereview:case_detail", kwargs=at_case),
        reverse("casereview:case_edit", kwargs=at_case),
        reverse("casereview:case_remove", kwargs=at_case),
    ]


def _writes(case):
    """The pages that take a POST: add, edit, remove."""
    pages = _pages(case)
    return [pages[1], pages[3], pages[4]]


def _readers(programme, contact, coordinator, another_coordinator):
    return {
        "implementation member": implementation_member(programme),
        "programme's coordinator": coordinator,
        "another coordinator of the municipality": another_coordinator,
        "SBST contact": contact,
    }


@pytest.mark.parametrize(
    "who",
    [
        "implementation member",
        "programme's coordinator",
        "another coordinator of the municipality",
        "SBST contact",
    ],
)
def test_the_implementation_group_the_coordinators_and_the_sbst_contact_open_every_page(
    who, programme, contact, coordinator, another_coordinator, client_for
):
    user = _readers(programme, contact, coordinator, another_coordinator)[who]
    case = recorded_case(programme, coordinator)
    client = client_for(user)

    statuses = [client.get(url).status_code for url in _pages(case)]

    assert statuses == [200, 200, 200, 200, 200]


def _outsiders(programme):
    return {
        "steering member": in_group(programme, Kind.STEERING, Role.STEERING),
        "local group member": in_group(programme, Kind.LOCAL, Role.LOCAL),
        "implementation role without the group": member("Roskilde", role=Role.IMPLEMENTATION),
        "reader": member("Roskilde", role=Role.READER),
        "another SBST consultant": ConsultantFactory(),
        "SBST administrator": AdministratorFactory(),
    }


@pytest.mark.parametrize(
    "who",
    [
        "steering member",
        "local group member",
        "implementation role without the group",
        "reader",
        "another SBST consultant",
        "SBST administrator",
    ],
)
def test_others_who_read_the_programme_are_refused_the_review_and_its_cases(
    who, programme, coordinator, client_for
):
    case = recorded_case(programme, coordinator)
    user = _outsiders(programme)[who]
    client = client_for(user)
    assert (
        client.get(reverse("programmes:programme_detail", args=[programme.pk])).status_code == 200
    )

    got = [client.get(url).status_code for url in _pages(case)]
    posted = [client.post(url, form_data("Sag 2")).status_code for url in _writes(case)]

    assert got == [403, 403, 403, 403, 403]
    assert posted == [403, 403, 403]
    assert list(ReviewedCase.objects.values_list("label", flat=True)) == ["Sag 1"]


def test_a_member_of_another_programmes_implementation_group_is_refused(
    programme, coordinator, roskilde, client_for
):
    other = review_programme(roskilde)
    user = implementation_member(other)
    case = recorded_case(programme, coordinator)

    response = client_for(user).get(_pages(case)[2])

    assert response.status_code == 403


@pytest.mark.cross_tenant  # Herning's coordinator asks for Roskilde's review
def test_another_municipality_finds_neither_the_review_nor_its_cases(
    programme, coordinator, herning_coordinator, client_for
):
    case = recorded_case(programme, coordinator)
    client = client_for(herning_coordinator)

    got = [client.get(url).status_code for url in _pages(case)]
    posted = [client.post(url, form_data("Sag 2")).status_code for url in _writes(case)]

    assert got == [404, 404, 404, 404, 404]
    assert posted == [404, 404, 404]
    assert ReviewedCase.objects.count() == 1


def test_a_case_named_under_another_programme_is_sent_to_its_own_page(
    programme, coordinator, roskilde, client_for
):
    case = recorded_case(programme, coordinator)
    other = review_programme(roskilde)
    client = client_for(coordinator)

    shown = client.get(
        reverse("casereview:case_detail", kwargs={"programme_pk": other.pk, "case_pk": case.pk})
    )
    removed = client.post(
        reverse("casereview:case_remove", kwargs={"programme_pk": other.pk, "case_pk": case.pk})
    )

    assert shown.status_code == 302
    assert shown.url == _pages(case)[2]
    assert removed.status_code == 404
    assert ReviewedCase.objects.filter(pk=case.pk).exists()


def test_the_programme_page_counts_the_cases_and_links_the_review_only_for_its_readers(
    programme, coordinator, client_for
):
    recorded_case(programme, coordinator, "Sag 1")
    recorded_case(programme, coordinator, "Sag 2")
    steering = in_group(programme, Kind.STEERING, Role.STEERING)
    page = reverse("programmes:programme_detail", args=[programme.pk])
    review = reverse("casereview:review", kwargs={"programme_pk": programme.pk})

    as_coordinator = client_for(coordinator).get(page).content.decode()
    as_steering = client_for(steering).get(page).content.decode()

    assert "2 af 10 sager er gennemgået." in as_coordinator
    assert f'href="{review}"' in as_coordinator
    assert "2 af 10 sager er gennemgået." in as_steering
    assert review not in as_steering
