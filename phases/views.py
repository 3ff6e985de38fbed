from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from programmes.errors import DomainError
from programmes.models import Cohort
from programmes.permissions import require
from programmes.selectors import programme_for

from . import permissions
from .forms import MoveForm, WindowForm, windows_in_order
from .models import Phase
from .schedule import phase_schedule
from .services import adjust_window, move_programme


@login_required
@require_POST
def programme_move(request, programme_pk):
    """The consultant moves the programme to its next phase."""
    programme = programme_for(request.user, programme_pk)
    require(permissions.can_move_programme(request.user, programme))
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vælg den fase, forløbet skal gå videre til."))
        return redirect("programmes:programme_detail", programme_pk=programme.pk)
    try:
        move_programme(
            programme, form.cleaned_data["to"], by=request.user, reason=form.cleaned_data["reason"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Forløbet er nu i fasen %(phase)s.")
            % {"phase": Phase(form.cleaned_data["to"]).label},
        )
    return redirect("programmes:programme_detail", programme_pk=programme.pk)


@login_required
@require_http_methods(["GET", "POST"])
def cohort_windows(request, cohort_pk):
    """An SBST administrator adjusts the phases' windows of one cohort; other SBST staff see
    them. A cohort is SBST's, so it is not found for anyone else."""
    if not request.user.is_sbst:
        raise Http404
    cohort = get_object_or_404(Cohort, pk=cohort_pk)
    can_adjust = permissions.can_adjust_windows(request.user)
    if request.method == "POST":
        require(can_adjust)
    spans = [s for s in phase_schedule(cohort) if s.starts_on is not None]
    # One form per phase, prefixed by the phase: the rows are fixed, whatever is posted.
    forms = [
        WindowForm(
            request.POST if request.method == "POST" else None,
            prefix=span.phase,
            initial={"starts_on": span.starts_on, "ends_on": span.ends_on},
        )
        for span in spans
    ]
    # Every form is validated, so each shows its errors, not only the first invalid one.
    results = [f.is_valid() for f in forms]
    valid = request.method == "POST" and all(results)
    if valid and windows_in_order(forms):
        changed = 0
        try:
            for form, span in zip(forms, spans, strict=True):
                starts_on, ends_on = form.cleaned_data["starts_on"], form.cleaned_data["ends_on"]
                if (starts_on, ends_on) == (span.starts_on, span.ends_on):
                    continue
                adjust_window(
                    cohort, span.phase, starts_on=starts_on, ends_on=ends_on, by=request.user
                )
                changed += 1
        except DomainError as error:
            messages.error(request, error.message)
        else:
            if changed:
                messages.success(request, _("Fasernes vinduer er gemt."))
            else:
                messages.info(request, _("Der var ingen ændringer at gemme."))
            return redirect("phases:cohort_windows", cohort_pk=cohort.pk)
    return render(
        request,
        "phases/cohort_windows.html",
        {
            "cohort": cohort,
            "rows": list(zip(forms, spans, strict=True)),
            "can_adjust": can_adjust,
        },
    )
