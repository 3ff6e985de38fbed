"""Thin views: fetch through the scope, check the right, call a form or a service, render.

The catalogue and the imports are SBST's: other users are refused (403) on the pages without
an object and never find an indicator or an import (404). SBST's consultants see them, and
only its administrators change them, as with the cohorts' phase windows.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from programmes.activity import for_object
from programmes.errors import DomainError
from programmes.models import Municipality
from programmes.pages import show_refusal
from programmes.permissions import require
from programmes.scoping import get_for_user_or_404
from programmes.selectors import programme_for

from . import display, permissions, selectors, services
from .forms import (
    CompareForm,
    ImportForm,
    IndicatorForm,
    LocalFigureForm,
    RankingForm,
    SteeringNoteForm,
)
from .imports import read_figures
from .models import FigureImport, FigureValue, Indicator, Source, SteeringNote, Theme

# A preview or an error list longer than this is cut, saying how many were left out.
SHOWN_ROWS = 500


# The catalogue ------------------------------------------------------------------------------


@login_required
@require_GET
def indicator_list(request):
    """The catalogue: every signed-in user may read what the figures mean."""
    indicators = selectors.catalogue(active_only=not request.user.is_sbst)
    themes = [
        (label, [i for i in indicators if i.theme == theme]) for theme, label in Theme.choices
    ]
    municipality = request.municipality
    return render(
        request,
        "keyfigures/indicator_list.html",
        {
            "themes": [(label, items) for label, items in themes if items],
            "steps": selectors.ladder_steps(),
            "municipality": municipality,
            "can_manage": permissions.can_manage_catalogue(request.user),
            "can_see_imports": permissions.can_see_sbst_pages(request.user),
        },
    )


def _indicator_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


@login_required
@require_http_methods(["GET", "POST"])
def indicator_add(request):
    """An SBST administrator adds an indicator to the catalogue."""
    require(permissions.can_see_sbst_pages(request.user))
    can_manage = permissions.can_manage_catalogue(request.user)
    if request.method == "POST":
        require(can_manage)
    form = IndicatorForm(request.POST or None) if can_manage else None
    if form is not None and form.is_bound and form.is_valid():
        try:
            indicator = services.add_indicator(by=request.user, **_indicator_fields(form))
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(
                request, _("Nøgletallet »%(name)s« er føjet til kataloget.") % {"name": indicator}
            )
            return redirect("keyfigures:indicator_list")
    return render(request, "keyfigures/indicator_form.html", {"form": form, "indicator": None})


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, indicator_pk):
    """An SBST administrator changes an indicator; other SBST staff read it."""
    if not permissions.can_see_sbst_pages(request.user):
        raise Http404
    indicator = get_object_or_404(Indicator, pk=indicator_pk)
    can_manage = permissions.can_manage_catalogue(request.user)
    if request.method == "POST":
        require(can_manage)
    form = None
    if can_manage:
        form = IndicatorForm(request.POST or None, instance=indicator)
    if form is not None and form.is_bound and form.is_valid():
        try:
            saved = services.change_indicator(indicator, by=request.user, **_indicator_fields(form))
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(request, _("Nøgletallet »%(name)s« er gemt.") % {"name": saved})
            return redirect("keyfigures:indicator_list")
    return render(request, "keyfigures/indicator_form.html", {"form": form, "indicator": indicator})


# The import ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    """An SBST administrator uploads a file of figures; every row is checked before
    anything is kept, and a file with errors is refused whole, with every error listed."""
    require(permissions.can_see_sbst_pages(request.user))
    can_import = permissions.can_import(request.user)
    if request.method == "POST":
        require(can_import)
    form = ImportForm(request.POST or None, request.FILES or None) if can_import else None
    errors = []
    if form is not None and form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        result = read_figures(upload)
        if not result.errors:
            figure_import = services.save_upload(result.rows, by=request.user, filename=upload.name)
            return redirect("keyfigures:import_preview", figure_import_pk=figure_import.pk)
        errors = result.errors
    recent = FigureImport.objects.select_related("uploaded_by").order_by("-created_at")[:10]
    return render(
        request,
        "keyfigures/import_upload.html",
        {
            "form": form,
            "errors": errors[:SHOWN_ROWS],
            "error_count": len(errors),
            "more_errors": max(len(errors) - SHOWN_ROWS, 0),
            "recent": list(recent),
            "steps": selectors.ladder_steps(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request, figure_import_pk):
    """What the import will change; the administrator's confirmation saves it, once."""
    if not permissions.can_see_sbst_pages(request.user):
        raise Http404
    figure_import = get_object_or_404(
        FigureImport.objects.select_related("uploaded_by"), pk=figure_import_pk
    )
    can_import = permissions.can_import(request.user)
    if request.method == "POST":
        require(can_import)
        if figure_import.applied_at is not None:
            messages.info(request, _("Importen er allerede gemt. Der er ikke gemt noget igen."))
            return redirect("keyfigures:import_preview", figure_import_pk=figure_import.pk)
        try:
            applied = services.apply_import(figure_import, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            if applied is None:
                messages.info(request, _("Importen er allerede gemt. Der er ikke gemt noget igen."))
            else:
                messages.success(
                    request,
                    _("Nøgletallene er gemt: %(new)d nye og %(changed)d ændrede.")
                    % {"new": applied.new, "changed": applied.changed},
                )
        return redirect("keyfigures:import_preview", figure_import_pk=figure_import.pk)
    preview = None
    if figure_import.applied_at is None:
        try:
            preview = services.plan_import(figure_import)
        except DomainError as error:
            messages.error(request, error.message)
    return render(
        request,
        "keyfigures/import_preview.html",
        {
            "figure_import": figure_import,
            "preview": preview,
            "changes": preview.changes[:SHOWN_ROWS] if preview else [],
            "more_changes": max(len(preview.changes) - SHOWN_ROWS, 0) if preview else 0,
            "events": list(for_object(figure_import)),
            "can_import": can_import,
        },
    )


# A municipality's figures -------------------------------------------------------------------


def _municipality(request, code) -> Municipality:
    """The municipality, for its own people and SBST staff; anyone else finds nothing."""
    return get_for_user_or_404(Municipality, request.user, code=code)


@login_required
@require_GET
def municipality_figures(request, code):
    """Each indicator over the years against the national median and the municipalities the
    user compares with, and the support ladder; a fixed number of queries, however many
    indicators there are."""
    user = request.user
    municipality = _municipality(request, code)
    everyone = selectors.all_municipalities()
    form = CompareForm(
        request.GET if "sammenlign" in request.GET else None,
        choices=[(m.code, m.name) for m in everyone if m.pk != municipality.pk],
    )
    codes = form.codes()
    compared = [m for code in codes for m in everyone if m.code == code]
    indicators = selectors.catalogue()
    figures = selectors.figures_for(user, [municipality, *compared], indicators)
    medians = selectors.national_medians(user, indicators)
    steps = selectors.ladder_steps()
    counts = selectors.ladder_counts(user, municipality)
    own_local = [
        f for f in figures if f.municipality_id == municipality.pk and f.source == Source.LOCAL
    ]
    indicator_names = {i.pk: i.name for i in indicators}
    for figure in own_local:
        figure.indicator_name = indicator_names.get(figure.indicator_id, "")
        figure.value_text = display.number(figure.value)
    return render(
        request,
        "keyfigures/municipality_figures.html",
        {
            "municipality": municipality,
            "form": form,
            "compared": compared,
            "sections": display.indicator_charts(
                indicators, municipality, compared, figures, medians
            ),
            "ladder": display.ladder_chart(municipality, steps, counts),
            "local_figures": own_local,
            "programmes": selectors.programmes_of(user, municipality),
            "can_enter": permissions.can_enter_local_figures(user, municipality),
        },
    )


@login_required
@require_GET
def indicator_ranking(request, code):
    """One indicator: every municipality's published value in a year, ranked, and this
    municipality's years against the national median. Published figures are public between
    municipalities; which others are in a programme shows only to SBST staff."""
    user = request.user
    municipality = _municipality(request, code)
    indicators = selectors.catalogue()
    if not indicators:
        raise Http404
    by_code = {i.code: i for i in indicators}
    indicator = by_code.get(request.GET.get("noegletal", ""), indicators[0])
    years = selectors.published_years(indicator)
    form = RankingForm(
        request.GET if request.GET else None,
        indicators=indicators,
        years=years,
        initial={"noegletal": indicator.code},
    )
    year = years[0] if years else None
    if form.is_bound and form.is_valid() and form.cleaned_data["aar"]:
        year = form.cleaned_data["aar"]
    medians = selectors.national_medians(user, [indicator])
    ranked = selectors.ranking(user, indicator, year, municipality=municipality) if year else []
    figures = selectors.figures_for(user, [municipality], [indicator])
    sections = display.indicator_charts([indicator], municipality, [], figures, medians)
    over_time = sections[0].items[0] if sections else None
    return render(
        request,
        "keyfigures/indicator_ranking.html",
        {
            "municipality": municipality,
            "indicator": indicator,
            "year": year,
            "form": form,
            "ranking": display.ranking_chart(
                indicator, municipality, year, ranked, medians.get((indicator.pk, year))
            ),
            "over_time": over_time,
        },
    )


def _figure_form(request, municipality, figure):
    """The form of the municipality's own figure: a new one (`figure` None) or a change."""
    initial = None
    if figure is not None:
        initial = {"indicator": figure.indicator_id, "year": figure.year, "value": figure.value}
    form = LocalFigureForm(request.POST or None, initial=initial)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        fields = {"indicator": data["indicator"], "year": data["year"], "value": data["value"]}
        try:
            if figure is None:
                services.add_local_figure(municipality, by=request.user, **fields)
            else:
                services.change_local_figure(figure, by=request.user, **fields)
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(request, _("Kommunens eget tal er gemt."))
            return redirect("keyfigures:municipality_figures", code=municipality.code)
    return render(
        request,
        "keyfigures/figure_form.html",
        {"municipality": municipality, "form": form, "figure": figure},
    )


@login_required
@require_http_methods(["GET", "POST"])
def figure_add(request, code):
    """The coordinator or SBST adds the municipality's own figure."""
    municipality = _municipality(request, code)
    require(permissions.can_enter_local_figures(request.user, municipality))
    return _figure_form(request, municipality, None)


@login_required
@require_http_methods(["GET", "POST"])
def figure_edit(request, code, figure_pk):
    """The coordinator or SBST corrects the municipality's own figure; a published figure
    is not found here."""
    municipality = _municipality(request, code)
    figure = get_for_user_or_404(
        FigureValue.objects.filter(
            source=Source.LOCAL, municipality_id=municipality.pk
        ).select_related("indicator", "municipality"),
        request.user,
        pk=figure_pk,
    )
    require(permissions.can_enter_local_figures(request.user, municipality))
    return _figure_form(request, municipality, figure)


# The steering discussion ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def steering_notes(request, programme_pk):
    """The steering discussion's notes beside the municipality's latest figures; everyone
    who reads the programme reads them, its groups' members write them."""
    programme = programme_for(request.user, programme_pk)
    can_write = permissions.can_write_steering_notes(request.user, programme)
    if request.method == "POST":
        require(can_write)
    form = None
    if can_write:
        form = SteeringNoteForm(
            request.POST or None,
            instance=SteeringNote(programme=programme),
            initial={"written_on": timezone.localdate()},
        )
    if form is not None and form.is_bound and form.is_valid():
        try:
            services.add_steering_note(
                programme,
                by=request.user,
                written_on=form.cleaned_data["written_on"],
                text=form.cleaned_data["text"],
            )
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(request, _("Noten er gemt."))
            return redirect("keyfigures:steering_notes", programme_pk=programme.pk)
    return render(
        request,
        "keyfigures/steering_notes.html",
        {
            "programme": programme,
            "notes": list(selectors.steering_notes(request.user, programme)),
            "headlines": selectors.latest_figures(request.user, programme.municipality),
            "form": form,
            "can_write": can_write,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def steering_note_edit(request, programme_pk, steering_note_pk):
    note = get_for_user_or_404(
        SteeringNote.objects.select_related("programme__municipality", "programme__cohort"),
        request.user,
        pk=steering_note_pk,
    )
    if note.programme_id != programme_pk:
        # An old or hand-edited link: a GET goes on to the note's own address.
        if request.method != "GET":
            raise Http404
        return redirect(
            reverse(
                "keyfigures:steering_note_edit",
                kwargs={"programme_pk": note.programme_id, "steering_note_pk": note.pk},
            )
        )
    programme = note.programme
    require(permissions.can_write_steering_notes(request.user, programme))
    form = SteeringNoteForm(request.POST or None, instance=note)
    if form.is_bound and form.is_valid():
        try:
            services.change_steering_note(
                note,
                by=request.user,
                written_on=form.cleaned_data["written_on"],
                text=form.cleaned_data["text"],
            )
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            messages.success(request, _("Noten er gemt."))
            return redirect("keyfigures:steering_notes", programme_pk=programme.pk)
    return render(
        request,
        "keyfigures/steering_note_edit.html",
        {"programme": programme, "note": note, "form": form},
    )
