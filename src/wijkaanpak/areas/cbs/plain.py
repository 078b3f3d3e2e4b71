"""Readers for simple files made by people: a list of areas, and figures per
area in "long" format (one row per area, indicator and year).

Both accept CSV (``;`` or ``,``; UTF-8 with or without BOM, or Windows-1252 /
Latin-1) and, since it costs nothing extra, the same columns in an xlsx sheet.
Column names may be English or Dutch (see :data:`AREA_COLUMNS` and
:data:`OBSERVATION_COLUMNS`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, TypeVar

from .base import FileFormat, ProblemCode, ProblemLog, Severity, Source, SourceInfo
from .codes import (
    KIND_LABELS_NL,
    AreaCode,
    AreaCodeError,
    AreaKind,
    parse_area_code,
    parse_area_kind,
)
from .reader import (
    RecordReader,
    cell_text,
    columns_problems,
    is_blank_row,
    number_error_text,
    open_logged,
)
from .tables import ColumnSpec, Table, load_source, open_table, resolve_columns, source_filename
from .values import NumberFormatError, ValueFlag, parse_cbs_integer, parse_cbs_number

__all__ = [
    "AREA_COLUMNS",
    "OBSERVATION_COLUMNS",
    "AreaRecord",
    "AreasReader",
    "ObservationRecord",
    "ObservationsReader",
    "PlainReader",
    "read_areas",
    "read_observations",
]

AREA_COLUMNS: Final[tuple[ColumnSpec, ...]] = (
    ColumnSpec(
        "code", ("code", "gebiedscode", "area_code", "gwb_code_10", "gwb_code"), True, "code"
    ),
    ColumnSpec("name", ("naam", "name", "gebiedsnaam", "area_name", "regio"), True, "naam"),
    ColumnSpec(
        "kind", ("type", "soort", "kind", "soort_gebied", "niveau", "level", "recs"), False, "soort"
    ),
    ColumnSpec(
        "parent_code",
        ("ouder", "parent", "parent_code", "parentcode", "ouder_code", "oudercode", "bovenliggend"),
        False,
        "ouder",
    ),
    ColumnSpec(
        "inhabitants",
        ("inwoners", "inhabitants", "aantal_inwoners", "population", "a_inw"),
        False,
        "inwoners",
    ),
    ColumnSpec(
        "homes",
        ("woningen", "homes", "aantal_woningen", "dwellings", "woningvoorraad", "a_woning"),
        False,
        "woningen",
    ),
)

OBSERVATION_COLUMNS: Final[tuple[ColumnSpec, ...]] = (
    ColumnSpec(
        "area_code",
        ("gebiedscode", "area_code", "code", "gebied", "area", "gwb_code_10", "regiocode"),
        True,
        "gebiedscode",
    ),
    ColumnSpec(
        "indicator",
        ("indicator", "indicator_code", "indicatorcode", "variabele", "variable", "kenmerk"),
        True,
        "indicator",
    ),
    ColumnSpec("period", ("jaar", "year", "period", "periode", "perioden"), True, "jaar"),
    ColumnSpec("value", ("waarde", "value"), True, "waarde"),
    ColumnSpec("source", ("bron", "source"), False, "bron"),
)

_MAX_NAME: Final = 200
_MAX_INDICATOR: Final = 100
_PERIOD = re.compile(r"((?:19|20)[0-9]{2})(?:JJ00)?(?:\.0+)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class AreaRecord:
    """One row of a plain areas file. ``parent_code`` is taken from the file or,
    when that column is absent or empty, derived from the code."""

    line: int
    code: AreaCode
    name: str
    kind: AreaKind
    parent_code: str | None
    inhabitants: int | None
    homes: int | None


@dataclass(frozen=True, slots=True)
class ObservationRecord:
    """One figure: an indicator for an area in a year."""

    line: int
    area: AreaCode
    indicator: str
    period: int
    value: float | None
    flag: ValueFlag | None
    source: str | None


R = TypeVar("R")


class PlainReader(RecordReader[R]):
    """Base for readers whose columns are found by name (see :class:`ColumnSpec`)."""

    specs: tuple[ColumnSpec, ...] = ()

    def __init__(self, table: Table, info: SourceInfo, problems: ProblemLog | None) -> None:
        super().__init__(table, info, problems)
        resolved = resolve_columns(table.header, self.specs)
        found = columns_problems(resolved, table.header, self.specs, header_line=table.header_line)
        errors = [p for p in found if p.severity is Severity.ERROR]
        if errors:
            self.fail(found)
        for problem in found:
            self.problems.add(problem)
        self.columns = resolved.index
        info.columns = {table.header[i]: f for f, i in resolved.index.items()}
        info.ignored_columns = [name for _, name in resolved.unknown]
        self._seen: dict[object, int] = {}

    def text(self, cells: Sequence[object], field: str) -> str:
        index = self.columns.get(field)
        if index is None or index >= len(cells):
            return ""
        return cell_text(cells[index])

    def missing(self, line: int, field: str, what: str) -> None:
        self.cell_problem(
            line,
            self.columns[field],
            field,
            ProblemCode.MISSING_VALUE,
            f"{what} ontbreekt. Dit veld is verplicht.",
        )

    def read_code(self, line: int, cells: Sequence[object], field: str) -> AreaCode | None:
        text = self.text(cells, field)
        if not text:
            self.missing(line, field, "de gebiedscode")
            return None
        try:
            return parse_area_code(text)
        except AreaCodeError as exc:
            self.cell_problem(
                line, self.columns[field], field, ProblemCode.INVALID_CODE, exc.message, value=text
            )
            return None

    def read_count(self, line: int, cells: Sequence[object], field: str) -> tuple[bool, int | None]:
        """A whole number >= 0, or ``None`` when empty/unknown. Returns ``(ok, value)``."""
        index = self.columns.get(field)
        if index is None or index >= len(cells):
            return True, None
        raw = cells[index]
        try:
            value, _flag = parse_cbs_integer(raw, decimal_comma=self.table.decimal_comma)
        except NumberFormatError as exc:
            code, text = number_error_text(exc)
            self.cell_problem(line, index, field, code, text, value=cell_text(raw))
            return False, None
        if value is not None and value < 0:
            self.cell_problem(
                line,
                index,
                field,
                ProblemCode.NEGATIVE,
                f"'{cell_text(raw)}' is kleiner dan 0. Een aantal kan niet negatief zijn.",
                value=cell_text(raw),
            )
            return False, None
        return True, value

    def first_seen(self, key: object, line: int) -> int | None:
        previous = self._seen.get(key)
        if previous is None:
            self._seen[key] = line
        return previous


class AreasReader(PlainReader[AreaRecord]):
    """Records from a plain areas file. Create it with :func:`read_areas`."""

    specs = AREA_COLUMNS

    def read_row(self, line: int, cells: Sequence[object]) -> AreaRecord | None:
        if is_blank_row(cells):
            self.info.rows_skipped += 1
            return None
        if not self.check_row_length(line, cells):
            return None
        ok = True
        code = self.read_code(line, cells, "code")
        name = self.text(cells, "name")
        if not name:
            self.missing(line, "name", "de naam")
            ok = False
        elif len(name) > _MAX_NAME:
            self.cell_problem(
                line,
                self.columns["name"],
                "name",
                ProblemCode.VALUE_TOO_LONG,
                f"de naam is te lang ({len(name)} tekens). Het mogen er hooguit {_MAX_NAME} zijn.",
                value=name,
            )
            ok = False
        kind_text = self.text(cells, "kind")
        kind: AreaKind | None = None
        if kind_text:
            kind = parse_area_kind(kind_text)
            if kind is None:
                self.cell_problem(
                    line,
                    self.columns["kind"],
                    "kind",
                    ProblemCode.UNKNOWN_KIND,
                    f"'{kind_text}' kennen we niet als soort gebied. "
                    "Gebruik gemeente, wijk of buurt.",
                    value=kind_text,
                )
                ok = False
        parent_text = self.text(cells, "parent_code").upper()
        ok_inh, inhabitants = self.read_count(line, cells, "inhabitants")
        ok_homes, homes = self.read_count(line, cells, "homes")
        ok = ok and ok_inh and ok_homes
        if code is None:
            return None
        if kind is not None and kind != code.kind:
            self.cell_problem(
                line,
                self.columns["kind"],
                "kind",
                ProblemCode.KIND_MISMATCH,
                f"de soort is '{kind_text}', maar {code.code} is de code van een "
                f"{KIND_LABELS_NL[code.kind]}.",
                value=kind_text,
                details={"code": code.code, "expected": code.kind, "found": kind},
            )
            ok = False
        if parent_text and parent_text != (code.parent_code or ""):
            if code.parent_code is None:
                text = (
                    f"een gemeente heeft geen bovenliggend gebied, maar hier staat '{parent_text}'."
                )
            else:
                text = (
                    f"de bovenliggende code is '{parent_text}', maar bij {code.code} "
                    f"hoort {code.parent_code}."
                )
            self.cell_problem(
                line,
                self.columns["parent_code"],
                "parent_code",
                ProblemCode.PARENT_MISMATCH,
                text,
                value=parent_text,
                details={"code": code.code, "expected": code.parent_code},
            )
            ok = False
        previous = self.first_seen(code.code, line)
        if previous is not None:
            self.cell_problem(
                line,
                self.columns["code"],
                "code",
                ProblemCode.DUPLICATE_CODE,
                f"code {code.code} staat ook al op regel {previous}.",
                value=code.code,
                details={"first_line": previous},
            )
            return None
        if not ok:
            return None
        return AreaRecord(
            line=line,
            code=code,
            name=name,
            kind=code.kind,
            parent_code=code.parent_code,
            inhabitants=inhabitants,
            homes=homes,
        )


class ObservationsReader(PlainReader[ObservationRecord]):
    """Records from a long-format figures file. Create it with :func:`read_observations`."""

    specs = OBSERVATION_COLUMNS

    def __init__(
        self,
        table: Table,
        info: SourceInfo,
        problems: ProblemLog | None,
        *,
        default_source: str | None = None,
    ) -> None:
        super().__init__(table, info, problems)
        self.default_source = default_source

    def read_row(self, line: int, cells: Sequence[object]) -> ObservationRecord | None:
        if is_blank_row(cells):
            self.info.rows_skipped += 1
            return None
        if not self.check_row_length(line, cells):
            return None
        ok = True
        area = self.read_code(line, cells, "area_code")
        indicator = self.text(cells, "indicator")
        if not indicator:
            self.missing(line, "indicator", "de indicator")
            ok = False
        elif len(indicator) > _MAX_INDICATOR:
            self.cell_problem(
                line,
                self.columns["indicator"],
                "indicator",
                ProblemCode.VALUE_TOO_LONG,
                f"de indicator is te lang ({len(indicator)} tekens). "
                f"Het mogen er hooguit {_MAX_INDICATOR} zijn.",
                value=indicator,
            )
            ok = False
        period_text = self.text(cells, "period")
        period: int | None = None
        if not period_text:
            self.missing(line, "period", "het jaar")
            ok = False
        else:
            m = _PERIOD.fullmatch(period_text)
            if m is None:
                self.cell_problem(
                    line,
                    self.columns["period"],
                    "period",
                    ProblemCode.INVALID_PERIOD,
                    f"'{period_text}' is geen geldig jaar. Gebruik 4 cijfers, bijvoorbeeld 2024.",
                    value=period_text,
                )
                ok = False
            else:
                period = int(m.group(1))
        index = self.columns["value"]
        raw = cells[index] if index < len(cells) else None
        value: float | None = None
        flag: ValueFlag | None = None
        try:
            value, flag = parse_cbs_number(raw, decimal_comma=self.table.decimal_comma)
        except NumberFormatError as exc:
            code, text = number_error_text(exc)
            self.cell_problem(line, index, "value", code, text, value=cell_text(raw))
            ok = False
        if area is None or period is None or not ok:
            return None
        previous = self.first_seen((area.code, indicator, period), line)
        if previous is not None:
            self.row_problem(
                line,
                ProblemCode.DUPLICATE_OBSERVATION,
                f"de waarde voor {area.code}, {indicator}, {period} staat ook al op regel "
                f"{previous}.",
                details={"first_line": previous},
            )
            return None
        return ObservationRecord(
            line=line,
            area=area,
            indicator=indicator,
            period=period,
            value=value,
            flag=flag,
            source=self.text(cells, "source") or self.default_source,
        )


def _open(source: Source, sheet: str | None, specs: Sequence[ColumnSpec]) -> Table:
    def complete(header: Sequence[str]) -> bool:
        return not resolve_columns(header, specs).missing

    # In a workbook: the first sheet (and row) holding all required columns.
    return open_table(load_source(source), sheet=sheet, is_header=complete)


def _info(fmt_csv: FileFormat, fmt_xlsx: FileFormat, table: Table, name: str | None) -> SourceInfo:
    return SourceInfo(
        format=fmt_xlsx if table.container == "xlsx" else fmt_csv,
        filename=name,
        container=table.container,
        encoding=table.encoding,
        delimiter=table.delimiter,
        decimal_comma=table.decimal_comma,
        sheet=table.sheet,
    )


def read_areas(
    source: Source,
    filename: str | None = None,
    *,
    sheet: str | None = None,
    problems: ProblemLog | None = None,
) -> AreasReader:
    """Open a plain areas file: columns code, naam (required), soort, ouder,
    inwoners, woningen (optional; English names work too)."""
    name = source_filename(source, filename)
    table = open_logged(problems, lambda: _open(source, sheet, AREA_COLUMNS))
    return AreasReader(
        table, _info(FileFormat.AREAS_CSV, FileFormat.AREAS_XLSX, table, name), problems
    )


def read_observations(
    source: Source,
    filename: str | None = None,
    *,
    sheet: str | None = None,
    default_source: str | None = None,
    problems: ProblemLog | None = None,
) -> ObservationsReader:
    """Open a long-format figures file: columns gebiedscode, indicator, jaar,
    waarde (required) and bron (optional; ``default_source`` when absent)."""
    name = source_filename(source, filename)
    table = open_logged(problems, lambda: _open(source, sheet, OBSERVATION_COLUMNS))
    info = _info(FileFormat.OBSERVATIONS_CSV, FileFormat.OBSERVATIONS_XLSX, table, name)
    return ObservationsReader(table, info, problems, default_source=default_source)
