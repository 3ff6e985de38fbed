import os

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
