"""What every versioned plan's forms share: the rules live in the services, which a form
asks so that a broken rule shows next to its field."""

from programmes.errors import DomainError


def apply_rule(form, check, *args) -> None:
    """Run a service's `check(*args, cleaned data)` once the fields are valid; its values as
    stored go to `form.values`, its refusal next to the field it names (else the form's)."""
    if form.errors:
        return
    try:
        form.values = check(*args, form.cleaned_data)
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
