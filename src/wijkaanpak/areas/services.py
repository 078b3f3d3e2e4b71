"""The one write path for areas: import from CBS files or a plain CSV, all or nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from wijkaanpak.accounts.permissions import ImportScope, import_scope
from wijkaanpak.areas import cbs
from wijkaanpak.areas.models import (
    FIGURE_FIELDS,
    PARENT_KIND,
    Area,
    AreaFigure,
    AreaImport,
    AreaKind,
)

#: How a kwb/StatLine record names inhabitants and homes.
INHABITANTS, HOMES = "a_inw", "a_woning"
KIND_ORDER = {AreaKind.MUNICIPALITY: 0, AreaKind.DISTRICT: 1, AreaKind.NEIGHBOURHOOD: 2}


class AreaImportFailed(Exception):
    """Nothing was stored; ``problems`` says what to fix, with line and column."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems[:5]))


@dataclass(frozen=True)
class AreaRow:
    line: int
    code: str
    name: str
    kind: str
    parent_code: str | None
    inhabitants: int | None
    homes: int | None


@dataclass
class FigureCounts:
    """What an import did with one figure (e.g. homes) over all areas of the file."""

    added: int = 0  # known now, nothing stored for that year before
    changed: int = 0  # known now, another value stored for that year before
    unchanged: int = 0
    kept: int = 0  # unknown in the file; the value known before (any year) stays
    unknown: int = 0  # unknown in the file and never known

    def as_dict(self) -> dict[str, int]:
        return {
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "kept": self.kept,
            "unknown": self.unknown,
        }


#: Dutch labels of the figures and of the counts, for the import page.
FIGURE_LABELS = {"inhabitants": _lazy("inwoners"), "homes": _lazy("woningen")}


def figures_summary_text(figures: Mapping[str, Mapping[str, int]]) -> list[str]:
    """One Dutch sentence per figure: what the import added, changed, kept."""
    out = []
    for name in FIGURE_FIELDS:
        counts = figures.get(name)
        if not counts:
            continue
        out.append(
            _(
                "%(figure)s: %(added)s toegevoegd, %(changed)s gewijzigd, %(unchanged)s "
                "ongewijzigd, %(kept)s onbekend in het bestand (eerder cijfer bewaard), "
                "%(unknown)s onbekend."
            )
            % {"figure": str(FIGURE_LABELS[name]).capitalize(), **counts}
        )
    return out


@dataclass(frozen=True)
class AreaImportReport:
    file_format: str
    created: int
    updated: int
    unchanged: int
    #: figure name -> counts (see ``FigureCounts``)
    figures: dict[str, FigureCounts] = field(default_factory=dict)
    year: int | None = None


def _as_int(value: float | None) -> int | None:
    return None if value is None else int(round(value))


def _rows_from(record) -> AreaRow:
    if isinstance(record, cbs.AreaRecord):
        return AreaRow(
            record.line,
            record.code.code,
            record.name,
            record.kind,
            record.parent_code,
            record.inhabitants,
            record.homes,
        )
    # kwb and StatLine records: the parent follows from the code.
    return AreaRow(
        record.line,
        record.code.code,
        record.name or record.code.code,
        record.kind,
        record.code.parent_code,
        _as_int(record.values.get(INHABITANTS)),
        _as_int(record.values.get(HOMES)),
    )


def read_area_rows(
    content: bytes, filename: str, year: int | None
) -> tuple[str, int | None, list[AreaRow]]:
    """Read every area row of the file, or raise ``AreaImportFailed`` with all problems found."""
    log = cbs.ProblemLog()
    try:
        with cbs.open_reader(content, filename, year=year, problems=log) as reader:
            if reader.info.format in (
                cbs.FileFormat.OBSERVATIONS_CSV,
                cbs.FileFormat.OBSERVATIONS_XLSX,
            ):
                raise AreaImportFailed(
                    [_("Dit is een bestand met cijfers per indicator. Lees het in bij de monitor.")]
                )
            rows = [_rows_from(record) for record in reader]
            file_format, file_year = str(reader.info.format), reader.info.year
    except cbs.ImportFailed as exc:
        raise AreaImportFailed([p.message for p in exc.problems]) from None
    # Strict: an unknown column is refused too, so a misspelt header never silently drops data.
    unknown_columns = [p for p in log.problems if p.code == cbs.ProblemCode.UNKNOWN_COLUMNS]
    if log.has_errors or unknown_columns:
        raise AreaImportFailed(log.messages())
    return file_format, year or file_year, rows


