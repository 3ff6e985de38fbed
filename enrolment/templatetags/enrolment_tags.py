from django import template
from django.utils import translation

from ..selectors import enrolments_awaiting

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


@register.inclusion_tag("enrolment/_awaiting.html", takes_context=True)
def enrolments_awaiting_me(context):
    """The enrolments waiting for the signed-in user's approval, for their start page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"awaiting": enrolments_awaiting(user)}
