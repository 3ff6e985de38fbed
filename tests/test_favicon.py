"""The favicon: linked from every page, and /favicon.ico, which browsers ask for on their own,
redirects to the static file instead of answering 404."""

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse


def test_favicon_ico_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code in (301, 302)
    assert response["Location"] == static("favicon.png")
    assert reverse("favicon") == "/favicon.ico"


def test_the_icons_exist_and_every_page_links_them(client):
    assert finders.find("favicon.png")
    assert finders.find("favicon.svg")

    page = client.get(reverse("accounts:login")).content.decode()

    assert f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">' in page
    assert f'href="{static("favicon.png")}" type="image/png" sizes="32x32"' in page
