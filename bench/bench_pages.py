"""Time the busiest pages on a full country of data and print the figures.

Seeds (once) every one of the 98 municipalities with a coordinator, steering members and a
submitted enrolment with its meeting and history, then requests each page repeatedly through
Django's test client on PostgreSQL and prints median and 95th-percentile time, SQL queries and
peak Python memory per request, and the process's peak RSS.

    .venv/bin/python bench/bench_pages.py   (DATABASE_URL defaults to a forlob_bench database)

Targets: every page below 150 ms median and 20 queries on this 2-core machine; peak memory
per request below 10 MB.
"""

import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/forlob_bench")
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("STATIC_MANIFEST", "0")  # no collectstatic needed to measure views

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
TARGET_MS = 150
TARGET_QUERIES = 20
TARGET_PEAK_MB = 10


def ensure_database():
    import psycopg

    name = settings.DATABASES["default"]["NAME"]
    with psycopg.connect(
        host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone():
            conn.execute(f'create database "{name}"')
    call_command("migrate", verbosity=0)


def seed():
    from accounts.models import User
    from enrolment.models import Enrolment
    from programmes.models import Municipality
    from tests.enrolment.factories import hold_meeting, open_cohort, submitted_enrolment
    from tests.factories import ConsultantFactory, member

    consultant = User.objects.filter(email="bench-konsulent@sbst.dk").first()
    if consultant is not None and Enrolment.objects.count() >= 98:
        return consultant
    consultant = ConsultantFactory(email="bench-konsulent@sbst.dk")
    cohort = open_cohort(name="Bench-hold")
    for municipality in Municipality.objects.all():
        coordinator = member(municipality.name, email=f"bench-koordinator@{municipality.slug}.dk")
        steering = [
            member(
                municipality.name,
                role="steering",
                email=f"bench-styre{i}@{municipality.slug}.dk",
            )
            for i in range(5)
        ]
        enrolment = submitted_enrolment(
            municipality, coordinator, steering_users=steering, cohort=cohort
        )
        hold_meeting(enrolment, consultant)
    return consultant


def measure(client, url):
    client.get(url)  # warm caches and connections
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    # Queries and memory on a separate request: tracemalloc slows Python down several times.
    tracemalloc.start()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    peak_mb = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    timings.sort()
    return {
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "queries": len(captured),
        "peak_mb": peak_mb,
    }


def main():
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ensure_database()
    from django.db import transaction

    with transaction.atomic():
        consultant = seed()
    from enrolment.models import Enrolment
    from programmes.models import Membership

    roskilde_enrolment = Enrolment.objects.get(
        municipality__name="Roskilde", cohort__name="Bench-hold"
    )
    coordinator = Membership.objects.get(
        municipality__name="Roskilde", user__email__startswith="bench-koordinator"
    ).user

    pages = [
        ("consultant", consultant, reverse("home")),
        ("consultant", consultant, reverse("programmes:municipality_list")),
        ("consultant", consultant, reverse("enrolment:enrolment_list")),
        (
            "consultant",
            consultant,
            reverse("enrolment:enrolment_detail", args=[roskilde_enrolment.pk]),
        ),
        ("coordinator", coordinator, reverse("home")),
        (
            "coordinator",
            coordinator,
            reverse("enrolment:enrolment_detail", args=[roskilde_enrolment.pk]),
        ),
    ]
    print(f"{'who':<12} {'page':<28} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'peak MB':>8}")
    failures = []
    for who, user, url in pages:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        figures = measure(client, url)
        print(
            f"{who:<12} {url:<28} {figures['median_ms']:>10.1f} {figures['p95_ms']:>8.1f} "
            f"{figures['queries']:>8} {figures['peak_mb']:>8.2f}"
        )
        if figures["median_ms"] > TARGET_MS or figures["queries"] > TARGET_QUERIES:
            failures.append(url)
        if figures["peak_mb"] > TARGET_PEAK_MB:
            failures.append(url)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS: {rss_mb:.0f} MB; rounds per page: {ROUNDS}")
    print(
        f"targets: median <= {TARGET_MS} ms, queries <= {TARGET_QUERIES}, "
        f"peak <= {TARGET_PEAK_MB} MB per request: "
        + ("met" if not failures else "MISSED for " + ", ".join(failures))
    )


if __name__ == "__main__":
    from django_scopes import scopes_disabled

    # Seeding works across municipalities; each request still runs in its user's scope.
    with scopes_disabled():
        main()
