"""Serve the app with gunicorn under production settings and measure it with wrk.

Creates (once) 1,000 programmes with their phases, groups, members, meetings, trial actions
and activity over the 98 municipalities in its own database, then serves, on loopback, side
by side with gunicorn (2 sync workers each):

- a bare Django (one view, no middleware, no apps, no database: `bench/http_app/bare_settings.py`),
- the project under production settings (DEBUG off, PostgreSQL, Redis as cache and broker)
  with one extra bench-only URL: the same minimal view behind the full middleware,

signs a consultant in through the login page, and runs wrk against each of: the bare view,
the minimal view signed in, and the portfolio's default view signed in. It prints requests/s,
median and 99th percentile of each and the ratios to the bare view, then stops the servers.

    .venv/bin/python bench/bench_http.py

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/forlob_bench_http),
BENCH_REDIS_URL (default redis://127.0.0.1:6379/13: its own Redis database, flushed at the
start), BENCH_SECONDS (10 per view), BENCH_CONNECTIONS (8), BENCH_PORTFOLIO_PATH (the page
measured as the portfolio). The portfolio is measured as served (its content from the page
cache, `portfolio/page_cache.py`) and, for information, computed on every request (a third
server with PORTFOLIO_PAGE_CACHE=0), as the first request after a change is. Needs wrk
(bin/system-deps installs it).

Targets: the minimal view signed in at 30 % or more of the bare view; the portfolio at 4 % or
more of the bare view with its 99th percentile under 300 ms; the CSV and XLSX exports of all
1,000 programmes under 2 s each. Static files are served by
Django's plain storage (STATIC_MANIFEST=0: no collectstatic needed); no page measured here
serves a static file.
"""

import datetime
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/forlob_bench_http"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
PROGRAMMES = 1000
CONSULTANT_EMAIL = "bench-http-konsulent@sbst.dk"
PASSWORD = "bench-http-adgangskode-7"

# Production settings: DEBUG off, the required variables set, plain http on loopback.
SERVER_ENV = {
    "SECRET_KEY": "bench-only-not-secret-3f9a1c7e5b2d4068a9e1f3c5b7d9e2a4c6f8b0d2",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "STATIC_MANIFEST": "0",
    "LOG_LEVEL": "WARNING",
}
os.environ.pop("DEBUG", None)
os.environ.update(SERVER_ENV)
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

TARGET_MINIMAL = 0.30
TARGET_PORTFOLIO = 0.04
TARGET_PORTFOLIO_P99_MS = 300
TARGET_EXPORT_SECONDS = 2


def ensure_database():
    import psycopg

    name = settings.DATABASES["default"]["NAME"]
    with psycopg.connect(
        host=settings.DATABASES["default"]["HOST"] or "127.0.0.1",
        user=settings.DATABASES["default"]["USER"] or "postgres",
        dbname="postgres",
        autocommit=True,
    ) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone():
            conn.execute(f'create database "{name}"')
    call_command("migrate", verbosity=0)


# The content --------------------------------------------------------------------------------

TRIAL_TITLES = [
    "Recoverysamtaler på bostedet",
    "Netværksmøder før udskrivning",
    "Peer-medarbejder i bostøtten",
    "Fælles morgenmad i værestedet",
    "Borgerens egen plan i myndighedssagen",
]


def _phase_path(cohort_index: int) -> list[str]:
    """The phases a programme of the n-th cohort (oldest first) has entered by now."""
    from phases.models import Phase

    path = [Phase.ENROL, Phase.PREPARE, Phase.DEVELOP, Phase.ANCHOR, Phase.COMPLETED]
    reached = {0: 5, 1: 5, 2: 5, 3: 4, 4: 4, 5: 4, 6: 3, 7: 3, 8: 3, 9: 2, 10: 2}[cohort_index]
    return path[:reached]


