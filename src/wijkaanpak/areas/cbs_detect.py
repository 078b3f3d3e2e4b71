"""Pick the right reader for an uploaded file by looking at its header."""

from __future__ import annotations

from collections.abc import Sequence

from .cbs_base import FileFormat, ImportFailed, ImportProblem, ProblemCode, ProblemLog, Source
from .cbs_kwb import KwbReader, is_kwb_header, is_kwb_sheet_name, read_kwb
from .cbs_plain import (
    AREA_COLUMNS,
    OBSERVATION_COLUMNS,
    AreasReader,
    ObservationsReader,
    read_areas,
    read_observations,
)
from .cbs_reader import open_logged
from .cbs_statline import StatLineReader, is_statline_header, read_statline
from .cbs_tables import (
    is_ole2,
    is_xlsx,
    load_source,
    old_excel_problem,
    open_csv_table,
    open_xlsx_table,
    resolve_columns,
    source_filename,
)

__all__ = ["AnyReader", "detect_format", "format_of_header", "open_reader"]

AnyReader = KwbReader | StatLineReader | AreasReader | ObservationsReader

_OBSERVATION_ONLY = frozenset({"indicator", "period", "value"})


def format_of_header(header: Sequence[str], *, xlsx: bool) -> FileFormat | None:
    """The format that a header row belongs to, or ``None``."""
    if is_kwb_header(header):
        return FileFormat.KWB_XLSX if xlsx else FileFormat.KWB_CSV
    if is_statline_header(header):
        return None if xlsx else FileFormat.STATLINE_CSV
    observations = resolve_columns(header, OBSERVATION_COLUMNS)
    areas = resolve_columns(header, AREA_COLUMNS)
    obs_format = FileFormat.OBSERVATIONS_XLSX if xlsx else FileFormat.OBSERVATIONS_CSV
    areas_format = FileFormat.AREAS_XLSX if xlsx else FileFormat.AREAS_CSV
    if not observations.missing:
        return obs_format
    if not areas.missing:
        return areas_format
    # Incomplete headers: guess, so the reader can say which columns are missing.
    if _OBSERVATION_ONLY & observations.index.keys():
        return obs_format
    if areas.index:
        return areas_format
    return None


def _unknown(filename: str | None, header: Sequence[str]) -> ImportProblem:
    what = f"het bestand '{filename}'" if filename else "dit bestand"
    return ImportProblem(
        None,
        None,
        None,
        f"We herkennen {what} niet. We kunnen lezen: Kerncijfers wijken en buurten van het "
        "CBS (xlsx of csv), een StatLine-tabel met wijken en buurten (csv), een lijst met "
        "gebieden (kolommen code en naam) of een lijst met cijfers per gebied (kolommen "
        "gebiedscode, indicator, jaar en waarde).",
        ProblemCode.UNKNOWN_FORMAT,
        details={"found": tuple(header)},
    )


def detect_format(source: Source, filename: str | None = None) -> FileFormat:
    """Find out which reader fits a file, from its content (first bytes and the
    header row), not its name. Raises :class:`ImportFailed` (with a Dutch
    message) for unknown or unreadable files. A file object is rewound."""
    loaded = load_source(source)
    name = source_filename(source, filename)
    head = loaded.head()
    if is_ole2(head):
        raise ImportFailed([old_excel_problem()])
    if is_xlsx(head):

        def known(header: Sequence[str]) -> bool:
            return format_of_header(header, xlsx=True) is not None

        table = open_xlsx_table(loaded, is_header=known, prefer_sheet=is_kwb_sheet_name)
    else:
        table = open_csv_table(loaded.read_bytes())
    try:
        header = table.header
    finally:
        table.close()
    found = format_of_header(header, xlsx=table.container == "xlsx")
    if found is None:
        raise ImportFailed([_unknown(name, header)])
    return found


def open_reader(
    source: Source,
    filename: str | None = None,
    *,
    year: int | None = None,
    problems: ProblemLog | None = None,
    default_source: str | None = None,
) -> AnyReader:
    """Detect the format and open the matching reader.

    ``year`` is passed to the kwb and StatLine readers; ``default_source`` to the
    observations reader. A file object is read once.
    """
    loaded = load_source(source)
    data: Source
    if loaded.data is not None:
        data = loaded.data
    else:
        assert loaded.path is not None
        data = loaded.path
    name = source_filename(source, filename)
    fmt = open_logged(problems, lambda: detect_format(data, name))
    if fmt in (FileFormat.KWB_XLSX, FileFormat.KWB_CSV):
        return read_kwb(data, name, year=year, problems=problems)
    if fmt is FileFormat.STATLINE_CSV:
        return read_statline(data, name, year=year, problems=problems)
    if fmt in (FileFormat.AREAS_CSV, FileFormat.AREAS_XLSX):
        return read_areas(data, name, problems=problems)
    return read_observations(data, name, problems=problems, default_source=default_source)
