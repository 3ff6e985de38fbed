from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh
from django_scopes import scope, scopes_disabled
from django_scopes.state import state as scope_state

from accounts.request_user import memberships_of

from .scoping import can_read_all_municipalities

SESSION_KEY = "current_municipality_id"


class CurrentMunicipalityMiddleware:
    """Sets `request.memberships` and `request.municipality`, and runs the request in scope.

    A user with several municipalities switches between them; the choice is kept in the
    session and only ever one of the user's own. SBST staff have no current municipality.
    Tenant queries of the request are confined to the user's municipalities (all of them for
    SBST staff) by the django-scopes tripwire; see `programmes.scoping`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.memberships = []
        request.municipality = None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            # An empty scope: a tenant query on an anonymous request raises, unless the view
            # (a token link) says with `scopes_disabled()` that the token is the permission.
            token = scope_state.set({"_enabled": True})
            try:
                return self.get_response(request)
            finally:
                scope_state.reset(token)
        request.memberships = memberships_of(user)
        # The roles come with the memberships: `roles_in` asks the database no more.
        roles = {}
        for membership in request.memberships:
            roles.setdefault(membership.municipality_id, set()).add(membership.role)
        user._roles_cache = roles
        user._roles_complete = True
        municipalities = {m.municipality_id: m.municipality for m in request.memberships}
        chosen = request.session.get(SESSION_KEY)
        if chosen in municipalities:
            request.municipality = municipalities[chosen]
        elif municipalities:
            request.municipality = request.memberships[0].municipality
        if can_read_all_municipalities(user):
            with scopes_disabled():
                return self.get_response(request)
        with scope(municipality=list(municipalities)):
            return self.get_response(request)


class DanishFirstLocaleMiddleware:
    """Danish unless the user chose English with the language switch (its cookie).

    Django's LocaleMiddleware also follows the browser's Accept-Language, which would show a
    Danish public service in English on many work computers set up in English, and looks for
    a language prefix in the URL, which this project does not use. The language depends on
    the cookie alone, so responses vary by Cookie, not by Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = frozenset(code for code, _name in settings.LANGUAGES)

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in self.languages:
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class HtmxNavigationMiddleware:
    """An htmx request (a poll, a fragment) that the server answers with a redirect or a
    refusal turns into a navigation of the whole page.

    Otherwise the browser follows a redirect inside the request and htmx swaps what comes
    back (the sign-in page after the session ended) into a fragment of the page, or keeps
    polling a report that is gone. A redirect becomes `HX-Redirect` to the same place; a 403,
    404 or 410 becomes `HX-Refresh`, so the page is loaded again and says what is wrong.
    Comes after django-htmx's middleware (`request.htmx`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        status = response.status_code
        if status < 300 or not request.htmx:  # the status first: it costs nothing to read
            return response
        if status in (301, 302, 303, 307, 308) and response.has_header("Location"):
            return HttpResponseClientRedirect(response["Location"])
        if status in (403, 404, 410):
            return HttpResponseClientRefresh()
        return response
