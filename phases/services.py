"""Moving a programme through its phases: one transition function, as the enrolment has.

`start_programme` (approval of the enrolment) and `move_programme` (the consultant) decide
who may act; `transition_programme` is the one place a phase changes: it locks the programme,
refuses any move but to the kind's next phase, closes the current phase (with the reason when
its gate does not hold), opens the next, writes one activity entry and runs what other apps
do on entering a phase (the meeting plan).
"""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from programmes.activity import log_action
from programmes.errors import DomainError
from programmes.models import Programme, ProgrammeGroup

from . import permissions
from .activity import Action
from .gates import gate_status
from .kinds import template_for
from .models import Phase, PhaseWindow, ProgrammePhase

# fn(programme, phase, *, by): registered by other apps, run inside the transition.
_ON_ENTER: list[Callable] = []


def register_on_enter(hook: Callable) -> None:
    if hook not in _ON_ENTER:
        _ON_ENTER.append(hook)


def current_phase_record(programme) -> ProgrammePhase | None:
    return ProgrammePhase.objects.filter(programme_id=programme.pk, ended_at=None).first()


def transition_programme(programme: Programme, to, *, by, reason: str = "") -> ProgrammePhase:
    """Move `programme` to the phase `to`; the caller has decided that `by` may.

    Moving to the phase it is already in changes nothing (a second click). A move while the
    current phase's gate does not hold needs a written reason, which is recorded and shown.
    """
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        template = template_for(locked)
        current = (
            ProgrammePhase.objects.select_for_update()
            .filter(programme=locked, ended_at=None)
            .first()
        )
        if current is not None and current.phase == to:
            return current
        expected = template.next_phase(current.phase) if current else template.phases[0].phase
        if to != expected:
            if expected is None:
                raise DomainError(_("Forløbet er afsluttet og kan ikke flyttes videre."))
            raise DomainError(
                _("Forløbet er i fasen %(current)s og kan kun gå videre til %(next)s.")
                % {"current": Phase(current.phase).label, "next": Phase(expected).label}
            )
        reason = (reason or "").strip()
        overridden = False
        if current is not None:
            gate = gate_status(locked, current.phase)
            overridden = not gate.holds
            if overridden and not reason:
                raise DomainError(
                    _(
                        "Porten for %(phase)s er ikke opfyldt: %(missing)s Skriv en begrundelse "
                        "for at gå videre alligevel."
                    )
                    % {
                        "phase": Phase(current.phase).label,
                        "missing": " ".join(str(r.label) for r in gate.missing),
                    },
                    field="reason",
                )
            now = timezone.now()
            current.ended_at = now
            current.ended_by = by
            current.gate_overridden = overridden
            current.override_reason = reason if overridden else ""
            current.save(
                update_fields=["ended_at", "ended_by", "gate_overridden", "override_reason"]
            )
        record = ProgrammePhase.objects.create(
            programme=locked, phase=to, started_by=by, started_at=timezone.now()
        )
        log_action(
            locked,
            Action.MOVED,
            by=by,
            programme=locked,
            data={
                "from": current.phase if current else "",
                "to": to,
                "overridden": overridden,
                "note": reason,
            },
        )
        for hook in _ON_ENTER:
            hook(locked, to, by=by)
    return record


def ensure_standing_groups(programme: Programme) -> None:
    """Create the kind's standing groups the programme lacks (the steering group comes from
    the enrolment; the implementation group is made here)."""
    from django.utils import translation

    have = set(programme.groups.values_list("kind", flat=True))
    for kind in template_for(programme).standing_groups:
        if kind not in have:
            with translation.override("da"):  # stored, so in the language of record
                name = str(ProgrammeGroup.Kind(kind).label)
            ProgrammeGroup.objects.create(programme=programme, kind=kind, name=name)


def start_programme(programme: Programme, *, by) -> ProgrammePhase:
    """Approval of the enrolment: the programme enters its first working phase.

    The enrolment phase is recorded as passed (its gate is the approval itself), the standing
    groups are made, and the meeting plan is created by the meetings app's hook.
    """
    if not (by.is_authenticated and by.is_sbst):
        raise DomainError(_("Kun Social- og Boligstyrelsen kan sætte et forløb i gang."))
    template = template_for(programme)
    with transaction.atomic():
        if current_phase_record(programme) is None:
            transition_programme(programme, template.phases[0].phase, by=by)
        ensure_standing_groups(programme)
        return transition_programme(programme, template.start, by=by)


def move_programme(programme: Programme, to, *, by, reason: str = "") -> ProgrammePhase:
    """The programme's consultant moves it to its next phase, with a reason when the gate
    does not hold."""
    if not permissions.can_move_programme(by, programme):
        raise DomainError(
            _("Kun forløbets konsulent i Social- og Boligstyrelsen kan flytte forløbet videre.")
        )
    return transition_programme(programme, to, by=by, reason=reason)


def adjust_window(cohort, phase, *, starts_on, ends_on, by) -> PhaseWindow:
    """An SBST administrator sets one phase's window for a whole cohort."""
    if not permissions.can_adjust_windows(by):
        raise DomainError(_("Kun en administrator i SBST kan ændre fasernes vinduer."))
    if ends_on < starts_on:
        raise DomainError(_("Fasen skal slutte efter, den starter."), field="ends_on")
    with transaction.atomic():
        window, created = PhaseWindow.objects.select_for_update().get_or_create(
            cohort=cohort,
            phase=phase,
            defaults={"starts_on": starts_on, "ends_on": ends_on, "changed_by": by},
        )
        if not created:
            if (window.starts_on, window.ends_on) == (starts_on, ends_on):
                return window
            window.starts_on, window.ends_on, window.changed_by = starts_on, ends_on, by
            window.save(update_fields=["starts_on", "ends_on", "changed_by", "changed_at"])
        log_action(
            window,
            Action.WINDOW_CHANGED,
            by=by,
            data={
                "phase": phase,
                "cohort": cohort.name,
                "start": starts_on.isoformat(),
                "end": ends_on.isoformat(),
            },
        )
    return window
