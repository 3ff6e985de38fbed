"""One address for each object: a page found through the user's scope but named under other
parents (an old or hand-edited link) goes on to its own URL for a GET and is not found for
anything else, so nothing is ever changed through a URL that names the wrong parents.

A view wrapped in `canonical` calls `at_home(request, programme_pk=..., ...)` once it has
fetched its object."""

from functools import wraps

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse


class _Elsewhere(Exception):
    def __init__(self, url):
        super().__init__(url)
        self.url = url


def canonical(view):
    """Let the view call `at_home`: a GET for an object named under another programme (or
    other parent) is sent on to the object's own URL."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _Elsewhere as moved:
            return redirect(moved.url)

    return wrapper


def at_home(request, **actual) -> None:
    """Return when the URL's kwargs name the object's own parents (`actual`); otherwise a GET
    or HEAD goes on to the same view under those parents and any other method is a 404.
    Only inside a view wrapped in `canonical`."""
    given = request.resolver_match.kwargs
    if all(given.get(name) == value for name, value in actual.items()):
        return
    if request.method not in ("GET", "HEAD"):
        raise Http404
    raise _Elsewhere(reverse(request.resolver_match.view_name, kwargs={**given, **actual}))
