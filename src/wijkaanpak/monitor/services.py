"""The one write path of the monitor: importing figures, strengths of an area, the index
settings.

Importing (``observations_import``)
===================================

1. **Read everything first.** The file goes through the areas app's CBS readers
   (``wijkaanpak.areas.cbs.open_reader``, via :mod:`.readers` which also keeps the national
   row). Every problem is collected with its line and column; the catalogue and the areas
   are checked too. When anything is wrong, :class:`ObservationImportFailed` is raised and
   nothing is stored.
2. **Then write in one durable transaction**: missing catalogue entries, missing areas,
   then the observations as one bulk upsert, the boundary flags (``ind_wbi``) and a record
   of the import.

Which figures are taken from a kwb/StatLine file: every indicator of the catalogue (the
database, plus the built-in entries of :mod:`.catalogue`, created on first use) whose
variables are columns of the file; derived indicators (``bijstand_per_1000`` = ``a_soz_wb``
/ ``a_inw`` x 1,000) are computed from the same row. Other columns are listed as skipped.
Every cell is stored, also CBS's ``.`` (value empty, status *unknown*) and blank (status
*cannot occur*): a later release of the same year may fill them in.

Areas unknown in the database are **created** from kwb and StatLine rows (code, name,
kind, parent from the code); their parent must be in the file or in the database. The
names and the tree of existing areas are not changed here (that is ``wijk areas import``),
but the inhabitants and homes of every area in the file (``a_inw``/``a_woning``) are
recorded for their year through ``areas.services.area_figures_record``, the same path as the
area import: an unknown value there never erases a known one. A long-format file has no names, so an unknown area there is a
problem with its line and column.

Re-importing the same file changes nothing: existing values are compared first and only
new or changed rows are written (the report counts new, changed and unchanged figures).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.permissions import ImportScope, import_scope, is_admin, recorded_role
from wijkaanpak.areas import cbs
from wijkaanpak.areas.models import Area, AreaKind
from wijkaanpak.core.services import clean_or_raise
from wijkaanpak.monitor import catalogue as builtin
from wijkaanpak.monitor.models import (
    AreaYear,
    DataSource,
    IndexSettings,
    Indicator,
    Observation,
    ObservationImport,
    Strength,
    StrengthStatus,
    ValueStatus,
)
from wijkaanpak.monitor.readers import NATIONAL, open_figures

#: Problems shown at most (the reader's own limit as well).
PROBLEM_LIMIT = cbs.DEFAULT_PROBLEM_LIMIT
#: Rows per executemany batch of the bulk upsert.
UPSERT_BATCH = 5000

#: CBS flag -> stored status, as plain strings (this runs for every cell of a national file).
_FLAG_STATUS: dict[cbs.ValueFlag, str] = {
    cbs.ValueFlag.UNKNOWN: ValueStatus.UNKNOWN.value,
    cbs.ValueFlag.NOT_APPLICABLE: ValueStatus.NOT_APPLICABLE.value,
    cbs.ValueFlag.SECRET: ValueStatus.SECRET.value,
    cbs.ValueFlag.NIL: ValueStatus.KNOWN.value,
    cbs.ValueFlag.PROVISIONAL: ValueStatus.PROVISIONAL.value,
    cbs.ValueFlag.REVISED_PROVISIONAL: ValueStatus.REVISED.value,
    cbs.ValueFlag.INVALID: ValueStatus.UNKNOWN.value,
}
_OK = ValueStatus.KNOWN.value
_KIND_ORDER = {AreaKind.MUNICIPALITY: 0, AreaKind.DISTRICT: 1, AreaKind.NEIGHBOURHOOD: 2}
_AREA_FORMATS = (cbs.FileFormat.AREAS_CSV, cbs.FileFormat.AREAS_XLSX)
_LONG_FORMATS = (cbs.FileFormat.OBSERVATIONS_CSV, cbs.FileFormat.OBSERVATIONS_XLSX)


class ObservationImportFailed(Exception):
    """Nothing was stored; ``problems`` says what to fix, with line and column."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems[:5]))


@dataclass(frozen=True)
class ObservationImportReport:
    file_format: str
    periods: tuple[int, ...]
    created: int
    updated: int
    unchanged: int
    areas_created: int
    indicators_created: int
    national: int
    skipped_columns: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    #: inhabitants/homes of the areas: figure -> added, changed, unchanged, kept, unknown
    area_figures: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


