import pytest
from auditlog.models import LogEntry
from django.test import RequestFactory
from django.urls import reverse

from accounts.client_ip import client_ip


def request_from(remote_addr="10.0.0.1", forwarded_for=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **extra)


def test_client_ip_without_a_proxy_is_remote_addr_whatever_x_forwarded_for_says(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_ip(request_from("10.0.0.1", "203.0.113.5")) == "10.0.0.1"


def test_client_ip_behind_one_proxy_is_the_hop_the_proxy_appended(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_ip(request_from("10.0.0.1", "203.0.113.5, 198.51.100.66")) == "198.51.100.66"


def test_client_ip_behind_two_proxies_is_the_second_hop_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    request = request_from("10.0.0.1", "203.0.113.5, 198.51.100.66, 10.0.0.2")

    assert client_ip(request) == "198.51.100.66"


@pytest.mark.parametrize(
    ("forwarded_for", "expected"),
    [
        ("198.51.100.66:4711", "198.51.100.66"),
        ("[2001:db8::1]:4711", "2001:db8::1"),
        ("2001:DB8::1", "2001:db8::1"),
    ],
)
def test_client_ip_behind_a_proxy_reads_an_address_with_a_port(settings, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_ip(request_from("10.0.0.1", forwarded_for)) == expected


@pytest.mark.parametrize("forwarded_for", ["", "not-an-address", "1.2.3.4\x00", "999.1.1.1", ","])
def test_client_ip_behind_a_proxy_falls_back_to_remote_addr_for_a_malformed_header(
    settings, forwarded_for
):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_ip(request_from("10.0.0.1", forwarded_for)) == "10.0.0.1"


def test_client_ip_falls_back_to_remote_addr_when_the_header_has_too_few_hops(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    assert client_ip(request_from("10.0.0.1", "198.51.100.66")) == "10.0.0.1"


def invite_with_headers(client, municipality, **headers):
    return client.post(
        reverse("accounts:invitation_list"),
        {"email": "x@example.dk", "municipality": municipality.pk, "role": "reader"},
        REMOTE_ADDR="10.0.0.1",
        **headers,
    )


def test_audit_log_without_a_proxy_stores_remote_addr_not_x_forwarded_for(
    client_for, consultant, roskilde
):
    response = invite_with_headers(
        client_for(consultant), roskilde, HTTP_X_FORWARDED_FOR="203.0.113.5"
    )

    assert response.status_code == 302
    entry = LogEntry.objects.filter(content_type__model="invitation").get()
    assert entry.remote_addr == "10.0.0.1"


@pytest.mark.parametrize("proxy_count", [0, 1])
def test_audit_log_with_a_malformed_x_forwarded_for_is_no_server_error(
    client_for, consultant, roskilde, settings, proxy_count
):
    settings.TRUSTED_PROXY_COUNT = proxy_count

    response = invite_with_headers(
        client_for(consultant),
        roskilde,
        HTTP_X_FORWARDED_FOR="<script>, not-an-ip",
        HTTP_X_FORWARDED_PORT="x",
    )

    assert response.status_code == 302
    entry = LogEntry.objects.filter(content_type__model="invitation").get()
    assert entry.remote_addr == "10.0.0.1"


def test_audit_log_behind_a_proxy_stores_the_client_address(
    client_for, consultant, roskilde, settings
):
    settings.TRUSTED_PROXY_COUNT = 1

    invite_with_headers(
        client_for(consultant), roskilde, HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.66"
    )

    entry = LogEntry.objects.filter(content_type__model="invitation").get()
    assert entry.remote_addr == "198.51.100.66"


@pytest.mark.parametrize(("port", "stored"), [("-1", None), ("99999999999", None), ("443", 443)])
def test_audit_log_behind_a_proxy_keeps_only_a_forwarded_port_that_is_a_port(
    client_for, consultant, roskilde, settings, port, stored
):
    settings.TRUSTED_PROXY_COUNT = 1

    response = invite_with_headers(client_for(consultant), roskilde, HTTP_X_FORWARDED_PORT=port)

    assert response.status_code == 302
    assert LogEntry.objects.filter(content_type__model="invitation").get().remote_port == stored
