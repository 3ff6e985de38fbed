"""What the key figures add to the core's pages: a sentence on the municipality's figures
on its pages, the steering discussion on the programme page, and the main navigation."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programmes import extensions

from . import display, permissions, selectors


def municipality_figures_context(request, municipality):
    """The municipality against the national median in its latest figures, and its ladder."""
    if municipality is None or not request.user.is_authenticated:
        return None
    headlines = selectors.latest_figures(request.user, municipality)
    if not headlines:
        return None
    compared = [h for h in headlines if h.comparison]
    better = sum(1 for h in compared if h.comparison == "better")
    if compared:
        headline = ngettext(
            "%(municipality)s ligger bedre end landsmedianen på %(better)d af %(count)d "
            "nøgletal med tal i det seneste år.",
            "%(municipality)s ligger bedre end landsmedianen på %(better)d af %(count)d "
            "nøgletal med tal i det seneste år.",
            len(compared),
        ) % {"municipality": municipality.name, "better": better, "count": len(compared)}
    else:
        headline = _("Der er ingen offentliggjorte tal for %(municipality)s endnu.") % {
            "municipality": municipality.name
        }
    counts = selectors.ladder_counts(request.user, municipality)
    return {
        "municipality": municipality,
        "headline": headline,
        "ladder_summary": display.ladder_summary(selectors.ladder_steps(), counts)
        if counts
        else "",
    }


def programme_notes_context(request, programme):
    """The latest note of the steering discussion and the ways to the notes and figures."""
    return {
        "programme": programme,
        "latest": selectors.steering_notes(request.user, programme).first(),
        "can_write": permissions.can_write_steering_notes(request.user, programme),
    }


def nav_items(request):
    """ "Nøgletal": a municipality's people go to their municipality's figures, SBST staff
    to the catalogue."""
    user = request.user
    municipality = getattr(request, "municipality", None)
    if not user.is_sbst and municipality is not None:
        url = reverse("keyfigures:municipality_figures", kwargs={"code": municipality.code})
    else:
        url = reverse("keyfigures:indicator_list")
    return [(_("Nøgletal"), url)]


def register():
    """Called from `KeyFiguresConfig.ready`."""
    extensions.register_municipality_panel(
        extensions.Panel("keyfigures/_municipality_panel.html", municipality_figures_context)
    )
    extensions.register_programme_panel(
        extensions.Panel("keyfigures/_programme_panel.html", programme_notes_context)
    )
    extensions.register_nav_items(nav_items)