# --- catalogue -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorSpec:
    """How an indicator is read from a file row: one column, or a computed ratio."""

    code: str
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    factor: float = 1.0
    indicator_id: int | None = None
    entry: builtin.CatalogueEntry | None = None

    @property
    def variables(self) -> tuple[str, ...]:
        if self.denominator:
            return self.numerator + self.denominator
        return (self.code.lower(),)

    def evaluate(
        self, values: dict[str, float | None], flags: dict[str, cbs.ValueFlag]
    ) -> tuple[float | None, str]:
        if not self.denominator:
            key = self.key
            flag = flags.get(key)
            return values.get(key), _OK if flag is None else _FLAG_STATUS[flag]
        value = builtin.derive(values, self.numerator, self.denominator, self.factor)
        part_flags = [flags.get(v) for v in self.variables]
        if value is None:
            missing = [
                f for v, f in zip(self.variables, part_flags, strict=True) if values.get(v) is None
            ]
            if missing and all(f is cbs.ValueFlag.NOT_APPLICABLE for f in missing):
                return None, ValueStatus.NOT_APPLICABLE.value
            if not missing:  # the denominator is 0
                return None, ValueStatus.NOT_APPLICABLE.value
            return None, ValueStatus.UNKNOWN.value
        if not any(part_flags):
            return value, _OK
        if cbs.ValueFlag.REVISED_PROVISIONAL in part_flags:
            return value, ValueStatus.REVISED.value
        if cbs.ValueFlag.PROVISIONAL in part_flags:
            return value, ValueStatus.PROVISIONAL.value
        return value, _OK

    @property
    def key(self) -> str:
        return self.code.lower()


def spec_for(indicator: Indicator) -> IndicatorSpec:
    """The indicator's own formula, else the built-in one for its code, else one column."""
    entry = builtin.CATALOGUE.get(indicator.code)
    if indicator.denominator:
        return IndicatorSpec(
            indicator.code,
            builtin.parse_parts(indicator.numerator) or (indicator.code.lower(),),
            builtin.parse_parts(indicator.denominator),
            indicator.factor,
            indicator.id,
            entry,
        )
    if entry is not None and entry.is_derived:
        return IndicatorSpec(
            indicator.code, entry.numerator, entry.denominator, entry.factor, indicator.id, entry
        )
    return IndicatorSpec(indicator.code, indicator_id=indicator.id, entry=entry)


def _catalogue() -> dict[str, IndicatorSpec]:
    """Database indicators plus the built-in entries not in the database yet."""
    specs = {ind.code: spec_for(ind) for ind in Indicator.objects.all()}
    for code, entry in builtin.CATALOGUE.items():
        if code not in specs:
            specs[code] = IndicatorSpec(
                code, entry.numerator, entry.denominator, entry.factor, None, entry
            )
    return specs


def _indicator_from(entry: builtin.CatalogueEntry) -> Indicator:
    return Indicator(
        code=entry.code,
        name_nl=entry.name_nl,
        name_en=entry.name_en,
        unit=entry.unit,
        direction=entry.direction,
        theme=entry.theme,
        source=entry.source,
        is_subjective=entry.is_subjective,
        numerator="+".join(entry.numerator) if entry.is_derived else "",
        denominator="+".join(entry.denominator),
        factor=entry.factor,
    )


def catalogue_ensure(codes: Iterable[str] | None = None) -> int:
    """Create the built-in catalogue entries (all, or ``codes``) missing from the database."""
    with transaction.atomic(durable=True):
        return _create_indicators(codes if codes is not None else builtin.CATALOGUE)


def _create_indicators(codes: Iterable[str]) -> int:
    wanted = [c for c in codes if c in builtin.CATALOGUE]
    existing = set(Indicator.objects.filter(code__in=wanted).values_list("code", flat=True))
    new = [_indicator_from(builtin.CATALOGUE[c]) for c in wanted if c not in existing]
    Indicator.objects.bulk_create(new)
    return len(new)


# --- reading ---------------------------------------------------------------------------------


@dataclass
class _AreaRow:
    line: int
    code: str
    name: str
    kind: str
    parent_code: str | None
    inhabitants: int | None
    homes: int | None


