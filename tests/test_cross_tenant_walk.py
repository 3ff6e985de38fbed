"""Walk every URL pattern in the project as a user of another municipality, beside its owner.

Roskilde's whole world is built before any URL is requested (see tests/world.py), so list
pages have Roskilde data to leak. Each URL is filled with Roskilde's objects and requested,
GET and POST, as Herning's coordinator: a URL that points at a Roskilde object must answer
404 (405 for a method the view does not take); any other page must not show Roskilde's data.
The same URL, requested by a Roskilde user who may open it (the object's owner, or an SBST
consultant for SBST pages), must answer without an error, so the outsider's 404 is about
the municipality and not a wrong id. No page may fail with a server error.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.world import (
    PUBLIC_KWARGS,
    build_world,
    collect_sbst_admin_pages,
    collect_sbst_pages,
    collect_world,
)

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
NAMES = {name for name, _kwargs in NAMED}


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


def test_the_worlds_name_only_pages_that_exist(roskilde):
    owner_pages = {name for made in build_world(roskilde).values() for name in made.owner_of}

    assert (collect_sbst_pages() | owner_pages) - NAMES == set()


@pytest.fixture
def roskilde_world(roskilde, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True  # /healthz then needs no worker
    return build_world(roskilde)


def _links_into(world):
    """The paths of the world's objects' own pages (URLs whose every kwarg is an object)."""
    return {
        reverse(name, kwargs={kwarg: world[kwarg].value for kwarg in kwargs})
        for name, kwargs in NAMED
        if kwargs and all(kwarg in world for kwarg in kwargs)
    }


def _owner(url_name, object_kwargs, world, *, roskilde_coordinator, consultant):
    """Who may open this URL of Roskilde's world."""
    if url_name in collect_sbst_admin_pages():
        from tests.factories import AdministratorFactory

        return AdministratorFactory()
    if url_name in collect_sbst_pages():
        return consultant
    for kwarg in object_kwargs:
        if url_name in world[kwarg].owner_of:
            return world[kwarg].owner_of[url_name]
    if object_kwargs:
        return world[object_kwargs[-1]].owner  # the most specific object's
    return roskilde_coordinator


def _is_login_redirect(response):
    return response.status_code == 302 and ("login" in response.url or "log-ind" in response.url)


def _logged_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.parametrize(("url_name", "kwarg_names"), NAMED, ids=[n for n, _ in NAMED])
def test_herning_user_gets_nothing_of_roskilde(
    url_name,
    kwarg_names,
    roskilde_world,
    roskilde,
    herning_coordinator,
    roskilde_coordinator,
    consultant,
):
    def value(kwarg):
        if kwarg in PUBLIC_KWARGS:
            return PUBLIC_KWARGS[kwarg](roskilde)
        return roskilde_world[kwarg].value

    url = reverse(url_name, kwargs={kwarg: value(kwarg) for kwarg in kwarg_names})
    object_kwargs = [kwarg for kwarg in kwarg_names if kwarg not in PUBLIC_KWARGS]

    outsider = _logged_in(herning_coordinator)
    statuses = set()
    for method in ("get", "post"):
        response = getattr(outsider, method)(url)
        status = response.status_code
        statuses.add(status)
        assert status < 500, f"{method.upper()} {url} failed with {status}"
        if not object_kwargs:
            body = response.content.decode(errors="replace")
            assert MARKER not in body, f"{method.upper()} {url} shows Roskilde's data"
            leaked = sorted(link for link in _links_into(roskilde_world) if link in body)
            assert leaked == [], f"{method.upper()} {url} links to Roskilde's objects"
    if object_kwargs:
        assert 404 in statuses and statuses <= {404, 405}, (
            f"{url} answered {sorted(statuses)} to another municipality"
        )

    if url_name.startswith("admin:") or (kwarg_names and not object_kwargs):
        return  # a secret link or Django admin's own page: there is no Roskilde owner
    owner = _owner(
        url_name,
        object_kwargs,
        roskilde_world,
        roskilde_coordinator=roskilde_coordinator,
        consultant=consultant,
    )
    client = _logged_in(owner)
    response = client.get(url)
    if response.status_code == 405 and object_kwargs:
        # A POST-only view may refuse GET before it looks the object up; posting proves it.
        response = client.post(url)
    status = response.status_code
    answered = status < 400 or (status == 405 and not object_kwargs)
    assert answered and not _is_login_redirect(response), (
        f"{url} answered {status} to {owner}, who may open it"
    )
