"""Two people acting on one enrolment at the same moment, in two real transactions."""

import threading

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from enrolment import services
from enrolment.activity import Action
from enrolment.models import Enrolment
from programmes.errors import DomainError
from programmes.models import Programme
from tests.factories import ConsultantFactory

from .factories import director_token, ready_for_decision, submitted_enrolment


def run_at_once(*actions):
    """Run each action in its own thread and database connection, released together."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait(timeout=10)
            # A new thread starts outside any scope; consultants and token links act unscoped.
            with scopes_disabled():
                action()
            outcomes[index] = "ok"
        except DomainError as error:
            outcomes[index] = error.message
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_consultants_deciding_at_once_exactly_one_wins(roskilde, roskilde_coordinator):
    approver, rejecter = ConsultantFactory(), ConsultantFactory()
    enrolment = ready_for_decision(roskilde, roskilde_coordinator, approver)

    outcomes = run_at_once(
        lambda: services.approve_enrolment(Enrolment.objects.get(pk=enrolment.pk), by=approver),
        lambda: services.reject_enrolment(
            Enrolment.objects.get(pk=enrolment.pk), by=rejecter, reason="For sent"
        ),
    )

    enrolment.refresh_from_db()
    assert outcomes.count("ok") == 1
    refusal = next(o for o in outcomes if o != "ok")
    if enrolment.state == Enrolment.State.APPROVED:
        assert refusal == "Tilmeldingen har status »Godkendt« og kan derfor ikke afvises."
        assert Programme.objects.filter(municipality=roskilde).count() == 1
    else:
        assert enrolment.state == Enrolment.State.REJECTED
        assert refusal == "Tilmeldingen har status »Afvist« og kan derfor ikke godkendes."
        assert not Programme.objects.filter(municipality=roskilde).exists()
    decisions = enrolment.activity.filter(action__in=[Action.APPROVED, Action.REJECTED])
    assert decisions.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_director_link_works_once_even_when_opened_twice_at_once(
    roskilde, roskilde_coordinator
):
    enrolment = submitted_enrolment(roskilde, roskilde_coordinator)
    token = director_token(enrolment)

    outcomes = run_at_once(
        lambda: services.answer_by_director_link(token=token, approve=True),
        lambda: services.answer_by_director_link(token=token, approve=True),
    )

    assert outcomes.count("ok") == 1
    assert enrolment.activity.filter(action=Action.DIRECTOR_APPROVED).count() == 1