@dataclass
class _Parsed:
    file_format: str
    default_source: str
    #: (area code, indicator code, period, value, status, source name)
    rows: list[tuple[str, str, int, float | None, str, str]] = field(default_factory=list)
    national: list[tuple[str, int, float | None, str, str]] = field(default_factory=list)
    areas: dict[str, _AreaRow] = field(default_factory=dict)
    area_years: list[tuple[str, int, int]] = field(default_factory=list)
    #: (area code, year, inhabitants, homes) of every kwb/StatLine record
    area_figures: list[tuple[str, int, int | None, int | None]] = field(default_factory=list)
    skipped_columns: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)
    can_create_areas: bool = False
    #: area code -> (line, column text) of its first row, for problems about unknown areas
    first_seen: dict[str, tuple[int, str]] = field(default_factory=dict)
    #: line of the first national (Nederland) row, for problems about the import's scope
    national_line: int | None = None

    @property
    def periods(self) -> tuple[int, ...]:
        return tuple(sorted({r[2] for r in self.rows} | {n[1] for n in self.national}))


class _Problems:
    """Our own problems (unknown indicator or area), in the readers' sentence style."""

    def __init__(self, log: cbs.ProblemLog) -> None:
        self.log = log
        self.messages: list[str] = []
        self.count = 0

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.messages) < PROBLEM_LIMIT:
            self.messages.append(message)

    def all(self) -> list[str]:
        reader_errors = [p.message for p in self.log.problems if p.severity is cbs.Severity.ERROR]
        hidden = (self.log.errors - len(reader_errors)) + (self.count - len(self.messages))
        out = reader_errors + self.messages
        if len(out) > PROBLEM_LIMIT:
            hidden += len(out) - PROBLEM_LIMIT
            out = out[:PROBLEM_LIMIT]
        if hidden:
            out.append(
                _(
                    "Er zijn nog %(count)s andere problemen gevonden. We tonen alleen de eerste "
                    "%(limit)s. Los deze eerst op en probeer het opnieuw."
                )
                % {"count": hidden, "limit": PROBLEM_LIMIT}
            )
        return out

    @property
    def has_errors(self) -> bool:
        return self.log.has_errors or self.count > 0


def _column(reader, field_names: Sequence[str]) -> tuple[int | None, str]:
    """Index and ``kolom 'name' (label)`` of the first column whose reader name fits."""
    header = reader.table.header
    names = reader.info.columns
    for i, head in enumerate(header):
        if names.get(head) in field_names:
            return i, f"kolom '{head}' ({reader.table.column_label(i)})"
    return None, ""


def _as_int(value: float | None) -> int | None:
    return None if value is None or not math.isfinite(value) else int(round(value))


def _read_area_figures(figures, specs: dict[str, IndicatorSpec], parsed: _Parsed) -> None:
    reader = figures.reader
    available = set(reader.info.columns.values())
    chosen = [s for s in specs.values() if all(v in available for v in s.variables)]
    used = {v for s in chosen for v in s.variables}
    identity = set(cbs.KWB_IDENTITY_COLUMNS) | {"key", "code", "kind", "municipality_name"}
    identity |= {"ind_wbi", "period", "id"}
    parsed.skipped_columns = tuple(
        sorted(v for v in available if v not in used and v not in identity and v != "name")
    )
    _i, where = _column(reader, ("gwb_code_10", "gwb_code", "code", "key"))
    source_name = parsed.default_source
    direct = [(s.code, s.key) for s in chosen if not s.denominator]
    derived = [s for s in chosen if s.denominator]
    append = parsed.rows.append
    for rec in reader:
        code = rec.code.code
        period = rec.year
        if code not in parsed.areas:
            parsed.areas[code] = _AreaRow(
                rec.line,
                code,
                rec.name or code,
                rec.kind,
                rec.code.parent_code,
                _as_int(rec.values.get("a_inw")),
                _as_int(rec.values.get("a_woning")),
            )
            parsed.first_seen[code] = (rec.line, where)
        if rec.ind_wbi is not None:
            parsed.area_years.append((code, period, rec.ind_wbi))
        if period is not None:
            parsed.area_figures.append(
                (
                    code,
                    period,
                    _as_int(rec.values.get("a_inw")),
                    _as_int(rec.values.get("a_woning")),
                )
            )
        values, flags = rec.values, rec.flags
        for indicator, key in direct:  # the hot loop: ~1 million cells in a national file
            flag = flags.get(key)
            status = _OK if flag is None else _FLAG_STATUS[flag]
            append((code, indicator, period, values.get(key), status, source_name))
        for spec in derived:
            value, status = spec.evaluate(values, flags)
            append((code, spec.code, period, value, status, source_name))
    year = getattr(reader, "year", None) or reader.info.year
    for row in figures.country_rows:
        if not year:
            break
        if parsed.national_line is None:
            parsed.national_line = row.line
        for spec in chosen:
            value, status = spec.evaluate(row.values, row.flags)
            parsed.national.append((spec.code, year, value, status, source_name))


