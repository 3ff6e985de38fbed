"""A saved change stands even when the broker is down; the failure to queue is logged."""

import logging

import pytest
from celery import Celery
from django.db import transaction

from config.celery import queue_after_commit, tasks_suppressed
from programmes.models import Cohort

# A real Celery app whose broker is a closed port on this machine.
dead_broker = Celery("dead-broker", broker="redis://127.0.0.1:1/0", set_as_current=False)
dead_broker.conf.broker_connection_retry = False
dead_broker.conf.broker_connection_max_retries = 0
dead_broker.conf.task_publish_retry = False


@dead_broker.task
def notify(**kwargs):
    return kwargs


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_broker_outage_after_commit_keeps_the_change_and_logs_the_failure(caplog):
    import datetime

    with caplog.at_level(logging.ERROR, logger="django.db.backends.base"), transaction.atomic():
        Cohort.objects.create(
            name="Hold januar 2031",
            starts_on=datetime.date(2031, 1, 1),
            enrolment_deadline=datetime.date(2030, 11, 1),
        )
        queue_after_commit(notify, to=["x@example.dk"])

    assert Cohort.objects.filter(name="Hold januar 2031").exists()
    assert any("on_commit" in record.getMessage() for record in caplog.records)


def test_nothing_is_queued_while_tasks_are_suppressed(django_capture_on_commit_callbacks, db):
    with django_capture_on_commit_callbacks() as callbacks, tasks_suppressed():
        queue_after_commit(notify, to=["x@example.dk"])

    assert callbacks == []
