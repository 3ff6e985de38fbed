"""The rules that change key figures: the catalogue, the import of published figures, a
municipality's own figures and the steering discussion's notes.

Each function takes the acting user, checks the right (`permissions.py`), works in one
transaction, changes nothing and logs nothing when given what is already there, and
otherwise writes one activity entry.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from programmes.activity import log_action
from programmes.edits import save_changes
from programmes.errors import DomainError
from programmes.models import Municipality

from . import permissions
from .activity import Action
from .display import figure_text, number, status_text
from .imports import FIGURE, LADDER, ImportRow
from .models import (
    FigureImport,
    FigureStatus,
    FigureValue,
    Indicator,
    LadderCount,
    LadderStep,
    Source,
    SteeringNote,
)

INDICATOR_FIELDS = (
    "code",
    "name",
    "definition",
    "unit",
    "source",
    "theme",
    "higher_is_better",
    "position",
    "is_active",
)
BATCH_SIZE = 2000


def _refuse_unless(condition: bool, message) -> None:
    if not condition:
        raise DomainError(message)


# The catalogue ------------------------------------------------------------------------------


def _catalogue_keeper(by) -> None:
    _refuse_unless(
        permissions.can_manage_catalogue(by),
        _("Kun en administrator i Social- og Boligstyrelsen kan ændre nøgletalskataloget."),
    )


@transaction.atomic
def add_indicator(*, by, **fields) -> Indicator:
    """Add an indicator to the catalogue."""
    _catalogue_keeper(by)
    if Indicator.objects.filter(code=fields["code"]).exists():
        raise DomainError(_("Der er allerede et nøgletal med den kode."), field="code")
    indicator = Indicator.objects.create(**{f: fields[f] for f in INDICATOR_FIELDS if f in fields})
    log_action(indicator, Action.INDICATOR_ADDED, by=by, data={"name": indicator.name})
    return indicator


@transaction.atomic
def change_indicator(indicator: Indicator, *, by, **fields) -> Indicator:
    """Change an indicator of the catalogue; the same values change nothing."""
    _catalogue_keeper(by)
    locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
    new_code = fields.get("code", locked.code)
    if new_code != locked.code and Indicator.objects.filter(code=new_code).exists():
        raise DomainError(_("Der er allerede et nøgletal med den kode."), field="code")
    changed = save_changes(locked, fields, [f for f in INDICATOR_FIELDS if f in fields])
    if changed:
        log_action(
            locked, Action.INDICATOR_CHANGED, by=by, data={"name": locked.name, "fields": changed}
        )
    return locked


# The import ---------------------------------------------------------------------------------


def save_upload(rows: Iterable[ImportRow], *, by, filename: str) -> FigureImport:
    """Keep a checked file's rows for its preview; no figure is saved yet."""
    _refuse_unless(
        permissions.can_import(by),
        _("Kun en administrator i Social- og Boligstyrelsen kan indlæse nøgletal."),
    )
    return FigureImport.objects.create(
        filename=filename[:255], rows=[row.as_json() for row in rows], uploaded_by=by
    )


@dataclass(frozen=True)
class _Stored:
    """A figure as stored or as imported, for comparing and showing."""

    status: str
    value: Decimal | None
    reported_by_id: int | None
    source: str


@dataclass(frozen=True)
class Change:
    """A figure the import changes: from what, to what (`before` and `after` are texts,
    formatted only when shown)."""

    row: int
    municipality: str
    label: str
    year: int
    stored: object  # a _Stored, or a ladder's (citizens, source)
    imported: object
    overrides_local: bool
    names: dict = field(repr=False, compare=False)

    def _text(self, state) -> str:
        if isinstance(state, _Stored):
            return status_text(
                state.status, state.value, self.names.get(state.reported_by_id), state.source
            )
        return number(state[0])

    @property
    def before(self) -> str:
        return self._text(self.stored)

    @property
    def after(self) -> str:
        return self._text(self.imported)


@dataclass(frozen=True)
class Preview:
    new: int
    changed: int
    unchanged: int
    overridden_local: int
    changes: list
    # What to write (new and changed), as plain tuples: built into rows only when applied.
    figures: list  # (municipality id, indicator id, year, status, value, reported_by id)
    ladder: list  # (municipality id, step id, year, citizens)

    @property
    def total(self) -> int:
        return self.new + self.changed + self.unchanged