def _read_long(figures, specs: dict[str, IndicatorSpec], parsed: _Parsed, problems) -> None:
    reader = figures.reader
    by_lower = {code.lower(): code for code in specs}
    i_ind = reader.columns["indicator"]
    i_val = reader.columns["value"]
    ind_where = f"kolom '{reader.table.header[i_ind]}' ({reader.table.column_label(i_ind)})"
    val_where = f"kolom '{reader.table.header[i_val]}' ({reader.table.column_label(i_val)})"
    _i, area_where = _column(reader, ("area_code",))
    for rec in reader:
        code = rec.indicator if rec.indicator in specs else by_lower.get(rec.indicator.lower())
        if code is None:
            problems.add(
                _(
                    "regel %(line)s, %(column)s: de indicator '%(code)s' staat niet in de "
                    "catalogus. Kijk of de code klopt, of laat de beheerder hem toevoegen."
                )
                % {"line": rec.line, "column": ind_where, "code": rec.indicator}
            )
            continue
        status = _OK if rec.flag is None else _FLAG_STATUS[rec.flag]
        if code == builtin.LEEFBAAROMETER_CODE and rec.value is not None:
            if not (float(rec.value).is_integer() and 1 <= rec.value <= 9):
                problems.add(
                    _(
                        "regel %(line)s, %(column)s: een klasse van de Leefbaarometer is een "
                        "heel getal van 1 tot en met 9, niet %(value)s."
                    )
                    % {"line": rec.line, "column": val_where, "value": rec.value}
                )
                continue
        source = rec.source or parsed.default_source
        if rec.area is NATIONAL:
            if parsed.national_line is None:
                parsed.national_line = rec.line
            parsed.national.append((code, rec.period, rec.value, status, source))
            continue
        parsed.first_seen.setdefault(rec.area.code, (rec.line, area_where))
        parsed.rows.append((rec.area.code, code, rec.period, rec.value, status, source))


def _read(
    content: bytes, filename: str, year: int | None, source: str | None, scope: ImportScope
) -> _Parsed:
    log = cbs.ProblemLog(PROBLEM_LIMIT)
    problems = _Problems(log)
    try:
        figures = open_figures(content, filename, year=year, problems=log)
        info = figures.reader.info
        if info.format in _AREA_FORMATS:
            raise ObservationImportFailed(
                [
                    _(
                        "Dit bestand bevat alleen gebieden, geen cijfers. Lees het in bij "
                        "'Gebieden inlezen'."
                    )
                ]
            )
        specs = _catalogue()
        if info.format in _LONG_FORMATS:
            parsed = _Parsed(str(info.format), (source or filename)[:200])
            _read_long(figures, specs, parsed, problems)
        else:
            statline = info.format == cbs.FileFormat.STATLINE_CSV
            default = source or (
                f"{builtin.CBS_KWB_SOURCE}{' (StatLine)' if statline else ''}"
                f"{f' {info.year}' if info.year else ''}"
            )
            parsed = _Parsed(str(info.format), default[:200], can_create_areas=True)
            _read_area_figures(figures, specs, parsed)
    except cbs.ImportFailed as exc:
        raise ObservationImportFailed([p.message for p in exc.problems]) from None
    parsed.warnings = [p.message for p in log.problems if p.severity is cbs.Severity.WARNING]
    _check_areas(parsed, problems)
    _check_scope(parsed, problems, scope)
    if problems.has_errors:
        raise ObservationImportFailed(problems.all())
    if not parsed.rows and not parsed.national:
        raise ObservationImportFailed(
            [_("Het bestand bevat geen cijfers van indicatoren uit de catalogus.")]
        )
    return parsed


