"""Charts drawn on the server as SVG, so a web page and a PDF show the same picture.

Every chart is a `Chart`: a title, a sentence or two that say what it shows, the table of its
data, and the SVG that pygal draws. Pages render it with `{% chart chart %}` (the
`charts` template tags), which puts all four on the page; a PDF template can do the same.
pygal's own script and tooltips are taken out (the pages' content security policy allows
no inline script, and nothing here needs it); its stylesheet stays inside the SVG and gets
the request's nonce when shown on a page.
"""

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

# Det Fælles Designsystem's colours, in an order that tells neighbouring series apart.
PALETTE = ("#0059b3", "#b3007a", "#008139", "#a35100", "#4d4d4d", "#6e2fb3", "#00758a")
# A muted colour for what is compared against (an earlier version, a median): still 4.6:1
# against white, as WCAG asks of graphics that carry meaning.
MUTED = "#747474"
_STYLE_OPTIONS = {
    "background": "transparent",
    "plot_background": "#ffffff",
    "foreground": "#1a1a1a",
    "foreground_strong": "#1a1a1a",
    "foreground_subtle": "#747474",
    "opacity": "1",
    "opacity_hover": "1",
    "colors": PALETTE,
    "font_family": "IBM Plex Sans, Arial, sans-serif",
    "label_font_size": 13,
    "major_label_font_size": 13,
    "value_font_size": 12,
    "legend_font_size": 13,
    "title_font_size": 16,
}
STYLE = Style(**_STYLE_OPTIONS)


def _style(colors: Sequence[str] | None):
    """The house style, with the series' colours in the order given when there is one."""
    if not colors:
        return STYLE
    return Style(**{**_STYLE_OPTIONS, "colors": tuple(colors)})


@dataclass(frozen=True)
class Series:
    name: str
    # None where a value is missing; the line is broken there.
    values: Sequence[float | None]


@dataclass(frozen=True)
class DataTable:
    """The numbers behind a chart: one row per entry of `row_labels`, one column per series."""

    row_header: str
    columns: Sequence[str]
    rows: Sequence[tuple[str, Sequence[str]]]


@dataclass(frozen=True)
class Chart:
    title: str
    summary: str
    table: DataTable
    svg: str = field(repr=False)

    @property
    def chart_id(self) -> str:
        match = re.search(r'id="(chart-[0-9a-f]+)"', self.svg)
        return match.group(1) if match else "chart"


def format_value(value, decimals: int = 1) -> str:
    """A number as Danish text (decimal comma, thousands with a dot, half rounded up as a
    reader expects: 4,25 shows as 4,3), or a dash when it is missing."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    # Through the shortest decimal text of the float, so 4.25 is 4.25 and not 4.2499….
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def _strip_interactivity(root):
    """pygal's xml filter: drop its script and tooltip, which need JavaScript, and the
    titles and descriptions its tooltips read (a stray "Pygal", guide positions), which
    would otherwise show as hover texts; the chart's own title is added after."""
    doomed = []
    for parent in root.iter():
        for child in parent:
            tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            classes = (child.get("class") or "").split()
            if tag in ("script", "title", "desc") or "tooltip-overlay" in classes:
                doomed.append((parent, child))
    for parent, child in doomed:
        parent.remove(child)
    return root


def finish_chart(chart, title: str, summary: str, table: DataTable) -> Chart:
    """Render a pygal chart made with `chart_config` into a `Chart`: for a kind of chart this
    module has no function for (the plan's timeline draws a DateLine)."""
    chart.add_xml_filter(_strip_interactivity)
    svg = chart.render(is_unicode=True)
    # A chart's id is pygal's random uuid; one drawn from its content is the same on the page
    # and in the PDF, and two different charts on one page still differ.
    digest = hashlib.sha256(repr((title, table.columns, table.rows)).encode()).hexdigest()[:16]
    svg = svg.replace(chart.uuid, digest)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    title_id = f"chart-{digest}-title"
    svg = svg.replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{title_id}" focusable="false" ',
        1,
    )
    svg = re.sub(
        r"(<svg [^>]*>)", rf'\1<title id="{title_id}">{_escape(title)}</title>', svg, count=1
    )
    return Chart(title=title, summary=summary, table=table, svg=svg)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chart_config(colors=None, **overrides):
    """pygal's options for a chart in the service's style, with `overrides` on top."""
    config = {
        "style": _style(colors),
        "js": [],
        "disable_xml_declaration": True,
        "show_legend": True,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        "print_values": False,
        "width": 800,
        "height": 420,
        "margin": 16,
        "truncate_legend": -1,
        "truncate_label": -1,
        "value_formatter": format_value,
        "no_data_text": _("Ingen data"),
    }
    config.update(overrides)
    return config


def _table(row_header, row_labels, series, formatter) -> DataTable:
    return DataTable(
        row_header=row_header,
        columns=[s.name for s in series],
        rows=[
            (str(label), [formatter(s.values[i]) if i < len(s.values) else "–" for s in series])
            for i, label in enumerate(row_labels)
        ],
    )


def line_chart(
    title: str,
    *,
    x_labels: Sequence,
    series: Sequence[Series],
    summary: str,
    row_header: str = "",
    y_title: str = "",
    formatter=format_value,
    dashed: Sequence[str] = (),
    colors: Sequence[str] | None = None,
    **options,
) -> Chart:
    """Values over time (years, dates, rounds), one line per series; `dashed` names series
    drawn as a dashed line (a median, a target); `colors` gives the series' colours in
    order (the house palette otherwise). Other keywords go to pygal (`range`, `y_labels`)."""
    chart = pygal.Line(
        **chart_config(
            colors,
            y_title=y_title,
            value_formatter=formatter,
            allow_interruptions=True,
            **options,
        )
    )
    chart.x_labels = [str(label) for label in x_labels]
    for item in series:
        dash = {"stroke_style": {"width": 3, "dasharray": "8, 6"}} if item.name in dashed else {}
        chart.add(item.name, list(item.values), **dash)
    return finish_chart(chart, title, summary, _table(row_header, x_labels, series, formatter))


def bar_chart(
    title: str,
    *,
    x_labels: Sequence,
    series: Sequence[Series],
    summary: str,
    row_header: str = "",
    horizontal: bool = False,
    first_on_top: bool = False,
    formatter=format_value,
    colors: Sequence[str] | None = None,
    **options,
) -> Chart:
    """Bars per label, one colour per series; `horizontal` for long labels (dimensions,
    the steps of the support ladder). A horizontal chart draws the first label at the
    bottom (a ladder's lowest step); `first_on_top` draws the labels top down in the order
    given, as a list reads (a profile's dimensions). The table keeps the order given.
    `colors` gives the series' colours in order (the house palette otherwise)."""
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    chart = kind(**chart_config(colors, value_formatter=formatter, **options))
    labels = [str(label) for label in x_labels]
    values = [list(item.values) for item in series]
    if horizontal and first_on_top:
        labels.reverse()
        values = [_reversed_values(v, len(labels)) for v in values]
    chart.x_labels = labels
    for item, item_values in zip(series, values, strict=True):
        chart.add(item.name, item_values)
    return finish_chart(chart, title, summary, _table(row_header, x_labels, series, formatter))


def _reversed_values(values: list, count: int) -> list:
    """A series' values in reverse label order, a short series padded with gaps first."""
    padded = values + [None] * (count - len(values))
    return padded[:count][::-1]
