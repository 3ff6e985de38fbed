"""A Celery worker of the reports' own, on a queue of its own, for the test that kills one.

The shared worker (`celery_worker_process` in tests/conftest.py) must live through the whole
session; this one is started with a prefork pool of one process, so killing that process
mid-render is what a crashed worker looks like to Celery: the main process sees the pool
process lost and, as the task asks (`reject_on_worker_lost`), puts the task back.
"""

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from tests.conftest import _database_url

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def own_worker(queue: str, private_root: Path, *, name: str):
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(connection.settings_dict),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "PRIVATE_MEDIA_ROOT": str(private_root),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            "--loglevel=warning",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            f"--queues={queue}",
            f"--hostname={name}@%h",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if worker.poll() is not None:
                raise AssertionError(f"the worker exited with code {worker.returncode}")
            with celery_app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
                answers = celery_app.control.ping(timeout=0.5, connection=conn)
                if any(f"{name}@" in host for answer in answers for host in answer):
                    break
        else:
            raise AssertionError("the worker did not answer within 60 seconds")
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)


def pool_processes(worker) -> list[int]:
    """The pids of the worker's pool processes (its children)."""
    path = Path(f"/proc/{worker.pid}/task/{worker.pid}/children")
    return [int(pid) for pid in path.read_text().split()] if path.exists() else []