def seed():
    """1,000 programmes over the 98 municipalities, ten-odd cohorts, all in bulk."""
    from accounts.models import User
    from meetings.models import Meeting, MeetingGroup
    from phases.models import Phase, ProgrammePhase
    from programmes.activity import CoreAction
    from programmes.models import (
        ActivityEntry,
        Area,
        Cohort,
        GroupMember,
        Level,
        Membership,
        Municipality,
        Programme,
        ProgrammeGroup,
    )
    from trial_actions.models import TrialAction, TrialActionState

    if Programme.objects.count() >= PROGRAMMES:
        return
    started = time.perf_counter()
    now = datetime.datetime.now(datetime.UTC)
    consultants = [
        User.objects.create_user(
            CONSULTANT_EMAIL if i == 0 else f"bench-http-konsulent{i}@sbst.dk",
            password=PASSWORD if i == 0 else None,
            full_name=f"Konsulent {i + 1}",
            sbst_role=User.SbstRole.CONSULTANT,
        )
        for i in range(8)
    ]
    municipalities = list(Municipality.objects.order_by("name"))
    coordinators = User.objects.bulk_create(
        User(
            email=f"bench-http-koordinator@{m.slug}.dk",
            full_name=f"Koordinator i {m.name}",
            password="!",
        )
        for m in municipalities
    )
    Membership.objects.bulk_create(
        Membership(municipality=m, user=u, role=Membership.Role.COORDINATOR)
        for m, u in zip(municipalities, coordinators, strict=True)
    )
    cohorts = []
    for i in range(11):
        starts_on = datetime.date(2021 + i // 2, 1 if i % 2 == 0 else 8, 1)
        cohorts.append(
            Cohort.objects.create(
                name=f"Bench-hold {starts_on:%Y-%m}",
                starts_on=starts_on,
                enrolment_deadline=starts_on - datetime.timedelta(days=60),
                is_open_for_enrolment=False,
            )
        )
    programmes = []
    paths = {}
    for cohort_index, cohort in enumerate(cohorts):
        for m_index, municipality in enumerate(municipalities):
            if len(programmes) == PROGRAMMES:
                break
            programme = Programme(
                municipality=municipality,
                cohort=cohort,
                coordinator=coordinators[m_index],
                primary_contact=consultants[m_index % len(consultants)],
            )
            programmes.append(programme)
            # A few programmes lag a phase behind their cohort.
            lag = 1 if (m_index % 7 == 3 and cohort_index < 9) else 0
            paths[len(programmes) - 1] = _phase_path(cohort_index)[: -lag or None]
    Programme.objects.bulk_create(programmes, batch_size=500)

    phases, groups, members, meetings, trials, entries = [], [], [], [], [], []
    for index, programme in enumerate(programmes):
        start = datetime.datetime.combine(
            programme.cohort.starts_on, datetime.time(9), tzinfo=datetime.UTC
        )
        path = paths[index]
        for step, phase in enumerate(path):
            current = step == len(path) - 1
            phases.append(
                ProgrammePhase(
                    programme=programme,
                    phase=phase,
                    started_at=start + datetime.timedelta(days=150 * step),
                    ended_at=None if current else start + datetime.timedelta(days=150 * step + 149),
                )
            )
        steering = ProgrammeGroup(
            programme=programme, kind=ProgrammeGroup.Kind.STEERING, name="Styregruppe"
        )
        implementation = ProgrammeGroup(
            programme=programme,
            kind=ProgrammeGroup.Kind.IMPLEMENTATION,
            name="Implementeringsgruppe",
        )
        local = ProgrammeGroup(
            programme=programme,
            kind=ProgrammeGroup.Kind.LOCAL,
            name="Bostøtten Nord",
            area=Area.HOUSING_SUPPORT,
        )
        groups += [steering, implementation, local]
        for group, levels in (
            (steering, [Level.DIRECTOR, Level.CHIEF, Level.CHIEF, Level.LEADER]),
            (implementation, [Level.LEADER, Level.LEADER, Level.OTHER, Level.OTHER]),
            (local, [Level.LEADER, Level.OTHER, Level.OTHER, Level.OTHER]),
        ):
            for n, level in enumerate(levels):
                members.append(
                    GroupMember(
                        group=group,
                        name=f"Medlem {n + 1} af {group.name.lower()}",
                        role=GroupMember.Role.CHAIR if n == 0 else GroupMember.Role.MEMBER,
                        kind=GroupMember.Kind.CITIZEN if n == 3 else GroupMember.Kind.EMPLOYEE,
                        level=level,
                        area=Area.MANAGEMENT if group is steering else Area.HOUSING_SUPPORT,
                    )
                )
        for n, phase in enumerate(p for p in path if p not in (Phase.ENROL, Phase.COMPLETED)):
            for k in range(2):
                when = start + datetime.timedelta(days=150 * (n + 1) + 40 * k)
                held = when < now
                meetings.append(
                    Meeting(
                        programme=programme,
                        phase=phase,
                        number=k + 1,
                        is_kickoff=(n == 0 and k == 0),
                        title=f"Styregruppemøde {k + 1}",
                        starts_at=when,
                        ends_at=when + datetime.timedelta(hours=2),
                        place="Rådhuset, mødelokale 2",
                        minutes="Gruppen drøftede status og næste skridt." if held else "",
                        minutes_written_at=when + datetime.timedelta(days=2) if held else None,
                    )
                )
        if Phase.DEVELOP in path:
            states = list(TrialActionState)
            for k, title in enumerate(TRIAL_TITLES):
                begins = programme.cohort.starts_on + datetime.timedelta(days=300 + 20 * k)
                trials.append(
                    TrialAction(
                        programme=programme,
                        title=title,
                        problem="Borgerne oplever, at støtten ikke tager udgangspunkt i dem.",
                        hoped_for="At borgerne selv sætter retningen for støtten.",
                        group=local,
                        starts_on=begins,
                        ends_on=begins + datetime.timedelta(days=90),
                        evaluate_by=begins + datetime.timedelta(days=100),
                        success_measure="Flere borgere har en plan, de selv har skrevet.",
                        state=states[(index + k) % len(states)],
                    )
                )
    ProgrammePhase.objects.bulk_create(phases, batch_size=2000)
    ProgrammeGroup.objects.bulk_create(groups, batch_size=2000)
    for member in members:
        member.group = member.group  # the group's id, now that it has one
    GroupMember.objects.bulk_create(members, batch_size=2000)
    Meeting.objects.bulk_create(meetings, batch_size=2000)
    steering_of = {g.programme_id: g for g in groups if g.kind == ProgrammeGroup.Kind.STEERING}
    MeetingGroup.objects.bulk_create(
        (MeetingGroup(meeting=m, group=steering_of[m.programme_id]) for m in meetings),
        batch_size=2000,
    )
    TrialAction.objects.bulk_create(trials, batch_size=2000)
    # Who did what and when: six entries per programme over the last four months.
    for index, group in enumerate(groups):
        for k in range(2):
            entries.append(
                ActivityEntry(
                    municipality_id=group.municipality_id,
                    programme_id=group.programme_id,
                    actor=group.programme.coordinator,
                    action=CoreAction.GROUP_ADDED,
                    data={"group": group.pk, "name": group.name, "kind": group.kind, "area": ""},
                    created_at=now - datetime.timedelta(days=(index * 7 + k * 11) % 120),
                )
            )
    ActivityEntry.objects.bulk_create(entries, batch_size=2000)
    print(
        f"seeded {len(programmes)} programmes, {len(phases)} phase records, {len(groups)} groups, "
        f"{len(members)} members, {len(meetings)} meetings, {len(trials)} trial actions, "
        f"{len(entries)} activity entries in {time.perf_counter() - started:.0f} s"
    )


# The servers --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(app: str, port: int, settings_module: str, **extra_env) -> subprocess.Popen:
    env = {**os.environ, **SERVER_ENV, "DJANGO_SETTINGS_MODULE": settings_module, **extra_env}
    env.pop("DEBUG", None)
    return subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            app,
            "--pythonpath",
            f"{ROOT},{BENCH}",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn on port {port} exited with {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn on port {port} did not start within {timeout:.0f} s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def sign_in(base: str) -> str:
    """Sign the consultant in through the login page; return the Cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_url = f"{base}/konto/log-ind/"
    page = opener.open(login_url).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"username": CONSULTANT_EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    opener.open(urllib.request.Request(login_url, data=body, headers={"Referer": login_url}))
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit("The consultant could not sign in: no session cookie.")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def check_page(url: str, cookie: str | None) -> None:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        response = urllib.request.build_opener(NoRedirect).open(request)
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{url} answered {error.code}, not 200") from error
    if response.status != 200:
        raise SystemExit(f"{url} answered {response.status}, not 200")


# wrk ----------------------------------------------------------------------------------------

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, cookie: str | None, seconds: int) -> dict:
    command = ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{seconds}s", "--latency"]
    command += ["--timeout", "60s"]  # a slow page is measured, not dropped
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    if "Non-2xx or 3xx responses" in output or "Socket errors" in output:
        raise SystemExit(f"wrk saw errors on {url}:\n{output}")
    if " 0 requests in" in output:
        raise SystemExit(f"no request to {url} finished in {seconds} s:\n{output}")

    def latency(percentile: str) -> float:
        value, unit = re.search(
            rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M
        ).groups()
        return float(value) * UNITS_MS[unit]

    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "median_ms": latency("50"),
        "p99_ms": latency("99"),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
    }


def export_seconds(url: str, cookie: str, rounds: int = 5) -> dict:
    """The export of every programme, fetched `rounds` times one after another: the median
    time to the whole file and to its first bytes, its rows and whether it was streamed."""
    totals, firsts = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookie})) as r:
            first = r.read(1)
            firsts.append(time.perf_counter() - started)
            body = first + r.read()
            chunked = r.headers.get("Transfer-Encoding") == "chunked"
        totals.append(time.perf_counter() - started)
    rows = body.count(b"\n") - 1 if url.split("?")[0].endswith(".csv") else None
    return {
        "seconds": statistics.median(totals),
        "first_seconds": statistics.median(firsts),
        "rows": rows,
        "streamed": chunked,
        "bytes": len(body),
    }


def portfolio_path() -> str:
    from django.urls import NoReverseMatch

    if os.environ.get("BENCH_PORTFOLIO_PATH"):
        return os.environ["BENCH_PORTFOLIO_PATH"]
    try:
        return reverse("portfolio:portfolio")
    except NoReverseMatch:
        return reverse("programmes:municipality_list")


def main():
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: run bin/system-deps (as root) or apt-get install wrk.")
    ensure_database()
    with scopes_disabled(), transaction.atomic():
        seed()
    connection.close()
    from django.core.cache import cache

    cache.clear()  # the bench's own Redis database: no entry from an earlier run

    bare_port, full_port, computing_port = free_port(), free_port(), free_port()
    servers = [
        start_server("http_app.bare:application", bare_port, "http_app.bare_settings"),
        start_server("http_app.full:application", full_port, "http_app.full_settings"),
        # The same app with the portfolio's page cache off: the page as computed after a change.
        start_server(
            "http_app.full:application",
            computing_port,
            "http_app.full_settings",
            PORTFOLIO_PAGE_CACHE="0",
        ),
    ]
    try:
        for server, port in zip(servers, (bare_port, full_port, computing_port), strict=True):
            wait_until_up(port, server)
        full = f"http://127.0.0.1:{full_port}"
        cookie = sign_in(full)
        portfolio = portfolio_path()
        views = [
            ("bare view, no middleware", f"http://127.0.0.1:{bare_port}/minimal/", None),
            ("minimal view, middleware, signed in", f"{full}/bench-minimal/", cookie),
            (f"portfolio {portfolio}, signed in", f"{full}{portfolio}", cookie),
        ]
        results = []
        for name, url, view_cookie in views:
            check_page(url, view_cookie)
            wrk(url, view_cookie, 2)  # warm both workers: imports, templates, caches
            results.append((name, wrk(url, view_cookie, SECONDS)))
        # Not a target: what the first request after a change costs (the session is in the
        # shared Redis and database, so the same cookie signs in there too).
        computing = f"http://127.0.0.1:{computing_port}{portfolio}"
        check_page(computing, cookie)
        results.append(("  the same, computed (page cache off)", wrk(computing, cookie, SECONDS)))
        exports = {
            kind: export_seconds(f"{full}{reverse(name)}?visning=alle", cookie)
            for kind, name in (
                ("CSV", "portfolio:portfolio_csv"),
                ("XLSX", "portfolio:portfolio_xlsx"),
            )
        }
    finally:
        for server in servers:
            stop_server(server)

    load = os.getloadavg()
    print(
        f"\ngunicorn 2 sync workers per app, wrk {CONNECTIONS} connections x {SECONDS} s on "
        f"loopback, {os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    bare_rps = results[0][1]["rps"]
    print(f"{'view':<48} {'req/s':>9} {'median ms':>10} {'p99 ms':>8} {'of bare':>8}")
    for name, figures in results:
        print(
            f"{name:<48} {figures['rps']:>9.0f} {figures['median_ms']:>10.2f} "
            f"{figures['p99_ms']:>8.1f} {figures['rps'] / bare_rps:>8.1%}"
        )
    for kind, figures in exports.items():
        rows = f", {figures['rows']} rows" if figures["rows"] is not None else ""
        print(
            f"export {kind} of all programmes: {figures['seconds']:.2f} s median "
            f"(first bytes after {figures['first_seconds']:.2f} s{rows}, "
            f"{figures['bytes'] / 1024:.0f} KB, {'streamed' if figures['streamed'] else 'whole'})"
        )
    minimal_share = results[1][1]["rps"] / bare_rps
    portfolio_share = results[2][1]["rps"] / bare_rps
    portfolio_p99 = results[2][1]["p99_ms"]
    slowest_export = max(figures["seconds"] for figures in exports.values())
    print(
        f"targets: minimal >= {TARGET_MINIMAL:.0%} of bare: "
        f"{'met' if minimal_share >= TARGET_MINIMAL else 'MISSED'}; "
        f"portfolio >= {TARGET_PORTFOLIO:.0%} of bare: "
        f"{'met' if portfolio_share >= TARGET_PORTFOLIO else 'MISSED'}; "
        f"portfolio p99 < {TARGET_PORTFOLIO_P99_MS} ms: "
        f"{'met' if portfolio_p99 < TARGET_PORTFOLIO_P99_MS else 'MISSED'}; "
        f"exports < {TARGET_EXPORT_SECONDS} s: "
        f"{'met' if slowest_export < TARGET_EXPORT_SECONDS else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
