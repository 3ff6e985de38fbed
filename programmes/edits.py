"""What every edit page shares between its form and its service: typed text as stored, a form
that asks the service's rule so that a broken rule shows next to its field, and a save that
writes only the fields that changed (so a form posted back as shown changes nothing)."""

from programmes.errors import DomainError


def typed_text(value) -> str:
    """Typed text as stored: no surrounding blanks, and a browser's CRLF line ends as LF (so
    a form posted back unchanged is unchanged)."""
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def apply_rule(form, check, *args) -> None:
    """Run a service's `check(*args, cleaned data)` once the fields are valid; its values as
    stored go to `form.values`, its refusal next to the field it names (else the form's)."""
    if form.errors:
        return
    try:
        form.values = check(*args, form.cleaned_data)
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)


def save_changes(current, values: dict, fields) -> list[str]:
    """Set and save only the `fields` whose value differs from `values`; the names changed
    (none: no row is written)."""
    changed = [name for name in fields if getattr(current, name) != values[name]]
    for name in changed:
        setattr(current, name, values[name])
    if changed:
        current.save(update_fields=changed)
    return changed