def _check_tree(rows: list[AreaRow]) -> list[str]:
    """Parents must exist (in the file or already stored) and be of the right kind."""
    problems = []
    in_file = {row.code: row for row in rows}
    missing_parents = {
        row.parent_code for row in rows if row.parent_code and row.parent_code not in in_file
    }
    stored = dict(Area.objects.filter(code__in=missing_parents).values_list("code", "kind"))
    for row in rows:
        expected = PARENT_KIND[AreaKind(row.kind)]
        if expected is None:
            continue
        if not row.parent_code:
            problems.append(
                _(
                    "Regel %(line)s, kolom 'ouder': %(code)s is een %(kind)s en heeft een ouder nodig."
                )
                % {"line": row.line, "code": row.code, "kind": AreaKind(row.kind).label}
            )
            continue
        parent_kind = (
            in_file[row.parent_code].kind
            if row.parent_code in in_file
            else stored.get(row.parent_code)
        )
        if parent_kind is None:
            problems.append(
                _(
                    "Regel %(line)s, kolom 'ouder': %(parent)s staat niet in het bestand en ook niet in de database."
                )
                % {"line": row.line, "parent": row.parent_code}
            )
        elif parent_kind != expected:
            problems.append(
                _(
                    "Regel %(line)s, kolom 'ouder': de ouder van %(kind)s %(code)s moet een %(expected)s zijn, "
                    "maar %(parent)s is een %(actual)s."
                )
                % {
                    "line": row.line,
                    "kind": AreaKind(row.kind).label,
                    "code": row.code,
                    "expected": expected.label,
                    "parent": row.parent_code,
                    "actual": AreaKind(parent_kind).label,
                }
            )
    return problems


#: Rows outside the importer's own districts listed one by one; the rest are counted.
SCOPE_PROBLEMS_SHOWN = 25


def _stored_codes(codes: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(codes), 900):  # SQLite's limit of parameters per statement
        chunk = codes[start : start + 900]
        found.update(Area.objects.filter(code__in=chunk).values_list("code", flat=True))
    return found


def _outside_scope(rows: list[AreaRow], scope: ImportScope) -> list[str]:
    """A row for an area the importer may not change (``accounts.permissions.import_scope``)
    is a problem with its line and code."""
    if scope.everything:
        return []
    stored = _stored_codes([row.code for row in rows if not scope.is_own(row.code)])
    refused = [
        row
        for row in rows
        if not scope.allows(
            code=row.code, kind=row.kind, parent_code=row.parent_code, stored=row.code in stored
        )
    ]
    problems = [
        _(
            "Regel %(line)s: %(code)s (%(name)s) hoort niet bij uw eigen wijken. U mag alleen "
            "uw eigen wijken en de buurten daarin inlezen; andere gebieden leest een beheerder in."
        )
        % {"line": row.line, "code": row.code, "name": row.name}
        for row in refused[:SCOPE_PROBLEMS_SHOWN]
    ]
    if len(refused) > SCOPE_PROBLEMS_SHOWN:
        problems.append(
            _("Nog %(count)s andere regels gaan over gebieden buiten uw eigen wijken.")
            % {"count": len(refused) - SCOPE_PROBLEMS_SHOWN}
        )
    return problems


