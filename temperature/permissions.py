"""Who may do what with the temperature measurement, inside what the scoping layer lets
them read.

A programme's rounds are the coordinator's: the municipality's coordinators open and close
them and see the links to share. Everyone else who reads the programme (its steering and
implementation groups, SBST staff) reads the rounds and their anonymous results, not the
links.
The instrument is SBST's: its administrators change it, other SBST staff read it. Answering
needs no account: the group's link is the permission.
"""

from programmes.permissions import is_coordinator


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_manage_rounds(user, programme) -> bool:
    """Open and close the programme's rounds and see their links: its municipality's
    coordinators."""
    return _signed_in(user) and is_coordinator(user, programme.municipality)


def can_read_rounds(user, programme) -> bool:
    """Read the rounds, their response rates and results: whoever the scoping layer lets read
    the programme (the caller has fetched it through the user's scope)."""
    return _signed_in(user)


def can_read_instrument(user) -> bool:
    """SBST staff read the instrument; for anyone else its pages do not exist."""
    return _signed_in(user) and user.is_sbst


def can_manage_instrument(user) -> bool:
    """Only SBST's administrators change the instrument."""
    return _signed_in(user) and user.is_sbst_admin
