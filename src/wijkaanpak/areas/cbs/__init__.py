"""Framework-free readers for Dutch area statistics (CBS "Kerncijfers wijken en
buurten", StatLine tables, plain area lists and long-format figures).

This package's ``__init__`` is its public surface: import from ``wijkaanpak.areas.cbs``,
not from its modules.

No Django imports: callers (the import service) decide what to store, inside
their own transaction. Readers only read.

Quick reference::

    from wijkaanpak.areas import cbs

    fmt = cbs.detect_format(upload_bytes, "kwb-2024.xlsx")
    log = cbs.ProblemLog()                       # collect problems (max 100 kept)
    try:
        with cbs.open_reader(upload_bytes, "kwb-2024.xlsx", problems=log) as reader:
            records = list(reader)               # or stream: for rec in reader: ...
    except cbs.ImportFailed as exc:              # file unusable (format, columns, year)
        show(exc.problems)
    if log.has_errors:
        show(log.messages())                     # Dutch B1 sentences, incl. line/column

Without a ``ProblemLog`` a reader raises :class:`ImportFailed` at the first error.

The reader registry :data:`READERS` (format -> :class:`ReaderSpec`) and the one
detection step (:func:`detect_format`, used by :func:`open_reader`) live in
:mod:`.registry`. Other modules: :mod:`.codes` (area codes), :mod:`.values` (cell
values and flags), :mod:`.kwb` (kwb-YYYY files), :mod:`.statline` (StatLine CSV),
:mod:`.plain` (areas and long-format CSV), :mod:`.variables` (variable catalogue),
:mod:`.reader` (the record reader base class), :mod:`.tables` (file access and import
limits), :mod:`.base` (problems and shared types).
"""

from __future__ import annotations

from .base import (
    DEFAULT_PROBLEM_LIMIT,
    FileFormat,
    ImportFailed,
    ImportProblem,
    ProblemCode,
    ProblemLog,
    Severity,
    Source,
    SourceInfo,
)
from .codes import (
    KIND_LABELS_NL,
    KIND_PREFIXES,
    AreaCode,
    AreaCodeError,
    AreaKind,
    parse_area_code,
    parse_area_kind,
)
from .kwb import (
    KWB_IDENTITY_COLUMNS,
    KWB_TEXT_VARIABLES,
    KwbReader,
    KwbRecord,
    is_kwb_header,
    read_kwb,
)
from .plain import (
    AREA_COLUMNS,
    OBSERVATION_COLUMNS,
    AreaRecord,
    AreasReader,
    ObservationRecord,
    ObservationsReader,
    read_areas,
    read_observations,
)
from .reader import RecordReader
from .registry import (
    READERS,
    AnyReader,
    Container,
    HeaderFit,
    ReaderOptions,
    ReaderSpec,
    detect_format,
    format_of_header,
    open_reader,
)
from .statline import (
    STATLINE_KWB_NAMES,
    STATLINE_TABLE_YEARS,
    StatLineReader,
    is_statline_header,
    read_statline,
    split_statline_name,
    statline_variable_names,
)
from .tables import ImportLimits, cell_text, import_limits, set_import_limits
from .values import NumberFormatError, ValueFlag, parse_cbs_integer, parse_cbs_number
from .variables import BUILTIN_VARIABLES, KwbVariable, load_variable_catalogue, variable_info

__all__ = [
    "AREA_COLUMNS",
    "BUILTIN_VARIABLES",
    "DEFAULT_PROBLEM_LIMIT",
    "KIND_LABELS_NL",
    "KIND_PREFIXES",
    "KWB_IDENTITY_COLUMNS",
    "KWB_TEXT_VARIABLES",
    "OBSERVATION_COLUMNS",
    "READERS",
    "STATLINE_KWB_NAMES",
    "STATLINE_TABLE_YEARS",
    "AnyReader",
    "AreaCode",
    "AreaCodeError",
    "AreaKind",
    "AreaRecord",
    "AreasReader",
    "Container",
    "FileFormat",
    "HeaderFit",
    "ImportFailed",
    "ImportLimits",
    "ImportProblem",
    "KwbReader",
    "KwbRecord",
    "KwbVariable",
    "NumberFormatError",
    "ObservationRecord",
    "ObservationsReader",
    "ProblemCode",
    "ProblemLog",
    "ReaderOptions",
    "ReaderSpec",
    "RecordReader",
    "Severity",
    "Source",
    "SourceInfo",
    "StatLineReader",
    "ValueFlag",
    "cell_text",
    "detect_format",
    "format_of_header",
    "import_limits",
    "is_kwb_header",
    "is_statline_header",
    "load_variable_catalogue",
    "open_reader",
    "parse_area_code",
    "parse_area_kind",
    "parse_cbs_integer",
    "parse_cbs_number",
    "read_areas",
    "read_kwb",
    "read_observations",
    "read_statline",
    "set_import_limits",
    "split_statline_name",
    "statline_variable_names",
    "variable_info",
]
