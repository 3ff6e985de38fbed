"""Walk every URL pattern in the project as a user of another municipality.

The URLs are filled with Roskilde's objects and requested, GET and POST, as Herning's
coordinator. A URL that points at a Roskilde object must answer 404 (405 for a method the
view does not take, or the admin's redirect to its login); any other page must not show
Roskilde's data. No page may fail with a server error.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.world import PUBLIC_KWARGS, collect_world

MARKER = "Roskilde"


def walk(patterns, namespace=None, kwarg_names=()):
    for entry in patterns:
        names = kwarg_names + tuple(_kwargs_of(entry))
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(entry.url_patterns, full_ns, names)
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield name, names, entry, namespace


def _kwargs_of(entry):
    pattern = entry.pattern
    if hasattr(pattern, "converters"):
        names = list(pattern.converters)
        if names:
            return names
    regex = pattern.regex
    return list(regex.groupindex)


ALL_PATTERNS = list(walk(get_resolver().url_patterns))
NAMED = [(name, kwargs) for name, kwargs, _entry, _ns in ALL_PATTERNS if name]


def test_every_project_url_pattern_has_a_name():
    # The admin's unnamed legacy redirects live behind its own staff check.
    unnamed = [
        str(entry.pattern)
        for name, _kwargs, entry, ns in ALL_PATTERNS
        if not name and ns != "admin"
    ]

    assert unnamed == []


def test_the_walk_knows_every_keyword_argument():
    world = collect_world()
    unknown = {
        (name, kwarg)
        for name, kwargs in NAMED
        for kwarg in kwargs
        if kwarg not in world and kwarg not in PUBLIC_KWARGS
    }

    assert unknown == set(), "add a maker for these kwargs to a tests/<app>/world.py"


@pytest.fixture
def roskilde_world(roskilde, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True  # /healthz then needs no worker
    world = collect_world()
    cache = {}

    def value(kwarg):
        if kwarg not in cache:
            maker = world.get(kwarg) or PUBLIC_KWARGS[kwarg]
            cache[kwarg] = maker(roskilde)
        return cache[kwarg]

    return value


@pytest.mark.parametrize(("url_name", "kwarg_names"), NAMED, ids=[n for n, _ in NAMED])
def test_herning_user_gets_nothing_of_roskilde(
    url_name, kwarg_names, roskilde_world, herning_coordinator, client_for
):
    kwargs = {kwarg: roskilde_world(kwarg) for kwarg in kwarg_names}
    url = reverse(url_name, kwargs=kwargs)
    points_at_object = any(kwarg not in PUBLIC_KWARGS for kwarg in kwarg_names)
    client = client_for(herning_coordinator)

    for method in ("get", "post"):
        response = getattr(client, method)(url)
        status = response.status_code
        assert status < 500, f"{method.upper()} {url} failed with {status}"
        if points_at_object:
            redirected_to_login = status == 302 and (
                "login" in response.url or "log-ind" in response.url
            )
            allowed = status in (404, 405) or redirected_to_login
            assert allowed, f"{method.upper()} {url} answered {status} to another municipality"
        else:
            body = response.content.decode(errors="replace")
            assert MARKER not in body, f"{method.upper()} {url} shows Roskilde's data"
