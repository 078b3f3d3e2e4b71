"""The CBS reader registry (``cbs.READERS``) and its one detection step.

Every format the readers open is in the registry; detection, by content only, picks the
registered reader for each real sample file (``tests/data/cbs``, the StatLine fixture)
and for plain area and long-format files; an unknown file gets the clear Dutch message.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from wijkaanpak.areas import cbs
from wijkaanpak.areas.cbs import FileFormat, ImportFailed, ProblemCode, ProblemLog

DATA = Path(__file__).resolve().parents[1] / "data" / "cbs"
STATLINE_SAMPLE = Path(__file__).resolve().parent / "fixtures" / "statline-sample.csv"

AREAS_CSV = b"code;naam;soort;ouder\nGM0344;Utrecht;gemeente;\nWK034408;Zuidwest;wijk;GM0344\n"
OBSERVATIONS_CSV = b"gebiedscode;indicator;jaar;waarde\nGM0344;a_inw;2023;367947\n"

UNKNOWN_MESSAGE = (
    "We herkennen het bestand 'iets.csv' niet. We kunnen lezen: Kerncijfers wijken en "
    "buurten van het CBS (xlsx of csv), een StatLine-tabel met wijken en buurten (csv), een "
    "lijst met gebieden (kolommen code en naam) of een lijst met cijfers per gebied "
    "(kolommen gebiedscode, indicator, jaar en waarde)."
)

READER_CLASS = {
    "kwb": cbs.KwbReader,
    "statline": cbs.StatLineReader,
    "areas": cbs.AreasReader,
    "observations": cbs.ObservationsReader,
}


def workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- the registry


def test_the_registry_lists_every_format_the_readers_open() -> None:
    # A new FileFormat fails here until it is registered (or explicitly left out, like the
    # variable catalogue, which is read on purpose with load_variable_catalogue).
    assert set(cbs.READERS) == set(FileFormat) - {FileFormat.VARIABLES_CSV}
    assert list(cbs.READERS) == [  # the order is the detection precedence
        FileFormat.KWB_XLSX,
        FileFormat.KWB_CSV,
        FileFormat.STATLINE_CSV,
        FileFormat.OBSERVATIONS_CSV,
        FileFormat.OBSERVATIONS_XLSX,
        FileFormat.AREAS_CSV,
        FileFormat.AREAS_XLSX,
    ]
    for fmt, spec in cbs.READERS.items():
        assert spec.format is fmt
        assert fmt.value == f"{spec.layout}_{spec.container}"
        assert spec.layout in READER_CLASS
    with pytest.raises(TypeError):
        cbs.READERS[FileFormat.VARIABLES_CSV] = cbs.READERS[FileFormat.KWB_CSV]  # type: ignore[index]


# --------------------------------------------------------------------------- detection


SAMPLES = [
    (DATA / "kwb-2023-gm0344-utrecht.xlsx", FileFormat.KWB_XLSX, 122),
    (DATA / "kwb-2024-gm0344-utrecht.xlsx", FileFormat.KWB_XLSX, 122),
    (DATA / "kwb-2023-gm0344-utrecht.csv", FileFormat.KWB_CSV, 122),
    (DATA / "kwb-2024-gm0344-utrecht.csv", FileFormat.KWB_CSV, 122),
    (STATLINE_SAMPLE, FileFormat.STATLINE_CSV, None),
]


def test_every_sample_file_is_covered() -> None:
    covered = {path for path, _, _ in SAMPLES} | {DATA / "kwb-variabelen-2023.csv"}
    assert {p for p in DATA.iterdir() if p.suffix in {".csv", ".xlsx"}} <= covered


@pytest.mark.parametrize(("path", "expected", "records"), SAMPLES, ids=lambda v: str(v))
def test_detection_picks_the_registered_reader_for_each_sample(
    path: Path, expected: FileFormat, records: int | None
) -> None:
    # By content, not by name: the same bytes under a meaningless name.
    assert cbs.detect_format(path) is expected
    assert cbs.detect_format(path.read_bytes(), "upload.bin") is expected
    log = ProblemLog()
    with cbs.open_reader(io.BytesIO(path.read_bytes()), "upload.bin", year=2024, problems=log) as r:
        assert type(r) is READER_CLASS[cbs.READERS[expected].layout]
        assert r.info.format is expected
        found = list(r)
    assert not log.has_errors, log.messages()
    assert found
    if records is not None:
        assert len(found) == records


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (AREAS_CSV, FileFormat.AREAS_CSV),
        (OBSERVATIONS_CSV, FileFormat.OBSERVATIONS_CSV),
        (workbook([["code", "naam"], ["GM0344", "Utrecht"]]), FileFormat.AREAS_XLSX),
        (
            workbook(
                [["gebiedscode", "indicator", "jaar", "waarde"], ["GM0344", "a_inw", 2023, 1]]
            ),
            FileFormat.OBSERVATIONS_XLSX,
        ),
    ],
    ids=["areas_csv", "observations_csv", "areas_xlsx", "observations_xlsx"],
)
def test_detection_picks_the_plain_readers(content: bytes, expected: FileFormat) -> None:
    assert cbs.detect_format(content, "upload") is expected
    log = ProblemLog()
    with cbs.open_reader(content, "upload", default_source="Gemeente", problems=log) as reader:
        assert type(reader) is READER_CLASS[cbs.READERS[expected].layout]
        assert reader.info.format is expected
        records = list(reader)
    assert not log.has_errors, log.messages()
    assert len(records) >= 1
    if isinstance(records[0], cbs.ObservationRecord):
        assert records[0].source == "Gemeente"  # the option reached the reader


@pytest.mark.parametrize(
    ("header", "xlsx", "expected"),
    [
        # kwb wins over the area columns it also has (gwb_code_10, regio)
        (["gwb_code_10", "regio", "recs", "a_inw"], False, FileFormat.KWB_CSV),
        # complete long format wins over complete areas
        (["code", "naam", "indicator", "jaar", "waarde"], False, FileFormat.OBSERVATIONS_CSV),
        # a complete areas header wins over a partial long format
        (["code", "naam", "indicator"], True, FileFormat.AREAS_XLSX),
        # partial headers: a guess, so that reader names the missing columns
        (["gebiedscode", "indicator"], False, FileFormat.OBSERVATIONS_CSV),
        (["code", "onbekend"], False, FileFormat.AREAS_CSV),
        # a StatLine table exists only as CSV
        (["ID", "WijkenEnBuurten", "SoortRegio_2", "Codering_3"], False, FileFormat.STATLINE_CSV),
        (["ID", "WijkenEnBuurten", "SoortRegio_2", "Codering_3"], True, None),
        (["foo", "bar"], False, None),
    ],
)
def test_format_of_header_follows_the_registry_order(
    header: list[str], xlsx: bool, expected: FileFormat | None
) -> None:
    assert cbs.format_of_header(header, xlsx=xlsx) is expected


def test_the_variable_catalogue_is_not_detected_as_a_format_of_its_own() -> None:
    # Unchanged behaviour: its header is a partial long format ('variabele' is an alias of
    # 'indicator'), so open_reader says which columns are missing; the catalogue is read
    # with load_variable_catalogue.
    path = DATA / "kwb-variabelen-2023.csv"
    assert cbs.detect_format(path) is FileFormat.OBSERVATIONS_CSV
    with pytest.raises(ImportFailed) as info:
        cbs.open_reader(path)
    assert [p.code for p in info.value.problems] == [ProblemCode.MISSING_COLUMNS]
    assert len(cbs.load_variable_catalogue(path)) > 50


# --------------------------------------------------------------------------- unknown files


def test_an_unknown_format_gives_the_clear_message() -> None:
    with pytest.raises(ImportFailed) as info:
        cbs.detect_format(b"foo;bar\n1;2\n", "iets.csv")
    (problem,) = info.value.problems
    assert problem.code is ProblemCode.UNKNOWN_FORMAT
    assert problem.message == UNKNOWN_MESSAGE
    assert problem.details == {"found": ("foo", "bar")}

    log = ProblemLog()
    with pytest.raises(ImportFailed):
        cbs.open_reader(b"foo;bar\n1;2\n", "iets.csv", problems=log)
    assert [p.message for p in log] == [UNKNOWN_MESSAGE]


def test_a_statline_header_in_a_workbook_is_unknown() -> None:
    content = workbook([["ID", "WijkenEnBuurten", "SoortRegio_2", "Codering_3"]])
    with pytest.raises(ImportFailed) as info:
        cbs.detect_format(content)
    assert [p.code for p in info.value.problems] == [ProblemCode.UNKNOWN_FORMAT]
    assert info.value.problems[0].message.startswith("We herkennen dit bestand niet.")
