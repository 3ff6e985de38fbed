"""Django's Content-Security-Policy middleware, with the policy of a response that used no
nonce built once per configuration instead of once per response.

Only a page that asked for the nonce (a chart's inline style) needs a header of its own;
every other response (most pages, redirects, downloads, partials) gets the same string.
"""

from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoMiddleware
from django.middleware.csp import get_nonce
from django.utils.csp import CSP, build_policy

# id(config) -> (a copy of the config, its policy without a nonce). The copy is compared on
# every use, so a changed configuration (a test's settings override) is built again.
_WITHOUT_NONCE: dict[int, tuple[dict, str]] = {}


def policy(config, nonce=None) -> str:
    """`build_policy(config, nonce)`, kept when there is no nonce."""
    if nonce or not isinstance(config, dict):
        return build_policy(config, nonce)
    kept = _WITHOUT_NONCE.get(id(config))
    if kept is None or kept[0] != config:
        kept = _WITHOUT_NONCE[id(config)] = (dict(config), build_policy(config, None))
    return kept[1]


class ContentSecurityPolicyMiddleware(DjangoMiddleware):
    """Django's `process_response`, with `policy` for `build_policy`."""

    def process_response(self, request, response):
        nonce = get_nonce(request)
        sentinel = object()
        if (csp_config := getattr(response, "_csp_config", sentinel)) is sentinel:
            csp_config = settings.SECURE_CSP
        if (csp_ro_config := getattr(response, "_csp_ro_config", sentinel)) is sentinel:
            csp_ro_config = settings.SECURE_CSP_REPORT_ONLY
        for header, config in (
            (CSP.HEADER_ENFORCE, csp_config),
            (CSP.HEADER_REPORT_ONLY, csp_ro_config),
        ):
            # A header the view set stays; an empty configuration adds none.
            if config and header not in response:
                response.headers[str(header)] = policy(config, nonce)
        return response
