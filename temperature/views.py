"""Thin views: fetch through the scope, check the right, call a form or a service, render.

The answer page behind a group's link needs no account: the link is the permission, so it
runs with the tenant scope disabled and touches exactly the one group its token names. It
stores nothing about the respondent; a signed cookie in their browser remembers that this
browser has answered.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_scopes import scopes_disabled

from programmes.activity import for_object
from programmes.canonical import at_home, canonical
from programmes.errors import DomainError
from programmes.pages import show_refusal
from programmes.permissions import require
from programmes.scoping import get_for_user_or_404
from programmes.selectors import programme_for

from . import permissions, selectors, services
from .forms import AnswerForm, DimensionForm, OpenRoundForm, ScaleForm
from .models import MIN_ANSWERS, Dimension, Instrument, MeasurementRound, RoundKind

ANSWERED_SALT = "temperature.answered"
# The kind of round in the address of its opening form.
ROUND_SLUGS = {"foerste": RoundKind.FIRST, "opfoelgning": RoundKind.FOLLOW_UP}
SLUG_OF = {kind: slug for slug, kind in ROUND_SLUGS.items()}


def _round_url(round_):
    return reverse(
        "temperature:round_detail",
        kwargs={"programme_pk": round_.programme_id, "round_pk": round_.pk},
    )


@login_required
@require_GET
def round_list(request, programme_pk):
    """The programme's rounds with their response counts, and the way to open one."""
    programme = programme_for(request.user, programme_pk)
    require(permissions.can_read_rounds(request.user, programme))
    rounds = selectors.rounds_of(programme)
    return render(
        request,
        "temperature/round_list.html",
        {
            "programme": programme,
            "rounds": rounds,
            "can_manage": permissions.can_manage_rounds(request.user, programme),
            "to_open": [(kind, SLUG_OF[kind]) for kind in selectors.kinds_to_open(rounds)],
            "min_answers": MIN_ANSWERS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_open(request, programme_pk, round_kind):
    """The coordinator opens the first or the follow-up round for chosen respondent groups."""
    programme = programme_for(request.user, programme_pk)
    kind = ROUND_SLUGS.get(round_kind)
    if kind is None:
        raise Http404
    require(permissions.can_manage_rounds(request.user, programme))
    form = OpenRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.open_round(
                programme,
                by=request.user,
                kind=kind,
                groups=form.groups(),
            )
        except DomainError as error:
            show_refusal(request, None, error)
        else:
            messages.success(
                request,
                _("%(kind)s er åbnet. Kopiér linkene, og del dem med respondenterne.")
                % {"kind": round_.get_kind_display()},
            )
            return redirect(_round_url(round_))
    return render(
        request,
        "temperature/round_form.html",
        {
            "programme": programme,
            "form": form,
            "kind": RoundKind(kind),
            "instrument": services.current_instrument(),
        },
    )


def _round(request, round_pk) -> MeasurementRound:
    round_ = get_for_user_or_404(
        MeasurementRound.objects.select_related(
            "programme__municipality", "programme__cohort", "instrument"
        ),
        request.user,
        pk=round_pk,
    )
    at_home(request, programme_pk=round_.programme_id)
    require(permissions.can_read_rounds(request.user, round_.programme))
    return round_


@login_required
@require_GET
@canonical
def round_detail(request, programme_pk, round_pk):
    """A round: its links (for the coordinator, while it is open), response rates, and its
    results once it is closed."""
    round_ = _round(request, round_pk)
    programme = round_.programme
    can_manage = permissions.can_manage_rounds(request.user, programme)
    result = selectors.round_result(round_)
    links = []
    if can_manage and round_.is_open:
        links = [
            (
                group,
                request.build_absolute_uri(
                    reverse("temperature:survey", kwargs={"token": group.group.token})
                ),
            )
            for group in result.groups
        ]
    return render(
        request,
        "temperature/round_detail.html",
        {
            "programme": programme,
            "round": result.round,
            "result": result,
            "links": links,
            "can_manage": can_manage,
            "min_answers": MIN_ANSWERS,
            "events": list(for_object(round_)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@canonical
def round_close(request, programme_pk, round_pk):
    """Ask, then close the round: its links stop working and its results show."""
    round_ = _round(request, round_pk)
    require(permissions.can_manage_rounds(request.user, round_.programme))
    if request.method == "POST":
        try:
            services.close_round(round_, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(kind)s er lukket. Linkene virker ikke længere.")
                % {"kind": round_.get_kind_display()},
            )
        return redirect(_round_url(round_))
    return render(
        request,
        "temperature/round_close.html",
        {"programme": round_.programme, "round": round_},
    )


def _answered_cookie(group) -> str:
    prefix = "__Host-" if settings.SESSION_COOKIE_SECURE else ""
    return f"{prefix}temperatur-{group.pk}"


def _has_answered(request, group) -> bool:
    return (
        request.get_signed_cookie(_answered_cookie(group), default=None, salt=ANSWERED_SALT) == "1"
    )


@never_cache
@require_http_methods(["GET", "POST"])
@scopes_disabled()  # the link is the permission; it names exactly one respondent group
def survey(request, token):
    """The questionnaire behind a group's link; no account needed, nothing about the
    respondent stored. One answer per browser; a closed round's link says so."""
    group = services.find_group(token)
    if group is None:
        raise Http404
    round_ = group.round
    context = {"group": group, "round": round_, "municipality": round_.programme.municipality}
    try:
        services.check_group_open(group)
    except DomainError as error:
        return render(
            request, "temperature/survey_closed.html", {**context, "error": error}, status=410
        )
    if _has_answered(request, group):
        return render(request, "temperature/survey_done.html", {**context, "again": True})
    dimensions = list(
        round_.instrument.dimensions.prefetch_related("statements").order_by("position", "name")
    )
    form = AnswerForm(request.POST or None, instrument=round_.instrument, dimensions=dimensions)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_response(group, values=form.values())
        except DomainError as refusal:
            error = refusal.message
        else:
            response = render(request, "temperature/survey_done.html", {**context, "again": False})
            response.set_signed_cookie(
                _answered_cookie(group),
                "1",
                salt=ANSWERED_SALT,
                max_age=int(services.LINK_VALID_FOR.total_seconds()),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
                path="/",
            )
            return response
    return render(
        request,
        "temperature/survey.html",
        {**context, "form": form, "error": error, "scale": round_.instrument.scale_values},
    )


# SBST's instrument -------------------------------------------------------------------


def _instrument_reader(request):
    """SBST staff read the instrument; for anyone else its pages do not exist."""
    if not permissions.can_read_instrument(request.user):
        raise Http404


def _versions():
    return list(Instrument.objects.annotate(round_count=Count("rounds")).order_by("-version"))


@login_required
@require_GET
def instrument(request):
    """The newest version of the instrument, and every version with the rounds taken
    with it."""
    _instrument_reader(request)
    current = services.current_instrument()
    versions = _versions()
    return render(
        request,
        "temperature/instrument.html",
        {
            "instrument": current,
            "dimensions": list(current.dimensions.all()),
            "versions": versions,
            "used": next(v.round_count for v in versions if v.pk == current.pk) > 0,
            "can_manage": permissions.can_manage_instrument(request.user),
        },
    )


@login_required
@require_GET
def instrument_version(request, instrument_version):
    """One version as the rounds taken with it saw it."""
    _instrument_reader(request)
    version = Instrument.objects.filter(version=instrument_version).first()
    if version is None:
        raise Http404
    return render(
        request,
        "temperature/instrument_version.html",
        {
            "instrument": version,
            "dimensions": list(version.dimensions.prefetch_related("statements")),
            "round_count": version.rounds.count(),
        },
    )


def _manager(request):
    _instrument_reader(request)
    require(permissions.can_manage_instrument(request.user))


def _saved(request, changed_version, message):
    if changed_version is not None and changed_version.version > 1:
        message += " " + _(
            "Ændringen gælder version %(version)s; målinger taget med en tidligere version "
            "beholder deres."
        ) % {"version": changed_version.version}
    messages.success(request, message)
    return redirect("temperature:instrument")


@login_required
@require_http_methods(["GET", "POST"])
def scale_edit(request):
    """An SBST administrator changes the labels of the answer scale."""
    _manager(request)
    current = services.current_instrument()
    form = ScaleForm(request.POST or None, initial=ScaleForm.initial_for(current.scale))
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.change_scale(by=request.user, labels=form.labels())
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            if changed is None:
                messages.info(request, _("Der var ingen ændringer at gemme."))
                return redirect("temperature:instrument")
            return _saved(request, changed, _("Skalaen er gemt."))
    return render(request, "temperature/scale_form.html", {"form": form, "instrument": current})


@login_required
@require_http_methods(["GET", "POST"])
def dimension_add(request):
    """An SBST administrator adds a dimension with its statements."""
    _manager(request)
    form = DimensionForm(request.POST or None, with_position=False)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dimension = services.add_dimension(
                by=request.user,
                name=data["name"],
                description=data["description"],
                statements=data["statements"],
            )
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            return _saved(
                request,
                dimension.instrument,
                _("Dimensionen »%(name)s« er tilføjet.") % {"name": dimension.name},
            )
    return render(request, "temperature/dimension_form.html", {"form": form, "dimension": None})


def _current_dimension(request, dimension_key) -> Dimension:
    _manager(request)
    dimension = services.current_instrument().dimensions.filter(key=dimension_key).first()
    if dimension is None:
        raise Http404
    return dimension


@login_required
@require_http_methods(["GET", "POST"])
def dimension_edit(request, dimension_key):
    """An SBST administrator changes a dimension of the newest version."""
    dimension = _current_dimension(request, dimension_key)
    initial = {
        "name": dimension.name,
        "description": dimension.description,
        "position": dimension.position,
        "statements": "\n".join(s.text for s in dimension.statements.all()),
    }
    form = DimensionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.change_dimension(dimension.key, by=request.user, **form.cleaned_data)
        except DomainError as error:
            show_refusal(request, form, error)
        else:
            if not changed:
                messages.info(request, _("Der var ingen ændringer at gemme."))
                return redirect("temperature:instrument")
            return _saved(request, services.current_instrument(), _("Dimensionen er gemt."))
    return render(
        request, "temperature/dimension_form.html", {"form": form, "dimension": dimension}
    )


@login_required
@require_http_methods(["GET", "POST"])
def dimension_remove(request, dimension_key):
    """Ask, then take a dimension out of the newest version."""
    dimension = _current_dimension(request, dimension_key)
    if request.method == "POST":
        try:
            changed = services.remove_dimension(dimension.key, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("temperature:instrument")
        return _saved(
            request,
            changed,
            _("Dimensionen »%(name)s« er fjernet.") % {"name": dimension.name},
        )
    return render(request, "temperature/dimension_remove.html", {"dimension": dimension})
