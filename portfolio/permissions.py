"""Who may open the portfolio: SBST staff only. For anyone else its pages do not exist (404),
as SBST's cohorts and other municipalities' programmes are not theirs to know of."""

from django.http import Http404


def can_see_portfolio(user) -> bool:
    return user.is_authenticated and user.is_sbst


def require_portfolio(user) -> None:
    if not can_see_portfolio(user):
        raise Http404
