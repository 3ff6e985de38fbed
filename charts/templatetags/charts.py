from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.inclusion_tag("charts/_chart.html", takes_context=True)
def chart(context, chart, heading_level=3, show_table=True):
    """A chart with its title, summary and data table; the SVG's stylesheet gets the
    request's CSP nonce (a PDF is drawn without a request, and needs none)."""
    nonce = context.get("csp_nonce")
    svg = chart.svg
    if nonce:
        svg = svg.replace("<style", f'<style nonce="{nonce}"')
    return {
        "chart": chart,
        "svg": mark_safe(svg),  # noqa: S308 - drawn by pygal from escaped text
        "heading_tag": f"h{heading_level}",
        "show_table": show_table,
    }
