"""The fixed cast: a coordinator of Roskilde, an SBST consultant, a coordinator of Herning.

Tests run inside Roskilde's tenant scope, as a request of the cast's home municipality does:
a test that uses the database runs (fixtures included) in
`django_scopes.scope(municipality=[Roskilde's pk])`, so a view, task or service that forgets
its own scope fails here as it would on a worker. Creating another municipality's rows works
in the scope; reading them is filtered (or raises, with `.get()`). Each request through the
test client starts with no scope at all, as on a server, and the middleware sets the user's;
each task starts in an empty scope (`config.celery.OutOfScopeTask`).

Opt out only where the test itself must read across municipalities: negative tests that build
Herning's and Roskilde's data and call a query function directly (in Roskilde's scope the
tripwire would hide a filter the function forgot, and the test would pass for nothing),
SBST-wide checks that read several municipalities back, commands. Say so with
`@pytest.mark.cross_tenant` (or by asking for the `unscoped` fixture); the whole test,
fixtures included, then runs in `scopes_disabled()`. A test that reads only its own data
reads it through the scope instead; data of another municipality is better checked through
a request as the user who may see it.

A task that fails during a test fails it, even where the outbox would quietly try again;
mark a test that breaks a task on purpose `@pytest.mark.task_failure_expected`.
"""

import pytest
from celery.signals import task_failure, task_postrun
from django.test.client import ClientHandler
from django.utils import translation
from django_scopes import scope, scopes_disabled
from django_scopes.state import state as scope_state

from config.celery import app as celery_app

from .factories import ConsultantFactory, member, municipality

# Celery reads Django settings lazily; read them now so a test's settings override cannot
# become the app's broker for the rest of the session.
celery_app.conf.broker_url  # noqa: B018


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Tests speak plain http through the test client; the security headers test turns it on.
    settings.SECURE_SSL_REDIRECT = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A request in English leaves English active in this thread; every test starts Danish.
    translation.activate("da")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "cross_tenant: the test reads across municipalities; run it unscoped"
    )
    config.addinivalue_line(
        "markers", "task_failure_expected: the test makes a task fail on purpose"
    )


def _runs_unscoped(request) -> bool:
    return bool(request.node.get_closest_marker("cross_tenant")) or (
        "unscoped" in request.fixturenames
    )


@pytest.fixture(autouse=True)
def _tenant_scope(request):
    """Run a database test in Roskilde's scope, or unscoped if it says it crosses tenants."""
    if _runs_unscoped(request):
        with scopes_disabled():
            yield
        return
    if not _uses_db(request):
        yield
        return
    request.getfixturevalue("_django_db_helper")
    from programmes.models import Municipality

    with scopes_disabled():
        roskilde_pk = Municipality.objects.values_list("pk", flat=True).get(name="Roskilde")
    with scope(municipality=[roskilde_pk]):
        yield


@pytest.fixture
def unscoped():
    """Ask for this (or mark the test `cross_tenant`) to run the test in `scopes_disabled()`."""


@pytest.fixture(autouse=True)
def _requests_start_unscoped(monkeypatch):
    """A request through the test client starts with no scope, as on a server.

    Without this, a request would inherit the test's Roskilde scope, and a page that forgot
    its scope (an anonymous page, say) would read Roskilde's rows instead of raising.
    """
    handle = ClientHandler.__call__

    def outside_the_test_scope(self, environ):
        token = scope_state.set(None)
        try:
            return handle(self, environ)
        finally:
            scope_state.reset(token)

    monkeypatch.setattr(ClientHandler, "__call__", outside_the_test_scope)


def _uses_db(request) -> bool:
    return "_django_db_helper" in request.fixturenames or bool(
        request.node.get_closest_marker("django_db")
    )


@pytest.fixture(autouse=True)
def _tasks_must_not_fail(request):
    """A task that fails during a test fails the test.

    The outbox keeps a failing task's error and tries again later, so that a broken mail
    server never turns a saved change into an error; in a test that would hide a crashing
    task (one that forgot its scope, say). Mark a test that makes a task fail on purpose
    `@pytest.mark.task_failure_expected`.
    """
    if request.node.get_closest_marker("task_failure_expected"):
        yield
        return
    if _uses_db(request):
        request.getfixturevalue("_django_db_helper")  # still open when this one ends
    crashed = []

    def failed(sender=None, exception=None, **kwargs):
        crashed.append(f"{sender.name}: {exception!r}")

    def finished(sender=None, state=None, **kwargs):
        if state is None:  # it raised to its eager caller (who may have caught it)
            crashed.append(f"{sender.name}: raised")

    task_failure.connect(failed, weak=False)
    task_postrun.connect(finished, weak=False)
    try:
        yield
    finally:
        task_failure.disconnect(failed)
        task_postrun.disconnect(finished)
    if _uses_db(request):
        from outbox.models import OutboxMessage

        with scopes_disabled():
            crashed += [
                f"{task}: {error}"
                for task, error in OutboxMessage.objects.exclude(last_error="").values_list(
                    "task_name", "last_error"
                )
            ]
    if crashed:
        pytest.fail("A task failed during the test:\n" + "\n".join(crashed), pytrace=False)


