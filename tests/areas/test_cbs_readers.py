"""Tests for the framework-free CBS / area file readers (``wijkaanpak.areas.cbs``).

Real data: CBS "Kerncijfers wijken en buurten" 2023 and 2024 for gemeente Utrecht
(GM0344), copies in ``tests/data/cbs`` (see SOURCES.md there; Bron: CBS). Bad inputs
are derived from those files in ``tmp_path``.

Run without Django: ``pytest tests/areas/test_cbs_readers.py -q -p no:django``.
"""

from __future__ import annotations

import csv
import io
import time
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from wijkaanpak.areas import cbs
from wijkaanpak.areas.cbs import (
    AreaCodeError,
    FileFormat,
    ImportFailed,
    KwbRecord,
    ProblemCode,
    ProblemLog,
    Severity,
    ValueFlag,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "cbs"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
STATLINE_SAMPLE = FIXTURES / "statline-sample.csv"

KWB_2023_XLSX = DATA / "kwb-2023-gm0344-utrecht.xlsx"
KWB_2023_CSV = DATA / "kwb-2023-gm0344-utrecht.csv"
KWB_2024_XLSX = DATA / "kwb-2024-gm0344-utrecht.xlsx"
KWB_2024_CSV = DATA / "kwb-2024-gm0344-utrecht.csv"
KWB_FILES = [KWB_2023_XLSX, KWB_2023_CSV, KWB_2024_XLSX, KWB_2024_CSV]

# Variables of the 2024 first release that hold figures (themes Bevolking,
# Postcode, Stedelijkheid); all other themes are "." in that file.
FILLED_2024 = {
    *("a_inw", "a_man", "a_vrouw", "a_00_14", "a_15_24", "a_25_44", "a_45_64", "a_65_oo"),
    *("a_ongeh", "a_gehuwd", "a_gesch", "a_verwed"),
    *("a_nl_all", "a_eur_al", "a_neu_al", "a_geb_nl", "a_geb_eu", "a_geb_ne", "a_gbl_eu"),
    *("a_gbl_ne", "a_hh", "a_1p_hh", "a_hh_z_k", "a_hh_m_k", "g_hhgro"),
    *("pst_mvp", "pst_dekp", "ste_mvs", "ste_oad"),
}


def read_all(
    source: cbs.Source, filename: str | None = None, *, year: int | None = None
) -> list[KwbRecord]:
    log = ProblemLog()
    with cbs.read_kwb(source, filename, year=year, problems=log) as reader:
        records = list(reader)
    assert not log, log.messages()
    return records


def csv_lines(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write_csv(rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def problems_of(log: ProblemLog, code: ProblemCode) -> list[cbs.ImportProblem]:
    return [p for p in log if p.code is code]


# --------------------------------------------------------------------------- codes


@pytest.mark.parametrize(
    ("raw", "kind", "code", "municipality", "parent"),
    [
        ("GM0344", "municipality", "GM0344", "GM0344", None),
        ("WK034401", "district", "WK034401", "GM0344", "GM0344"),
        ("BU03440101", "neighbourhood", "BU03440101", "GM0344", "WK034401"),
        ("WK0363AA", "district", "WK0363AA", "GM0363", "GM0363"),
        ("BU0363AA06", "neighbourhood", "BU0363AA06", "GM0363", "WK0363AA"),
        ("BU03440101  ", "neighbourhood", "BU03440101", "GM0344", "WK034401"),  # StatLine padding
        ("  GM0344\u00a0", "municipality", "GM0344", "GM0344", None),
        ("bu0363aa06", "neighbourhood", "BU0363AA06", "GM0363", "WK0363AA"),
    ],
)
def test_parse_area_code_valid(
    raw: str, kind: cbs.AreaKind, code: str, municipality: str, parent: str | None
) -> None:
    parsed = cbs.parse_area_code(raw)
    assert parsed == cbs.AreaCode(kind, code, municipality, parent)
    assert str(parsed) == code


@pytest.mark.parametrize(
    ("raw", "reason", "fragment"),
    [
        ("", "empty", "leeg"),
        ("   ", "empty", "leeg"),
        ("XX0344", "prefix", "begint met GM (gemeente), WK (wijk) of BU (buurt)"),
        ("0344", "prefix", "begint met GM"),
        ("GM344", "format", "GM met 4 cijfers"),
        ("GM03440", "format", "GM met 4 cijfers"),
        ("GMAB12", "format", "gemeentecode"),
        ("WK03441", "format", "wijkcode"),
        ("WK0344-1", "format", "wijkcode"),
        ("BU034401011", "format", "buurtcode"),
        ("BU0344 0101", "format", "buurtcode"),
        ("BUAA440101", "format", "buurtcode"),
    ],
)
def test_parse_area_code_invalid(raw: str, reason: str, fragment: str) -> None:
    with pytest.raises(AreaCodeError) as info:
        cbs.parse_area_code(raw)
    assert info.value.reason == reason
    assert info.value.value == raw
    assert fragment in str(info.value)


def test_parse_area_kind() -> None:
    assert cbs.parse_area_kind("Gemeente  ") == "municipality"
    assert cbs.parse_area_kind("wijk") == "district"
    assert cbs.parse_area_kind("Buurt") == "neighbourhood"
    assert cbs.parse_area_kind("neighborhood") == "neighbourhood"
    assert cbs.parse_area_kind("district") == "district"
    assert cbs.parse_area_kind("Land") is None
    assert cbs.parse_area_kind("") is None


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("raw", "decimal_comma", "expected"),
    [
        (".", False, (None, ValueFlag.UNKNOWN)),
        ("       .", False, (None, ValueFlag.UNKNOWN)),
        ("", False, (None, ValueFlag.NOT_APPLICABLE)),
        (None, False, (None, ValueFlag.NOT_APPLICABLE)),
        ("1.9", False, (1.9, None)),
        ("1.9", True, (1.9, None)),
        ("1,9", True, (1.9, None)),
        ("-0,5", True, (-0.5, None)),
        ("1.234,5", True, (1234.5, None)),
        ("1.234.567", True, (1234567.0, None)),
        ("367947", False, (367947.0, None)),
        (" 42 ", False, (42.0, None)),
        ("12*", False, (12.0, ValueFlag.PROVISIONAL)),
        ("12**", False, (12.0, ValueFlag.REVISED_PROVISIONAL)),
        ("*12", False, (12.0, ValueFlag.PROVISIONAL)),
        ("1,5*", True, (1.5, ValueFlag.PROVISIONAL)),
        ("x", False, (None, ValueFlag.SECRET)),
        ("-", False, (0.0, ValueFlag.NIL)),
        (367947, False, (367947.0, None)),
        (1.9, False, (1.9, None)),
    ],
)
def test_parse_cbs_number(raw: object, decimal_comma: bool, expected: object) -> None:
    assert cbs.parse_cbs_number(raw, decimal_comma=decimal_comma) == expected


@pytest.mark.parametrize(
    ("raw", "decimal_comma", "reason"),
    [
        ("abc", False, "not_a_number"),
        ("1,9", False, "decimal_comma"),
        ("nan", False, "not_a_number"),
        ("inf", False, "not_a_number"),
        ("1_000", False, "not_a_number"),
        ("1 000", True, "not_a_number"),
        ("**", False, "not_a_number"),
        (True, False, "not_a_number"),
        (float("nan"), False, "not_a_number"),
    ],
)
def test_parse_cbs_number_errors(raw: object, decimal_comma: bool, reason: str) -> None:
    with pytest.raises(cbs.NumberFormatError) as info:
        cbs.parse_cbs_number(raw, decimal_comma=decimal_comma)
    assert info.value.reason == reason


def test_parse_cbs_integer() -> None:
    assert cbs.parse_cbs_integer("12") == (12, None)
    assert cbs.parse_cbs_integer("12.0") == (12, None)
    assert cbs.parse_cbs_integer(".") == (None, ValueFlag.UNKNOWN)
    assert cbs.parse_cbs_integer("12.345", decimal_comma=True) == (12345, None)
    with pytest.raises(cbs.NumberFormatError) as info:
        cbs.parse_cbs_integer("12.5")
    assert info.value.reason == "not_an_integer"
    with pytest.raises(cbs.NumberFormatError):
        cbs.parse_cbs_integer("12,5", decimal_comma=True)


# --------------------------------------------------------------------------- real kwb files


@pytest.mark.parametrize("path", KWB_FILES, ids=lambda p: p.name)
def test_real_kwb_files_parse(path: Path) -> None:
    log = ProblemLog()
    with cbs.read_kwb(path, problems=log) as reader:
        records = list(reader)
    assert not log, log.messages()
    assert len(records) == 122
    assert Counter(r.kind for r in records) == {
        "municipality": 1,
        "district": 10,
        "neighbourhood": 111,
    }
    assert reader.info.rows_read == 122
    assert reader.info.records == 122
    assert reader.info.year == int(path.name[4:8])
    gm = records[0]
    assert gm.code.code == "GM0344"
    assert gm.name == "Utrecht"
    assert gm.municipality_name == "Utrecht"
    assert gm.ind_wbi == 1
    assert gm.line == 2
    assert records[-1].line == 123
    districts = {r.code.code for r in records if r.kind == "district"}
    for record in records:
        assert record.year == reader.info.year
        assert record.code.municipality_code == "GM0344"
        assert len(record.values) == 121 - len(cbs.KWB_IDENTITY_COLUMNS)
        if record.kind == "district":
            assert record.code.parent_code == "GM0344"
        if record.kind == "neighbourhood":
            assert record.code.parent_code in districts


@pytest.mark.parametrize("path", [KWB_2023_XLSX, KWB_2023_CSV], ids=lambda p: p.name)
def test_kwb_2023_values(path: Path) -> None:
    records = {r.code.code: r for r in read_all(path)}
    gm = records["GM0344"]
    assert gm.values["a_inw"] == 367947
    assert gm.values["a_woning"] == 165400
    assert gm.values["g_wozbag"] == 458
    assert gm.values["g_hhgro"] == 1.9
    assert gm.values["p_koopw"] == 44
    assert gm.values["g_ele"] is None
    assert gm.flags["g_ele"] is ValueFlag.UNKNOWN
    assert "a_inw" not in gm.flags
    kanaleneiland = records["BU03440831"]
    assert kanaleneiland.name == "Kanaleneiland-Zuid"
    assert kanaleneiland.code.parent_code == "WK034408"
    assert kanaleneiland.values["a_inw"] == 8980
    assert records["BU03440111"].name == "Welgelegen, Den Hommel"


@pytest.mark.parametrize("path", [KWB_2024_XLSX, KWB_2024_CSV], ids=lambda p: p.name)
def test_kwb_2024_first_release_is_mostly_unknown(path: Path) -> None:
    records = read_all(path)
    gm = records[0]
    assert gm.values["a_inw"] == 374238
    assert gm.values["g_hhgro"] == 1.9
    filled = {k for r in records for k, v in r.values.items() if v is not None}
    assert filled == FILLED_2024
    for record in records:
        assert record.values["a_inw"] is not None
        # housing, energy, income, ... are not published yet in this release
        for variable in ("a_woning", "g_wozbag", "p_koopw", "g_ink_pi", "a_bedv"):
            assert record.values[variable] is None
            assert record.flags[variable] is ValueFlag.UNKNOWN
    small = next(r for r in records if r.code.code == "BU03440911")  # no inhabitants
    assert small.values["a_inw"] == 0
    assert small.flags["g_hhgro"] is ValueFlag.UNKNOWN
    cells = [v for r in records for v in r.values.values()]
    assert sum(v is None for v in cells) / len(cells) > 0.7


@pytest.mark.parametrize(
    ("xlsx", "csv_path"), [(KWB_2023_XLSX, KWB_2023_CSV), (KWB_2024_XLSX, KWB_2024_CSV)]
)
def test_kwb_xlsx_and_csv_give_identical_records(xlsx: Path, csv_path: Path) -> None:
    assert read_all(xlsx) == read_all(csv_path)


def test_kwb_sheet_selection() -> None:
    with cbs.read_kwb(KWB_2023_XLSX) as reader:
        assert reader.info.sheet == "kwb-2023"
        assert reader.info.format is FileFormat.KWB_XLSX
    with cbs.read_kwb(KWB_2024_XLSX) as reader:  # sheet "Gemeente-Utrecht"
        assert reader.info.sheet == "Gemeente-Utrecht"
    with pytest.raises(ImportFailed) as info:
        cbs.read_kwb(KWB_2024_XLSX, sheet="kwb-2024")
    assert "Gemeente-Utrecht" in str(info.value)


def test_kwb_accepts_bytes_and_file_objects() -> None:
    expected = read_all(KWB_2023_XLSX)
    data = KWB_2023_XLSX.read_bytes()
    assert read_all(data, KWB_2023_XLSX.name) == expected
    upload = io.BytesIO(data)
    upload.name = "kwb-2023.xlsx"  # like a Django UploadedFile
    assert read_all(upload) == expected
    assert read_all(KWB_2023_CSV.read_bytes(), "kwb-2023.csv") == expected


def test_kwb_year_from_parameter_or_name() -> None:
    data = KWB_2023_CSV.read_bytes()
    with pytest.raises(ImportFailed) as info:
        cbs.read_kwb(data)  # no name, no year
    assert info.value.problems[0].code is ProblemCode.YEAR_UNKNOWN
    assert "welk jaar" in str(info.value)
    assert {r.year for r in read_all(data, year=2023)} == {2023}
    assert {r.year for r in read_all(data, "kerncijfers_2023.csv")} == {2023}
    log = ProblemLog()
    records = cbs.read_kwb(KWB_2023_CSV, year=2022, problems=log).read_all()
    assert records[0].year == 2022
    assert [p.severity for p in log] == [Severity.WARNING]
    assert "2023" in log.problems[0].message


# --------------------------------------------------------------------------- bad kwb inputs


def test_kwb_bad_number_on_line_57_is_reported_and_row_kept() -> None:
    rows = csv_lines(KWB_2023_CSV)
    a_inw = rows[0].index("a_inw")
    rows[56][a_inw] = "abc"  # rows[56] is line 57 of the file
    log = ProblemLog()
    records = cbs.read_kwb(write_csv(rows), "kwb-2023.csv", problems=log).read_all()
    assert len(records) == 122
    [problem] = log.problems
    assert problem.code is ProblemCode.NOT_A_NUMBER
    assert (problem.line, problem.column, problem.field) == (57, a_inw + 1, "a_inw")
    assert problem.message == f"regel 57, kolom 'a_inw' ({a_inw + 1}): 'abc' is geen getal."
    bad = next(r for r in records if r.line == 57)
    assert bad.values["a_inw"] is None
    assert bad.flags["a_inw"] is ValueFlag.INVALID


def test_kwb_xlsx_problems_use_column_letters(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(KWB_2023_XLSX)
    sheet = workbook["kwb-2023"]
    sheet["H57"] = "veel"  # a_inw
    sheet["A30"] = "BU0344XX"  # bad code
    target = tmp_path / "kwb-2023-kapot.xlsx"
    workbook.save(target)
    log = ProblemLog()
    records = cbs.read_kwb(target, problems=log).read_all()
    assert len(records) == 121
    messages = log.messages()
    assert messages[0].startswith("regel 30, kolom 'gwb_code_10' (A): 'BU0344XX' is geen geldige")
    assert messages[1] == "regel 57, kolom 'a_inw' (H): 'veel' is geen getal."
    assert [p.column for p in log] == ["A", "H"]


def test_kwb_bad_code_kind_and_duplicates() -> None:
    rows = csv_lines(KWB_2023_CSV)
    rows[5][0] = "BU0344011"  # too short
    rows[6][4] = "Wijk"  # a Buurt labelled Wijk
    rows[7][4] = "Straat"
    rows[8][0] = rows[9][0]  # duplicate code
    log = ProblemLog()
    records = cbs.read_kwb(write_csv(rows), "kwb-2023.csv", problems=log).read_all()
    assert len(records) == 118
    assert [(p.line, p.code) for p in log] == [
        (6, ProblemCode.INVALID_CODE),
        (7, ProblemCode.KIND_MISMATCH),
        (8, ProblemCode.UNKNOWN_KIND),
        (10, ProblemCode.DUPLICATE_CODE),
    ]
    assert "'BU0344011' is geen geldige buurtcode" in log.problems[0].message
    assert "is de code van een buurt" in log.problems[1].message
    assert "staat ook al op regel 9" in log.problems[3].message


def test_kwb_missing_columns_fail() -> None:
    rows = [[c for i, c in enumerate(row) if i not in (2, 4)] for row in csv_lines(KWB_2023_CSV)]
    log = ProblemLog()
    with pytest.raises(ImportFailed) as info:
        cbs.read_kwb(write_csv(rows), "kwb-2023.csv", problems=log)
    [problem] = info.value.problems
    assert problem.code is ProblemCode.MISSING_COLUMNS
    assert "'regio', 'recs'" in problem.message
    assert log.problems == info.value.problems


def test_kwb_csv_semicolon_decimal_comma_latin1_and_bom() -> None:
    expected = read_all(KWB_2023_CSV)
    rows = csv_lines(KWB_2023_CSV)
    numeric = range(rows[0].index("ind_wbi"), len(rows[0]))
    dutch = [rows[0]] + [
        [c.replace(".", ",") if i in numeric and c != "." else c for i, c in enumerate(row)]
        for row in rows[1:]
    ]
    assert any("1,9" in row for row in dutch)
    assert any("e.o." in cell for row in dutch for cell in row)
    for encoding in ("utf-8", "utf-8-sig", "cp1252", "latin-1"):
        data = write_csv(dutch, delimiter=";", encoding=encoding)
        with cbs.read_kwb(data, "kwb-2023.csv") as reader:
            assert list(reader) == expected, encoding
            assert reader.info.delimiter == ";"
            assert reader.info.decimal_comma


def test_kwb_comma_in_comma_separated_file_is_a_problem() -> None:
    rows = csv_lines(KWB_2023_CSV)
    g_hhgro = rows[0].index("g_hhgro")
    rows[1][g_hhgro] = "1,9"  # quoted by the csv writer
    log = ProblemLog()
    cbs.read_kwb(write_csv(rows), "kwb-2023.csv", problems=log).read_all()
    [problem] = log.problems
    assert problem.line == 2
    assert "Gebruik een punt" in problem.message


def test_kwb_short_row_is_reported() -> None:
    rows = csv_lines(KWB_2023_CSV)
    rows[10] = rows[10][:50]
    log = ProblemLog()
    records = cbs.read_kwb(write_csv(rows), "kwb-2023.csv", problems=log).read_all()
    assert len(records) == 121
    [problem] = log.problems
    assert problem.code is ProblemCode.ROW_LENGTH
    assert problem.message.startswith("regel 11: deze regel heeft 50 kolommen")


def test_kwb_country_row_and_provisional_markers() -> None:
    rows = csv_lines(KWB_2023_CSV)
    country = ["NL00", "", "Nederland", "", "Land", "NL00", "1"] + ["."] * (len(rows[0]) - 7)
    rows.insert(1, country)
    a_inw = rows[0].index("a_inw")
    rows[2][a_inw] = "367947*"
    rows.append([])  # trailing empty line
    rows.append([""] * len(rows[0]))  # a line with only separators
    log = ProblemLog()
    reader = cbs.read_kwb(write_csv(rows), "kwb-2023.csv", problems=log)
    records = reader.read_all()
    assert not log
    assert len(records) == 122
    assert reader.info.rows_skipped == 1
    assert records[0].values["a_inw"] == 367947
    assert records[0].flags["a_inw"] is ValueFlag.PROVISIONAL
    assert records[0].line == 3


def test_strict_mode_raises_on_first_error() -> None:
    rows = csv_lines(KWB_2023_CSV)
    rows[3][0] = "XX"
    reader = cbs.read_kwb(write_csv(rows), "kwb-2023.csv")  # no ProblemLog
    with pytest.raises(ImportFailed) as info:
        reader.read_all()
    assert info.value.problems[0].line == 4


def test_reader_iterates_once() -> None:
    reader = cbs.read_kwb(KWB_2023_CSV)
    assert len(list(reader)) == 122
    with pytest.raises(RuntimeError):
        list(reader)


def test_national_size_csv_is_fast() -> None:
    """~17,000 rows x 121 columns, like the national kwb file (made by repeating
    the Utrecht rows with other municipality numbers)."""
    rows = csv_lines(KWB_2023_CSV)
    out = [rows[0]]
    for municipality in range(1, 140):
        for row in rows[1:]:
            new = list(row)
            new[0] = new[5] = row[0][:2] + f"{municipality:04d}" + row[0][6:]
            out.append(new)
    data = write_csv(out)
    start = time.perf_counter()
    count = sum(1 for _ in cbs.read_kwb(data, "kwb-2023.csv"))
    elapsed = time.perf_counter() - start
    assert count == 139 * 122
    assert elapsed < 15, elapsed  # ~1 s on a developer machine


# --------------------------------------------------------------------------- StatLine


def test_statline_sample() -> None:
    """``fixtures/statline-sample.csv`` mimics a StatLine TypedDataSet CSV download
    of 85984NED "Kerncijfers wijken en buurten 2024": ``;``-separated, text quoted
    and padded with spaces, ``"       ."`` for missing values, a subset of the
    columns with their 85984NED names and running numbers, and a first row for the
    whole country (all values ".": it has to be skipped). The ID column values are
    placeholders. The figures are the real 2023 values for gemeente Utrecht from
    ``kwb-2023-gm0344-utrecht.csv`` (Bron: CBS), so the file is read with year=2023
    and compared with that file. ``LeerlingenPo_62`` has no kwb-2023 counterpart
    and is "." everywhere; it stays unmapped.
    """
    assert cbs.detect_format(STATLINE_SAMPLE) is FileFormat.STATLINE_CSV
    with pytest.raises(ImportFailed) as info:
        cbs.read_statline(STATLINE_SAMPLE)  # no year anywhere
    assert info.value.problems[0].code is ProblemCode.YEAR_UNKNOWN

    log = ProblemLog()
    with cbs.read_statline(STATLINE_SAMPLE, year=2023, problems=log) as reader:
        records = list(reader)
    assert not log, log.messages()
    assert reader.info.rows_skipped == 1  # Nederland
    assert [r.code.code for r in records] == [
        "GM0344",
        "WK034402",
        "BU03440222",
        "WK034403",
        "WK034408",
        "BU03440831",
        "BU03440832",
    ]
    assert records[0].line == 3
    assert reader.info.columns["AantalInwoners_5"] == "a_inw"
    assert reader.info.columns["Woningvoorraad_35"] == "a_woning"
    assert reader.info.columns["Nederland_20"] == "a_geb_nl"
    assert reader.info.columns["LeerlingenPo_62"] == "LeerlingenPo"
    gm = records[0]
    assert gm.name is None  # TypedDataSet has codes, not names
    assert gm.municipality_name == "Utrecht"
    assert gm.kind == "municipality"
    assert gm.ind_wbi == 1
    assert gm.values["a_inw"] == 367947
    assert gm.values["LeerlingenPo"] is None
    assert gm.flags["LeerlingenPo"] is ValueFlag.UNKNOWN

    kwb = {r.code.code: r for r in read_all(KWB_2023_CSV)}
    for record in records:
        reference = kwb[record.code.code]
        assert record.kind == reference.kind
        assert record.municipality_name == reference.municipality_name
        for variable, value in record.values.items():
            if variable in reference.values:
                assert value == reference.values[variable], (record.code, variable)
        mapped = {v for v in record.values if v in reference.values}
        assert {"a_inw", "a_man", "a_vrouw", "p_koopw", "p_huurw", "bev_dich"} <= mapped
        assert {"a_woning", "g_wozbag", "a_hh", "ste_mvs", "g_pau_hh"} <= mapped


def test_statline_year_from_table_id_and_periods(tmp_path: Path) -> None:
    data = STATLINE_SAMPLE.read_bytes()
    records = cbs.read_statline(data, "85984NED_TypedDataSet.csv").read_all()
    assert {r.year for r in records} == {2024}

    text = data.decode("utf-8").splitlines()
    text[0] += ';"Perioden"'
    text[1:] = [line + ';"2023JJ00"' for line in text[1:]]
    log = ProblemLog()
    reader = cbs.read_statline("\n".join(text).encode(), "tabel.csv", problems=log)
    assert [r.year for r in reader] == [2023] * 7
    assert not log


def test_statline_names_and_codes_from_labels_download() -> None:
    """Some downloads put the area name in WijkenEnBuurten and the code in Codering."""
    header = (
        '"ID";"WijkenEnBuurten";"Gemeentenaam_1";"SoortRegio_2";"Codering_3";"AantalInwoners_5"'
    )
    row = '1;"Kanaleneiland-Zuid";"Utrecht";"Buurt";"BU03440831";8980'
    bad = '2;"Nergens";"Utrecht";"Buurt";"BU0344083";10'
    log = ProblemLog()
    records = cbs.read_statline(
        f"{header}\n{row}\n{bad}\n".encode(), year=2023, problems=log
    ).read_all()
    assert [(r.code.code, r.name, r.values["a_inw"]) for r in records] == [
        ("BU03440831", "Kanaleneiland-Zuid", 8980.0)
    ]
    [problem] = log.problems
    assert problem.message.startswith("regel 3, kolom 'Codering_3' (5): 'BU0344083'")


def test_statline_variable_names() -> None:
    header = [
        "ID",
        "WijkenEnBuurten",
        "AantalInwoners_5",
        "WoningVoorraad_34",  # other capitalisation, other number
        "GemiddeldeElektriciteitsleveringTotaal_48",
        "Appartement_49",
        "Tussenwoning_50",
        "GemiddeldAardgasverbruikTotaal_56",
        "Appartement_57",
        "Nederland_17",
        "BuitenEuropa_19",
        "StedelijkBodemgebruikTotaal_102",
        "StedelijkBodemgebruikTotaal_107",
        "LeerlingenPo_62",
    ]
    names = cbs.statline_variable_names(header)
    assert [names[i] for i in sorted(names)] == [
        "a_inw",
        "a_woning",
        "g_ele",
        "g_ele_ap",
        "g_ele_tw",
        "g_gas",
        "g_gas_ap",
        "a_nl_all",
        "a_neu_al",
        "StedelijkBodemgebruikTotaal_102",
        "StedelijkBodemgebruikTotaal_107",
        "LeerlingenPo",
    ]
    # a dwelling type without its group total stays unmapped rather than guessed
    assert cbs.statline_variable_names(["WijkenEnBuurten", "Appartement_57"]) == {1: "Appartement"}


# --------------------------------------------------------------------------- plain areas


AREAS_HEADER = "code;naam;soort;ouder;inwoners;woningen"


def areas_file(rows: list[str], header: str = AREAS_HEADER, encoding: str = "utf-8") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode(encoding)


def test_areas_csv_good(tmp_path: Path) -> None:
    data = areas_file(
        [
            "GM0344;Utrecht;gemeente;;367947;165400",
            "WK034408;Wijk 08 Zuidwest;wijk;GM0344;39920;19243",
            "BU03440831;Kanaleneiland-Zuid;buurt;WK034408;8980;3675",
            "BU03440832;Kanaleneiland-Noord;neighbourhood;;8.680;",
            "",
        ],
        encoding="utf-8-sig",
    )
    assert cbs.detect_format(data) is FileFormat.AREAS_CSV
    log = ProblemLog()
    with cbs.read_areas(data, "gebieden.csv", problems=log) as reader:
        records = list(reader)
    assert not log, log.messages()
    assert reader.info.encoding == "utf-8-sig"
    assert [(r.code.code, r.kind, r.parent_code) for r in records] == [
        ("GM0344", "municipality", None),
        ("WK034408", "district", "GM0344"),
        ("BU03440831", "neighbourhood", "WK034408"),
        ("BU03440832", "neighbourhood", "WK034408"),
    ]
    assert records[0].inhabitants == 367947
    assert records[3].inhabitants == 8680  # Dutch thousands separator in a ;-file
    assert records[3].homes is None
    assert records[2].line == 4


def test_areas_csv_english_headers_and_comma() -> None:
    data = b"Code,Name,Type,Parent code,Inhabitants,Homes\r\nGM0344,Utrecht,municipality,,367947,165400\r\n"
    [record] = cbs.read_areas(data).read_all()
    assert (record.name, record.inhabitants, record.homes) == ("Utrecht", 367947, 165400)


def test_areas_missing_and_unknown_columns() -> None:
    data = areas_file(["GM0344;Utrecht;gemeente;1"], header="code;nam;soort;inwonrs")
    log = ProblemLog()
    with pytest.raises(ImportFailed) as info:
        cbs.read_areas(data, problems=log)
    [problem] = info.value.problems
    assert problem.code is ProblemCode.MISSING_COLUMNS
    assert "verplichte kolommen: 'naam'" in problem.message
    assert "kennen we niet: 'nam', 'inwonrs'" in problem.message
    assert problem.details["missing"] == ("name",)
    assert problem.details["unknown"] == ("nam", "inwonrs")
    assert log.problems == (problem,)


def test_areas_unknown_column_alone_is_a_warning() -> None:
    data = areas_file(["GM0344;Utrecht;Mooie stad"], header="code;naam;opmerking")
    log = ProblemLog()
    records = cbs.read_areas(data, problems=log).read_all()
    assert len(records) == 1
    [problem] = log.problems
    assert problem.severity is Severity.WARNING
    assert problem.code is ProblemCode.UNKNOWN_COLUMNS
    assert "'opmerking'" in problem.message
    assert not log.has_errors


def test_areas_bad_number_on_line_57() -> None:
    rows = [f"BU034401{i:02d};Buurt {i};buurt;WK034401;{i * 10};{i * 5}" for i in range(1, 70)]
    rows[55] = "BU03440156;Buurt 56;buurt;WK034401;abc;12"  # line 57 (header is line 1)
    log = ProblemLog()
    records = cbs.read_areas(areas_file(rows), "gebieden.csv", problems=log).read_all()
    assert len(records) == 68
    [problem] = log.problems
    assert problem.message == "regel 57, kolom 'inwoners' (5): 'abc' is geen geheel getal."
    assert (problem.line, problem.column, problem.field, problem.header, problem.value) == (
        57,
        5,
        "inhabitants",
        "inwoners",
        "abc",
    )
    assert problem.code is ProblemCode.NOT_AN_INTEGER


def test_areas_latin1_with_diaeresis() -> None:
    data = areas_file(
        ["BU03440831;Citroënterrein;buurt;WK034408;12;3", "GM1900;Súdwest-Fryslân;gemeente;;1;1"],
        encoding="latin-1",
    )
    with cbs.read_areas(data) as reader:
        records = list(reader)
        assert reader.info.encoding in ("cp1252", "latin-1")
    assert [r.name for r in records] == ["Citroënterrein", "Súdwest-Fryslân"]


def test_areas_row_problems_are_all_collected() -> None:
    rows = [
        "GM0344;Utrecht;gemeente;;1;1",
        "WK034401;West;buurt;GM0344;1;1",  # kind mismatch
        "BU03440111;Welgelegen;buurt;WK034402;1;1",  # parent mismatch
        "WK034402;;wijk;GM0344;-5;1",  # no name, negative
        "GM0344;Utrecht;gemeente;;1;1",  # duplicate
        "XX;Nergens;dorp;;1;1",  # bad code, unknown kind
        "GM0363;Amsterdam;gemeente;GM0344;1;1",  # municipality with a parent
        "GM0599;Rotterdam;gemeente",  # too few cells
    ]
    log = ProblemLog()
    records = cbs.read_areas(areas_file(rows), problems=log).read_all()
    assert [r.code.code for r in records] == ["GM0344"]
    assert [(p.line, p.code) for p in log] == [
        (3, ProblemCode.KIND_MISMATCH),
        (4, ProblemCode.PARENT_MISMATCH),
        (5, ProblemCode.MISSING_VALUE),
        (5, ProblemCode.NEGATIVE),
        (6, ProblemCode.DUPLICATE_CODE),
        (7, ProblemCode.INVALID_CODE),
        (7, ProblemCode.UNKNOWN_KIND),
        (8, ProblemCode.PARENT_MISMATCH),
        (9, ProblemCode.ROW_LENGTH),
    ]
    messages = log.messages()
    assert "bij BU03440111 hoort WK034401" in messages[1]
    assert messages[2] == "regel 5, kolom 'naam' (2): de naam ontbreekt. Dit veld is verplicht."
    assert "een aantal kan niet negatief zijn" in messages[3].lower()
    assert "staat ook al op regel 2" in messages[4]


def test_problem_cap_with_note() -> None:
    rows = [f"BU034401{i % 100:02d};Buurt;buurt;;x{i};1" for i in range(150)]
    log = ProblemLog(limit=100)
    cbs.read_areas(areas_file(rows), problems=log).read_all()
    assert log.total == 200  # 150 bad numbers + 50 duplicate codes
    assert len(log) == 100
    assert log.truncated and log.dropped == 100
    note = log.note()
    assert note is not None and "nog 100 andere problemen" in note
    assert log.messages()[-1] == note


def test_areas_xlsx_uses_column_letters(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["code", "naam", "soort", "ouder", "inwoners", "woningen"])
    sheet.append(["GM0344", "Utrecht", "gemeente", None, 367947, 165400])
    sheet.append(["WK034401", "West", "wijk", "GM0344", "veel", 10])
    target = tmp_path / "gebieden.xlsx"
    workbook.save(target)
    assert cbs.detect_format(target) is FileFormat.AREAS_XLSX
    log = ProblemLog()
    records = cbs.read_areas(target, problems=log).read_all()
    assert [r.inhabitants for r in records] == [367947]
    assert log.messages() == ["regel 3, kolom 'inwoners' (E): 'veel' is geen geheel getal."]


# --------------------------------------------------------------------------- long format


def test_observations_csv() -> None:
    data = (
        b"gebiedscode;indicator;jaar;waarde;bron\n"
        b"GM0344;a_inw;2023;367947;CBS kwb-2023\n"
        b"BU03440831;g_hhgro;2023JJ00;2,1;\n"
        b"BU03440831;g_wozbag;2023;.;CBS\n"
        b"BU03440831;p_koopw;2024;27*;CBS\n"
    )
    assert cbs.detect_format(data) is FileFormat.OBSERVATIONS_CSV
    log = ProblemLog()
    records = cbs.read_observations(data, default_source="eigen telling", problems=log).read_all()
    assert not log, log.messages()
    assert [(r.area.code, r.indicator, r.period, r.value, r.flag, r.source) for r in records] == [
        ("GM0344", "a_inw", 2023, 367947.0, None, "CBS kwb-2023"),
        ("BU03440831", "g_hhgro", 2023, 2.1, None, "eigen telling"),
        ("BU03440831", "g_wozbag", 2023, None, ValueFlag.UNKNOWN, "CBS"),
        ("BU03440831", "p_koopw", 2024, 27.0, ValueFlag.PROVISIONAL, "CBS"),
    ]


def test_observations_problems() -> None:
    data = (
        b"area_code,indicator,year,value\n"
        b"GM0344,a_inw,2023,367947\n"
        b"GM0344,a_inw,2023,367948\n"  # duplicate
        b"GM0344,a_inw,twintig,1\n"  # bad year
        b"GM0344,,2023,1\n"  # no indicator
        b'GM0344,g_hhgro,2023,"1,9"\n'  # comma in a comma file
        b"WK0344,a_inw,2023,1\n"  # bad code
    )
    log = ProblemLog()
    records = cbs.read_observations(data, problems=log).read_all()
    assert len(records) == 1
    assert [(p.line, p.code, p.column) for p in log] == [
        (3, ProblemCode.DUPLICATE_OBSERVATION, None),
        (4, ProblemCode.INVALID_PERIOD, 3),
        (5, ProblemCode.MISSING_VALUE, 2),
        (6, ProblemCode.NOT_A_NUMBER, 4),
        (7, ProblemCode.INVALID_CODE, 1),
    ]
    assert log.messages()[1] == (
        "regel 4, kolom 'year' (3): 'twintig' is geen geldig jaar. "
        "Gebruik 4 cijfers, bijvoorbeeld 2024."
    )


def test_observations_missing_columns() -> None:
    with pytest.raises(ImportFailed) as info:
        cbs.read_observations(b"gebiedscode;indicator;waarde\nGM0344;a_inw;1\n")
    assert "verplichte kolommen: 'jaar'" in str(info.value)


# --------------------------------------------------------------------------- detection


def test_detect_format_real_files() -> None:
    assert cbs.detect_format(KWB_2023_XLSX) is FileFormat.KWB_XLSX
    assert cbs.detect_format(KWB_2024_XLSX) is FileFormat.KWB_XLSX
    assert cbs.detect_format(KWB_2023_CSV) is FileFormat.KWB_CSV
    assert cbs.detect_format(KWB_2024_CSV.read_bytes(), "upload.csv") is FileFormat.KWB_CSV
    upload = io.BytesIO(KWB_2023_XLSX.read_bytes())
    assert cbs.detect_format(upload) is FileFormat.KWB_XLSX
    assert upload.tell() == 0  # rewound for the reader


def test_open_reader_dispatches() -> None:
    with cbs.open_reader(KWB_2024_XLSX) as reader:
        assert isinstance(reader, cbs.KwbReader)
        assert len(list(reader)) == 122
    reader2 = cbs.open_reader(STATLINE_SAMPLE, year=2023)
    assert isinstance(reader2, cbs.StatLineReader)
    reader3 = cbs.open_reader(areas_file(["GM0344;Utrecht;gemeente;;1;1"]))
    assert isinstance(reader3, cbs.AreasReader)
    reader4 = cbs.open_reader(b"code;indicator;jaar;waarde\nGM0344;a_inw;2023;1\n")
    assert isinstance(reader4, cbs.ObservationsReader)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", ProblemCode.FILE_EMPTY),
        (b"\n\n  \n", ProblemCode.FILE_EMPTY),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ProblemCode.OLD_EXCEL),
        (b"PK\x03\x04 not really a zip", ProblemCode.FILE_UNREADABLE),
        (b"foo;bar\n1;2\n", ProblemCode.UNKNOWN_FORMAT),
    ],
)
def test_detect_format_failures(data: bytes, code: ProblemCode) -> None:
    with pytest.raises(ImportFailed) as info:
        cbs.detect_format(data, "upload")
    assert info.value.problems[0].code is code
    assert info.value.problems[0].message  # a Dutch sentence