def plan_import(figure_import: FigureImport) -> Preview:
    """What applying the import would change, read now: counts, the changed rows, and the
    rows to write. Reads every municipality's figures, so it runs unscoped (SBST's)."""
    rows = [ImportRow.from_json(data) for data in figure_import.rows]
    with scopes_disabled():
        municipalities = {
            code: (pk, name)
            for pk, code, name in Municipality.objects.values_list("pk", "code", "name")
        }
        indicators = {i.code: i for i in Indicator.objects.all()}
        steps = {s.code: s for s in LadderStep.objects.all()}
        _refuse_stale(rows, municipalities, indicators, steps)
        years = {row.year for row in rows}
        indicator_ids = {indicators[r.code].pk for r in rows if r.kind == FIGURE}
        step_ids = {steps[r.code].pk for r in rows if r.kind == LADDER}
        stored_figures = {
            (m, i, y): _Stored(status, value, reported_by, source)
            for m, i, y, status, value, reported_by, source in FigureValue.objects.filter(
                indicator_id__in=indicator_ids, year__in=years
            ).values_list(
                "municipality_id",
                "indicator_id",
                "year",
                "status",
                "value",
                "reported_by_id",
                "source",
            )
        }
        stored_ladder = {
            (m, s, y): (citizens, source)
            for m, s, y, citizens, source in LadderCount.objects.filter(
                step_id__in=step_ids, year__in=years
            ).values_list("municipality_id", "step_id", "year", "citizens", "source")
        }
    names = dict(municipalities.values())

    new = changed = unchanged = overridden = 0
    changes, figures, ladder = [], [], []
    for row in rows:
        municipality_id, municipality_name = municipalities[row.municipality]
        if row.kind == FIGURE:
            indicator = indicators[row.code]
            value = Decimal(row.value) if row.value is not None else None
            reported_by = municipalities[row.reported_by][0] if row.reported_by else None
            imported = _Stored(row.status, value, reported_by, Source.PUBLISHED)
            stored = stored_figures.get((municipality_id, indicator.pk, row.year))
            if stored == imported:
                unchanged += 1
                continue
            figures.append(
                (municipality_id, indicator.pk, row.year, row.status, value, reported_by)
            )
            label = indicator.name
            was_local = stored is not None and stored.source == Source.LOCAL
        else:
            step = steps[row.code]
            citizens = int(Decimal(row.value))
            imported = (citizens, Source.PUBLISHED)
            stored = stored_ladder.get((municipality_id, step.pk, row.year))
            if stored == imported:
                unchanged += 1
                continue
            ladder.append((municipality_id, step.pk, row.year, citizens))
            label = _("Indsatstrappen: %(step)s") % {"step": step.name}
            was_local = stored is not None and stored[1] == Source.LOCAL
        if stored is None:
            new += 1
            continue
        changed += 1
        overridden += was_local
        changes.append(
            Change(
                row.row,
                municipality_name,
                label,
                row.year,
                stored,
                imported,
                was_local,
                names,
            )
        )
    return Preview(new, changed, unchanged, overridden, changes, figures, ladder)


def _refuse_stale(rows, municipalities, indicators, steps) -> None:
    """The catalogue or the ladder lost a code the file names since it was checked."""
    for row in rows:
        known = indicators if row.kind == FIGURE else steps
        if (
            row.municipality not in municipalities
            or row.code not in known
            or (row.reported_by and row.reported_by not in municipalities)
        ):
            raise DomainError(
                _(
                    "Kataloget er ændret, siden filen blev indlæst (række %(row)s). Indlæs "
                    "filen igen."
                )
                % {"row": row.row}
            )


def apply_import(figure_import: FigureImport, *, by) -> Preview | None:
    """Save the import's figures in one transaction, once: a published figure replaces
    what was there, a municipality's own figure included. None if it was applied already."""
    _refuse_unless(
        permissions.can_import(by),
        _("Kun en administrator i Social- og Boligstyrelsen kan indlæse nøgletal."),
    )
    with transaction.atomic(), scopes_disabled():
        locked = FigureImport.objects.select_for_update().get(pk=figure_import.pk)
        if locked.applied_at is not None:
            figure_import.applied_at = locked.applied_at
            return None
        preview = plan_import(locked)
        now = timezone.now()
        if preview.figures:
            FigureValue.objects.bulk_create(
                [
                    FigureValue(
                        municipality_id=municipality_id,
                        indicator_id=indicator_id,
                        year=year,
                        status=status,
                        value=value,
                        reported_by_id=reported_by_id,
                        source=Source.PUBLISHED,
                        entered_by=by,
                        updated_at=now,
                    )
                    for municipality_id, indicator_id, year, status, value, reported_by_id in (
                        preview.figures
                    )
                ],
                batch_size=BATCH_SIZE,
                update_conflicts=True,
                unique_fields=["municipality", "indicator", "year"],
                update_fields=[
                    "status",
                    "value",
                    "reported_by",
                    "source",
                    "entered_by",
                    "updated_at",
                ],
            )
        if preview.ladder:
            LadderCount.objects.bulk_create(
                [
                    LadderCount(
                        municipality_id=municipality_id,
                        step_id=step_id,
                        year=year,
                        citizens=citizens,
                        source=Source.PUBLISHED,
                        updated_at=now,
                    )
                    for municipality_id, step_id, year, citizens in preview.ladder
                ],
                batch_size=BATCH_SIZE,
                update_conflicts=True,
                unique_fields=["municipality", "step", "year"],
                update_fields=["citizens", "source", "updated_at"],
            )
        locked.applied_at = timezone.now()
        locked.save(update_fields=["applied_at"])
        figure_import.applied_at = locked.applied_at
        log_action(
            locked,
            Action.IMPORT_APPLIED,
            by=by,
            data={
                "filename": locked.filename,
                "new": preview.new,
                "changed": preview.changed,
                "unchanged": preview.unchanged,
                "overridden_local": preview.overridden_local,
            },
        )
    return preview


