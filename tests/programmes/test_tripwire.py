"""The tripwire under the scoping layer: tenant queries outside a scope fail loudly."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django_scopes import ScopeError, scope, scopes_disabled
from django_scopes.state import state

from enrolment.models import Enrolment
from programmes.middleware import CurrentMunicipalityMiddleware
from programmes.models import Membership, Municipality, Programme
from tests.factories import ProgrammeFactory


@pytest.fixture
def programmes(roskilde, herning):
    return ProgrammeFactory(municipality=roskilde), ProgrammeFactory(municipality=herning)


@pytest.fixture
def no_scope():
    """Step out of the suite's Roskilde scope into no scope at all, as a new thread is."""
    token = state.set(None)
    yield
    state.reset(token)


@pytest.mark.parametrize("model", [Programme, Membership, Municipality, Enrolment])
def test_a_tenant_query_outside_any_scope_raises(model, programmes, no_scope):
    with pytest.raises(ScopeError):
        list(model.objects.all())


def test_inside_a_scope_even_a_forgotten_filter_sees_only_that_municipality(programmes, roskilde):
    with scope(municipality=[roskilde.pk]):
        assert list(Programme.objects.all()) == [programmes[0]]
        assert list(Municipality.objects.values_list("name", flat=True)) == ["Roskilde"]


def _request_through_middleware(rf, user, view):
    request = rf.get("/")
    request.user = user
    request.session = SessionStore()
    return CurrentMunicipalityMiddleware(view)(request)


def test_a_coordinators_request_runs_in_their_municipalitys_scope(
    rf, roskilde_coordinator, programmes
):
    def careless_view(request):
        return list(Programme.objects.all())  # no for_user: the tripwire still confines it

    with scopes_disabled():
        seen = _request_through_middleware(rf, roskilde_coordinator, careless_view)

    assert seen == [programmes[0]]


def test_a_consultants_request_reads_every_municipality(rf, consultant, programmes):
    with scopes_disabled():
        seen = _request_through_middleware(
            rf, consultant, lambda request: set(Programme.objects.all())
        )

    assert seen == set(programmes)


def test_an_anonymous_request_cannot_query_tenant_data(rf, programmes, no_scope):
    with pytest.raises(ScopeError):
        _request_through_middleware(
            rf, AnonymousUser(), lambda request: list(Programme.objects.all())
        )


def test_an_anonymous_request_has_no_scope_even_inside_scopes_disabled(rf, programmes, no_scope):
    # An anonymous request must not inherit the caller's scopes_disabled().
    with scopes_disabled(), pytest.raises(ScopeError):
        _request_through_middleware(
            rf, AnonymousUser(), lambda request: list(Programme.objects.all())
        )
