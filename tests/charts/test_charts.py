"""Charts drawn on the server: an SVG with no script and no style attributes (the pages'
content security policy allows neither), a stable id, a title that names the image, and the
numbers behind it in a table with Danish decimals."""

import re

import pytest
from django.template import Context, Template
from django.utils.csp import LazyNonce

import charts
from charts import Series, bar_chart, format_value, line_chart


def _bar(**options):
    return bar_chart(
        "Profil & <udvikling>",
        x_labels=["Ledelse", "Samarbejde", "Data"],
        series=[Series("Før", [2, 3.5, None]), Series("Nu", [3, 4.25, 1])],
        summary="Samarbejdet står stærkest.",
        row_header="Dimension",
        **options,
    )


def _line(**options):
    return line_chart(
        "Borgere i beskæftigelse",
        x_labels=[2021, 2022, 2023],
        series=[
            Series("Roskilde", [1234.5, None, 1250]),
            Series("Landsmedian", [1100, 1150, 1190]),
        ],
        summary="Roskilde ligger over medianen.",
        row_header="År",
        dashed=["Landsmedian"],
        **options,
    )


CHARTS = {
    "bar": _bar,
    "horizontal bar": lambda: _bar(horizontal=True, first_on_top=True),
    "line": _line,
}


def _render(chart, **context):
    return Template("{% load charts %}{% chart chart %}").render(
        Context({"chart": chart, **context})
    )


@pytest.mark.parametrize("make", CHARTS.values(), ids=CHARTS.keys())
def test_a_chart_has_no_script_and_no_style_attribute(make):
    html = _render(make(), csp_nonce=LazyNonce())

    assert "<script" not in html.lower()
    assert re.findall(r"\sstyle\s*=", html) == []
    assert "javascript:" not in html and not re.search(r"\son[a-z]+\s*=", html)


@pytest.mark.parametrize("make", CHARTS.values(), ids=CHARTS.keys())
def test_a_charts_id_is_drawn_from_its_content(make):
    first, again = make(), make()

    assert first.svg == again.svg
    assert re.fullmatch(r"chart-[0-9a-f]{16}", first.chart_id)
    assert first.chart_id in first.svg


def test_two_charts_with_different_content_have_different_ids():
    assert _bar().chart_id != _line().chart_id
    other = bar_chart("Andet", x_labels=["A"], series=[Series("Nu", [1])], summary="")
    assert other.chart_id != _bar().chart_id


@pytest.mark.parametrize("make", CHARTS.values(), ids=CHARTS.keys())
def test_a_chart_is_an_image_named_by_its_own_title_only(make):
    chart = make()
    svg = chart.svg

    opening = svg[: svg.index(">") + 1]
    assert 'role="img"' in opening
    labelled_by = re.search(r'aria-labelledby="([^"]+)"', opening).group(1)
    titles = re.findall(r"<title([^>]*)>(.*?)</title>", svg, re.S)
    assert titles == [(f' id="{labelled_by}"', _escaped(chart.title))]
    assert "<desc" not in svg and "Pygal" not in svg


def _escaped(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_the_figure_gives_title_summary_and_the_table_behind_it():
    html = _render(_line())

    caption = html[html.index("<figcaption") : html.index("</figcaption>")]
    assert "Borgere i beskæftigelse" in caption and "Roskilde ligger over medianen." in caption
    assert '<th scope="col">År</th>' in html
    assert '<th scope="col" class="align-text-right">Landsmedian</th>' in html
    assert '<th scope="row">2021</th>' in html
    assert "Se tallene bag figuren" in html


def test_the_table_shows_numbers_with_danish_decimals_and_a_dash_for_a_gap():
    chart = _line()

    assert chart.table.rows == [
        ("2021", ["1.234,5", "1.100"]),
        ("2022", ["–", "1.150"]),
        ("2023", ["1.250", "1.190"]),
    ]
    html = _render(chart)
    assert '<td class="align-text-right">1.234,5</td>' in html


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (4.5, "4,5"),
        (4.25, "4,3"),
        (4.24, "4,2"),
        (1234567.25, "1.234.567,3"),
        (-2.05, "-2,1"),
        (3.0, "3"),
        (0, "0"),
        (None, "–"),
    ],
)
def test_a_value_is_written_the_danish_way(value, text):
    assert format_value(value) == text


def test_the_chart_tag_gives_the_stylesheet_the_requests_nonce_even_if_nothing_read_it():
    nonce = LazyNonce()

    html = _render(_bar(), csp_nonce=nonce)

    assert nonce  # read now, so the response's header names it
    assert f'<style nonce="{nonce}"' in html
    assert html.count("<style") == html.count(f'<style nonce="{nonce}"') == 1


def test_without_a_request_the_stylesheet_has_no_nonce():
    html = _render(_bar())

    assert "<style" in html and "nonce" not in html


def test_a_horizontal_chart_lists_its_labels_top_down_when_asked_and_keeps_the_tables_order():
    def label_heights(chart):
        return {
            label: float(y)
            for y, label in re.findall(
                r'<text x="[^"]+" y="([^"]+)" class="">([A-Za-z]+)</text>', chart.svg
            )
        }

    top_down = _bar(horizontal=True, first_on_top=True)
    ladder = _bar(horizontal=True)

    assert label_heights(top_down)["Ledelse"] < label_heights(top_down)["Data"]
    assert label_heights(ladder)["Ledelse"] > label_heights(ladder)["Data"]
    assert [row[0] for row in top_down.table.rows] == ["Ledelse", "Samarbejde", "Data"]
    assert top_down.table.rows == ladder.table.rows


def test_series_take_the_colours_given_in_order():
    chart = _bar(colors=[charts.MUTED, "#0059b3"])

    assert re.search(r"\.color-0[^{]*\{stroke:#747474;fill:#747474\}", chart.svg)
    assert re.search(r"\.color-1[^{]*\{stroke:#0059b3;fill:#0059b3\}", chart.svg)
