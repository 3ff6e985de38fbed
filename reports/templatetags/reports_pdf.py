import re

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# pygal names each series' legend entry by its number alone, the same in every chart: ids a
# document with several charts would hold twice (the PDF's tags want each id once).
_SERIES_ID = re.compile(r'\s+id="activate-serie-\d+"')


@register.filter
def pdf_svg(chart) -> str:
    """A chart's SVG for the PDF: as `charts` drew it (from escaped text), without the
    legend's repeated ids."""
    return mark_safe(_SERIES_ID.sub("", chart.svg))  # noqa: S308 - drawn by pygal, escaped
