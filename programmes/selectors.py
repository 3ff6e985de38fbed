"""Read queries that the pages of every app share."""

from .models import Programme
from .scoping import get_for_user_or_404


def programme_for(user, programme_pk) -> Programme:
    """The one way a page fetches a programme: through `user`'s scope, so another
    municipality's programme is the same 404 as a missing one, with its municipality and
    cohort, which the page's breadcrumbs and heading read."""
    return get_for_user_or_404(
        Programme.objects.select_related("municipality", "cohort"), user, pk=programme_pk
    )
