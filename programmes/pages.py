"""Small steps the pages of every app share (not views themselves)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from .errors import DomainError


def show_refusal(request, form, error: DomainError) -> None:
    """A refusal that names one of the form's fields is shown beside that field; any other
    goes to the top of the page as an error message."""
    if form is not None and error.field in form.fields:
        form.add_error(error.field, error.message)
    else:
        messages.error(request, error.message)


def back_or(request, fallback):
    """After a POST from a list: back to the page named in `next` when it is on this site,
    else `fallback` (a response)."""
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return fallback
