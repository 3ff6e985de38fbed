import threading
import time

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django_scopes import scope

from programmes.errors import DomainError
from programmes.models import Membership
from programmes.services import remove_membership
from tests.factories import member

Role = Membership.Role


def people_url(municipality):
    return reverse("programmes:municipality_people", args=[municipality.code])


def remove_url(membership):
    return reverse(
        "programmes:membership_remove", args=[membership.municipality.code, membership.pk]
    )


def test_coordinator_sees_who_has_which_role(client_for, roskilde_coordinator, roskilde):
    steering = member("Roskilde", role=Role.STEERING, full_name="Sofie Styre")
    member("Herning", full_name="Hemmelig Herning")

    response = client_for(roskilde_coordinator).get(people_url(roskilde))

    body = response.content.decode()
    assert response.status_code == 200
    assert [m.user for m in response.context["memberships"]] == [
        roskilde_coordinator,
        steering,
    ]
    assert "Hemmelig Herning" not in body


def test_people_page_makes_as_many_queries_for_six_people_as_for_one(
    client_for, roskilde_coordinator, roskilde, count_queries
):
    client = client_for(roskilde_coordinator)
    url = people_url(roskilde)
    client.get(url)
    one = count_queries(lambda: client.get(url))  # the coordinator alone

    for _ in range(5):
        member("Roskilde", role=Role.READER)
    six = count_queries(lambda: client.get(url))

    assert one == six
    assert len(client.get(url).context["memberships"]) == 6


def test_reader_may_not_see_the_people_page(client_for, roskilde):
    reader = member("Roskilde", role=Role.READER)

    assert client_for(reader).get(people_url(roskilde)).status_code == 403


def test_coordinator_removes_a_role(client_for, roskilde_coordinator, roskilde):
    steering = member("Roskilde", role=Role.STEERING)
    membership = steering.memberships.get()

    response = client_for(roskilde_coordinator).post(remove_url(membership))

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_last_coordinator_cannot_be_removed(client_for, roskilde_coordinator, consultant):
    membership = roskilde_coordinator.memberships.get()

    response = client_for(consultant).post(remove_url(membership), follow=True)

    assert Membership.objects.filter(pk=membership.pk).exists()
    assert "skal have mindst én koordinator" in response.content.decode()


def test_a_second_coordinator_can_remove_the_first(roskilde_coordinator, roskilde):
    second = member("Roskilde", role=Role.COORDINATOR)

    remove_membership(roskilde_coordinator.memberships.get(), by=second)

    assert list(Membership.objects.filter(municipality=roskilde, role=Role.COORDINATOR)) == [
        second.memberships.get()
    ]


def test_herning_coordinator_cannot_remove_roskildes_people(
    client_for, herning_coordinator, roskilde
):
    steering = member("Roskilde", role=Role.STEERING)
    membership = steering.memberships.get()

    response = client_for(herning_coordinator).post(remove_url(membership))

    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()
    with pytest.raises(DomainError):
        remove_membership(membership, by=herning_coordinator)


def _wait_until_a_session_waits_for_my_locks(*, unless, seconds=10) -> bool:
    """Poll PostgreSQL until another session is blocked by this connection's locks.

    Returns False if `unless` is set first (the other session finished without waiting).
    """
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline and not unless.is_set():
            # pg_locks is read live; pg_stat_activity would be a snapshot for the transaction.
            cursor.execute(
                "SELECT count(*) FROM pg_locks"
                " WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid))"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.01)
    return False


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_coordinator_removed_meanwhile_cannot_finish_removing_someone(roskilde):
    a = member("Roskilde", role=Role.COORDINATOR)
    b = member("Roskilde", role=Role.COORDINATOR)
    c = member("Roskilde", role=Role.COORDINATOR)
    c_membership = c.memberships.get()
    b_membership = b.memberships.get()
    a_holds_lock, b_finished = threading.Event(), threading.Event()
    outcome = {}

    def a_removes_b():
        # Each thread is a request of its own, in the coordinators' scope.
        with scope(municipality=[roskilde.pk]), transaction.atomic():
            remove_membership(b_membership, by=a)
            a_holds_lock.set()
            # Commit only once B's removal has passed its first check and waits for the lock.
            outcome["b waited"] = _wait_until_a_session_waits_for_my_locks(unless=b_finished)
        connection.close()

    def b_removes_c():
        a_holds_lock.wait(10)
        try:
            with scope(municipality=[roskilde.pk]):
                remove_membership(c_membership, by=b)
            outcome["b"] = "removed"
        except DomainError as error:
            outcome["b"] = error.message
        finally:
            b_finished.set()
            connection.close()

    threads = [threading.Thread(target=a_removes_b), threading.Thread(target=b_removes_c)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    assert outcome == {
        "b waited": True,
        "b": "Du har ikke ret til at ændre, hvem der er med i denne kommune.",
    }
    assert Membership.objects.filter(pk=c_membership.pk).exists()


def test_removing_your_own_role_takes_you_to_the_start_page(
    client_for, roskilde_coordinator, roskilde
):
    member("Roskilde", role=Role.COORDINATOR)

    response = client_for(roskilde_coordinator).post(
        remove_url(roskilde_coordinator.memberships.get())
    )

    assert response.url == reverse("home")