def areas_import(
    *,
    content: bytes,
    filename: str,
    year: int | None = None,
    by=None,
    scope: ImportScope | None = None,
) -> AreaImportReport:
    """Create or update every area in the file in one transaction; on any problem store nothing.

    ``scope``: the areas the importer may touch (default: ``import_scope(by)``; the command
    line passes no user and imports everything)."""
    if scope is None:
        scope = import_scope(by)
    file_format, figures_year, rows = read_area_rows(content, filename, year)
    if not rows:
        raise AreaImportFailed([_("Het bestand bevat geen gebieden.")])
    problems = _outside_scope(rows, scope) + _check_tree(rows)
    if problems:
        raise AreaImportFailed(problems)
    return _store(rows, file_format, figures_year, filename, by)


def area_figures_record(
    *, figures: Mapping[int, Mapping[str, int | None]], year: int | None
) -> dict[str, FigureCounts]:
    """Record the figures of a file (area id -> {figure: value or None}) for ``year`` and
    refresh each area's latest known figures. Runs inside the caller's transaction (the
    area import and the monitor import both call it).

    A value of ``None`` (unknown, CBS's ".") never replaces anything: not the same year's
    earlier release, not another year. A file without a year (a plain CSV) sets the
    current figures directly; any dated figure replaces them later."""
    counts = {name: FigureCounts() for name in FIGURE_FIELDS}
    areas = {a.id: a for ids in _chunks(figures) for a in Area.objects.filter(id__in=ids)}
    if year is None:
        changed_areas: dict[int, Area] = {}
        for area_id, values in figures.items():
            area = areas[area_id]
            for name in FIGURE_FIELDS:
                if name not in values:
                    continue
                _count(counts[name], values.get(name), getattr(area, name), getattr(area, name))
                if values.get(name) is not None and values[name] != getattr(area, name):
                    setattr(area, name, values[name])
                    setattr(area, f"{name}_year", None)
                    changed_areas[area_id] = area
        Area.objects.bulk_update(
            list(changed_areas.values()),
            [*FIGURE_FIELDS, "inhabitants_year", "homes_year"],
            batch_size=500,
        )
        return _present(counts)
    stored = {
        f.area_id: f
        for ids in _chunks(figures)
        for f in AreaFigure.objects.filter(area_id__in=ids, year=year)
    }
    new, changed = [], []
    for area_id, values in figures.items():
        row = stored.get(area_id)
        dirty = False
        for name in FIGURE_FIELDS:
            if name not in values:  # not a column of this file: nothing to count
                continue
            value, before = values.get(name), getattr(row, name) if row else None
            _count(counts[name], value, before, getattr(areas[area_id], name))
            if value is not None and value != before:
                dirty = True
        if not dirty:
            continue
        if row is None:
            row = AreaFigure(area_id=area_id, year=year)
            new.append(row)
        else:
            changed.append(row)
        for name in FIGURE_FIELDS:
            if values.get(name) is not None:
                setattr(row, name, values[name])
    AreaFigure.objects.bulk_create(new, batch_size=500)
    AreaFigure.objects.bulk_update(changed, list(FIGURE_FIELDS), batch_size=500)
    _refresh_latest(areas)
    return _present(counts)


def _present(counts: dict[str, FigureCounts]) -> dict[str, FigureCounts]:
    """Only the figures the file had a column for."""
    return {name: c for name, c in counts.items() if any(c.as_dict().values())}


def _chunks(ids, size: int = 900):
    """Ids in slices small enough for any SQLite's limit on query parameters."""
    ids = sorted(ids)
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _count(counts: FigureCounts, value, before_same_year, known_now) -> None:
    if value is None:
        if before_same_year is not None or known_now is not None:
            counts.kept += 1
        else:
            counts.unknown += 1
    elif before_same_year is None:
        counts.added += 1
    elif before_same_year != value:
        counts.changed += 1
    else:
        counts.unchanged += 1


