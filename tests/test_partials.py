import datetime
import re
from types import SimpleNamespace

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


def test_a_pages_history_is_left_out_until_it_has_entries_and_its_heading_names_it():
    entry = SimpleNamespace(
        created_at=datetime.datetime(2026, 3, 4, 9, 5, tzinfo=datetime.UTC),
        message="Målet er ændret.",
        who="Lone <b>",
    )

    empty = render_to_string("partials/history.html", {"events": []})
    default = render_to_string("partials/history.html", {"events": [entry]})
    named = render_to_string(
        "partials/history.html", {"events": [entry], "heading_id": "history-heading"}
    )

    assert empty.strip() == ""
    assert 'aria-labelledby="historik"' in default and '<h2 id="historik">' in default
    assert 'aria-labelledby="history-heading"' in named and '<h2 id="history-heading">' in named
    assert "Målet er ændret. (Lone &lt;b&gt;)</li>" in default


def _crumbs(**context):
    programme = SimpleNamespace(
        pk=7,
        municipality=SimpleNamespace(code="265", name="Roskilde"),
        cohort=SimpleNamespace(name="Hold 2026"),
    )
    html = render_to_string(
        "partials/programme_breadcrumbs.html",
        {"programme": programme, "section": "Møder", "section_url": "/moeder/", **context},
    )
    items = re.findall(r"<li[^>]*>.*?</li>", html, re.S)
    return [
        (" ".join(re.sub(r"<[^>]+>", " ", item).split()), "<a " in item, "aria-current" in item)
        for item in items
    ]


def test_a_programmes_crumbs_link_every_step_before_the_page_itself():
    assert _crumbs()[3:] == [("Møder", False, True)]
    assert _crumbs(current="Ret")[3:] == [("Møder", True, False), ("Ret", False, True)]
    assert _crumbs(item="Mødet", item_url="/moeder/1/")[3:] == [
        ("Møder", True, False),
        ("Mødet", False, True),
    ]
    assert _crumbs(item="Mødet", item_url="/moeder/1/", current="Ret")[3:] == [
        ("Møder", True, False),
        ("Mødet", True, False),
        ("Ret", False, True),
    ]
    assert _crumbs()[:3] == [
        ("Forside", True, False),
        ("Roskilde", True, False),
        ("Hold 2026", True, False),
    ]
