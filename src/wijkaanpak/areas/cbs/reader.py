"""Base class for the record readers: iteration, closing, problem reporting."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Sequence
from types import TracebackType
from typing import Generic, NoReturn, TypeVar

from .base import (
    ImportFailed,
    ImportProblem,
    ProblemCode,
    ProblemLog,
    Severity,
    SourceInfo,
)
from .tables import ColumnSpec, ResolvedColumns, Table, cell_text
from .values import NumberFormatError

__all__ = [
    "RecordReader",
    "cell_text",
    "columns_problems",
    "is_blank_row",
    "number_error_text",
    "open_logged",
    "year_from_text",
]

R = TypeVar("R")
T = TypeVar("T")

_KWB_YEAR = re.compile(r"kwb[-_ ]?((?:19|20)[0-9]{2})(?![0-9])", re.IGNORECASE)
_ANY_YEAR = re.compile(r"(?<![0-9])((?:199|20[0-9])[0-9])(?![0-9])")


def year_from_text(text: str | None, *, kwb_only: bool = False) -> int | None:
    """A year from a file or sheet name: ``kwb-2023...`` first, else any
    standalone 1990-2099 (unless ``kwb_only``)."""
    if not text:
        return None
    m = _KWB_YEAR.search(text)
    if m:
        return int(m.group(1))
    if kwb_only:
        return None
    m = _ANY_YEAR.search(text)
    return int(m.group(1)) if m else None


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)


def columns_problems(
    resolved: ResolvedColumns,
    header: Sequence[str],
    specs: Sequence[ColumnSpec],
    *,
    header_line: int = 1,
) -> list[ImportProblem]:
    """Problems about the header row: missing/duplicate columns (errors) and
    unknown columns (an error together with missing ones, else a warning)."""
    problems: list[ImportProblem] = []
    expected = ", ".join(s.label for s in specs)
    unknown_names = [name for _, name in resolved.unknown]
    if resolved.missing:
        missing_labels = [s.label for s in resolved.missing]
        message = f"Het bestand mist deze verplichte kolommen: {_quoted(missing_labels)}."
        if unknown_names:
            message += f" Deze kolommen kennen we niet: {_quoted(unknown_names)}."
        message += f" Gebruik deze namen in de eerste regel (de kopregel): {expected}."
        problems.append(
            ImportProblem(
                header_line,
                None,
                None,
                message,
                ProblemCode.MISSING_COLUMNS,
                details={
                    "missing": tuple(s.field for s in resolved.missing),
                    "missing_labels": tuple(missing_labels),
                    "unknown": tuple(unknown_names),
                    "expected": tuple(s.label for s in specs),
                    "found": tuple(header),
                },
            )
        )
    elif unknown_names:
        problems.append(
            ImportProblem(
                header_line,
                None,
                None,
                f"Deze kolommen kennen we niet. We slaan ze over: {_quoted(unknown_names)}.",
                ProblemCode.UNKNOWN_COLUMNS,
                severity=Severity.WARNING,
                details={
                    "unknown": tuple(unknown_names),
                    "expected": tuple(s.label for s in specs),
                },
            )
        )
    for field_name, positions in resolved.duplicates:
        names = [header[i] for i in positions]
        problems.append(
            ImportProblem(
                header_line,
                None,
                field_name,
                f"De kolom '{names[0]}' staat {len(positions)} keer in de kopregel "
                f"(kolom {' en '.join(str(p + 1) for p in positions)}). Haal de dubbele weg.",
                ProblemCode.DUPLICATE_COLUMN,
                header=names[0],
                details={"positions": tuple(p + 1 for p in positions), "headers": tuple(names)},
            )
        )
    return problems


class RecordReader(Generic[R]):
    """An iterable over the records of one file. Iterate once; the file is
    closed when iteration ends (or on :meth:`close` / leaving a ``with`` block).

    Problems go to :attr:`problems`. When the reader was created without a
    :class:`ProblemLog`, the first error raises :class:`ImportFailed` instead.
    Rows whose area cannot be identified are skipped; a value that cannot be
    read becomes ``None`` with flag ``invalid`` and its row is still yielded, so
    a caller can show a complete preview. Check ``problems.has_errors`` before
    storing anything. A file that breaks off (bad CSV quoting, corrupt xlsx)
    raises :class:`ImportFailed` during iteration.
    """

    def __init__(self, table: Table, info: SourceInfo, problems: ProblemLog | None) -> None:
        self.table = table
        self.info = info
        self.problems = problems if problems is not None else ProblemLog(raise_on_error=True)
        self._started = False
        info.header_line = table.header_line

    # -- iteration ---------------------------------------------------------------

    def __iter__(self) -> Iterator[R]:
        if self._started:
            raise RuntimeError(
                "Een reader kan maar één keer worden gelezen; open het bestand opnieuw."
            )
        self._started = True
        return self._run()

    def _run(self) -> Iterator[R]:
        try:
            rows = self.table.rows
            while True:
                try:
                    item = next(rows)
                except StopIteration:
                    return
                except ImportFailed as exc:  # a limit of .tables (too many rows or cells)
                    self.fail(exc.problems)
                except Exception as exc:  # broken CSV quoting, corrupt xlsx XML, ...
                    self.fail([self._unreadable(exc)])
                line, cells = item
                if not any(cells):  # empty line, or only separators / empty cells
                    continue
                self.info.rows_read += 1
                record = self.read_row(line, cells)
                if record is not None:
                    self.info.records += 1
                    yield record
        finally:
            self.close()

    def _unreadable(self, exc: Exception) -> ImportProblem:
        where = f"na regel {self.info.rows_read + self.table.header_line}"
        hint = (
            'Staat er ergens een aanhalingsteken (") te veel?'
            if isinstance(exc, csv.Error)
            else "Misschien is het bestand beschadigd."
        )
        return ImportProblem(
            None,
            None,
            None,
            f"We kunnen het bestand {where} niet verder lezen. {hint}",
            ProblemCode.ROW_UNREADABLE,
            details={"error": str(exc)},
        )

    def read_row(self, line: int, cells: Sequence[object]) -> R | None:
        """Turn one row into a record, or ``None`` to skip it."""
        raise NotImplementedError

    def read_all(self) -> list[R]:
        """All records as a list (fine for small files; prefer iterating)."""
        return list(self)

    def close(self) -> None:
        self.table.close()

    def __enter__(self) -> RecordReader[R]:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- problems ----------------------------------------------------------------

    def fail(self, problems: Sequence[ImportProblem]) -> NoReturn:
        """Record fatal problems and raise :class:`ImportFailed`."""
        for problem in problems:
            self.problems.add(problem, may_raise=False)
        self.close()
        raise ImportFailed(problems)

    def header_name(self, index: int) -> str:
        header = self.table.header
        return header[index] if index < len(header) else ""

    def cell_problem(
        self,
        line: int,
        index: int,
        field: str | None,
        code: ProblemCode,
        text: str,
        *,
        value: str | None = None,
        severity: Severity = Severity.ERROR,
        details: dict[str, object] | None = None,
    ) -> None:
        """Report a problem in one cell: ``regel 57, kolom 'inwoners' (5): <text>``."""
        header = self.header_name(index)
        label = self.table.column_label(index)
        self.problems.add(
            ImportProblem(
                line,
                label,
                field,
                f"regel {line}, kolom '{header}' ({label}): {text}",
                code,
                header=header,
                value=value,
                severity=severity,
                details=details or {},
            )
        )

    def row_problem(
        self,
        line: int,
        code: ProblemCode,
        text: str,
        *,
        details: dict[str, object] | None = None,
    ) -> None:
        self.problems.add(
            ImportProblem(line, None, None, f"regel {line}: {text}", code, details=details or {})
        )

    def check_row_length(self, line: int, cells: Sequence[object]) -> bool:
        """CSV rows must have as many cells as the header (extra empty cells are
        fine). xlsx rows are padded by the sheet and never fail."""
        expected = len(self.table.header)
        found = len(cells)
        if found == expected or self.table.container == "xlsx":
            return True
        if found > expected and not any(cell_text(c) for c in cells[expected:]):
            return True
        delimiter = self.table.delimiter or ","
        shown = "tab" if delimiter == "\t" else delimiter
        if any("\n" in c for c in cells if isinstance(c, str)):
            hint = 'Misschien staat er een aanhalingsteken (") te veel in.'
        else:
            hint = f"Kijk of er een scheidingsteken ({shown}) te veel of te weinig in staat."
        self.row_problem(
            line,
            ProblemCode.ROW_LENGTH,
            f"deze regel heeft {found} kolommen, maar de kopregel heeft er {expected}. {hint}",
            details={"found": found, "expected": expected},
        )
        return False


def is_blank_row(cells: Sequence[object]) -> bool:
    return not any(cell_text(c) for c in cells)


def number_error_text(exc: NumberFormatError) -> tuple[ProblemCode, str]:
    """Problem code and Dutch text for a cell that is not a (whole) number."""
    if exc.reason == "not_an_integer":
        return ProblemCode.NOT_AN_INTEGER, f"'{exc.value}' is geen geheel getal."
    if exc.reason == "decimal_comma":
        return (
            ProblemCode.NOT_A_NUMBER,
            f"'{exc.value}' is geen getal. Gebruik een punt voor decimalen (bijvoorbeeld 1.9), "
            "of gebruik ; als scheidingsteken in het bestand.",
        )
    return ProblemCode.NOT_A_NUMBER, f"'{exc.value}' is geen getal."


def open_logged(problems: ProblemLog | None, opener: Callable[[], T]) -> T:
    """Run ``opener``; if it raises :class:`ImportFailed`, record its problems in
    ``problems`` (when given) before re-raising."""
    try:
        return opener()
    except ImportFailed as exc:
        if problems is not None:
            for problem in exc.problems:
                problems.add(problem, may_raise=False)
        raise
