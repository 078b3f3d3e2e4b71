"""Zip bombs and absurd files (issue 7, C8): refused before or while parsing, nothing stored.

The bombs are built here: a real (tiny) workbook whose sheet is replaced by a huge,
very compressible XML part. The web upload, the observations API and the CLI all read
through ``areas.cbs`` (its ``tables`` module); each is tried.
"""

import io
import struct
import tracemalloc
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from wijkaanpak.areas import cbs
from wijkaanpak.areas.cbs import ImportLimits, set_import_limits
from wijkaanpak.areas.models import Area, AreaImport
from wijkaanpak.areas.services import AreaImportFailed, areas_import
from wijkaanpak.monitor.models import Observation

pytestmark = pytest.mark.django_db

SHEET = "xl/worksheets/sheet1.xml"
HEADER = ["code", "naam", "soort", "ouder", "inwoners", "woningen"]


@pytest.fixture
def limits():
    """Set smaller limits for one test; the configured ones come back afterwards."""
    before = cbs.import_limits()

    def set_(**changes):
        set_import_limits(ImportLimits(**{**_as_dict(before), **changes}))

    yield set_
    set_import_limits(before)


def _as_dict(limits: ImportLimits) -> dict:
    return {name: getattr(limits, name) for name in ImportLimits.__slots__}


def workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_sheet(base: bytes, write_sheet) -> bytes:
    """``base`` with its first sheet replaced by what ``write_sheet(file)`` writes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        for info in source.infolist():
            if info.filename == SHEET:
                with target.open(SHEET, "w", force_zip64=True) as fh:
                    write_sheet(fh)
            else:
                target.writestr(info, source.read(info))
    return out.getvalue()


_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1">'
    + b"".join(
        f'<c r="{col}1" t="inlineStr"><is><t>{name}</t></is></c>'.encode()
        for col, name in zip("ABCDEF", HEADER, strict=True)
    )
    + b"</row>"
)
_TAIL = b"</sheetData></worksheet>"


def bomb(megabytes: int) -> bytes:
    """A sheet of ``megabytes`` MB of XML (empty rows) in a file of a few hundred kB."""
    block = b"<row/>" * (1024 * 1024 // 6)

    def write(fh):
        fh.write(_HEAD)
        for _ in range(megabytes):
            fh.write(block)
        fh.write(_TAIL)

    return with_sheet(workbook([]), write)


@pytest.fixture(scope="module")
def big_bomb() -> bytes:
    return bomb(260)  # beyond the default cap of 200 MB


def lying(data: bytes, size: int = 4096) -> bytes:
    """The bomb with its sheet's uncompressed size rewritten to ``size`` bytes in both the
    local header and the central directory (a hand-made zip that lies)."""
    raw = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(SHEET)
        offset = info.header_offset
    assert raw[offset : offset + 4] == b"PK\x03\x04"
    name_len = struct.unpack("<H", raw[offset + 26 : offset + 28])[0]
    # zip64: the real sizes sit in the extra field (after tag and length)
    extra = offset + 30 + name_len
    assert struct.unpack("<H", raw[extra : extra + 2])[0] == 1
    struct.pack_into("<Q", raw, extra + 4, size)
    central = len(raw)
    while True:
        central = raw.rfind(b"PK\x01\x02", 0, central)
        assert central >= 0
        c_name_len = struct.unpack("<H", raw[central + 28 : central + 30])[0]
        if bytes(raw[central + 46 : central + 46 + c_name_len]) == SHEET.encode():
            break
    c_extra = central + 46 + c_name_len
    if raw[central + 24 : central + 28] == b"\xff\xff\xff\xff":
        assert struct.unpack("<H", raw[c_extra : c_extra + 2])[0] == 1
        struct.pack_into("<Q", raw, c_extra + 4, size)
    else:
        struct.pack_into("<I", raw, central + 24, size)
    return bytes(raw)


def assert_nothing_stored():
    assert not Area.objects.exists()
    assert not AreaImport.objects.exists()


def refused(content: bytes) -> list[str]:
    with pytest.raises(AreaImportFailed) as exc:
        areas_import(content=content, filename="gebieden.xlsx")
    assert_nothing_stored()
    return [str(p) for p in exc.value.problems]


def test_a_plain_workbook_still_imports():
    content = workbook([["GM0999", "Testdorp", "gemeente", None, 20000, 9000]])
    assert areas_import(content=content, filename="gebieden.xlsx").created == 1


def test_a_bomb_is_refused_by_its_declared_size_with_bounded_memory(big_bomb):
    assert len(big_bomb) < 2 * 1024 * 1024  # the upload itself is small
    tracemalloc.start()
    try:
        problems = refused(big_bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "te groot" in problems[0] and "200 MB" in problems[0], problems
    assert peak < 30 * 1024 * 1024, peak


def test_a_bomb_that_lies_about_its_size_is_refused(limits):
    limits(max_uncompressed_bytes=20 * 1024 * 1024)
    honest = bomb(40)
    assert "te groot" in refused(honest)[0]
    # Declaring 4 kB: the counting pass stops at the declared size (zipfile's CRC check),
    # so the file is unreadable rather than large, and still nothing is parsed or stored.
    problems = refused(lying(honest))
    assert "beschadigd" in problems[0] or "niet" in problems[0], problems


def test_the_web_upload_refuses_a_bomb(client, admin_user, big_bomb):
    client.force_login(admin_user)
    response = client.post(
        "/gebieden/import/", {"file": SimpleUploadedFile("kwb-2024.xlsx", big_bomb)}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "te groot" in body and "Er is niets opgeslagen" in body
    assert_nothing_stored()


def test_the_api_import_refuses_a_bomb(admin_user, big_bomb):
    api = APIClient()
    api.force_authenticate(admin_user)
    response = api.post(
        reverse("v1:observation-import"),
        {"file": SimpleUploadedFile("kwb-2024.xlsx", big_bomb)},
        format="multipart",
    )
    assert response.status_code == 400
    assert "te groot" in response.json()["problems"][0]
    assert not Observation.objects.exists()


def test_the_cli_refuses_a_bomb(tmp_path, big_bomb, capsys):
    path = tmp_path / "kwb-2024.xlsx"
    path.write_bytes(big_bomb)
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("areas", "import", str(path))
    assert "te groot" in capsys.readouterr().err
    assert_nothing_stored()


def test_too_many_rows_in_xlsx_names_the_line(limits):
    limits(max_rows=50)
    rows = [[f"GM{9000 + i}", f"Dorp {i}", "gemeente", None, 1, 1] for i in range(100)]
    problems = refused(workbook(rows))
    assert any("regel" in p and "meer dan 50 regels" in p for p in problems), problems


def test_too_many_rows_in_csv_names_the_line(limits):
    limits(max_rows=5)
    lines = ["code;naam;soort;ouder;inwoners;woningen"]
    lines += [f"GM{9000 + i};Dorp {i};gemeente;;1;1" for i in range(10)]
    with pytest.raises(AreaImportFailed) as exc:
        areas_import(content="\n".join(lines).encode(), filename="gebieden.csv")
    assert any("regel 7" in str(p) and "meer dan 5 regels" in str(p) for p in exc.value.problems)
    assert_nothing_stored()


def test_a_row_far_below_is_not_filled_in_row_by_row(limits):
    """<row r="900000"> makes openpyxl yield 900,000 empty rows: stopped at the row limit."""
    limits(max_rows=1000)

    def write(fh):
        fh.write(_HEAD)
        fh.write(b'<row r="900000"><c r="A900000"><v>1</v></c></row>')
        fh.write(_TAIL)

    problems = refused(with_sheet(workbook([]), write))
    assert any("regel 1.002" in p for p in problems), problems


def test_far_away_cells_are_not_filled_in_cell_by_cell(limits):
    """Each <c r="XFDn"> makes openpyxl build a row of 16,384 cells: stopped at the cell limit."""
    limits(max_cells=100_000)

    def write(fh):
        fh.write(_HEAD)
        for n in range(2, 2000):
            fh.write(f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>'.encode())
        fh.write(_TAIL)

    problems = refused(with_sheet(workbook([]), write))
    assert any("meer dan 100.000 cellen" in p for p in problems), problems


def test_one_row_with_too_many_cells_is_refused_before_parsing(limits):
    limits(max_columns=500)

    def write(fh):
        fh.write(_HEAD)
        fh.write(b'<row r="2">' + b"<c><v>1</v></c>" * 1000 + b"</row>")
        fh.write(_TAIL)

    problems = refused(with_sheet(workbook([]), write))
    assert any("regel 2" in p and "500 cellen" in p for p in problems), problems


def test_the_real_kwb_file_fits_the_default_limits(data_dir):
    path = data_dir / "cbs" / "kwb-2023-gm0344-utrecht.xlsx"
    report = areas_import(content=path.read_bytes(), filename=path.name)
    assert report.created == 122


def test_an_upload_beyond_the_size_limit_is_a_field_error(client, admin_user, settings):
    settings.IMPORT_MAX_UPLOAD_MB = 1
    big = b"code;naam;soort;ouder;inwoners;woningen\n" + b"\n" * (2 * 1024 * 1024)
    client.force_login(admin_user)
    page = client.post("/gebieden/import/", {"file": SimpleUploadedFile("g.csv", big)})
    assert "Het bestand is te groot: 3 MB. Hoogstens 1 MB." in page.content.decode()
    api = APIClient()
    api.force_authenticate(admin_user)
    response = api.post(
        reverse("v1:observation-import"),
        {"file": SimpleUploadedFile("g.csv", big)},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["file"] == ["Het bestand is te groot: 3 MB. Hoogstens 1 MB."]
    assert_nothing_stored()
    assert not Observation.objects.exists()
