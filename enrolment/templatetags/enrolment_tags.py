from django import template

from ..selectors import enrolments_awaiting

register = template.Library()


@register.inclusion_tag("enrolment/_awaiting.html", takes_context=True)
def enrolments_awaiting_me(context):
    """The enrolments waiting for the signed-in user's approval, for their start page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"awaiting": enrolments_awaiting(user)}