def _refresh_latest(areas: dict[int, Area]) -> None:
    """Each figure of each area: its latest known value and that value's year."""
    latest: dict[int, dict[str, tuple[int, int]]] = {a: {} for a in areas}
    rows = (
        row
        for ids in _chunks(areas)
        for row in AreaFigure.objects.filter(area_id__in=ids)
        .order_by("area_id", "year")
        .values_list("area_id", "year", *FIGURE_FIELDS)
    )
    for area_id, year, *values in rows:
        for name, value in zip(FIGURE_FIELDS, values, strict=True):
            if value is not None:
                latest[area_id][name] = (value, year)
    dirty = []
    for area_id, area in areas.items():
        before = [getattr(area, f) for f in LATEST_FIELDS]
        for name, (value, year) in latest[area_id].items():
            setattr(area, name, value)
            setattr(area, f"{name}_year", year)
        years = [getattr(area, f"{n}_year") for n in FIGURE_FIELDS]
        area.figures_year = max((y for y in years if y), default=area.figures_year)
        if [getattr(area, f) for f in LATEST_FIELDS] != before:
            dirty.append(area_id)
    # One UPDATE per 900 areas that reads the latest known figures in the database itself:
    # ``bulk_update`` (a CASE per row) cost 13 s of CPU for a national year of 17,000 areas.
    figures = AreaFigure.objects.filter(area_id=OuterRef("pk")).order_by("-year")
    latest_of = {}
    for name in FIGURE_FIELDS:
        known = figures.exclude(**{name: None})
        latest_of[name] = Coalesce(Subquery(known.values(name)[:1]), F(name))
        latest_of[f"{name}_year"] = Coalesce(Subquery(known.values("year")[:1]), F(f"{name}_year"))
    for ids in _chunks(dirty):
        Area.objects.filter(id__in=ids).update(**latest_of)
        # The newest of the two years (SQLite's max() and PostgreSQL's GREATEST differ on NULL).
        inh, homes = F("inhabitants_year"), F("homes_year")
        Area.objects.filter(id__in=ids).update(
            figures_year=Coalesce(
                Greatest(Coalesce(inh, homes), Coalesce(homes, inh)), F("figures_year")
            )
        )


#: The columns of ``Area`` that ``_refresh_latest`` keeps.
LATEST_FIELDS = [*FIGURE_FIELDS, *(f"{n}_year" for n in FIGURE_FIELDS), "figures_year"]


@transaction.atomic(durable=True)
def _store(rows, file_format, figures_year, filename, by) -> AreaImportReport:
    rows = sorted(rows, key=lambda r: KIND_ORDER[AreaKind(r.kind)])
    existing = {
        a.code: a for a in Area.objects.filter(code__in=[r.code for r in rows]).select_for_update()
    }
    ids = {code: area.id for code, area in existing.items()}
    parent_codes = {r.parent_code for r in rows if r.parent_code and r.parent_code not in ids}
    ids.update(Area.objects.filter(code__in=parent_codes).values_list("code", "id"))
    created = updated = unchanged = 0
    touched: set[str] = set()
    for row in rows:
        values = {
            "name": row.name,
            "kind": row.kind,
            "parent_id": ids.get(row.parent_code) if row.parent_code else None,
        }
        area = existing.get(row.code)
        if area is None:
            area = Area.objects.create(code=row.code, **values)
            ids[row.code] = area.id
            created += 1
        elif any(getattr(area, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(area, k, v)
            area.save()
            touched.add(row.code)
    before = {a.code: [getattr(a, f) for f in LATEST_FIELDS] for a in existing.values()}
    figures = area_figures_record(
        figures={ids[r.code]: {"inhabitants": r.inhabitants, "homes": r.homes} for r in rows},
        year=figures_year,
    )
    after = {
        code: list(values)
        for code, *values in Area.objects.filter(code__in=list(before)).values_list(
            "code", *LATEST_FIELDS
        )
    }
    for code in existing:
        if code in touched or before[code] != after[code]:
            updated += 1
        else:
            unchanged += 1
    AreaImport.objects.create(
        filename=filename[:255],
        file_format=file_format,
        imported_by=by if getattr(by, "is_authenticated", False) else None,
        created=created,
        updated=updated,
        unchanged=unchanged,
        figures={name: c.as_dict() for name, c in figures.items()},
    )
    return AreaImportReport(file_format, created, updated, unchanged, figures, figures_year)
