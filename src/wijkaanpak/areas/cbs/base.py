"""Shared types for the CBS/area file readers: problems, file formats, source info.

Problems carry a Dutch (B1) ``message`` for the user plus structured fields
(``code``, ``line``, ``column``, ``field``, ``header``, ``value``, ``details``) so a
caller can translate or render them differently.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import IO, Final, Literal

__all__ = [
    "DEFAULT_PROBLEM_LIMIT",
    "FileFormat",
    "ImportFailed",
    "ImportProblem",
    "ProblemCode",
    "ProblemLog",
    "Severity",
    "Source",
    "SourceInfo",
]

#: A file to read: a filesystem path, the raw bytes of an upload, or a binary
#: file object (e.g. a Django ``UploadedFile``). A ``str`` is always a path.
Source = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]

DEFAULT_PROBLEM_LIMIT: Final = 100


class FileFormat(StrEnum):
    """The file layouts the readers understand (see :func:`detect_format`)."""

    KWB_XLSX = "kwb_xlsx"  # CBS kwb-YYYY.xlsx
    KWB_CSV = "kwb_csv"  # the same as CSV
    STATLINE_CSV = "statline_csv"  # StatLine open data table (85984NED etc.) as CSV
    AREAS_CSV = "areas_csv"  # plain list of areas
    AREAS_XLSX = "areas_xlsx"  # the same columns in a spreadsheet
    OBSERVATIONS_CSV = "observations_csv"  # long format: area, indicator, period, value
    OBSERVATIONS_XLSX = "observations_xlsx"
    VARIABLES_CSV = "variables_csv"  # kwb-variabelen-YYYY.csv (not from detect_format)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class ProblemCode(StrEnum):
    """Stable keys for problems, for translation and tests."""

    FILE_EMPTY = "file_empty"
    FILE_UNREADABLE = "file_unreadable"
    OLD_EXCEL = "old_excel"
    UNKNOWN_FORMAT = "unknown_format"
    MISSING_COLUMNS = "missing_columns"
    UNKNOWN_COLUMNS = "unknown_columns"
    DUPLICATE_COLUMN = "duplicate_column"
    YEAR_UNKNOWN = "year_unknown"
    ROW_UNREADABLE = "row_unreadable"
    ROW_LENGTH = "row_length"
    INVALID_CODE = "invalid_code"
    UNKNOWN_KIND = "unknown_kind"
    KIND_MISMATCH = "kind_mismatch"
    PARENT_MISMATCH = "parent_mismatch"
    MISSING_VALUE = "missing_value"
    VALUE_TOO_LONG = "value_too_long"
    NOT_A_NUMBER = "not_a_number"
    NOT_AN_INTEGER = "not_an_integer"
    NEGATIVE = "negative"
    INVALID_PERIOD = "invalid_period"
    DUPLICATE_CODE = "duplicate_code"
    DUPLICATE_OBSERVATION = "duplicate_observation"
    FILE_TOO_LARGE = "file_too_large"
    TOO_MANY_ROWS = "too_many_rows"
    ROW_TOO_WIDE = "row_too_wide"


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One problem found while reading a file.

    ``line`` is the 1-based line (CSV: physical line where the record starts;
    xlsx: row number). ``column`` is the column letter for xlsx (``"H"``) or the
    1-based column number for CSV. ``field`` is the reader's name for the column
    (e.g. ``inhabitants`` or ``a_inw``), ``header`` the name as written in the file.
    ``message`` is a complete Dutch (B1) sentence including line and column.
    """

    line: int | None
    column: str | int | None
    field: str | None
    message: str
    code: ProblemCode
    header: str | None = None
    value: str | None = None
    severity: Severity = Severity.ERROR
    details: Mapping[str, object] = dataclasses.field(default_factory=dict)

    def __str__(self) -> str:
        return self.message


class ImportFailed(Exception):
    """The file cannot be read at all (wrong format, missing columns, ...), or a
    reader ran without a :class:`ProblemLog` and hit its first error."""

    def __init__(self, problems: Iterable[ImportProblem]) -> None:
        self.problems: tuple[ImportProblem, ...] = tuple(problems)
        super().__init__(" ".join(p.message for p in self.problems))


class ProblemLog:
    """Collects problems, keeping at most ``limit`` of them (all are counted).

    With ``raise_on_error=True`` the first error raises :class:`ImportFailed`
    instead; readers use that mode when no log is passed in.
    """

    def __init__(self, limit: int = DEFAULT_PROBLEM_LIMIT, *, raise_on_error: bool = False) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.limit = limit
        self.raise_on_error = raise_on_error
        self._kept: list[ImportProblem] = []
        self.total = 0
        self.errors = 0
        self.warnings = 0

    def add(self, problem: ImportProblem, *, may_raise: bool = True) -> None:
        """Record a problem. In ``raise_on_error`` mode an error raises
        :class:`ImportFailed` unless ``may_raise`` is false."""
        self.total += 1
        if problem.severity is Severity.ERROR:
            self.errors += 1
        else:
            self.warnings += 1
        if len(self._kept) < self.limit:
            self._kept.append(problem)
        if may_raise and self.raise_on_error and problem.severity is Severity.ERROR:
            raise ImportFailed([problem])

    @property
    def problems(self) -> tuple[ImportProblem, ...]:
        """The kept problems (at most ``limit``), in the order found."""
        return tuple(self._kept)

    @property
    def dropped(self) -> int:
        """How many problems were counted but not kept."""
        return self.total - len(self._kept)

    @property
    def truncated(self) -> bool:
        return self.dropped > 0

    @property
    def has_errors(self) -> bool:
        return self.errors > 0

    def note(self) -> str | None:
        """A Dutch note when problems were left out, else ``None``."""
        if not self.dropped:
            return None
        return (
            f"Er zijn nog {self.dropped} andere problemen gevonden. "
            f"We tonen alleen de eerste {self.limit}. Los deze eerst op en probeer het opnieuw."
        )

    def messages(self) -> list[str]:
        """All kept messages, plus the note about left-out problems if any."""
        out = [p.message for p in self._kept]
        note = self.note()
        if note:
            out.append(note)
        return out

    def __iter__(self) -> Iterator[ImportProblem]:
        return iter(self._kept)

    def __len__(self) -> int:
        return len(self._kept)

    def __bool__(self) -> bool:
        return self.total > 0

    def __repr__(self) -> str:
        return f"<ProblemLog errors={self.errors} warnings={self.warnings} kept={len(self._kept)}>"


@dataclass(slots=True)
class SourceInfo:
    """What a reader found out about its file. Counters fill in while iterating."""

    format: FileFormat
    filename: str | None
    container: Literal["csv", "xlsx"]
    encoding: str | None = None
    delimiter: str | None = None
    decimal_comma: bool = False
    sheet: str | None = None
    year: int | None = None
    header_line: int = 1
    #: column name in the file -> field or variable name used in the records
    columns: dict[str, str] = dataclasses.field(default_factory=dict)
    #: column names in the file that the reader ignores
    ignored_columns: list[str] = dataclasses.field(default_factory=list)
    rows_read: int = 0
    rows_skipped: int = 0
    records: int = 0
