"""One spelling per e-mail address for the login lock and the throttles."""

from django.conf import settings


def normalise_email(value) -> str:
    """`value` stripped and in lower case: the form users are stored and counted under."""
    return str(value or "").strip().lower()


def lockout_username(request, credentials=None) -> str:
    """The username django-axes locks (AXES_USERNAME_CALLABLE).

    Without it every spelling of an address (`A@x.dk`, ` a@x.dk`) got its own five tries.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        return normalise_email(credentials.get(field))
    data = getattr(request, "data", None) or getattr(request, "POST", {})
    return normalise_email(data.get(field))