# A municipality's own figures ----------------------------------------------------------------


def _may_enter(by, municipality) -> None:
    _refuse_unless(
        permissions.can_enter_local_figures(by, municipality),
        _(
            "Kun kommunens koordinator og Social- og Boligstyrelsen kan indtaste kommunens "
            "egne tal."
        ),
    )


def _refuse_taken(municipality, indicator, year, *, exclude_pk=None) -> None:
    """Refuse a figure where the municipality has one for the indicator and year already."""
    taken = FigureValue.objects.filter(
        municipality_id=municipality.pk, indicator_id=indicator.pk, year=year
    )
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    existing = taken.first()
    if existing is None:
        return
    facts = {"indicator": indicator.name, "year": year, "value": figure_text(existing)}
    if existing.source == Source.PUBLISHED:
        raise DomainError(
            _(
                "Der er et offentliggjort tal for »%(indicator)s« i %(year)s (%(value)s). Et "
                "offentliggjort tal kan ikke overskrives med kommunens eget tal."
            )
            % facts,
            field="year",
        )
    raise DomainError(
        _(
            "Kommunen har allerede sit eget tal for »%(indicator)s« i %(year)s (%(value)s). "
            "Ret det tal i stedet."
        )
        % facts,
        field="year",
    )


def _lock_municipality(municipality) -> None:
    # Two people adding the same figure at once: the second waits and is then refused.
    with scopes_disabled():
        Municipality.objects.select_for_update().filter(pk=municipality.pk).first()


def add_local_figure(municipality, *, by, indicator, year: int, value) -> FigureValue:
    """Add the municipality's own figure for an indicator and year without a figure."""
    _may_enter(by, municipality)
    try:
        with transaction.atomic():
            _lock_municipality(municipality)
            _refuse_taken(municipality, indicator, year)
            figure = FigureValue.objects.create(
                municipality=municipality,
                indicator=indicator,
                year=year,
                status=FigureStatus.VALUE,
                value=value,
                source=Source.LOCAL,
                entered_by=by,
            )
            log_action(
                figure,
                Action.LOCAL_FIGURE_ADDED,
                by=by,
                data={"indicator": indicator.name, "year": year, "value": number(value)},
            )
    except IntegrityError as error:
        raise DomainError(
            _("Der kom et tal for samme nøgletal og år til imens. Se tallene, og prøv igen."),
            field="year",
        ) from error
    return figure


def change_local_figure(figure: FigureValue, *, by, indicator, year: int, value) -> FigureValue:
    """Correct the municipality's own figure; a published figure is never changed here."""
    _may_enter(by, figure.municipality)
    with transaction.atomic():
        _lock_municipality(figure.municipality)
        locked = FigureValue.objects.select_for_update().get(pk=figure.pk)
        if locked.source != Source.LOCAL:
            raise DomainError(
                _("Tallet er offentliggjort og kan ikke ændres som kommunens eget tal.")
            )
        if (locked.indicator_id, locked.year, locked.value) == (indicator.pk, year, value):
            return locked
        if (locked.indicator_id, locked.year) != (indicator.pk, year):
            _refuse_taken(figure.municipality, indicator, year, exclude_pk=locked.pk)
        locked.indicator, locked.year, locked.value = indicator, year, value
        locked.entered_by = by
        locked.save(update_fields=["indicator", "year", "value", "entered_by", "updated_at"])
        log_action(
            locked,
            Action.LOCAL_FIGURE_CHANGED,
            by=by,
            data={"indicator": indicator.name, "year": year, "value": number(value)},
        )
    return locked


# The steering discussion ----------------------------------------------------------------------


def _may_write(by, programme) -> None:
    _refuse_unless(
        permissions.can_write_steering_notes(by, programme),
        _(
            "Kun koordinatoren, styregruppen, implementeringsgruppen og Social- og "
            "Boligstyrelsen kan skrive noter fra styringsdrøftelsen."
        ),
    )


def _clean_text(text) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Skriv noten."), field="text")
    return text


@transaction.atomic
def add_steering_note(programme, *, by, written_on, text: str) -> SteeringNote:
    """A note from the steering discussion of the area's current goals and governance."""
    _may_write(by, programme)
    note = SteeringNote.objects.create(
        programme=programme, written_on=written_on, text=_clean_text(text), author=by
    )
    log_action(note, Action.STEERING_NOTE_ADDED, by=by, data={"written_on": written_on.isoformat()})
    return note


@transaction.atomic
def change_steering_note(note: SteeringNote, *, by, written_on, text: str) -> SteeringNote:
    """Correct a note; the same date and text change nothing."""
    _may_write(by, note.programme)
    text = _clean_text(text)
    locked = SteeringNote.objects.select_for_update().get(pk=note.pk)
    if (locked.written_on, locked.text) == (written_on, text):
        return locked
    locked.written_on, locked.text = written_on, text
    locked.save(update_fields=["written_on", "text"])
    log_action(
        locked, Action.STEERING_NOTE_CHANGED, by=by, data={"written_on": written_on.isoformat()}
    )
    return locked