@pytest.fixture(autouse=True)
def _eager_tasks(request):
    """Tasks run in-process unless a test asks for the real worker (`celery_worker_process`)."""
    if "celery_worker_process" in request.fixturenames:
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def roskilde(db):
    return municipality("Roskilde")


@pytest.fixture
def herning(db):
    return municipality("Herning")


@pytest.fixture
def roskilde_coordinator(db):
    return member("Roskilde", email="koordinator@roskilde.example.dk", full_name="Rikke Roskilde")


@pytest.fixture
def herning_coordinator(db):
    return member("Herning", email="koordinator@herning.example.dk", full_name="Henrik Herning")


@pytest.fixture
def consultant(db):
    return ConsultantFactory(full_name="Karen Konsulent")


@pytest.fixture
def count_queries(db):
    """`count_queries(action)`: how many database queries `action()` makes.

    A list page makes as many queries at N rows as at one: compare the two counts for
    equality (a ceiling lets an N+1 through). Request the page once before counting, so
    both counts start from the same warm caches.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(action) -> int:
        with CaptureQueriesContext(connection) as queries:
            action()
        return len(queries)

    return count


@pytest.fixture
def client_for(client):
    """Log a user in on the test client and return it."""

    def login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    """A real Celery worker process on the test broker, using the test database.

    It writes the e-mails it sends as files into `worker.mail_dir`.
    """
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    from django.conf import settings
    from django.db import connection

    mail_dir = tmp_path_factory.mktemp("worker-mail")
    if not settings.REDIS_URL:
        pytest.fail("Set REDIS_URL (bin/test does) to run the tests that need a Celery worker.")
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(connection.settings_dict),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    root = Path(__file__).resolve().parent.parent
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--loglevel=warning",
            "--without-gossip",
            "--without-mingle",
            "--hostname=pytest@%h",
        ],
        cwd=root,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if worker.poll() is not None:
                pytest.fail(f"The Celery worker exited with code {worker.returncode}.")
            with celery_app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
                if celery_app.control.ping(timeout=0.5, connection=conn):
                    break
        else:
            pytest.fail("The Celery worker did not answer within 60 seconds.")
        worker.mail_dir = mail_dir
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def _database_url(db: dict) -> str:
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


class PlanApprover:
    """Makes a programme's development plan approved for real: a goal with a sub-goal,
    drafted by an implementation-group member and approved through `plans.services.
    approve_plan` by a steering-group member it adds to the programme's steering group."""

    def approve(self, programme):
        import datetime

        from plans import services
        from programmes.models import GroupMember, Level, Membership, ProgrammeGroup

        municipality = programme.municipality.name
        steering, _created = ProgrammeGroup.objects.get_or_create(
            programme=programme,
            kind=ProgrammeGroup.Kind.STEERING,
            defaults={"name": "Styregruppe"},
        )
        approver = member(municipality, role=Membership.Role.STEERING)
        seat = GroupMember.objects.create(
            group=steering, user=approver, name=approver.full_name, level=Level.CHIEF
        )
        drafter = member(municipality, role=Membership.Role.IMPLEMENTATION)
        goal = services.add_goal(
            programme,
            by=drafter,
            title="Borgerens egne mål står i handleplanen",
            purposes=[1],
            principles=[1],
            evaluation_kind="criterion",
            criterion="Otte af ti nye handleplaner har borgerens egne mål.",
        )
        starts_on = programme.cohort.starts_on
        services.add_sub_goal(
            goal,
            by=drafter,
            title="Ny skabelon til handleplanen",
            responsible=seat,
            starts_on=starts_on,
            due_on=starts_on + datetime.timedelta(days=60),
        )
        return services.approve_plan(goal.plan, by=approver)


@pytest.fixture
def plan_approved():
    """Forberede's gate ("the development plan approved"): `plan_approved.approve(programme)`
    approves a real plan, which the plans app's registered gate check then finds."""
    return PlanApprover()
