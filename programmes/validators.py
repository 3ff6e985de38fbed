"""Validators shared by the forms of every app."""

import re
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


# Six digits that form a date (ddmmyy), then four digits, with or without a dash or space.
_CPR_CANDIDATE = re.compile(r"(?<![\d])(\d{2})(\d{2})(\d{2})[-\s]?\d{4}(?![\d])")
_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"]+@[^\s@<>()\[\],;:\"]+\.[^\W\d_]{2,}", re.UNICODE)
# A Danish number (eight digits, alone, in pairs or in two fours, after an optional +45 or
# 0045) or an international one (a plus sign and at least seven digits). Dates such as
# 2024-05-12 or 12.05.2024 are not matched.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)45[\s-]?)?(?:\d{8}|\d{2}(?:[ ]\d{2}){3}|\d{4}[ ]\d{4})(?![\w])"
    r"|(?<![\w+])\+\d[\d\s-]{5,}\d(?![\w])"
)


def _is_date(day: int, month: int, year: int) -> bool:
    """Whether ddmmyy can be a date in a CPR number (the century is in the serial number,
    so 29 February counts in every year divisible by four)."""
    if not 1 <= month <= 12 or day < 1:
        return False
    if month == 2:
        return day <= (29 if year % 4 == 0 else 28)
    return day <= (30 if month in (4, 6, 9, 11) else 31)


def contains_cpr(text: str) -> bool:
    """Whether `text` holds what looks like a CPR number.

    The modulus-11 check is deliberately not used: numbers issued since 2007 need not pass it.
    """
    return any(
        _is_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        for m in _CPR_CANDIDATE.finditer(text)
    )


def no_personal_identifiers(value) -> None:
    """Refuse a CPR number, an e-mail address or a phone number in free text about citizens.

    The one guard of every free-text field where people write about citizens (the case
    review, meeting minutes, trial-action logs and evaluations, plans): these texts are read
    by many and must not identify a citizen. The message says what to write instead.
    """
    text = str(value)
    if contains_cpr(text):
        raise ValidationError(
            _(
                "Teksten ser ud til at indeholde et CPR-nummer. Skriv ikke personnumre her, "
                "for teksten læses af mange; omtal borgeren med sagens pseudonym, "
                "fx »Borger A«."
            ),
            code="cpr",
        )
    if _EMAIL.search(text):
        raise ValidationError(
            _(
                "Teksten ser ud til at indeholde en e-mailadresse. Skriv ikke kontaktoplysninger "
                "her; omtal personen ved sin rolle, fx »borgerens kontaktperson«."
            ),
            code="email",
        )
    if _PHONE.search(text):
        raise ValidationError(
            _(
                "Teksten ser ud til at indeholde et telefonnummer. Skriv ikke kontaktoplysninger "
                "her; omtal personen ved sin rolle, fx »borgerens kontaktperson«."
            ),
            code="phone",
        )
