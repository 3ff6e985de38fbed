"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Mark tests `@pytest.mark.e2e` and `@pytest.mark.django_db(transaction=True,
serialized_rollback=True)`: the live server runs in another thread, so the data must be
committed, and `serialized_rollback` restores what migrations loaded (the 98 municipalities,
content types) after the flush at the end of each transactional test. Every transactional test
in the project should ask for it, or the flush and the restore collide. `_municipalities` is a
safety net for the case where the serialized copy is not restored.
"""

import importlib
import json
import os
import subprocess
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DKFDS_CSS = ROOT / "static" / "vendor" / "dkfds" / "css" / "dkfds.min.css"
HTMX_JS = ROOT / "static" / "vendor" / "htmx" / "htmx.min.js"
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
NAVIGATION_TIMEOUT_MS = 15_000
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def _static_assets():
    """The DKFDS and htmx files the pages load; copied from node_modules when missing."""
    if not (DKFDS_CSS.exists() and HTMX_JS.exists()):
        for package in ("dkfds", "htmx.org"):
            if not (ROOT / "node_modules" / package).exists():
                pytest.fail(f"node_modules/{package} is missing: run `npm ci` in the project root.")
        subprocess.run(["sh", str(ROOT / "scripts" / "copy-assets.sh")], check=True)


@pytest.fixture(autouse=True)
def _municipalities(request):
    """Reload the municipalities that an earlier transactional test flushed away."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    from django.apps import apps

    from programmes.models import Municipality

    if not Municipality.objects.exists():
        migration = importlib.import_module("programmes.migrations.0002_load_municipalities")
        migration.load(apps, None)


@pytest.fixture(scope="session")
def _live_server_settings():
    """Plain http for the live server, whose middleware is built once when it starts.

    SecurityMiddleware reads SECURE_SSL_REDIRECT when it is created, so the per-test override
    in tests/conftest.py comes too late for the session-wide live server.
    """
    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture(scope="session")
def live_server(_live_server_settings, live_server):
    return live_server


def _serialized_contents():
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


def _restore_serialized_contents(serialized):
    """Hand the test database's serialized copy to the connections Django now uses.

    With Playwright's loop running in this thread, asgiref's Local switches Django's
    connections to per-context storage, so new connection objects appear without the copy
    that `serialized_rollback` restores; their flush would then recreate content types with
    new keys and break the next serialized restore.
    """
    from django.db import connections

    for alias, contents in serialized.items():
        connections[alias]._test_serialized_contents = contents


@pytest.fixture(scope="package")
def browser(_static_assets):
    """One headless Chromium for the browser tests.

    Playwright's sync API keeps an event loop running in this thread, and Django's ORM refuses
    to run while one is, unless DJANGO_ALLOW_ASYNC_UNSAFE says it is safe (it is: one thread,
    no concurrent coroutines). The variable lives only as long as the browser, so it does not
    leak into later tests' subprocesses (`manage.py check --deploy` rejects it).
    """
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing. Install it with "
            "`apt-get update && apt-get install -y chromium`."
        )
    from playwright.sync_api import sync_playwright

    serialized = _serialized_contents()
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            _restore_serialized_contents(serialized)
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture
def browser_page(browser):
    """A fresh context and page per test; fails the test on a Content-Security-Policy breach."""
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    context.set_default_timeout(NAVIGATION_TIMEOUT_MS)
    page = context.new_page()
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert not csp_errors, "The page broke the Content-Security-Policy:\n" + "\n".join(csp_errors)


def log_in(page, live_server, email, password):
    """Fill in and send the login form; returns the page after the redirect."""
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    return page


@pytest.fixture
def login():
    """`login(page, live_server, email, password)`: log in through the real form."""
    return log_in


def _format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'n/a'}): {violation['help']}"
            f"\n  {violation.get('helpUrl', '')}"
        )
        for node in violation.get("nodes", [])[:10]:
            target = " ".join(json.dumps(part) for part in node.get("target", []))
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def check_axe(page):
    """Run axe-core's WCAG 2.1 A and AA rules on the page and fail with a readable list.

    The script is injected with `page.evaluate`, which the page's CSP does not govern (a
    script tag would be blocked by `script-src 'self' 'nonce-…'`).
    """
    if not AXE_JS.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` in the project root.")
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return {violations: result.violations};
        }""",
        AXE_TAGS,
    )
    violations = result["violations"]
    if violations:
        pytest.fail(
            f"axe found {len(violations)} accessibility violation(s) on {page.url}:\n"
            + _format_violations(violations),
            pytrace=False,
        )


@pytest.fixture
def assert_no_axe_violations():
    """`assert_no_axe_violations(page)`: see `check_axe`."""
    return check_axe
