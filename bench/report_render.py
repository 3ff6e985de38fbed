"""Time the PDF reports through the real task on a real worker, beside WeasyPrint alone.

Seeds the demo (Roskilde's development plan, approved as version 1, with its stock-taking:
about 20 A4 pages) into a scratch PostgreSQL database, adds programmes until Roskilde's
cohort has 30, starts a Celery worker (solo pool) on Redis, and then:

- asks for the development plan `BENCH_ROUNDS` times through `reports.services` (the row is
  removed between rounds, so each round renders) and measures from the hand-over to the
  broker until the row is done: the whole task, broker and database included;
- after each, renders the same HTML with WeasyPrint alone in this process;
- asks once for the status report of the whole cohort of 30 programmes;
- prints the medians and the worker's peak memory (VmHWM of its process).

    .venv/bin/python bench/report_render.py
    (DATABASE_URL defaults to a forlob_rp_bench database, REDIS_URL to Redis db 10)

Targets: the whole task within 1.5x WeasyPrint alone and under 200 MB; the cohort's status
report under 10 s.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PRIVATE = Path(tempfile.mkdtemp(prefix="forlob-report-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/forlob_rp_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/10")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("STATIC_MANIFEST", "0")
os.environ["PRIVATE_MEDIA_ROOT"] = str(PRIVATE)
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "0"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
COHORT_SIZE = 30
TARGET_RATIO = 1.5
TARGET_MB = 200
TARGET_COHORT_S = 10


def ensure_database():
    import psycopg

    name = settings.DATABASES["default"]["NAME"]
    with psycopg.connect(
        host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone():
            conn.execute(f'create database "{name}"')
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


def fill_cohort(programme):
    from programmes.models import Municipality, Programme

    have = Programme.objects.filter(cohort=programme.cohort).count()
    taken = Programme.objects.filter(cohort=programme.cohort).values("municipality")
    for municipality in Municipality.objects.exclude(pk__in=taken)[: COHORT_SIZE - have]:
        Programme.objects.create(municipality=municipality, cohort=programme.cohort)


def start_worker():
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
            "--hostname=bench-reports@%h",
        ],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
    )
    from config.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            if app.control.ping(timeout=0.5, connection=conn):
                return worker
    worker.kill()
    raise SystemExit("The worker did not answer within 60 seconds.")


def peak_mb(pid) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_done(model, pk, seconds=120):
    from reports.models import ReportState

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        row = model.objects.get(pk=pk)
        if row.state in (ReportState.DONE, ReportState.FAILED):
            if row.state == ReportState.FAILED:
                raise SystemExit(f"The report failed: {row.error}")
            return row
        time.sleep(0.05)
    raise SystemExit("The report was not done in time.")


def main():
    from accounts.models import User
    from programmes.models import Programme
    from reports import rendering, services
    from reports.models import CohortReport, Report

    ensure_database()
    with scopes_disabled():
        programme = Programme.objects.select_related("cohort").get(municipality__name="Roskilde")
        fill_cohort(programme)
        coordinator = User.objects.get(email="koordinator@roskilde.dk")
        consultant = User.objects.get(email="konsulent@sbst.dk")
        Report.objects.filter(programme=programme).delete()
        CohortReport.objects.filter(cohort=programme.cohort).delete()
    worker = start_worker()
    try:
        # Rounds alternate between the task and WeasyPrint alone, so that the machine's
        # other work weighs on both alike; the first round of each warms up.
        whole, in_task, weasy_in_task, alone, pages, html = [], [], [], [], 0, None
        for _round in range(ROUNDS + 1):
            with scopes_disabled():
                Report.objects.filter(programme=programme).delete()
                started = time.monotonic()
                report, _created = services.request_development_plan(programme, by=coordinator)
                report = wait_done(Report, report.pk)
                if _round:
                    whole.append(time.monotonic() - started)
                    in_task.append(report.render_seconds)
                    weasy_in_task.append(report.pdf_seconds)
                pages = report.pages
                html = html or rendering.build_html(report)
            started = time.monotonic()
            rendering.write_pdf(html)
            if _round:
                alone.append(time.monotonic() - started)

        started = time.monotonic()
        with scopes_disabled():
            cohort_report, _created = services.request_cohort_status(
                programme.cohort, by=consultant
            )
            cohort_report = wait_done(CohortReport, cohort_report.pk)
        cohort_seconds = time.monotonic() - started
        memory = peak_mb(worker.pid)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        shutil.rmtree(PRIVATE, ignore_errors=True)

    task, weasy = statistics.median(whole), statistics.median(alone)
    print(f"Development plan, {pages} A4 pages, {ROUNDS} rounds (medians):")
    print(f"  whole task (hand-over to done):   {task:6.2f} s")
    print(f"  render inside the task:           {statistics.median(in_task):6.2f} s")
    print(f"  of it WeasyPrint (in the worker): {statistics.median(weasy_in_task):6.2f} s")
    print(f"  WeasyPrint alone, same HTML:      {weasy:6.2f} s")
    print(f"  ratio whole task / WeasyPrint:    {task / weasy:6.2f}  (target <= {TARGET_RATIO})")
    print(f"  worker peak memory (VmHWM):       {memory:6.0f} MB (target < {TARGET_MB})")
    print(
        f"Status report, cohort of {COHORT_SIZE} programmes ({cohort_report.pages} pages): "
        f"{cohort_seconds:.2f} s asked-to-done (target < {TARGET_COHORT_S} s)"
    )
    ok = task / weasy <= TARGET_RATIO and memory < TARGET_MB and cohort_seconds < TARGET_COHORT_S
    print("All targets met." if ok else "A target was missed.")


if __name__ == "__main__":
    main()
