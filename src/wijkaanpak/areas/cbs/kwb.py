"""Reader for CBS "Kerncijfers wijken en buurten" in CBS's own layout
(``kwb-YYYY.xlsx`` and the same table as CSV).

Columns: ``gwb_code_10`` (GM/WK/BU code), ``gwb_code_8``, ``regio`` (name),
``gm_naam``, ``recs`` (Gemeente/Wijk/Buurt), ``gwb_code``, ``ind_wbi``, then the
numeric variables (``a_inw``, ``a_woning``, ``g_wozbag``, ...). The national file
starts with a row for the whole country (``NL00``, recs ``Land``); it is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from .base import (
    FileFormat,
    ImportProblem,
    ProblemCode,
    ProblemLog,
    Severity,
    Source,
    SourceInfo,
)
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
    is_blank_row,
    number_error_text,
    open_logged,
    year_from_text,
)
from .tables import Table, load_source, normalise_header, open_table, source_filename
from .values import NumberFormatError, ValueFlag, parse_cbs_integer, parse_cbs_number

__all__ = [
    "KWB_IDENTITY_COLUMNS",
    "KWB_TEXT_VARIABLES",
    "AreaFiguresReader",
    "KwbReader",
    "KwbRecord",
    "is_kwb_header",
    "is_kwb_sheet_name",
    "read_kwb",
]

#: Columns that identify the area rather than hold a statistic.
KWB_IDENTITY_COLUMNS: Final = (
    "gwb_code_10",
    "gwb_code_8",
    "regio",
    "gm_naam",
    "recs",
    "gwb_code",
    "ind_wbi",
)
#: Variables that hold text, kept in :attr:`KwbRecord.texts` (older years: ``water`` JA/NEE).
KWB_TEXT_VARIABLES: Final = frozenset({"water"})

_KWB_SHEET = re.compile(r"kwb[-_ ]?[0-9]{4}.*", re.IGNORECASE)
_MIN_YEAR: Final = 1990
_MAX_YEAR: Final = 2100
_CACHE_SIZE: Final = 50_000


@dataclass(frozen=True, slots=True)
class KwbRecord:
    """One area (gemeente, wijk or buurt) with its key figures for one year.

    ``values`` maps every variable to a number or ``None``; ``flags`` holds a
    :class:`ValueFlag` only for values that were not a plain number (``.``
    unknown, blank not applicable, ``*`` provisional, unreadable ...).
    ``name`` is ``None`` only for StatLine files that carry codes but no names.
    """

    line: int
    code: AreaCode
    name: str | None
    kind: AreaKind
    municipality_name: str | None
    ind_wbi: int | None
    year: int
    values: dict[str, float | None]
    flags: dict[str, ValueFlag] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def value(self, variable: str) -> float | None:
        return self.values.get(variable)

    def flag(self, variable: str) -> ValueFlag | None:
        return self.flags.get(variable)


def is_kwb_header(header: Sequence[str]) -> bool:
    names = {normalise_header(h) for h in header}
    return "gwb_code_10" in names or ("gwb_code" in names and "recs" in names)


def is_kwb_sheet_name(name: str) -> bool:
    return _KWB_SHEET.fullmatch(name.strip()) is not None


def resolve_year(
    year: int | None, filename: str | None, sheet: str | None
) -> tuple[int | None, list[ImportProblem]]:
    """The statistical year: the ``year`` argument, else ``kwb-YYYY`` in the file
    or sheet name, else a year elsewhere in the file name."""
    notes: list[ImportProblem] = []
    from_name = year_from_text(filename, kwb_only=True) or year_from_text(sheet, kwb_only=True)
    from_name = from_name or year_from_text(filename)
    if year is None:
        return from_name, notes
    if from_name is not None and from_name != year:
        notes.append(
            ImportProblem(
                None,
                None,
                None,
                f"In de bestandsnaam staat {from_name}, maar u koos {year}. We gebruiken {year}.",
                ProblemCode.YEAR_UNKNOWN,
                severity=Severity.WARNING,
                details={"year": year, "year_in_name": from_name},
            )
        )
    return year, notes


def year_problems(year: int | None) -> list[ImportProblem]:
    if year is None:
        return [
            ImportProblem(
                None,
                None,
                None,
                "We weten niet over welk jaar dit bestand gaat. Zet het jaar in de "
                "bestandsnaam (bijvoorbeeld kwb-2024.xlsx) of kies het jaar bij het uploaden.",
                ProblemCode.YEAR_UNKNOWN,
            )
        ]
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return [
            ImportProblem(
                None,
                None,
                None,
                f"{year} is geen geldig jaar voor deze cijfers.",
                ProblemCode.YEAR_UNKNOWN,
                details={"year": year},
            )
        ]
    return []


class AreaFiguresReader(RecordReader[KwbRecord]):
    """Shared checks of the kwb and StatLine readers."""

    def __init__(self, table: Table, info: SourceInfo, problems: ProblemLog | None) -> None:
        super().__init__(table, info, problems)
        self.year = 0
        self._seen: dict[str, int] = {}
        self._cache: dict[str, tuple[float | None, ValueFlag | None]] = {}

    def check_kind(self, line: int, index: int | None, kind_text: str, code: AreaCode) -> bool:
        """The kind column (``recs``/``SoortRegio``) must agree with the code.
        Without a kind column (``index`` is ``None``) the code decides."""
        if index is None:
            return True
        kind = parse_area_kind(kind_text)
        if kind is None:
            text = (
                f"'{kind_text}' kennen we niet als soort gebied. "
                if kind_text
                else "de soort gebied ontbreekt. "
            )
            self.cell_problem(
                line,
                index,
                "kind",
                ProblemCode.UNKNOWN_KIND,
                text + "Hier hoort Gemeente, Wijk of Buurt te staan.",
                value=kind_text,
            )
            return False
        if kind != code.kind:
            self.cell_problem(
                line,
                index,
                "kind",
                ProblemCode.KIND_MISMATCH,
                f"de soort is '{kind_text}', maar {code.code} is de code van een "
                f"{KIND_LABELS_NL[code.kind]}.",
                value=kind_text,
                details={"code": code.code, "expected": code.kind, "found": kind},
            )
            return False
        return True

    def check_unique(self, line: int, index: int, code: str, year: int | None = None) -> bool:
        """A code (per year, when the file holds several years) may occur once."""
        key = code if year is None else f"{code}/{year}"
        previous = self._seen.get(key)
        if previous is not None:
            when = "" if year is None else f" voor {year}"
            self.cell_problem(
                line,
                index,
                "code",
                ProblemCode.DUPLICATE_CODE,
                f"code {code}{when} staat ook al op regel {previous}.",
                value=code,
                details={"first_line": previous},
            )
            return False
        self._seen[key] = line
        return True

    def read_ind_wbi(self, line: int, cells: Sequence[object], index: int | None) -> int | None:
        if index is None or index >= len(cells):
            return None
        try:
            value, _flag = parse_cbs_integer(cells[index], decimal_comma=self.table.decimal_comma)
        except NumberFormatError as exc:
            code, text = number_error_text(exc)
            self.cell_problem(line, index, "ind_wbi", code, text, value=exc.value)
            return None
        return value

    def read_values(
        self, line: int, cells: Sequence[object], columns: Sequence[tuple[int, str]]
    ) -> tuple[dict[str, float | None], dict[str, ValueFlag]]:
        """Parse the variable cells of one row. This is the hot loop (a national
        file has ~2 million cells), hence the cache of parsed cell texts."""
        values: dict[str, float | None] = {}
        flags: dict[str, ValueFlag] = {}
        decimal_comma = self.table.decimal_comma
        cache = self._cache
        n = len(cells)
        for i, var in columns:
            raw = cells[i] if i < n else None
            if type(raw) is str:
                parsed = cache.get(raw)
                if parsed is None:
                    try:
                        parsed = parse_cbs_number(raw, decimal_comma=decimal_comma)
                    except NumberFormatError as exc:
                        self.value_problem(line, i, var, exc)
                        values[var] = None
                        flags[var] = ValueFlag.INVALID
                        continue
                    if len(cache) < _CACHE_SIZE:
                        cache[raw] = parsed
                value, flag = parsed
            elif type(raw) is int:
                values[var] = float(raw)
                continue
            else:
                try:
                    value, flag = parse_cbs_number(raw, decimal_comma=decimal_comma)
                except NumberFormatError as exc:
                    self.value_problem(line, i, var, exc)
                    values[var] = None
                    flags[var] = ValueFlag.INVALID
                    continue
            values[var] = value
            if flag is not None:
                flags[var] = flag
        return values, flags

    def value_problem(self, line: int, index: int, variable: str, exc: NumberFormatError) -> None:
        code, text = number_error_text(exc)
        self.cell_problem(line, index, variable, code, text, value=exc.value)


class KwbReader(AreaFiguresReader):
    """Records from a kwb-YYYY file. Create it with :func:`read_kwb`."""

    def __init__(
        self, table: Table, info: SourceInfo, problems: ProblemLog | None, *, year: int | None
    ) -> None:
        super().__init__(table, info, problems)
        header = table.header
        norm = [normalise_header(h) for h in header]
        positions: dict[str, list[int]] = {}
        for i, name in enumerate(norm):
            if name:
                positions.setdefault(name, []).append(i)

        fatal: list[ImportProblem] = []
        for name, where in positions.items():
            if len(where) > 1:
                fatal.append(
                    ImportProblem(
                        table.header_line,
                        None,
                        name,
                        f"De kolom '{header[where[0]]}' staat {len(where)} keer in de kopregel "
                        f"(kolom {' en '.join(str(table.column_label(i)) for i in where)}). "
                        "Haal de dubbele weg.",
                        ProblemCode.DUPLICATE_COLUMN,
                        header=header[where[0]],
                        details={"positions": tuple(table.column_label(i) for i in where)},
                    )
                )
        code_column = "gwb_code_10" if "gwb_code_10" in positions else "gwb_code"
        missing = [c for c in (code_column, "regio", "recs") if c not in positions]
        if missing:
            fatal.append(
                ImportProblem(
                    table.header_line,
                    None,
                    None,
                    "Dit is geen bestand met Kerncijfers wijken en buurten zoals het CBS die "
                    f"maakt. Deze kolommen ontbreken: {', '.join(repr(m) for m in missing)}.",
                    ProblemCode.MISSING_COLUMNS,
                    details={"missing": tuple(missing), "found": tuple(header)},
                )
            )
        resolved_year, notes = resolve_year(year, info.filename, table.sheet)
        fatal.extend(year_problems(resolved_year))
        if fatal:
            self.fail(fatal)
        for note in notes:
            self.problems.add(note)
        assert resolved_year is not None
        self.year = resolved_year
        info.year = resolved_year

        def first(name: str) -> int | None:
            where = positions.get(name)
            return where[0] if where else None

        self._i_code = positions[code_column][0]
        self._i_code_alt = first("gwb_code") if code_column == "gwb_code_10" else None
        self._i_name = positions["regio"][0]
        self._i_kind = positions["recs"][0]
        self._i_gm = first("gm_naam")
        self._i_wbi = first("ind_wbi")
        identity = set(KWB_IDENTITY_COLUMNS)
        self._variables = [
            (i, n)
            for i, n in enumerate(norm)
            if n and n not in identity and n not in KWB_TEXT_VARIABLES
        ]
        self._texts = [(i, n) for i, n in enumerate(norm) if n in KWB_TEXT_VARIABLES]
        info.columns = {header[i]: n for i, n in enumerate(norm) if n}

    def read_row(self, line: int, cells: Sequence[object]) -> KwbRecord | None:
        if not self.check_row_length(line, cells):
            return None
        n = len(cells)
        code_text = cell_text(cells[self._i_code]) if self._i_code < n else ""
        if not code_text and self._i_code_alt is not None and self._i_code_alt < n:
            code_text = cell_text(cells[self._i_code_alt])
        kind_text = cell_text(cells[self._i_kind]) if self._i_kind < n else ""
        if not code_text:
            if is_blank_row(cells):
                self.info.rows_skipped += 1
            else:
                self.cell_problem(
                    line,
                    self._i_code,
                    "code",
                    ProblemCode.MISSING_VALUE,
                    "de gebiedscode ontbreekt.",
                )
            return None
        if code_text[:2].upper() == "NL" or kind_text.lower() == "land":
            self.info.rows_skipped += 1  # the row for the whole country
            return None
        try:
            code = parse_area_code(code_text)
        except AreaCodeError as exc:
            self.cell_problem(
                line, self._i_code, "code", ProblemCode.INVALID_CODE, exc.message, value=code_text
            )
            return None
        if not self.check_kind(line, self._i_kind, kind_text, code):
            return None
        name = cell_text(cells[self._i_name]) if self._i_name < n else ""
        if not name:
            self.cell_problem(
                line,
                self._i_name,
                "name",
                ProblemCode.MISSING_VALUE,
                "de naam van het gebied ontbreekt.",
            )
            return None
        if not self.check_unique(line, self._i_code, code.code):
            return None
        municipality_name = (
            cell_text(cells[self._i_gm]) if self._i_gm is not None and self._i_gm < n else ""
        )
        ind_wbi = self.read_ind_wbi(line, cells, self._i_wbi)
        values, flags = self.read_values(line, cells, self._variables)
        texts = {
            var: cell_text(cells[i]) for i, var in self._texts if i < n and cell_text(cells[i])
        }
        return KwbRecord(
            line=line,
            code=code,
            name=name,
            kind=code.kind,
            municipality_name=municipality_name or None,
            ind_wbi=ind_wbi,
            year=self.year,
            values=values,
            flags=flags,
            texts=texts,
        )


def read_kwb(
    source: Source,
    filename: str | None = None,
    *,
    year: int | None = None,
    sheet: str | None = None,
    problems: ProblemLog | None = None,
) -> KwbReader:
    """Open a CBS kwb file (xlsx or CSV, decided by content) for reading.

    ``year`` overrides the year found in the file name (``kwb-2023...``) or sheet
    name. The xlsx sheet is ``sheet``, else a sheet named ``kwb-YYYY``, else the
    first sheet with a ``gwb_code_10`` header. Raises :class:`ImportFailed` when
    the file cannot be used at all.
    """
    name = source_filename(source, filename)

    def opener() -> Table:
        return open_table(
            load_source(source),
            sheet=sheet,
            is_header=is_kwb_header,
            prefer_sheet=is_kwb_sheet_name,
        )

    table = open_logged(problems, opener)
    info = SourceInfo(
        format=FileFormat.KWB_XLSX if table.container == "xlsx" else FileFormat.KWB_CSV,
        filename=name,
        container=table.container,
        encoding=table.encoding,
        delimiter=table.delimiter,
        decimal_comma=table.decimal_comma,
        sheet=table.sheet,
    )
    return KwbReader(table, info, problems, year=year)
