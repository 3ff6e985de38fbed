from django.template.loader import render_to_string


def test_a_crumbs_chevron_is_decorative_whatever_the_crumbs_label():
    html = render_to_string("partials/crumb.html", {"label": "Roskilde", "url": "/kommuner/265/"})

    assert 'aria-hidden="true"' in html
    assert 'aria-label="Roskilde"' not in html


def test_a_tables_scroll_hint_icon_is_decorative_whatever_the_tables_label():
    html = render_to_string(
        "partials/table_scroll.html",
        {"label": "Medlemmer", "id": "x", "table": "partials/crumb.html"},
    )

    icon = html[html.index("<svg") : html.index(">", html.index("<svg"))]
    assert 'aria-hidden="true"' in icon
    assert "aria-label" not in icon
