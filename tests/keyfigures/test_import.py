"""The import of published figures: every row checked before anything is saved, all errors
listed with their row numbers, a preview that saves nothing, a confirmation that saves once.

The import is SBST's and reaches every municipality, so these tests read back unscoped.
"""

import io
import itertools
import time
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from keyfigures import imports
from keyfigures.activity import Action
from keyfigures.imports import RowError, check_rows
from keyfigures.models import FigureImport, FigureStatus, FigureValue, LadderCount, Source
from programmes.models import ActivityEntry, Municipality
from tests.factories import ConsultantFactory, member

from .factories import figure, indicator

pytestmark = pytest.mark.cross_tenant

HEADER = "kommunekode;noegletal;aar;vaerdi;status"
UPLOAD = reverse("keyfigures:import_upload")


def csv_file(lines, name="noegletal.csv", *, bom=False, delimiter=";"):
    text = "\n".join([HEADER.replace(";", delimiter), *lines]) + "\n"
    data = ("\ufeff" if bom else "") + text
    return SimpleUploadedFile(name, data.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows, name="noegletal.xlsx"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def codes(count):
    return list(Municipality.objects.order_by("code").values_list("code", flat=True)[:count])


def upload(client, file):
    return client.post(UPLOAD, {"file": file})


def preview_url(figure_import):
    return reverse("keyfigures:import_preview", kwargs={"figure_import_pk": figure_import.pk})


def _lookups():
    return imports.Lookups.load()


def test_one_bad_row_among_a_hundred_imports_nothing_and_names_the_row(client_for, administrator):
    trivsel = indicator(code="trivsel")
    lines = [
        f"{code};trivsel;{year};{40 + i % 7},5;"
        for i, code in enumerate(codes(50))
        for year in (2023, 2024)
    ]
    lines[55] = lines[55].replace(",5;", ",5x;")  # the 56th data row: row 57 of the file

    response = upload(client_for(administrator), csv_file(lines))

    assert response.status_code == 200
    assert [(e.row, e.message) for e in response.context["errors"]] == [
        (57, f"Værdien »{lines[55].split(';')[3]}« er ikke et tal.")
    ]
    assert "Række 57:" in response.content.decode()
    assert FigureImport.objects.count() == 0
    assert FigureValue.objects.filter(indicator=trivsel).count() == 0


def test_every_kind_of_error_is_listed_with_its_row_number(db):
    indicator(code="trivsel")
    rows = [
        (1, ["kommunekode", "noegletal", "aar", "vaerdi", "status"]),
        (2, ["265", "trivsel", "2024", "12,5", ""]),  # fine
        (3, ["999", "trivsel", "2024", "1", ""]),
        (4, ["265", "ukendt", "2024", "1", ""]),
        (5, ["265", "trin:ukendt", "2024", "1", ""]),
        (6, ["265", "trivsel", "1899", "1", ""]),
        (7, ["265", "trivsel", "tyve", "1", ""]),
        (8, ["265", "trivsel", "2023", "tolv", ""]),
        (9, ["265", "trivsel", "2022", "7", "ingen data"]),
        (10, ["265", "trivsel", "2024", "13", ""]),  # duplicate of row 2
        (11, ["265", "trivsel", "2021", "", "måske"]),
        (12, ["265", "trivsel", "2020", "", "indberettet af 999"]),
        (13, ["265", "trivsel", "2019", "", ""]),
        (14, ["265", "trin:early", "2024", "2,5", ""]),
        (15, ["", "", "", "", ""]),  # a blank line is skipped
        (16, ["657", "trivsel", "2024", "", "indberettet af 657"]),
    ]

    result = check_rows(rows, _lookups())

    assert result.rows == []
    assert result.errors == [
        RowError(3, "Kommunekoden »999« findes ikke."),
        RowError(4, "Nøgletallet »ukendt« findes ikke i kataloget."),
        RowError(5, "Indsatstrappen har ikke et trin med koden »ukendt«."),
        RowError(6, f"Året »1899« er ikke et år fra 2000 til {imports.timezone.localdate().year}."),
        RowError(7, f"Året »tyve« er ikke et år fra 2000 til {imports.timezone.localdate().year}."),
        RowError(8, "Værdien »tolv« er ikke et tal."),
        RowError(9, "Rækken har både værdien »7« og status »ingen data«; fjern en af dem."),
        RowError(10, "Kommune 265, trivsel, 2024 står også i række 2."),
        RowError(
            11,
            "Status »måske« kendes ikke. Lad status være tom, eller skriv »ingen data« eller "
            "»indberettet af« og en kommunekode.",
        ),
        RowError(12, "Status nævner kommunen »999«, som ikke findes."),
        RowError(13, "Værdien mangler. Skriv »ingen data« i status, hvis der ikke er et tal."),
        RowError(14, "Antallet af borgere »2,5« skal være et helt tal, 0 eller derover."),
        RowError(16, "En kommune kan ikke være indberettet af sig selv."),
    ]


def test_a_missing_column_is_named_and_nothing_else_is_checked(db):
    rows = [(1, ["kommunekode", "noegletal", "vaerdi"]), (2, ["265", "ukendt", "x"])]

    assert check_rows(rows, _lookups()).errors == [RowError(1, "Kolonnen »aar« mangler.")]


def test_a_duplicate_row_names_the_first_one(db):
    indicator(code="trivsel")
    rows = [
        (1, ["kommunekode", "noegletal", "aar", "vaerdi"]),
        (2, ["265", "trivsel", "2024", "1"]),
        (3, ["657", "trivsel", "2024", "1"]),
        (4, ["0265", "TRIVSEL", "2024", "2"]),
    ]

    assert check_rows(rows, _lookups()).errors == [
        RowError(4, "Kommune 265, trivsel, 2024 står også i række 2.")
    ]


def test_a_csv_with_a_byte_order_mark_semicolons_and_decimal_commas_is_read(db):
    indicator(code="trivsel")
    file = csv_file(
        [
            "265;trivsel;2024;1.234,5;",
            "657;trivsel;2024;;Ingen data",
            "187;trivsel;2024;;indberettet af 183",
            "155;trivsel;2024;;indberettet af Tårnby",
            "265;trin:early;2024;120;",
        ],
        bom=True,
    )

    result = imports.read_figures(file)

    assert result.errors == []
    assert [
        (r.municipality, r.kind, r.code, r.status, r.value, r.reported_by) for r in result.rows
    ] == [
        ("265", "figure", "trivsel", FigureStatus.VALUE, "1234.5", None),
        ("657", "figure", "trivsel", FigureStatus.NO_DATA, None, None),
        ("187", "figure", "trivsel", FigureStatus.REPORTED_ELSEWHERE, None, "183"),
        ("155", "figure", "trivsel", FigureStatus.REPORTED_ELSEWHERE, None, "185"),
        ("265", "ladder", "early", FigureStatus.VALUE, "120", None),
    ]


def test_a_csv_with_commas_between_fields_and_a_decimal_point_is_read(db):
    indicator(code="trivsel")
    file = csv_file(["265,trivsel,2024,12.5,", '657,trivsel,2024,"12,75",'], delimiter=",")

    result = imports.read_figures(file)

    assert result.errors == []
    assert [r.value for r in result.rows] == ["12.5", "12.75"]


def test_a_file_that_is_not_utf8_is_refused_with_a_way_out(db):
    file = SimpleUploadedFile(
        "noegletal.csv", f"{HEADER}\n265;trivsel;2024;1;Tårnby\n".encode("cp1252")
    )

    errors = imports.read_figures(file).errors

    assert len(errors) == 1
    assert "UTF-8" in errors[0].message


def test_another_kind_of_file_is_refused(db):
    file = SimpleUploadedFile("noegletal.pdf", b"%PDF-1.4 ...")

    assert imports.read_figures(file).errors == [
        RowError(None, "Filen skal være en CSV-fil eller et Excel-regneark (XLSX).")
    ]


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(db, monkeypatch):
    monkeypatch.setattr(imports, "MAX_BYTES", 100)
    file = csv_file([f"265;trivsel;{2000 + i};1;" for i in range(20)])

    errors = imports.read_figures(file).errors

    assert len(errors) == 1
    assert errors[0].message.startswith("Filen fylder")


def test_a_file_of_a_hundred_thousand_rows_is_refused_quickly_with_a_clear_message(
    client_for, administrator
):
    indicator(code="trivsel")
    all_codes = codes(98)
    lines = [
        f"{all_codes[i % 98]};trivsel;{2000 + i // 98 % 25};{i % 100},5;" for i in range(100_000)
    ]
    file = csv_file(lines)
    client = client_for(administrator)

    started = time.monotonic()
    response = upload(client, file)
    took = time.monotonic() - started

    assert response.status_code == 200
    assert [e.message for e in response.context["errors"]] == [
        "Filen har mere end 50.000 rækker. Del den op i flere filer, fx en pr. år."
    ]
    assert took < 10, f"refusing the file took {took:.1f} s"
    assert FigureImport.objects.count() == 0


def test_an_xlsx_file_round_trips_through_preview_and_confirmation(client_for, administrator):
    trivsel = indicator(code="trivsel")
    file = xlsx_file(
        [
            ["Kommunekode", "Nøgletal", "År", "Værdi", "Status", "Kommunenavn"],
            [265, "trivsel", 2024, 12.5, None, "Roskilde"],
            ["657", "trivsel", 2024.0, "7,25", "", "Herning"],
            [187, "trivsel", 2024, None, "indberettet af 183", "Vallensbæk"],
            [265, "trin:early", 2024, 130, None, "Roskilde"],
        ]
    )
    client = client_for(administrator)

    response = upload(client, file)
    figure_import = FigureImport.objects.get()
    assert response.status_code == 302
    assert response.url == preview_url(figure_import)
    assert client.get(response.url).context["preview"].new == 4
    client.post(preview_url(figure_import))

    stored = {
        (f.municipality.code, f.status, f.value, f.reported_by and f.reported_by.code)
        for f in FigureValue.objects.filter(indicator=trivsel).select_related(
            "municipality", "reported_by"
        )
    }
    assert stored == {
        ("265", FigureStatus.VALUE, Decimal("12.500"), None),
        ("657", FigureStatus.VALUE, Decimal("7.250"), None),
        ("187", FigureStatus.REPORTED_ELSEWHERE, None, "183"),
    }
    assert list(
        LadderCount.objects.values_list("municipality__code", "step__code", "citizens")
    ) == [("265", "early", 130)]


def test_the_preview_shows_what_changes_and_saves_nothing(
    client_for, administrator, roskilde, herning
):
    trivsel = indicator("Trivsel", code="trivsel")
    figure(roskilde, trivsel, 2023, 10)
    figure(herning, trivsel, 2023, 20)
    client = client_for(administrator)
    upload(
        client,
        csv_file(["265;trivsel;2023;11;", "657;trivsel;2023;20;", "265;trivsel;2024;12;"]),
    )
    figure_import = FigureImport.objects.get()

    response = client.get(preview_url(figure_import))

    preview = response.context["preview"]
    assert (preview.new, preview.changed, preview.unchanged) == (1, 1, 1)
    assert [
        (c.row, c.municipality, c.label, c.year, c.before, c.after) for c in preview.changes
    ] == [(2, "Roskilde", "Trivsel", 2023, "10", "11")]
    assert sorted(FigureValue.objects.values_list("municipality__name", "year", "value")) == [
        ("Herning", 2023, Decimal("20.000")),
        ("Roskilde", 2023, Decimal("10.000")),
    ]
    assert FigureImport.objects.get().applied_at is None


def test_confirming_applies_the_import_once_with_one_activity_entry(
    client_for, administrator, roskilde
):
    trivsel = indicator(code="trivsel")
    figure(roskilde, trivsel, 2023, 10)
    client = client_for(administrator)
    upload(client, csv_file(["265;trivsel;2023;11;", "657;trivsel;2023;;ingen data"]))
    figure_import = FigureImport.objects.get()

    client.post(preview_url(figure_import))
    FigureValue.objects.filter(municipality=roskilde).update(value=5)  # changed after
    second = client.post(preview_url(figure_import), follow=True)

    assert FigureValue.objects.get(municipality=roskilde).value == Decimal("5.000")
    entries = list(ActivityEntry.objects.filter(action=Action.IMPORT_APPLIED))
    assert len(entries) == 1
    assert entries[0].municipality_id is None
    assert entries[0].actor == administrator
    assert entries[0].data == {
        "filename": "noegletal.csv",
        "new": 1,
        "changed": 1,
        "unchanged": 0,
        "overridden_local": 0,
    }
    assert "allerede gemt" in second.content.decode()


def test_a_published_import_replaces_a_local_figure_and_the_preview_says_so(
    client_for, administrator, roskilde
):
    trivsel = indicator(code="trivsel")
    figure(roskilde, trivsel, 2024, 33, local=True)
    client = client_for(administrator)
    upload(client, csv_file(["265;trivsel;2024;30;"]))
    figure_import = FigureImport.objects.get()

    page = client.get(preview_url(figure_import))
    client.post(preview_url(figure_import))

    assert page.context["preview"].overridden_local == 1
    assert [c.overrides_local for c in page.context["preview"].changes] == [True]
    assert "erstatter kommunens eget tal" in page.content.decode()
    stored = FigureValue.objects.get(municipality=roskilde)
    assert (stored.source, stored.value) == (Source.PUBLISHED, Decimal("30.000"))


def test_applying_an_import_takes_as_many_queries_for_two_hundred_rows_as_for_ten(
    administrator, count_queries
):
    from keyfigures import services

    indicator(code="trivsel")
    all_codes = codes(98)

    def applied(count, year):
        lines = [f"{all_codes[i % 98]};trivsel;{year - i // 98};{i}" for i in range(count)]
        result = imports.read_figures(csv_file(lines))
        assert result.errors == []
        figure_import = services.save_upload(result.rows, by=administrator, filename="x.csv")
        return count_queries(lambda: services.apply_import(figure_import, by=administrator))

    assert applied(10, 2020) == applied(200, 2024)


def test_a_coordinator_can_neither_see_nor_use_the_import(client_for, roskilde_coordinator):
    client = client_for(roskilde_coordinator)
    indicator(code="trivsel")

    assert client.get(UPLOAD).status_code == 403
    assert upload(client, csv_file(["265;trivsel;2024;1;"])).status_code == 403
    assert FigureImport.objects.count() == 0


def test_a_consultant_who_is_not_an_administrator_cannot_import(client_for, administrator):
    consultant = ConsultantFactory()
    client = client_for(consultant)
    indicator(code="trivsel")
    result = imports.read_figures(csv_file(["265;trivsel;2024;1;"]))
    from keyfigures import services

    figure_import = services.save_upload(result.rows, by=administrator, filename="x.csv")

    page = client.get(UPLOAD)
    assert page.status_code == 200
    assert page.context["form"] is None
    assert upload(client, csv_file(["265;trivsel;2024;1;"])).status_code == 403
    assert client.get(preview_url(figure_import)).status_code == 200
    assert client.post(preview_url(figure_import)).status_code == 403
    assert FigureValue.objects.count() == 0


def test_another_municipalitys_user_never_finds_an_import(client_for, administrator):
    indicator(code="trivsel")
    from keyfigures import services

    result = imports.read_figures(csv_file(["265;trivsel;2024;1;"]))
    figure_import = services.save_upload(result.rows, by=administrator, filename="x.csv")
    client = client_for(member("Herning"))

    assert client.get(preview_url(figure_import)).status_code == 404
    assert client.post(preview_url(figure_import)).status_code == 404


def test_a_sheet_of_endless_blank_rows_is_not_read_to_the_end(db, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 10)
    header = [(1, ["kommunekode", "noegletal", "aar", "vaerdi"])]
    blank = ((number, [None, None, None, None]) for number in range(2, 10**9))

    result = check_rows(itertools.chain(header, blank), _lookups())

    assert [e.message for e in result.errors] == [
        "Filen har mere end 10 rækker. Del den op i flere filer, fx en pr. år."
    ]