def _area_ids(codes: Iterable[str]) -> dict[str, int]:
    codes = list(codes)
    if len(codes) > 2000:
        wanted = set(codes)
        return {c: i for c, i in Area.objects.values_list("code", "id") if c in wanted}
    return dict(Area.objects.filter(code__in=codes).values_list("code", "id"))


def _check_areas(parsed: _Parsed, problems: _Problems) -> None:
    codes = set(parsed.first_seen)
    known = _area_ids(codes)
    missing = sorted(codes - known.keys(), key=lambda c: parsed.first_seen[c][0])
    if not parsed.can_create_areas:
        for code in missing:
            line, where = parsed.first_seen[code]
            problems.add(
                _(
                    "regel %(line)s, %(column)s: gebied %(code)s staat niet in de database. "
                    "Lees eerst de gebieden in (Gebieden inlezen) en probeer het daarna opnieuw."
                )
                % {"line": line, "column": where, "code": code}
            )
        return
    parents = {parsed.areas[c].parent_code for c in missing if parsed.areas[c].parent_code}
    parents_known = _area_ids(p for p in parents if p not in parsed.areas)
    for code in missing:
        row = parsed.areas[code]
        parent = row.parent_code
        if parent and parent not in parsed.areas and parent not in parents_known:
            line, where = parsed.first_seen[code]
            problems.add(
                _(
                    "regel %(line)s, %(column)s: %(code)s is nieuw, maar het gebied waar het in "
                    "ligt (%(parent)s) staat niet in het bestand en ook niet in de database."
                )
                % {"line": line, "column": where, "code": code, "parent": parent}
            )


def _check_scope(parsed: _Parsed, problems: _Problems, scope: ImportScope) -> None:
    """Rows for areas the importer may not change (``accounts.permissions.import_scope``):
    a district manager imports figures of their own districts and neighbourhoods only, not of
    the municipality, other districts or the country."""
    if scope.everything:
        return
    if parsed.national_line is not None:
        problems.add(
            _(
                "regel %(line)s: de cijfers van Nederland gelden voor iedereen. Alleen een "
                "beheerder leest ze in; haal deze regel uit het bestand."
            )
            % {"line": parsed.national_line}
        )
    others = [code for code in parsed.first_seen if not scope.is_own(code)]
    stored = set(_area_ids(others))
    for code in sorted(parsed.first_seen, key=lambda c: parsed.first_seen[c][0]):
        row = parsed.areas.get(code)
        if row is None and not scope.is_own(code) and code not in stored:
            continue  # an unknown area in a long-format file: already a problem
        allowed = scope.allows(
            code=code,
            kind=row.kind if row else None,
            parent_code=row.parent_code if row else None,
            stored=code in stored or scope.is_own(code),
        )
        if not allowed:
            line, where = parsed.first_seen[code]
            problems.add(
                _(
                    "regel %(line)s, %(column)s: gebied %(code)s hoort niet bij uw eigen wijken. "
                    "U mag alleen cijfers van uw eigen wijken en de buurten daarin inlezen; "
                    "andere gebieden leest een beheerder in."
                )
                % {"line": line, "column": where, "code": code}
            )


# --- writing ---------------------------------------------------------------------------------


def observations_import(
    *,
    content: bytes,
    filename: str,
    year: int | None = None,
    by=None,
    source: str | None = None,
    scope: ImportScope | None = None,
) -> ObservationImportReport:
    """Import a kwb (xlsx/csv), StatLine or long-format file: all or nothing (see module).

    ``scope``: the areas the importer may touch (default: ``import_scope(by)``; the command
    line passes no user and imports everything); a row outside it is a problem."""
    if scope is None:
        scope = import_scope(by)
    parsed = _read(content, filename, year, source, scope)
    return _store(parsed, filename=filename, by=by)


