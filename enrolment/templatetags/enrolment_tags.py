from django import template
from django.utils import translation

register = template.Library()


def _danish_genitive(name: str) -> str:
    # A name ending in s, x or z takes only an apostrophe: "Randers'", but "Roskildes".
    return f"{name}'" if name[-1:].lower() in ("s", "x", "z") else f"{name}s"


def _english_genitive(name: str) -> str:
    return f"{name}'" if name[-1:].lower() == "s" else f"{name}'s"


@register.filter
def genitive(name) -> str:
    """`name` in the possessive of the active language: "Roskildes", "Randers'" in Danish;
    "Roskilde's", "Randers'" in English. Languages without a rule get the Danish one, the
    language of the msgids they then fall back to."""
    name = str(name or "")
    if not name:
        return ""
    if (translation.get_language() or "").startswith("en"):
        return _english_genitive(name)
    return _danish_genitive(name)
