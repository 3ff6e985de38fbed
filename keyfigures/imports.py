"""Reading and checking a file of published figures for all municipalities.

The file is CSV (UTF-8 with or without a byte order mark, `;` or `,` between the fields) or
XLSX (the first sheet), with a header row naming the columns:

    kommunekode  the municipality's three-digit code, e.g. 265
    noegletal    an indicator's code from the catalogue, or `trin:<code>` for the number of
                 citizens on a step of the support ladder
    aar          the year
    vaerdi       the value (a decimal comma is fine: 12,5); empty when the status says why
    status       empty for a value, "ingen data", or "indberettet af <kommunekode>"
                 (optional column)

Every row is checked before anything is saved; `read_figures` gives the parsed rows or every
error with its row number (the header is row 1, as in a spreadsheet). Nothing here writes.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from programmes.models import Municipality

from .models import FigureStatus, Indicator, LadderStep

MAX_BYTES = 10 * 1024 * 1024
# Every municipality, twenty indicators and the ladder's steps over a decade come to about
# 25,000 rows; a larger file is refused before it is read to the end.
MAX_ROWS = 50_000
# What an XLSX file may unpack to (its XML), against a small file that unpacks to gigabytes.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
FIRST_YEAR = 2000
LADDER_PREFIX = "trin:"
# The largest value the figures' column holds (14 digits, 3 of them decimals).
MAX_VALUE = Decimal("99999999999.999")

REQUIRED_COLUMNS = ("kommunekode", "noegletal", "aar", "vaerdi")
OPTIONAL_COLUMNS = ("status",)

FIGURE = "figure"
LADDER = "ladder"


class FileRefused(Exception):
    """The file cannot be read at all (its kind, size, encoding or header)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RowError:
    row: int | None
    message: str


@dataclass(frozen=True)
class ImportRow:
    """One checked row: `kind` is FIGURE (an indicator's figure) or LADDER (citizens on a
    step); `value` a decimal as text or None; `reported_by` a municipality code or None."""

    row: int
    municipality: str
    kind: str
    code: str
    year: int
    status: str
    value: str | None
    reported_by: str | None

    def as_json(self) -> list:
        return [
            self.row,
            self.municipality,
            self.kind,
            self.code,
            self.year,
            self.status,
            self.value,
            self.reported_by,
        ]

    @classmethod
    def from_json(cls, data) -> "ImportRow":
        return cls(*data)

    @property
    def key(self) -> tuple:
        return (self.municipality, self.kind, self.code, self.year)


@dataclass(frozen=True)
class Result:
    rows: list[ImportRow]
    errors: list[RowError]


def normalise_header(text) -> str:
    text = _text(text).lower().replace("\ufeff", "")
    for danish, plain in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(danish, plain)
    return re.sub(r"[\s_-]+", "", text)


def _text(cell) -> str:
    """A cell as stripped text; an XLSX number without decimals without its ".0"."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")


def parse_number(cell) -> Decimal | None:
    """A number as a Danish or a machine writes it: "12,5", "1.234,5", "12.5", "-3", or an
    XLSX number; None when it is not one."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        try:
            number = Decimal(str(cell))
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    text = _text(cell).replace("\u00a0", "").replace("\u2009", "").replace(" ", "")
    if "," in text:
        # A decimal comma: dots are thousands separators.
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    if not _NUMBER.fullmatch(text):
        return None
    return Decimal(text)


def _parse_year(cell) -> int | None:
    number = parse_number(cell)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


def _municipality_code(cell) -> str:
    text = _text(cell)
    return str(int(text)) if text.isdigit() else text