def _upsert(
    table: str, columns: Sequence[str], conflict: Sequence[str], update: Sequence[str], rows
):
    """``INSERT .. ON CONFLICT (..) DO UPDATE``: SQLite >= 3.24 and PostgreSQL. The statement
    ``bulk_create(update_conflicts=True)`` sends, without a model instance per row, in the
    fastest form each database takes for many rows."""
    if not rows:
        return
    qn = connection.ops.quote_name
    column_list = ", ".join(qn(c) for c in columns)
    one_row = f"({', '.join(['%s'] * len(columns))})"
    on_conflict = f"ON CONFLICT ({', '.join(qn(c) for c in conflict)}) DO UPDATE SET " + ", ".join(
        f"{qn(c)} = EXCLUDED.{qn(c)}" for c in update
    )

    def insert(n_rows: int) -> str:
        return (
            f"INSERT INTO {qn(table)} ({column_list}) "
            f"VALUES {', '.join([one_row] * n_rows)} {on_conflict}"
        )

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(rows) > UPSERT_BATCH:
            # COPY into a temporary table, then one INSERT .. SELECT: PostgreSQL's fast path
            # for bulk loads (no statement per row).
            staging = qn(f"staging_{table}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS "
                f"SELECT {column_list} FROM {qn(table)} WITH NO DATA"
            )
            with cursor.cursor.copy(f"COPY {staging} ({column_list}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            # in key order the unique index is walked once instead of hit at random pages
            # (measured: 8.7 s instead of 11-14 s for a national year)
            cursor.execute(
                f"INSERT INTO {qn(table)} ({column_list}) SELECT * FROM {staging} "
                f"ORDER BY {', '.join(qn(c) for c in conflict)} {on_conflict}"
            )
            cursor.execute(f"DROP TABLE {staging}")
        elif connection.vendor == "sqlite":
            # Many rows per statement: SQLite steps once per statement, and a national year
            # (800,000 rows) is written in half the time of one statement per row.
            per_statement = max(1, min(500, _sqlite_max_params() // len(columns)))
            full = len(rows) - len(rows) % per_statement
            if full:
                cursor.executemany(
                    insert(per_statement),
                    [
                        [value for row in rows[start : start + per_statement] for value in row]
                        for start in range(0, full, per_statement)
                    ],
                )
            if full < len(rows):
                rest = rows[full:]
                cursor.execute(insert(len(rest)), [value for row in rest for value in row])
        else:
            for start in range(0, len(rows), UPSERT_BATCH):
                cursor.executemany(insert(1), rows[start : start + UPSERT_BATCH])


def _sqlite_max_params() -> int:
    import sqlite3

    connection.ensure_connection()
    return int(connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))


@contextmanager
def _large_page_cache():
    """SQLite: a 256 MB page cache for this connection while a big import writes (the default
    2 MB makes inserts into the (area, indicator, period) index seek on disk once the table
    holds millions of rows). PostgreSQL: nothing to do."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _check_references(area_ids, indicator_ids, source_ids) -> None:
    """Observations have no database foreign keys (see the model), so the import does their
    job once per file instead of once per row: every area, indicator and source written must
    still exist. On PostgreSQL the rows are locked ``FOR KEY SHARE`` (what a foreign key check
    does), so none can be deleted before this transaction commits; SQLite holds the database's
    write lock by now. Something deleted in the meantime rolls the whole import back."""
    checks = (
        (Area, set(area_ids.values())),
        (Indicator, set(indicator_ids.values())),
        (DataSource, set(source_ids.values())),
    )
    for model, ids in checks:
        id_list = sorted(ids)
        if connection.vendor == "postgresql":
            table = connection.ops.quote_name(model._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE id = ANY(%s) "
                    "FOR KEY SHARE) AS locked",
                    [id_list],
                )
                found = cursor.fetchone()[0]
        else:
            found = sum(
                model.objects.filter(pk__in=id_list[start : start + 900]).count()
                for start in range(0, len(id_list), 900)
            )
        if found != len(id_list):
            raise ObservationImportFailed(
                [
                    _(
                        "Tijdens het inlezen is een gebied, indicator of bron verwijderd. "
                        "Er is niets opgeslagen; probeer het opnieuw."
                    )
                ]
            )


#: Rows written by one import above which PostgreSQL's planner statistics are refreshed.
ANALYZE_AFTER_ROWS = 50_000


def _store(parsed: _Parsed, *, filename: str, by) -> ObservationImportReport:
    with _large_page_cache():
        report = _store_atomic(parsed, filename=filename, by=by)
    if connection.vendor == "postgresql" and report.created + report.updated > ANALYZE_AFTER_ROWS:
        # A national year adds 800,000 rows; until autovacuum gets round to it, the planner
        # would use the old row counts and pick slow plans for the profile pages (measured:
        # p95 708 ms right after a ten-year import, against 40 ms with fresh statistics).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Observation._meta.db_table)}")
    return report


@transaction.atomic(durable=True)
def _store_atomic(parsed: _Parsed, *, filename: str, by) -> ObservationImportReport:
    # 1. catalogue entries used for the first time
    used_codes = {r[1] for r in parsed.rows} | {n[0] for n in parsed.national}
    indicators_created = _create_indicators(used_codes)
    indicator_ids = dict(Indicator.objects.filter(code__in=used_codes).values_list("code", "id"))
    # 2. areas new to the database, municipalities first
    area_ids = _area_ids(parsed.first_seen)
    new_rows = sorted(
        (parsed.areas[c] for c in parsed.first_seen if c not in area_ids),
        key=lambda r: _KIND_ORDER[AreaKind(r.kind)],
    )
    periods = parsed.periods
    for kind in (AreaKind.MUNICIPALITY, AreaKind.DISTRICT, AreaKind.NEIGHBOURHOOD):
        level = [r for r in new_rows if r.kind == kind]
        if not level:
            continue
        parent_ids = _area_ids({r.parent_code for r in level if r.parent_code} - area_ids.keys())
        parent_ids.update(area_ids)
        Area.objects.bulk_create(
            [
                Area(
                    code=r.code,
                    name=r.name[:200],
                    kind=r.kind,
                    parent_id=parent_ids.get(r.parent_code) if r.parent_code else None,
                )
                for r in level
            ]
        )
        area_ids.update(_area_ids(r.code for r in level))
    # 2b. inhabitants and homes per year, through the areas app's one write path
    area_figures = _record_area_figures(parsed, area_ids)
    # 3. sources
    source_names = {r[5] for r in parsed.rows} | {n[4] for n in parsed.national}
    source_ids = {}
    for name in sorted(source_names):
        source_ids[name] = DataSource.objects.get_or_create(name=name)[0].id
    # 4. compare with what is stored
    rows = [
        (area_ids[a], indicator_ids[i], p, v, s, source_ids[src])
        for a, i, p, v, s, src in parsed.rows
    ]
    existing: dict[tuple[int, int, int], tuple[float | None, str, int]] = {}
    if rows:
        query = Observation.objects.filter(
            period__in=periods, indicator_id__in=set(indicator_ids.values())
        )
        in_file = {r[0] for r in rows}
        if len(in_file) <= 2000:
            query = query.filter(area_id__in=in_file)
        else:
            query = query.filter(area__isnull=False)
        for a, i, p, v, s, src in query.values_list(
            "area_id", "indicator_id", "period", "value", "status", "source_id"
        ).iterator(chunk_size=20000):
            existing[(a, i, p)] = (v, s, src)
    changed = []
    created = updated = unchanged = 0
    for row in rows:
        before = existing.get(row[:3])
        if before is None:
            created += 1
            changed.append(row)
        elif before != row[3:]:
            updated += 1
            changed.append(row)
        else:
            unchanged += 1
    meta = Observation._meta
    _upsert(
        meta.db_table,
        ["area_id", "indicator_id", "period", "value", "status", "source_id"],
        ["area_id", "indicator_id", "period"],
        ["value", "status", "source_id"],
        changed,
    )
    # 5. national figures (few rows; the partial unique index takes no ON CONFLICT)
    national = 0
    for code, period, value, status, src in parsed.national:
        national += 1
        obs = Observation.objects.filter(
            area__isnull=True, indicator_id=indicator_ids[code], period=period
        ).first()
        new = (value, status, source_ids[src])
        if obs is None:
            Observation.objects.create(
                area=None,
                indicator_id=indicator_ids[code],
                period=period,
                value=value,
                status=status,
                source_id=source_ids[src],
            )
            created += 1
        elif (obs.value, obs.status, obs.source_id) != new:
            obs.value, obs.status, obs.source_id = new
            obs.save(update_fields=["value", "status", "source"])
            updated += 1
        else:
            unchanged += 1
    # 6. boundary changes (ind_wbi)
    _upsert(
        AreaYear._meta.db_table,
        ["area_id", "year", "boundary"],
        ["area_id", "year"],
        ["boundary"],
        [(area_ids[c], y, b) for c, y, b in parsed.area_years],
    )
    _check_references(area_ids, indicator_ids, source_ids)
    ObservationImport.objects.create(
        filename=filename[:255],
        file_format=parsed.file_format,
        periods=", ".join(str(p) for p in periods)[:200],
        source_id=source_ids.get(parsed.default_source),
        imported_by=by if getattr(by, "is_authenticated", False) else None,
        created=created,
        updated=updated,
        unchanged=unchanged,
        areas_created=len(new_rows),
        indicators_created=indicators_created,
    )
    return ObservationImportReport(
        file_format=parsed.file_format,
        periods=periods,
        created=created,
        updated=updated,
        unchanged=unchanged,
        areas_created=len(new_rows),
        indicators_created=indicators_created,
        national=national,
        skipped_columns=parsed.skipped_columns,
        warnings=tuple(parsed.warnings),
        area_figures=area_figures,
    )


def _record_area_figures(parsed: _Parsed, area_ids: dict[str, int]) -> dict[str, dict[str, int]]:
    from wijkaanpak.areas.services import area_figures_record

    by_year: dict[int, dict[int, dict[str, int | None]]] = {}
    for code, year, inhabitants, homes in parsed.area_figures:
        by_year.setdefault(year, {})[area_ids[code]] = {
            "inhabitants": inhabitants if (inhabitants or 0) >= 0 else None,
            "homes": homes if (homes or 0) >= 0 else None,
        }
    # A long-format file may hold the same two figures as indicators: one source for them.
    names = {"a_inw": "inhabitants", "a_woning": "homes"}
    if not parsed.area_figures:
        for code, indicator, year, value, _status, _source in parsed.rows:
            if indicator in names:
                figure = None if value is None or value < 0 else int(round(value))
                by_year.setdefault(year, {}).setdefault(area_ids[code], {})[names[indicator]] = (
                    figure
                )
    total: dict[str, dict[str, int]] = {}
    for year in sorted(by_year):
        for name, counts in area_figures_record(figures=by_year[year], year=year).items():
            for key, n in counts.as_dict().items():
                total.setdefault(name, {}).setdefault(key, 0)
                total[name][key] += n
    return total


# --- strengths (ABCD) -----------------------------------------------------------------------


def strength_create(*, area: Area, by, kind: str, title: str, description: str = "") -> Strength:
    """A signed-in user adds a strength of an area; it is visible at once (see the model)."""
    strength = Strength(
        area=area,
        kind=kind,
        title=(title or "").strip(),
        description=(description or "").strip(),
        added_by=by if getattr(by, "is_authenticated", False) else None,
        added_as=recorded_role(by),
    )
    extra: dict[str, list[str]] = {}
    if strength.added_by is None:
        extra["__all__"] = [_("Log in om een sterkte toe te voegen.")]
    clean_or_raise(strength, extra)
    with transaction.atomic(durable=True):
        strength.save()
    return strength


def strength_moderate(*, strength: Strength, by, hide: bool, note: str = "") -> Strength:
    """Hide a strength (a reason is required) or show it again."""
    note = (note or "").strip()
    if hide and not note:
        raise ValidationError({"moderation_note": [_("Schrijf op waarom u dit verbergt.")]})
    with transaction.atomic(durable=True):
        locked = Strength.objects.select_for_update().get(pk=strength.pk)
        locked.status = StrengthStatus.HIDDEN if hide else StrengthStatus.PUBLISHED
        locked.moderated_by = by
        locked.moderated_at = timezone.now()
        locked.moderation_note = note[:200]
        clean_or_raise(locked)
        locked.save()
    return locked


# --- index settings --------------------------------------------------------------------------


def index_settings_save(*, by, members: list[dict], base_year: int | None = None) -> IndexSettings:
    """Store the configuration of the composite index (the one row; created when missing).

    ``by``: an admin, or ``None`` for the command line (``wijk load_demo``). ``members``
    and ``base_year`` are checked like the admin form does
    (``selectors.validate_index_settings``); nothing is stored when anything is wrong.
    """
    from wijkaanpak.monitor import selectors

    if by is not None and not is_admin(by):
        raise PermissionDenied(_("Alleen een beheerder stelt de index in."))
    with transaction.atomic(durable=True):
        row = IndexSettings.objects.select_for_update().order_by("pk").first() or IndexSettings()
        row.members = list(members)
        row.base_year = base_year
        errors = selectors.validate_index_settings(row)
        if errors:
            raise ValidationError(errors)
        clean_or_raise(row)
        row.save()
    return row
