"""The reader registry and the one detection step.

:data:`READERS` maps every file format that :func:`open_reader` can open to a
:class:`ReaderSpec`: its container (csv or xlsx), its header layout, how well a
header fits that layout, and how to open the reader. Detection looks at the file's
content only (first bytes and the header row), never at its name:

1. the container: an xlsx (zip) file, an old Excel / protected file (refused), else CSV;
2. the header: in registry order, the first layout that the header fits completely,
   else the first it fits partly (a guess, so that reader can say which columns are
   missing);
3. the format of that layout for the file's container. A layout without a variant for
   that container (a StatLine header in a workbook) is an unknown file.

The registry order is therefore the precedence. To add a format: a :class:`FileFormat`
member, a reader module with a ``read_*`` function and a header predicate, and an entry
here (and in the message of :func:`_unknown`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from types import MappingProxyType
from typing import Final, Literal

from .base import FileFormat, ImportFailed, ImportProblem, ProblemCode, ProblemLog, Source
from .kwb import KwbReader, is_kwb_header, is_kwb_sheet_name, read_kwb
from .plain import (
    AREA_COLUMNS,
    OBSERVATION_COLUMNS,
    AreasReader,
    ObservationsReader,
    read_areas,
    read_observations,
)
from .reader import open_logged
from .statline import StatLineReader, is_statline_header, read_statline
from .tables import (
    is_ole2,
    is_xlsx,
    load_source,
    old_excel_problem,
    open_csv_table,
    open_xlsx_table,
    resolve_columns,
    source_filename,
)

__all__ = [
    "READERS",
    "AnyReader",
    "Container",
    "HeaderFit",
    "ReaderOptions",
    "ReaderSpec",
    "detect_format",
    "format_of_header",
    "open_reader",
]

AnyReader = KwbReader | StatLineReader | AreasReader | ObservationsReader

Container = Literal["csv", "xlsx"]


class HeaderFit(IntEnum):
    """How well a header row fits a layout."""

    NONE = 0
    PARTIAL = 1  # some of its columns: a guess, so the reader can name the missing ones
    FULL = 2


@dataclass(frozen=True, slots=True)
class ReaderOptions:
    """What :func:`open_reader` passes on; each reader takes the options it knows
    (``year``: kwb and StatLine; ``default_source``: long-format figures)."""

    year: int | None = None
    problems: ProblemLog | None = None
    default_source: str | None = None


Opener = Callable[[Source, str | None, ReaderOptions], AnyReader]


@dataclass(frozen=True, slots=True)
class ReaderSpec:
    """One file format: where it lives, how it is recognised and how it is opened."""

    format: FileFormat
    container: Container
    #: The header layout; the csv and xlsx variants of a format share it.
    layout: str
    fit: Callable[[Sequence[str]], HeaderFit]
    open: Opener


# --------------------------------------------------------------------------- header fits


def _kwb_fit(header: Sequence[str]) -> HeaderFit:
    return HeaderFit.FULL if is_kwb_header(header) else HeaderFit.NONE


def _statline_fit(header: Sequence[str]) -> HeaderFit:
    return HeaderFit.FULL if is_statline_header(header) else HeaderFit.NONE


_OBSERVATION_ONLY: Final = frozenset({"indicator", "period", "value"})


def _observations_fit(header: Sequence[str]) -> HeaderFit:
    resolved = resolve_columns(header, OBSERVATION_COLUMNS)
    if not resolved.missing:
        return HeaderFit.FULL
    # Only columns that an areas file never has make a guess.
    return HeaderFit.PARTIAL if _OBSERVATION_ONLY & resolved.index.keys() else HeaderFit.NONE


def _areas_fit(header: Sequence[str]) -> HeaderFit:
    resolved = resolve_columns(header, AREA_COLUMNS)
    if not resolved.missing:
        return HeaderFit.FULL
    return HeaderFit.PARTIAL if resolved.index else HeaderFit.NONE


# --------------------------------------------------------------------------- openers


def _open_kwb(source: Source, name: str | None, options: ReaderOptions) -> AnyReader:
    return read_kwb(source, name, year=options.year, problems=options.problems)


def _open_statline(source: Source, name: str | None, options: ReaderOptions) -> AnyReader:
    return read_statline(source, name, year=options.year, problems=options.problems)


def _open_areas(source: Source, name: str | None, options: ReaderOptions) -> AnyReader:
    return read_areas(source, name, problems=options.problems)


def _open_observations(source: Source, name: str | None, options: ReaderOptions) -> AnyReader:
    return read_observations(
        source, name, problems=options.problems, default_source=options.default_source
    )


# --------------------------------------------------------------------------- the registry


def _specs(*specs: ReaderSpec) -> Mapping[FileFormat, ReaderSpec]:
    return MappingProxyType({spec.format: spec for spec in specs})


#: Format -> reader, in order of precedence. ``FileFormat.VARIABLES_CSV`` is not here: a
#: variable catalogue is read on purpose with ``load_variable_catalogue``, never detected.
READERS: Final[Mapping[FileFormat, ReaderSpec]] = _specs(
    ReaderSpec(FileFormat.KWB_XLSX, "xlsx", "kwb", _kwb_fit, _open_kwb),
    ReaderSpec(FileFormat.KWB_CSV, "csv", "kwb", _kwb_fit, _open_kwb),
    ReaderSpec(FileFormat.STATLINE_CSV, "csv", "statline", _statline_fit, _open_statline),
    ReaderSpec(
        FileFormat.OBSERVATIONS_CSV, "csv", "observations", _observations_fit, _open_observations
    ),
    ReaderSpec(
        FileFormat.OBSERVATIONS_XLSX, "xlsx", "observations", _observations_fit, _open_observations
    ),
    ReaderSpec(FileFormat.AREAS_CSV, "csv", "areas", _areas_fit, _open_areas),
    ReaderSpec(FileFormat.AREAS_XLSX, "xlsx", "areas", _areas_fit, _open_areas),
)


# --------------------------------------------------------------------------- detection


def format_of_header(header: Sequence[str], *, xlsx: bool) -> FileFormat | None:
    """The format that a header row belongs to, or ``None`` (see the module docstring)."""
    container: Container = "xlsx" if xlsx else "csv"
    for wanted in (HeaderFit.FULL, HeaderFit.PARTIAL):
        for spec in READERS.values():
            if spec.fit(header) >= wanted:
                return _variant(spec.layout, container)
    return None


def _variant(layout: str, container: Container) -> FileFormat | None:
    for spec in READERS.values():
        if spec.layout == layout and spec.container == container:
            return spec.format
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
    """Detect the format and open the reader that the registry names for it.

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
    options = ReaderOptions(year=year, problems=problems, default_source=default_source)
    return READERS[fmt].open(data, name, options)
