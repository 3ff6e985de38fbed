"""Validators shared by the forms of every app."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Line and paragraph separators besides the control characters \r, \n, \v and \f.
_LINE_BREAKS = {"\r", "\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"}


def single_line(value) -> None:
    """Refuse line breaks and other control characters (tab, NUL, escape) in a one-line field.

    A name or title with a line break can forge a header line in an e-mail subject or a new
    line in an export; a control character is invisible where it is shown.
    """
    text = str(value)
    if any(char in _LINE_BREAKS for char in text):
        raise ValidationError(_("Feltet må kun være én linje."), code="line_break")
    if any(unicodedata.category(char) == "Cc" for char in text):
        raise ValidationError(
            _("Feltet må ikke indeholde usynlige styretegn."), code="control_character"
        )