def test_open_reader_unknown_format_is_logged() -> None:
    log = ProblemLog()
    with pytest.raises(ImportFailed):
        cbs.open_reader(b"foo;bar\n1;2\n", "iets.csv", problems=log)
    assert [p.code for p in log] == [ProblemCode.UNKNOWN_FORMAT]
    assert "'iets.csv'" in log.problems[0].message


def test_excel_sep_line_and_blank_lines() -> None:
    data = b"sep=,\r\n\r\ncode,naam\r\nGM0344,Utrecht\r\n\r\nGM0363,Amsterdam\r\n"
    log = ProblemLog()
    records = cbs.read_areas(data, problems=log).read_all()
    assert not log
    assert [(r.code.code, r.line) for r in records] == [("GM0344", 4), ("GM0363", 6)]


def test_broken_quotes() -> None:
    log = ProblemLog()
    data = b'code;naam;inwoners\nGM0344;Utrecht;1\nGM0363;"Amster;2\nGM0599;Rotterdam;3\n'
    records = cbs.read_areas(data, problems=log).read_all()
    assert [r.code.code for r in records] == ["GM0344"]
    assert "aanhalingsteken" in log.messages()[0]
    huge = b'code;naam\nGM0344;"' + b"x" * 200_000 + b'"\n'
    with pytest.raises(ImportFailed) as info:
        cbs.read_areas(huge, problems=log).read_all()
    assert info.value.problems[0].code is ProblemCode.ROW_UNREADABLE


