"""The filtered, sorted portfolio table as CSV (streamed row by row) and XLSX (openpyxl's
write-only workbook, spooled to a temporary file and streamed from there)."""

import csv
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from .table import cells, headers

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filename(extension: str) -> str:
    return f"portefolje-{timezone.localdate():%Y-%m-%d}.{extension}"


class _Line:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


def csv_lines(rows):
    # A byte-order mark first, so Excel reads the file as UTF-8; semicolons, as Danish Excel does.
    writer = csv.writer(_Line(), delimiter=";")
    yield "\ufeff" + writer.writerow(headers())
    for row in rows:
        yield writer.writerow(cells(row))


def csv_response(rows) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(rows), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename("csv")}"'
    return response


def xlsx_response(rows, *, title: str) -> FileResponse:
    from openpyxl import Workbook  # here: 15 MB a worker or a page without an export spares

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(headers())
    for row in rows:
        sheet.append(cells(row))
    # FileResponse closes the file once it is sent.
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(
        spool, as_attachment=True, filename=filename("xlsx"), content_type=XLSX_TYPE
    )
