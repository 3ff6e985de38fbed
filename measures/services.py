"""The rules that change measures and their points.

Each function takes the acting user, checks the right (`permissions.py`), works in one
transaction, changes nothing and logs nothing when given what is already there, and
otherwise writes one activity entry. A point is added, changed or removed with its measure's
row locked, so two people recording the same date cannot both succeed.
"""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from plans.models import Goal
from programmes.activity import log_action
from programmes.edits import save_changes, typed_text
from programmes.errors import DomainError

from . import permissions
from .activity import Action
from .models import Measure, MeasurePoint, UnitKind

MEASURE_FIELDS = ("name", "unit", "description")
POINT_FIELDS = ("measured_on", "value", "note")
# What the value column holds: 12 digits, 2 of them decimals.
LARGEST_VALUE = Decimal("9999999999.99")


def _may_edit(by, owner) -> None:
    if not permissions.can_edit_measures_of(by, owner):
        raise DomainError(
            _(
                "Kun dem, der må skrive i prøvehandlingen eller udviklingsplanen, kan ændre "
                "dens målinger."
            )
        )


def _measure_data(measure: Measure, **extra) -> dict:
    owner = (
        {"trial_action": measure.trial_action_id}
        if measure.trial_action_id
        else {"goal": measure.goal_id}
    )
    return {"measure": measure.pk, "name": measure.name, **owner, **extra}


# Measures ------------------------------------------------------------------------------


def check_measure(values: dict) -> dict:
    """A measure's values as stored, or a `DomainError` on the field that breaks a rule."""
    values = {name: values.get(name) for name in MEASURE_FIELDS}
    values["name"] = typed_text(values["name"])
    values["description"] = typed_text(values["description"])
    if not values["name"]:
        raise DomainError(_("Giv målingen et navn."), field="name")
    if values["unit"] not in UnitKind.values:
        raise DomainError(
            _("Vælg, hvad målingen tæller: antal, vurdering eller procent."), field="unit"
        )
    return values


def add_measure(owner, *, by, **values) -> Measure:
    """A new measure of `owner`: a trial action or a goal of the development plan."""
    _may_edit(by, owner)
    values = check_measure(values)
    programme = permissions.programme_of(owner)
    owner_field = "goal" if isinstance(owner, Goal) else "trial_action"
    with transaction.atomic():
        measure = Measure.objects.create(programme=programme, **{owner_field: owner}, **values)
        log_action(measure, Action.MEASURE_ADDED, by=by, data=_measure_data(measure))
    return measure


def change_measure(measure: Measure, *, by, **values) -> Measure:
    """The measure's name, unit and description. A unit its points do not fit is refused."""
    _may_edit(by, measure.owner)
    values = check_measure(values)
    with transaction.atomic():
        current = Measure.objects.select_for_update().get(pk=measure.pk)
        if values["unit"] != current.unit:
            for point in MeasurePoint.objects.filter(measure_id=current.pk):
                try:
                    check_value(values["unit"], point.value)
                except DomainError as error:
                    raise DomainError(
                        _(
                            "Punktet den %(date)s passer ikke til den nye enhed: %(reason)s Ret "
                            "eller fjern punktet først."
                        )
                        % {"date": date_format(point.measured_on), "reason": error.message},
                        field="unit",
                    ) from error
        changed = save_changes(current, values, MEASURE_FIELDS)
        if not changed:
            return current
        current.updated_at = timezone.now()
        current.save(update_fields=["updated_at"])
        log_action(
            current, Action.MEASURE_CHANGED, by=by, data=_measure_data(current, fields=changed)
        )
    return current


def remove_measure(measure: Measure, *, by) -> None:
    """Remove a measure with its points; told on the owner's history (the trial action, or
    the development plan of the goal), as the measure is gone."""
    owner = measure.owner
    _may_edit(by, owner)
    with transaction.atomic():
        current = Measure.objects.select_for_update().filter(pk=measure.pk).first()
        if current is None:
            return
        data = _measure_data(current, points=current.points.count())
        current.delete()
        target = owner if measure.trial_action_id else owner.plan
        log_action(target, Action.MEASURE_REMOVED, by=by, data=data)


