"""The one write path for areas: import from CBS files or a plain CSV, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from wijkaanpak.accounts.permissions import ImportScope, import_scope
from wijkaanpak.areas import cbs
from wijkaanpak.areas.models import PARENT_KIND, Area, AreaImport, AreaKind

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


@dataclass(frozen=True)
class AreaImportReport:
    file_format: str
    created: int
    updated: int
    unchanged: int


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
    for row in rows:
        values = {
            "name": row.name,
            "kind": row.kind,
            "parent_id": ids.get(row.parent_code) if row.parent_code else None,
            "inhabitants": row.inhabitants,
            "homes": row.homes,
        }
        area = existing.get(row.code)
        if (
            area is not None
            and area.figures_year
            and figures_year
            and figures_year < area.figures_year
        ):
            # An older file does not overwrite newer figures; names and the tree still follow it.
            values.pop("inhabitants"), values.pop("homes")
        elif figures_year is not None:
            values["figures_year"] = figures_year
        if area is None:
            area = Area.objects.create(code=row.code, **values)
            ids[row.code] = area.id
            created += 1
        elif any(getattr(area, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(area, k, v)
            area.save()
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
    )
    return AreaImportReport(file_format, created, updated, unchanged)
