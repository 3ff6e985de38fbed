import os
from contextlib import contextmanager
from contextvars import ContextVar

from celery import Celery, Task
from django_scopes.state import state as scope_state

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


class OutOfScopeTask(Task):
    """A task starts in an empty tenant scope, whoever called it.

    On a worker no scope is active; run eagerly (tests, the embedded default) a task would
    otherwise inherit the caller's scope, and a task that forgot to enter its own scope would
    pass there and raise `ScopeError` on the worker.
    """

    def __call__(self, *args, **kwargs):
        token = scope_state.set({"_enabled": True})
        try:
            return super().__call__(*args, **kwargs)
        finally:
            scope_state.reset(token)


app = Celery("forlobsportalen", task_cls=OutOfScopeTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


_suppressed: ContextVar[bool] = ContextVar("tasks_suppressed", default=False)


def queue_after_commit(task, **kwargs) -> None:
    """Queue `task` with keyword arguments once the current transaction commits.

    The callback is robust: if the broker is down, the change the user made stays saved and
    the failure is logged, instead of a server error for work that was already done.
    """
    if _suppressed.get():
        return
    from django.db import transaction

    def queue_task():
        task.delay(**kwargs)

    transaction.on_commit(queue_task, robust=True)


@contextmanager
def tasks_suppressed():
    """Queue nothing inside this block (demo data is built for mailboxes that do not exist)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)
