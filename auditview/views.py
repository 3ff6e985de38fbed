"""The activity pages: a programme's stream, and SBST administrators' search of the whole
log with the case review's reads."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from programmes.activity import for_programme
from programmes.permissions import require
from programmes.selectors import programme_for

from . import permissions, selectors
from .filters import LogFilter

STREAM_PER_PAGE = 50
SEARCH_PER_PAGE = 50


@login_required
@require_GET
def stream(request, programme_pk):
    """Who did what in the programme and when, newest first, in the reader's language."""
    programme = programme_for(request.user, programme_pk)
    require(permissions.can_read_stream(request.user, programme))
    page = Paginator(for_programme(programme), STREAM_PER_PAGE).get_page(request.GET.get("side"))
    return render(
        request,
        "auditview/stream.html",
        {"programme": programme, "page": page, "entries": list(page.object_list)},
    )


@login_required
@require_GET
def search(request):
    """The whole log and the case review's reads, filtered by person, municipality, type of
    object, action and period: SBST's administrators' alone. Other SBST staff are refused; for
    everyone else the page does not exist."""
    if not request.user.is_sbst:
        raise Http404
    require(permissions.can_search_log(request.user))
    filterset = LogFilter(request.GET or None)
    values = filterset.values() if request.GET else {}
    page = Paginator(selectors.search(values), SEARCH_PER_PAGE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "auditview/search.html",
        {
            "filter": filterset,
            "filtered": bool(values),
            "page": page,
            "rows": selectors.rows(page.object_list),
            "query": query.urlencode(),
        },
    )
