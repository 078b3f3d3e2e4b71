"""Open a figures file with the areas app's CBS readers, and keep the national row.

The readers in :mod:`wijkaanpak.areas.cbs` skip the row for the whole country (``NL00`` in
kwb files, ``NL01`` in StatLine) because an area import has no place for it. The monitor
does: a profile shows the national value beside the area's. This module taps the reader's
rows, without parsing anything itself: the country row's cells go through the reader's own
``read_values`` (same number rules, same problems with line and column).

In a long-format CSV the national row uses area code ``NL00`` (``NL01`` and ``NL`` work too).

Framework-free; used by :mod:`wijkaanpak.monitor.services`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from wijkaanpak.areas import cbs

__all__ = ["COUNTRY_CODES", "NATIONAL", "CountryRow", "FiguresFile", "open_figures"]

COUNTRY_CODES = frozenset({"NL", "NL00", "NL01"})
#: Stand-in area code of a national figure in long-format records.
NATIONAL = cbs.AreaCode(
    kind="municipality", code="NL00", municipality_code="NL00", parent_code=None
)


@dataclass
class CountryRow:
    line: int
    values: dict[str, float | None]
    flags: dict[str, cbs.ValueFlag]


@dataclass
class FiguresFile:
    reader: cbs.AnyReader
    country_rows: list[CountryRow] = field(default_factory=list)


def _is_country_row(cells: Sequence[object]) -> bool:
    return any(cbs.cell_text(c).upper() in COUNTRY_CODES for c in cells[:8])


def open_figures(
    content: bytes, filename: str, *, year: int | None, problems: cbs.ProblemLog
) -> FiguresFile:
    """Open any figures file ``cbs.open_reader`` understands (raises ``cbs.ImportFailed``)."""
    reader = cbs.open_reader(content, filename, year=year, problems=problems)
    figures = FiguresFile(reader)
    if isinstance(reader, cbs.KwbReader | cbs.StatLineReader):
        # A StatLine table with a Perioden column holds several years: its country rows
        # are left out (the reader knows the year per row only for area rows).
        if getattr(reader, "_year_from_rows", False):
            return figures
        variables = reader._variables
        rows = reader.table.rows

        def tap() -> Iterator[tuple[int, Sequence[object]]]:
            for line, cells in rows:
                if _is_country_row(cells):
                    values, flags = reader.read_values(line, cells, variables)
                    figures.country_rows.append(CountryRow(line, values, flags))
                yield line, cells

        reader.table.rows = tap()
    elif isinstance(reader, cbs.ObservationsReader):
        original = reader.read_code

        def read_code(line: int, cells: Sequence[object], name: str) -> cbs.AreaCode | None:
            if name == "area_code" and reader.text(cells, name).upper() in COUNTRY_CODES:
                return NATIONAL
            return original(line, cells, name)

        reader.read_code = read_code  # type: ignore[method-assign,assignment]
    return figures
