"""The CSP header: Django's policy, built once when the response used no nonce."""

from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.csp import CSP, build_policy

from config.csp import ContentSecurityPolicyMiddleware


def respond(settings, *, use_nonce=False, response=None):
    request = RequestFactory().get("/")

    def view(request):
        if use_nonce:
            str(request._csp_nonce)  # a template that wrote {{ csp_nonce }}
        return response or HttpResponse("ok")

    return ContentSecurityPolicyMiddleware(view)(request), request


def test_a_response_without_a_nonce_gets_djangos_policy(settings):
    response, _request = respond(settings)

    assert response.headers["Content-Security-Policy"] == build_policy(settings.SECURE_CSP)
    assert "nonce-" not in response.headers["Content-Security-Policy"]


def test_a_response_that_used_the_nonce_gets_its_own(settings):
    first, request = respond(settings, use_nonce=True)
    second, _ = respond(settings, use_nonce=True)

    nonce = str(request._csp_nonce)
    assert f"'nonce-{nonce}'" in first.headers["Content-Security-Policy"]
    assert first.headers["Content-Security-Policy"] != second.headers["Content-Security-Policy"]
    assert first.headers["Content-Security-Policy"] == build_policy(settings.SECURE_CSP, nonce)


def test_a_changed_configuration_is_built_again(settings):
    respond(settings)
    settings.SECURE_CSP = {"default-src": [CSP.SELF], "img-src": [CSP.SELF, "data:"]}

    response, _ = respond(settings)

    assert response.headers["Content-Security-Policy"] == "default-src 'self'; img-src 'self' data:"


def test_a_header_the_view_set_stays_and_report_only_is_built_too(settings):
    settings.SECURE_CSP_REPORT_ONLY = {"default-src": [CSP.NONE]}
    own = HttpResponse("ok", headers={"Content-Security-Policy": "default-src 'none'"})

    response, _ = respond(settings, response=own)

    assert response.headers["Content-Security-Policy"] == "default-src 'none'"
    assert response.headers["Content-Security-Policy-Report-Only"] == "default-src 'none'"