# Points --------------------------------------------------------------------------------


def check_value(unit: str, value) -> Decimal:
    """A value as stored for `unit`, or a `DomainError` on `value`: a count is a whole number
    from 0, a percentage lies from 0 to 100, a rating is a number from 0."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        number = None
    if number is None or not number.is_finite():
        raise DomainError(_("Skriv værdien som et tal, for eksempel 12 eller 4,5."), field="value")
    if number < 0:
        raise DomainError(_("Værdien kan ikke være negativ."), field="value")
    if number > LARGEST_VALUE:
        raise DomainError(_("Værdien er for stor."), field="value")
    if number != number.quantize(Decimal("0.01")):
        raise DomainError(_("Skriv værdien med højst to decimaler."), field="value")
    if unit == UnitKind.COUNT and number != number.to_integral_value():
        raise DomainError(_("Et antal er et helt tal."), field="value")
    if unit == UnitKind.PERCENTAGE and number > 100:
        raise DomainError(_("En procent ligger fra 0 til 100."), field="value")
    return number.quantize(Decimal("0.01"))


def check_point(measure: Measure, values: dict) -> dict:
    """A point's values as stored, or a `DomainError` on the field that breaks a rule."""
    values = {name: values.get(name) for name in POINT_FIELDS}
    if values["measured_on"] is None:
        raise DomainError(_("Skriv datoen for målingen."), field="measured_on")
    values["value"] = check_value(measure.unit, values["value"])
    values["note"] = typed_text(values["note"])
    return values


def _point_data(measure: Measure, point: MeasurePoint, **extra) -> dict:
    return _measure_data(
        measure,
        point=point.pk,
        measured_on=point.measured_on.isoformat(),
        value=str(point.value),
        **extra,
    )


def _refuse_taken_date(measure: Measure, measured_on, exclude=None) -> None:
    taken = MeasurePoint.objects.filter(measure_id=measure.pk, measured_on=measured_on)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise DomainError(
            _("Målingen har allerede et punkt den %(date)s. Ret det punkt i stedet.")
            % {"date": date_format(measured_on)},
            field="measured_on",
        )


def _lock(measure: Measure) -> Measure:
    return Measure.objects.select_for_update().get(pk=measure.pk)


def add_point(measure: Measure, *, by, **values) -> MeasurePoint:
    _may_edit(by, measure.owner)
    with transaction.atomic():
        locked = _lock(measure)
        values = check_point(locked, values)
        _refuse_taken_date(locked, values["measured_on"])
        point = MeasurePoint.objects.create(measure=locked, **values)
        log_action(locked, Action.POINT_ADDED, by=by, data=_point_data(locked, point))
    return point


def change_point(point: MeasurePoint, *, by, **values) -> MeasurePoint:
    measure = point.measure
    _may_edit(by, measure.owner)
    with transaction.atomic():
        locked = _lock(measure)
        values = check_point(locked, values)
        current = MeasurePoint.objects.get(pk=point.pk)
        _refuse_taken_date(locked, values["measured_on"], exclude=current)
        changed = save_changes(current, values, POINT_FIELDS)
        if not changed:
            return current
        log_action(
            locked,
            Action.POINT_CHANGED,
            by=by,
            data=_point_data(locked, current, fields=changed),
        )
    return current


def remove_point(point: MeasurePoint, *, by) -> None:
    measure = point.measure
    _may_edit(by, measure.owner)
    with transaction.atomic():
        locked = _lock(measure)
        current = MeasurePoint.objects.filter(pk=point.pk).first()
        if current is None:
            return
        data = _point_data(locked, current)
        current.delete()
        log_action(locked, Action.POINT_REMOVED, by=by, data=data)
