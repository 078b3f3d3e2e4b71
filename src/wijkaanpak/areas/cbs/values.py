"""Parsing of CBS cell values: numbers, StatLine symbols and Dutch number notation.

CBS symbols (StatLine "verklaring van tekens"):

* ``.``   the figure is unknown, not reliable enough or secret -> ``None``, UNKNOWN
* blank  the figure cannot occur                               -> ``None``, NOT_APPLICABLE
* ``x``   secret                                                -> ``None``, SECRET
* ``-``   nil                                                   -> ``0.0``, NIL
* ``*``   provisional, ``**`` revised provisional: marker stripped, value kept, flagged
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from enum import StrEnum
from typing import Final

__all__ = [
    "NumberFormatError",
    "ValueFlag",
    "parse_cbs_integer",
    "parse_cbs_number",
]


class ValueFlag(StrEnum):
    UNKNOWN = "unknown"  # "." onbekend, onvoldoende betrouwbaar of geheim
    NOT_APPLICABLE = "not_applicable"  # blank: kan niet voorkomen
    SECRET = "secret"  # "x"
    NIL = "nil"  # "-": nihil (value 0)
    PROVISIONAL = "provisional"  # "*"
    REVISED_PROVISIONAL = "revised_provisional"  # "**" nader voorlopig
    INVALID = "invalid"  # could not be read; a problem was reported


class NumberFormatError(ValueError):
    """A cell is not a number. ``reason`` is ``not_a_number``, ``decimal_comma``
    (a comma where only a point is allowed) or ``not_an_integer``."""

    def __init__(self, value: str, reason: str) -> None:
        super().__init__(f"{value!r}: {reason}")
        self.value = value
        self.reason = reason


Parsed = tuple[float | None, ValueFlag | None]

_BLANK: Final[Parsed] = (None, ValueFlag.NOT_APPLICABLE)
_UNKNOWN: Final[Parsed] = (None, ValueFlag.UNKNOWN)
_SECRET: Final[Parsed] = (None, ValueFlag.SECRET)
_NIL: Final[Parsed] = (0.0, ValueFlag.NIL)

_PLAIN = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
# Dutch notation, only allowed when the file uses ";" (or tab) as delimiter.
_COMMA_DECIMAL = re.compile(r"([-+]?[0-9]*),([0-9]+)")
_DOT_GROUPS_COMMA = re.compile(r"([-+]?[0-9]{1,3}(?:\.[0-9]{3})+)(?:,([0-9]+))?")
_COMMA_GROUPS_DOT = re.compile(r"([-+]?[0-9]{1,3}(?:,[0-9]{3})+)\.([0-9]+)")
_DOT_GROUPS = re.compile(r"[-+]?[0-9]{1,3}(?:\.[0-9]{3})+")

_STRIP: Final = " \t\r\n\u00a0"


def _from_text(text: str, decimal_comma: bool) -> float | None:
    if _PLAIN.fullmatch(text):
        return float(text)
    if not decimal_comma:
        return None
    m = _COMMA_DECIMAL.fullmatch(text)
    if m:
        return float(f"{m.group(1) or '0'}.{m.group(2)}")
    m = _DOT_GROUPS_COMMA.fullmatch(text)
    if m:
        whole = m.group(1).replace(".", "")
        return float(f"{whole}.{m.group(2)}" if m.group(2) is not None else whole)
    m = _COMMA_GROUPS_DOT.fullmatch(text)
    if m:
        return float(f"{m.group(1).replace(',', '')}.{m.group(2)}")
    return None


def _from_string(raw: str, decimal_comma: bool) -> Parsed:
    text = raw.strip(_STRIP)
    if not text:
        return _BLANK
    if text == ".":
        return _UNKNOWN
    flag: ValueFlag | None = None
    if "*" in text:
        stars = len(text) - len(text.strip("*"))
        flag = ValueFlag.REVISED_PROVISIONAL if stars >= 2 else ValueFlag.PROVISIONAL
        text = text.strip("*").strip(_STRIP)
        if not text or "*" in text:
            raise NumberFormatError(raw, "not_a_number")
        if text == ".":
            return None, ValueFlag.UNKNOWN
    if text in ("x", "X"):
        return _SECRET
    if text in ("-", "\u2013"):
        return _NIL
    value = _from_text(text, decimal_comma)
    if value is None:
        reason = "decimal_comma" if "," in text and not decimal_comma else "not_a_number"
        raise NumberFormatError(raw, reason)
    if not math.isfinite(value):
        raise NumberFormatError(raw, "not_a_number")
    return value, flag


def parse_cbs_number(raw: object, *, decimal_comma: bool = False) -> Parsed:
    """Parse one cell into ``(value, flag)``.

    ``raw`` is a cell as read from xlsx (``int``/``float``/``str``/``None``) or CSV
    (``str``). With ``decimal_comma`` (files separated by ``;``) ``1,9`` and
    ``1.234,5`` are accepted as well as ``1.9``. Raises :class:`NumberFormatError`.
    """
    if isinstance(raw, str):
        if _PLAIN.fullmatch(raw):  # fast path: most cells
            return float(raw), None
        return _from_string(raw, decimal_comma)
    if raw is None:
        return _BLANK
    if isinstance(raw, bool):  # before int: bool is an int subclass
        raise NumberFormatError(str(raw), "not_a_number")
    if isinstance(raw, int | float | Decimal):
        value = float(raw)
        if math.isfinite(value):
            return value, None
    # NaN/inf, datetime (a date-formatted cell), ...
    raise NumberFormatError(str(raw), "not_a_number")


def parse_cbs_integer(
    raw: object, *, decimal_comma: bool = False
) -> tuple[int | None, ValueFlag | None]:
    """Like :func:`parse_cbs_number`, but the value must be a whole number.

    With ``decimal_comma`` a value like ``12.345`` is read as twelve thousand three
    hundred forty-five (Dutch thousands separator), since a count cannot be 12.345.
    """
    cell = raw
    if decimal_comma and isinstance(raw, str):
        text = raw.strip(_STRIP)
        if _DOT_GROUPS.fullmatch(text):
            cell = text.replace(".", "")
    try:
        value, flag = parse_cbs_number(cell, decimal_comma=decimal_comma)
    except NumberFormatError as exc:
        raise NumberFormatError(exc.value if cell is raw else str(raw), "not_an_integer") from exc
    if value is None:
        return None, flag
    if not value.is_integer():
        raise NumberFormatError(str(raw), "not_an_integer")
    return int(value), flag
