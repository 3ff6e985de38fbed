import pytest


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_health_is_ok_when_database_redis_and_a_worker_answer(client, celery_worker_process):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["redis"]["ok"] is True
    assert body["checks"]["worker"] == {"ok": True, "detail": "1 answered"}


@pytest.mark.django_db
def test_health_is_unavailable_when_redis_does_not_answer(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CELERY_TASK_ALWAYS_EAGER = False

    response = client.get("/healthz")

    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["redis"]["ok"] is False
    assert checks["worker"] == {"ok": False, "detail": "redis is down"}


def test_worker_check_fails_when_no_worker_listens_on_the_broker(settings):
    from celery import Celery

    from programmes.health import check_worker

    settings.CELERY_TASK_ALWAYS_EAGER = False
    # A real broker (Redis database 14) on which no worker listens.
    lonely_app = Celery("lonely", broker="redis://127.0.0.1:6379/14", set_as_current=False)

    assert check_worker(timeout=0.5, app=lonely_app) == (False, "no worker answered")


@pytest.mark.django_db
def test_health_is_unavailable_when_a_check_fails(client, settings, monkeypatch):
    from programmes import health

    monkeypatch.setattr(health, "check_worker", lambda: (False, "no worker answered"))
    settings.CELERY_TASK_ALWAYS_EAGER = False

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {"ok": False, "detail": "no worker answered"}


@pytest.mark.django_db
def test_health_in_the_embedded_default_needs_no_redis_or_worker(client, settings):
    settings.REDIS_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["checks"]["worker"]["ok"] is True


def test_health_reports_a_database_failure(client, settings, monkeypatch):
    from programmes import health

    def broken_cursor():
        raise OSError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)
    settings.REDIS_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False, "detail": "OSError"}


@pytest.mark.django_db
def test_worker_check_is_remembered_briefly_so_probes_stay_cheap(client, settings, monkeypatch):
    from programmes import health

    calls = []

    def counting_check():
        calls.append(1)
        return True, "1 answered"

    monkeypatch.setattr(health, "check_worker", counting_check)
    monkeypatch.setattr(health, "check_redis", lambda: (True, "ok"))

    for _ in range(3):
        assert client.get("/healthz").status_code == 200

    assert len(calls) == 1