def _rows_from_csv(data: bytes) -> Iterator[tuple[int, list]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            _(
                "Filen er ikke gemt som UTF-8. Gem den igen som »CSV UTF-8« (i Excel: Gem som, "
                "CSV UTF-8 (kommasepareret))."
            )
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as error:
        raise FileRefused(
            _("Filen kan ikke læses som CSV (%(error)s).") % {"error": error}
        ) from error


def _rows_from_xlsx(upload) -> Iterator[tuple[int, list]]:
    import openpyxl

    try:
        with zipfile.ZipFile(upload) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise FileRefused(_("Filen kan ikke læses som et Excel-regneark (XLSX).")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileRefused(_("Regnearket fylder for meget, når det pakkes ud."))
    upload.seek(0)
    try:
        workbook = openpyxl.load_workbook(upload, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise FileRefused(_("Filen kan ikke læses som et Excel-regneark (XLSX).")) from error
    try:
        sheet = workbook.worksheets[0]
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    finally:
        workbook.close()


def table_rows(upload) -> Iterator[tuple[int, list]]:
    """(row number, cells) of the uploaded file, the header first; refuses a file that is
    too large or of another kind."""
    if upload.size > MAX_BYTES:
        raise FileRefused(
            _("Filen fylder %(size)s. Den må højst fylde %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)}
        )
    name = (upload.name or "").lower()
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    if name.endswith(".xlsx") or head == b"PK\x03\x04":
        return _rows_from_xlsx(upload)
    if name.endswith((".csv", ".txt")):
        return _rows_from_csv(upload.read())
    raise FileRefused(_("Filen skal være en CSV-fil eller et Excel-regneark (XLSX)."))


@dataclass(frozen=True)
class Lookups:
    """What the rows are checked against: codes of municipalities, indicators and steps."""

    municipalities: dict  # code -> name
    codes_by_name: dict  # lower-case name -> code
    indicators: set
    steps: set

    @classmethod
    def load(cls) -> "Lookups":
        with scopes_disabled():
            municipalities = dict(Municipality.objects.values_list("code", "name"))
        return cls(
            municipalities=municipalities,
            codes_by_name={name.lower(): code for code, name in municipalities.items()},
            indicators=set(Indicator.objects.values_list("code", flat=True)),
            steps=set(LadderStep.objects.values_list("code", flat=True)),
        )


_REPORTED_BY = re.compile(r"indberettet\s+af\s+(.+)", re.IGNORECASE)


def _columns(header) -> tuple[dict, list[RowError]]:
    positions, errors = {}, []
    for index, cell in enumerate(header):
        name = normalise_header(cell)
        if name in positions and name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS:
            errors.append(RowError(1, _("Kolonnen »%(column)s« står to gange.") % {"column": name}))
        positions.setdefault(name, index)
    for column in REQUIRED_COLUMNS:
        if column not in positions:
            errors.append(RowError(1, _("Kolonnen »%(column)s« mangler.") % {"column": column}))
    return positions, errors


def check_rows(rows: Iterator[tuple[int, list]], lookups: Lookups, *, today=None) -> Result:
    """Check every row; the parsed rows, or every error found (with the file's row numbers)."""
    today = today or timezone.localdate()
    rows = iter(rows)
    header = None
    for number, cells in rows:
        if any(_text(cell) for cell in cells):
            header = (number, cells)
            break
    if header is None:
        return Result([], [RowError(None, _("Filen er tom."))])
    positions, errors = _columns(header[1])
    if errors:
        return Result([], errors)

    def cell(cells, column):
        index = positions.get(column)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    parsed, seen = [], {}
    count = 0
    for number, cells in rows:
        # Blank rows are skipped, but a sheet of a million formatted blank rows is not read.
        if number > 2 * MAX_ROWS:
            count = MAX_ROWS
        elif not any(_text(c) for c in cells):
            continue
        count += 1
        if count > MAX_ROWS:
            return Result(
                [],
                [
                    RowError(
                        None,
                        _(
                            "Filen har mere end %(limit)s rækker. Del den op i flere filer, "
                            "fx en pr. år."
                        )
                        % {"limit": f"{MAX_ROWS:,}".replace(",", ".")},
                    )
                ],
            )
        row, row_errors = _check_row(
            number,
            municipality=cell(cells, "kommunekode"),
            code=cell(cells, "noegletal"),
            year=cell(cells, "aar"),
            value=cell(cells, "vaerdi"),
            status=cell(cells, "status"),
            lookups=lookups,
            last_year=today.year,
        )
        errors.extend(row_errors)
        if row is None:
            continue
        if row.key in seen:
            errors.append(
                RowError(
                    number,
                    _("Kommune %(municipality)s, %(code)s, %(year)s står også i række %(first)s.")
                    % {
                        "municipality": row.municipality,
                        "code": _code_label(row),
                        "year": row.year,
                        "first": seen[row.key],
                    },
                )
            )
            continue
        seen[row.key] = number
        parsed.append(row)
    if not parsed and not errors:
        errors.append(RowError(None, _("Filen har ingen rækker med tal under overskrifterne.")))
    return Result([] if errors else parsed, errors)


def _code_label(row) -> str:
    return f"{LADDER_PREFIX}{row.code}" if row.kind == LADDER else row.code


def _check_row(number, *, municipality, code, year, value, status, lookups, last_year):
    """One row's parsed form (None if it has errors) and its errors."""
    errors = []

    def refuse(message):
        errors.append(RowError(number, message))

    municipality_code = _municipality_code(municipality)
    if not municipality_code:
        refuse(_("Kommunekoden mangler."))
    elif municipality_code not in lookups.municipalities:
        refuse(_("Kommunekoden »%(code)s« findes ikke.") % {"code": _text(municipality)})

    code_text = _text(code).lower()
    kind = FIGURE
    if not code_text:
        refuse(_("Nøgletallets kode mangler."))
    elif code_text.startswith(LADDER_PREFIX):
        kind = LADDER
        code_text = code_text[len(LADDER_PREFIX) :].strip()
        if code_text not in lookups.steps:
            refuse(_("Indsatstrappen har ikke et trin med koden »%(code)s«.") % {"code": code_text})
    elif code_text not in lookups.indicators:
        refuse(_("Nøgletallet »%(code)s« findes ikke i kataloget.") % {"code": _text(code)})

    parsed_year = _parse_year(year)
    if not _text(year):
        refuse(_("Året mangler."))
    elif parsed_year is None or not FIRST_YEAR <= parsed_year <= last_year:
        refuse(
            _("Året »%(year)s« er ikke et år fra %(first)s til %(last)s.")
            % {"year": _text(year), "first": FIRST_YEAR, "last": last_year}
        )

    status_text = " ".join(_text(status).split())
    reported_by = None
    if not status_text:
        figure_status = FigureStatus.VALUE
    elif status_text.lower() == "ingen data":
        figure_status = FigureStatus.NO_DATA
    elif match := _REPORTED_BY.fullmatch(status_text):
        figure_status = FigureStatus.REPORTED_ELSEWHERE
        other = match.group(1).strip()
        reported_by = _municipality_code(other)
        if reported_by not in lookups.municipalities:
            reported_by = lookups.codes_by_name.get(other.lower())
        if reported_by is None:
            refuse(_("Status nævner kommunen »%(other)s«, som ikke findes.") % {"other": other})
        elif reported_by == municipality_code:
            refuse(_("En kommune kan ikke være indberettet af sig selv."))
    else:
        figure_status = None
        refuse(
            _(
                "Status »%(status)s« kendes ikke. Lad status være tom, eller skriv »ingen "
                "data« eller »indberettet af« og en kommunekode."
            )
            % {"status": status_text}
        )

    number_value = None
    value_text = _text(value)
    if kind == LADDER and figure_status not in (None, FigureStatus.VALUE):
        refuse(_("Indsatstrappen har kun antal borgere; status skal være tom."))
    elif figure_status in (FigureStatus.NO_DATA, FigureStatus.REPORTED_ELSEWHERE):
        if value_text:
            refuse(
                _("Rækken har både værdien »%(value)s« og status »%(status)s«; fjern en af dem.")
                % {"value": value_text, "status": status_text}
            )
    elif figure_status == FigureStatus.VALUE:
        number_value = parse_number(value)
        if not value_text:
            refuse(_("Værdien mangler. Skriv »ingen data« i status, hvis der ikke er et tal."))
        elif number_value is None:
            refuse(_("Værdien »%(value)s« er ikke et tal.") % {"value": value_text})
        elif kind == LADDER and (
            number_value < 0 or number_value != number_value.to_integral_value()
        ):
            refuse(
                _("Antallet af borgere »%(value)s« skal være et helt tal, 0 eller derover.")
                % {"value": value_text}
            )
        elif abs(number_value) > MAX_VALUE:
            refuse(_("Værdien »%(value)s« er for stor.") % {"value": value_text})

    if errors:
        return None, errors
    if number_value is not None:
        number_value = number_value.quantize(Decimal("0.001")).normalize()
    return (
        ImportRow(
            row=number,
            municipality=municipality_code,
            kind=kind,
            code=code_text,
            year=parsed_year,
            status=figure_status,
            value=None if number_value is None else format(number_value, "f"),
            reported_by=reported_by,
        ),
        [],
    )


def read_figures(upload, *, today=None) -> Result:
    """Read and check an uploaded file: every row, or every error with its row number."""
    try:
        rows = table_rows(upload)
        return check_rows(rows, Lookups.load(), today=today)
    except FileRefused as refused:
        return Result([], [RowError(None, refused.message)])
