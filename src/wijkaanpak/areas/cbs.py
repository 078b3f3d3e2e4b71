"""Framework-free readers for Dutch area statistics (CBS "Kerncijfers wijken en
buurten", StatLine tables, plain area lists and long-format figures).

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

Modules: :mod:`.cbs_codes` (area codes), :mod:`.cbs_values` (cell values and
flags), :mod:`.cbs_kwb` (kwb-YYYY files), :mod:`.cbs_statline` (StatLine CSV),
:mod:`.cbs_plain` (areas and long-format CSV), :mod:`.cbs_variables` (variable
catalogue), :mod:`.cbs_detect` (format detection), :mod:`.cbs_tables` (file
access), :mod:`.cbs_base` (problems and shared types).
"""

from __future__ import annotations

from .cbs_base import (
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
from .cbs_codes import (
    KIND_LABELS_NL,
    KIND_PREFIXES,
    AreaCode,
    AreaCodeError,
    AreaKind,
    parse_area_code,
    parse_area_kind,
)
from .cbs_detect import AnyReader, detect_format, format_of_header, open_reader
from .cbs_kwb import (
    KWB_IDENTITY_COLUMNS,
    KWB_TEXT_VARIABLES,
    KwbReader,
    KwbRecord,
    is_kwb_header,
    read_kwb,
)
from .cbs_plain import (
    AREA_COLUMNS,
    OBSERVATION_COLUMNS,
    AreaRecord,
    AreasReader,
    ObservationRecord,
    ObservationsReader,
    read_areas,
    read_observations,
)
from .cbs_reader import RecordReader
from .cbs_statline import (
    STATLINE_KWB_NAMES,
    STATLINE_TABLE_YEARS,
    StatLineReader,
    is_statline_header,
    read_statline,
    split_statline_name,
    statline_variable_names,
)
from .cbs_values import NumberFormatError, ValueFlag, parse_cbs_integer, parse_cbs_number
from .cbs_variables import BUILTIN_VARIABLES, KwbVariable, load_variable_catalogue, variable_info

__all__ = [
    "AREA_COLUMNS",
    "BUILTIN_VARIABLES",
    "DEFAULT_PROBLEM_LIMIT",
    "KIND_LABELS_NL",
    "KIND_PREFIXES",
    "KWB_IDENTITY_COLUMNS",
    "KWB_TEXT_VARIABLES",
    "OBSERVATION_COLUMNS",
    "STATLINE_KWB_NAMES",
    "STATLINE_TABLE_YEARS",
    "AnyReader",
    "AreaCode",
    "AreaCodeError",
    "AreaKind",
    "AreaRecord",
    "AreasReader",
    "FileFormat",
    "ImportFailed",
    "ImportProblem",
    "KwbReader",
    "KwbRecord",
    "KwbVariable",
    "NumberFormatError",
    "ObservationRecord",
    "ObservationsReader",
    "ProblemCode",
    "ProblemLog",
    "RecordReader",
    "Severity",
    "Source",
    "SourceInfo",
    "StatLineReader",
    "ValueFlag",
    "detect_format",
    "format_of_header",
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
    "split_statline_name",
    "statline_variable_names",
    "variable_info",
]
