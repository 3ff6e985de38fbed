from django.urls import reverse

from phases.models import Phase
from programmes.models import GroupMember, Level, ProgrammeGroup
from tests.factories import CohortFactory, ProgrammeFactory


def programme_with_groups(municipality, groups=1):
    import datetime

    programme = ProgrammeFactory(
        municipality=municipality,
        phase=Phase.DEVELOP,
        cohort=CohortFactory(starts_on=datetime.date(2027, 8, 1)),
    )
    for index in range(groups):
        group = ProgrammeGroup.objects.create(
            municipality=municipality,
            programme=programme,
            kind=ProgrammeGroup.Kind.STEERING if index == 0 else ProgrammeGroup.Kind.LOCAL,
            name=f"Gruppe {index}",
        )
        for number in range(3):
            GroupMember.objects.create(
                municipality=municipality,
                group=group,
                name=f"Medlem {index}-{number}",
                level=Level.CHIEF,
            )
    return programme


def test_programme_page_shows_phases_in_time_and_the_groups(
    client_for, roskilde_coordinator, roskilde
):
    programme = programme_with_groups(roskilde)

    response = client_for(roskilde_coordinator).get(
        reverse("programmes:programme_detail", args=[programme.pk])
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Medlem 0-2" in body
    assert "1. januar 2028 til 30. juni 2028" in body
    assert 'aria-current="step"' in body
    assert "Forløbet har ingen implementeringsgruppe" in body


def test_programme_page_makes_as_many_queries_for_five_groups_as_for_one(
    client_for, consultant, roskilde, count_queries
):
    client = client_for(consultant)
    small, large = (programme_with_groups(roskilde, groups=n) for n in (1, 5))
    small_url, large_url = (
        reverse("programmes:programme_detail", args=[p.pk]) for p in (small, large)
    )
    client.get(small_url)

    assert count_queries(lambda: client.get(small_url)) == count_queries(
        lambda: client.get(large_url)
    )
    assert len(client.get(large_url).context["groups"]) == 5


def test_another_municipalitys_programme_is_404(client_for, herning_coordinator, roskilde):
    programme = programme_with_groups(roskilde)

    response = client_for(herning_coordinator).get(
        reverse("programmes:programme_detail", args=[programme.pk])
    )

    assert response.status_code == 404