def test_xlsx_under_any_name_and_on_any_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.title = "Toelichting"
    first.append(["Gebieden van de gemeente Utrecht"])
    second = workbook.create_sheet("Gebieden")
    second.append([])
    second.append(["Code", "Naam"])
    second.append(["GM0344", "Utrecht"])
    target = tmp_path / "upload_8f3a2c.tmp"  # e.g. a Django temporary upload
    workbook.save(target)
    assert cbs.detect_format(target) is FileFormat.AREAS_XLSX
    with cbs.read_areas(target) as reader:
        [record] = list(reader)
        assert reader.info.sheet == "Gebieden"
    assert (record.code.code, record.name, record.line) == ("GM0344", "Utrecht", 3)


def test_missing_file() -> None:
    with pytest.raises(ImportFailed) as info:
        cbs.read_areas("/nonexistent/gebieden.csv")
    assert info.value.problems[0].code is ProblemCode.FILE_UNREADABLE


# --------------------------------------------------------------------------- variables


def test_variable_catalogue_from_file() -> None:
    log = ProblemLog()
    catalogue = cbs.load_variable_catalogue(DATA / "kwb-variabelen-2023.csv", problems=log)
    assert not log
    assert len(catalogue) == 120
    assert catalogue["g_wozbag"] == cbs.KwbVariable(
        "g_wozbag", "Gemiddelde WOZ-waarde van woningen", "x 1 000 euro"
    )
    assert catalogue["p_koopw"].unit == "%"
    assert catalogue["a_inw"].unit == "aantal"
    assert catalogue["a_bed_kl"].label == "K-L Financiële diensten, onroerend goed"
    # every numeric kwb-2023 variable is described, except a_gbl_ne (absent from the PDF extract)
    header = csv_lines(KWB_2023_CSV)[0]
    assert {h for h in header if h not in catalogue} == {"a_gbl_ne"}
    assert cbs.variable_info("G_WOZBAG", catalogue) == catalogue["g_wozbag"]


def test_builtin_variables() -> None:
    assert cbs.variable_info("g_wozbag") == cbs.KwbVariable(
        "g_wozbag", "Gemiddelde WOZ-waarde van woningen", "x 1 000 euro"
    )
    assert cbs.variable_info("a_inw") is not None
    assert cbs.variable_info("p_huurw") is not None
    assert cbs.variable_info("onbekend") is None
    for key in ("a_inw", "a_woning", "a_man", "a_vrouw", "g_wozbag", "p_koopw", "p_huurw", "a_hh"):
        assert key in cbs.BUILTIN_VARIABLES
    assert cbs.BUILTIN_VARIABLES["bev_dich"].unit == "aantal inwoners per km2"


def test_variable_catalogue_semicolon_and_duplicates() -> None:
    data = "code;label;unit\nx_een;Eén;aantal\nx_een;Dubbel;%\n;;\n".encode("cp1252")
    log = ProblemLog()
    catalogue = cbs.load_variable_catalogue(data, problems=log)
    assert catalogue == {"x_een": cbs.KwbVariable("x_een", "Eén", "aantal")}
    assert [p.severity for p in log] == [Severity.WARNING]
