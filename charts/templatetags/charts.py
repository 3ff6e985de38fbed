from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.inclusion_tag("charts/_chart.html", takes_context=True)
def chart(context, chart, heading_level=3, show_table=True):
    """A chart with its title, summary and data table; the SVG's stylesheet gets the
    request's CSP nonce (a PDF is drawn without a request, and needs none).

    The nonce is Django's lazy one, which counts as false until something reads it: it is
    read here, so the page's header names it even where nothing else on the page did.
    """
    nonce = context.get("csp_nonce")
    svg = chart.svg
    if nonce is not None:
        svg = svg.replace("<style", f'<style nonce="{nonce}"')
    return {
        "chart": chart,
        "svg": mark_safe(svg),  # noqa: S308 - drawn by pygal from escaped text
        "heading_tag": f"h{heading_level}",
        "show_table": show_table,
    }
