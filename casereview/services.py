"""The rules that change a programme's ten-case review: record a case, change it, remove it.

Each function takes the acting user, checks the right (`permissions.py`), works in one
transaction with the programme row locked (two people may add the tenth case, or give two
cases the same pseudonym, at once), changes nothing and logs nothing when it is given what is
already there, and otherwise writes one activity entry on the case. The entry carries no
free text of the case (see `activity.py`).

`details` holds the case's own fields (`CASE_FIELDS`); `findings` maps each of the eight
principles to {"shows": a `Shows` value, "note": text}.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from programmes.activity import log_action
from programmes.errors import DomainError
from programmes.models import Principle, Programme

from . import permissions
from .activity import Action
from .models import TARGET_CASES, PrincipleFinding, ReviewedCase, Shows

CASE_FIELDS = (
    "label",
    "area",
    "hopes_in_assessment",
    "hopes_in_action_plan",
    "resources_in_assessment",
    "resources_in_action_plan",
    "note",
)
FINDING_FIELDS = ("shows", "note")


def _refuse_unless(condition: bool, message) -> None:
    if not condition:
        raise DomainError(message)


def _clean_text(value) -> str:
    return (value or "").strip() if isinstance(value, str) or value is None else value


def _wanted_case(details: dict) -> dict:
    return {name: _clean_text(details.get(name)) for name in CASE_FIELDS}


def _wanted_findings(findings: dict) -> dict[int, dict]:
    """Every principle once, each with how it shows; refuse anything else."""
    wanted = {}
    for principle in Principle:
        given = findings.get(principle.value) or findings.get(principle) or {}
        shows = given.get("shows")
        if shows not in Shows.values:
            raise DomainError(
                _("Angiv for hvert princip, om det kommer til udtryk i sagen: »%(principle)s«.")
                % {"principle": principle.label}
            )
        wanted[principle.value] = {"shows": shows, "note": _clean_text(given.get("note"))}
    return wanted


def _validate(row, exclude) -> None:
    """The model's own validators (the CPR, e-mail and phone guard among them), as a domain
    error naming the field; the forms run the same validators first."""
    try:
        row.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(
            messages[0], field=None if field == NON_FIELD_ERRORS else field
        ) from error


def _label_taken(programme_id: int, label: str, *, other_than=None) -> bool:
    cases = ReviewedCase.objects.filter(programme_id=programme_id, label__iexact=label)
    if other_than is not None:
        cases = cases.exclude(pk=other_than)
    return cases.exists()


def _refuse_taken_label(programme_id, label, *, other_than=None) -> None:
    if _label_taken(programme_id, label, other_than=other_than):
        raise DomainError(
            _(
                "Forløbet har allerede en sag med pseudonymet »%(label)s« (store og små "
                "bogstaver tæller ikke). Vælg et andet pseudonym."
            )
            % {"label": label},
            field="label",
        )


def _lock_programme(programme_id: int) -> Programme:
    return Programme.objects.select_for_update().get(pk=programme_id)


def record_case(programme: Programme, *, by, details: dict, findings: dict) -> ReviewedCase:
    """Add a case to the review with how each of the eight principles shows in it.

    The concept reviews ten cases: an eleventh is refused. The pseudonym is the programme's
    own, whatever its capitalisation.
    """
    _refuse_unless(
        permissions.can_change_review(by, programme),
        _(
            "Kun implementeringsgruppen, koordinatoren og forløbets konsulent kan registrere "
            "sager i sagsgennemgangen."
        ),
    )
    wanted = _wanted_case(details)
    wanted_findings = _wanted_findings(findings)
    case = ReviewedCase(programme=programme, created_by=by, **wanted)
    _validate(case, exclude=["programme", "municipality", "created_by"])
    rows = [PrincipleFinding(principle=p, **values) for p, values in wanted_findings.items()]
    for row in rows:
        _validate(row, exclude=["case", "municipality"])
    with transaction.atomic():
        _lock_programme(programme.pk)
        cases = ReviewedCase.objects.filter(programme_id=programme.pk).count()
        if cases >= TARGET_CASES:
            raise DomainError(
                _(
                    "Gennemgangen har allerede sine %(target)d sager. Fjern en sag, før du "
                    "registrerer en ny."
                )
                % {"target": TARGET_CASES}
            )
        _refuse_taken_label(programme.pk, wanted["label"])
        case.save()
        for row in rows:
            row.case = case
            # One save each, so django-auditlog keeps each finding's creation (without notes).
            row.save()
        log_action(
            case,
            Action.RECORDED,
            by=by,
            data={"area": case.area, "cases": cases + 1, "target": TARGET_CASES},
        )
    return case


def change_case(case: ReviewedCase, *, by, details: dict, findings: dict) -> ReviewedCase:
    """Change a case's fields and findings; given what is already there, nothing changes."""
    _refuse_unless(
        permissions.can_change_review(by, case.programme),
        _(
            "Kun implementeringsgruppen, koordinatoren og forløbets konsulent kan ændre sager "
            "i sagsgennemgangen."
        ),
    )
    wanted = _wanted_case(details)
    wanted_findings = _wanted_findings(findings)
    with transaction.atomic():
        _lock_programme(case.programme_id)
        locked = ReviewedCase.objects.select_for_update().get(pk=case.pk)
        changed = [name for name in CASE_FIELDS if getattr(locked, name) != wanted[name]]
        current = {row.principle: row for row in PrincipleFinding.objects.filter(case=locked)}
        finding_changes = []
        for principle, values in wanted_findings.items():
            row = current.get(principle)
            if row is None:
                row = PrincipleFinding(case=locked, principle=principle)
                finding_changes.append((row, list(FINDING_FIELDS)))
            else:
                fields = [name for name in FINDING_FIELDS if getattr(row, name) != values[name]]
                if fields:
                    finding_changes.append((row, fields))
            for name in FINDING_FIELDS:
                setattr(row, name, values[name])
        if not changed and not finding_changes:
            return case
        for name in changed:
            setattr(locked, name, wanted[name])
        _validate(locked, exclude=["programme", "municipality", "created_by"])
        for row, _fields in finding_changes:
            _validate(row, exclude=["case", "municipality"])
        if "label" in changed:
            _refuse_taken_label(locked.programme_id, locked.label, other_than=locked.pk)
        locked.save(update_fields=[*changed, "updated_at"])
        for row, fields in finding_changes:
            if row.pk is None:
                row.save()
            else:
                row.save(update_fields=fields)
        log_action(
            locked,
            Action.CHANGED,
            by=by,
            data={
                "area": locked.area,
                "fields": changed,
                "principles": sorted(row.principle for row, _fields in finding_changes),
            },
        )
    for field in locked._meta.concrete_fields:
        setattr(case, field.attname, getattr(locked, field.attname))
    return case


def remove_case(case: ReviewedCase, *, by) -> None:
    """Remove a case and its findings from the review; a case already gone stays gone.

    The one entry counts the findings removed with the case."""
    _refuse_unless(
        permissions.can_change_review(by, case.programme),
        _(
            "Kun implementeringsgruppen, koordinatoren og forløbets konsulent kan fjerne sager "
            "fra sagsgennemgangen."
        ),
    )
    with transaction.atomic():
        _lock_programme(case.programme_id)
        locked = ReviewedCase.objects.filter(pk=case.pk).first()
        if locked is None:
            return
        remaining = ReviewedCase.objects.filter(programme_id=locked.programme_id).count() - 1
        # The findings go with the case (on delete cascade): the one entry counts them.
        removed_findings = PrincipleFinding.objects.filter(case=locked).count()
        # Logged while the case still has its id; the entry names no free text of it.
        log_action(
            locked,
            Action.REMOVED,
            by=by,
            data={
                "area": locked.area,
                "cases": remaining,
                "target": TARGET_CASES,
                "findings": removed_findings,
            },
        )
        locked.delete()
