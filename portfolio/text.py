"""gettext and ngettext remembered per language: the portfolio translates the same few
sentences for a thousand rows, and a catalogue lookup costs more than the rest of a row."""

import functools

from django.utils import translation


@functools.lru_cache(maxsize=1024)
def _gettext(language, message):
    return translation.gettext(message)


@functools.lru_cache(maxsize=1024)
def _ngettext(language, singular, plural, number):
    return translation.ngettext(singular, plural, number)


def gettext(message: str) -> str:
    return _gettext(translation.get_language(), message)


def ngettext(singular: str, plural: str, number: int) -> str:
    # Only the plural form depends on the number; remember the forms 0, 1 and many.
    return _ngettext(translation.get_language(), singular, plural, min(number, 2))


@functools.lru_cache(maxsize=256)
def _choice_label(language, choices, value):
    return str(choices(value).label)


def choice_label(choices, value) -> str:
    """The label of `value` among the model choices `choices` (Phase, Region), remembered."""
    return _choice_label(translation.get_language(), choices, value)
