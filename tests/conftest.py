"""The fixed cast: a coordinator of Roskilde, an SBST consultant, a coordinator of Herning."""

import pytest

from config.celery import app as celery_app

from .factories import ConsultantFactory, member, municipality


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Tests speak plain http through the test client; the security headers test turns it on.
    settings.SECURE_SSL_REDIRECT = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


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
def client_for(client):
    """Log a user in on the test client and return it."""

    def login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login
