from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from phases.models import Phase
from phases.schedule import phase_schedule
from programmes.models import Cohort, Programme

from . import export, page_cache, selectors, table
from .filters import PortfolioFilter, filter_rows
from .permissions import can_see_portfolio, require_portfolio


def nav_items(request):
    if not can_see_portfolio(request.user):
        return []
    return [(gettext_lazy("Portefølje"), reverse("portfolio:portfolio"))]


def _table(request):
    """The filter and the rows it leaves, sorted as the URL says: the page's and the exports'."""
    filterset = PortfolioFilter(
        request.GET,
        user=request.user,
        queryset=selectors.portfolio_programmes(Programme.objects.for_user(request.user)),
    )
    read = selectors.portfolio_rows(filterset.qs)
    rows = filter_rows(read, filterset.values)
    sort = table.sort_key(request.GET.get("sorter", ""))
    filterset.read_rows = read  # every row read, the filtered-out ones too (`page_cache`)
    return filterset, table.sort_rows(rows, sort), sort


# The query parameters the page reads: its filters and the sort.
PAGE_PARAMETERS = (*PortfolioFilter.base_filters, "sorter")


def _page_query(request) -> QueryDict:
    """The parameters the page reads, each with the value Django reads (the last)."""
    query = QueryDict(mutable=True)
    for name in PAGE_PARAMETERS:
        if name in request.GET:
            query[name] = request.GET[name]
    return query


def _sort_links(request, sort):
    """Each sortable column's link (the filters kept), its direction now and its aria-sort."""
    links = {}
    current, descending = sort.removeprefix("-"), sort.startswith("-")
    for key in table.SORTABLE:
        query = _page_query(request)
        query["sorter"] = f"-{key}" if key == current and not descending else key
        state = "none" if key != current else ("descending" if descending else "ascending")
        links[key] = {"url": f"?{query.urlencode()}", "state": state}
    return links


def _content_context(request) -> dict:
    filterset, rows, sort = _table(request)
    values = filterset.values
    row_filters = any(values.get(k) for k in ("fase", "sundhed", "advarsler", "kontakt"))
    enrolments = []
    if not row_filters or values.get("fase") == Phase.ENROL:
        enrolments = selectors.pending_enrolments(
            request.user,
            cohort=values.get("hold"),
            region=values.get("region") or "",
            query=(values.get("q") or "").strip(),
        )
    export_query = _page_query(request).urlencode()
    return {
        "filter": filterset,
        "rows": rows,
        "enrolments": enrolments,
        "sort": sort,
        "sort_links": _sort_links(request, sort),
        "export_query": f"?{export_query}" if export_query else "",
        "showing_mine": values.get("visning") == "mine",
        "counts": {
            level: sum(1 for r in rows if r.health.level == level)
            for level in ("red", "yellow", "green")
        },
    }


@login_required
@require_GET
def portfolio(request):
    """Every programme SBST follows, with where it stands and its health, filtered, sorted and
    searched as the URL says; a consultant starts with their own. The content comes from the
    cache until the data or the clock changes it (`page_cache`); when it is computed, its
    context is the page's too."""
    require_portfolio(request.user)
    computed = {}

    def render_content():
        computed.update(_content_context(request))
        content = render_to_string("portfolio/_portfolio_content.html", computed, request)
        return content, [row.next_meeting for row in computed["filter"].read_rows]

    content, _next_meetings = page_cache.cached_page(request, PAGE_PARAMETERS, render_content)
    return render(request, "portfolio/portfolio.html", {**computed, "content": content})


@login_required
@require_GET
def portfolio_csv(request):
    require_portfolio(request.user)
    _filterset, rows, _sort = _table(request)
    return export.csv_response(rows)


@login_required
@require_GET
def portfolio_xlsx(request):
    require_portfolio(request.user)
    _filterset, rows, _sort = _table(request)
    return export.xlsx_response(rows, title=_("Portefølje"))


@login_required
@require_GET
def municipality_grid(request):
    """The 98 municipalities by region, each with its programme's phase in words."""
    require_portfolio(request.user)
    return render(
        request,
        "portfolio/municipality_grid.html",
        {"regions": selectors.municipality_grid(request.user)},
    )


COHORT_PHASES = (Phase.PREPARE, Phase.DEVELOP, Phase.ANCHOR, Phase.COMPLETED)


@login_required
@require_GET
def cohort_view(request, cohort_pk):
    """The programmes of one cohort side by side through their phases."""
    require_portfolio(request.user)
    cohort = get_object_or_404(Cohort.objects.prefetch_related("phase_windows"), pk=cohort_pk)
    programmes = selectors.portfolio_programmes(
        Programme.objects.for_user(request.user).filter(cohort=cohort)
    ).prefetch_related("phase_records")
    rows = table.sort_rows(selectors.portfolio_rows(programmes), "kommune")
    windows = {span.phase: span for span in phase_schedule(cohort)}
    return render(
        request,
        "portfolio/cohort.html",
        {
            "cohort": cohort,
            "phases": [(Phase(code).label, windows.get(code)) for code in COHORT_PHASES],
            "rows": [(row, selectors.cohort_cells(row, COHORT_PHASES)) for row in rows],
            "cohorts": Cohort.objects.order_by("-starts_on"),
        },
    )
