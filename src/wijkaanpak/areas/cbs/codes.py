"""CBS area codes (gemeente, wijk, buurt): parsing and validation.

Code layout (CBS "Toelichting Kerncijfers wijken en buurten"):

* ``GM`` + 4 digits: municipality (``GM0344``)
* ``WK`` + 4 digits + 2 characters: district (``WK034401``)
* ``BU`` + 4 digits + 2 + 2 characters: neighbourhood (``BU03440101``)

Since 2023 the district and neighbourhood parts may contain uppercase letters
(Amsterdam: ``WK0363AA``, ``BU0363AA06``). The municipality part is always digits.

No Django imports here: this module is used by the framework-free readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

__all__ = [
    "KIND_LABELS_NL",
    "KIND_PREFIXES",
    "AreaCode",
    "AreaCodeError",
    "AreaKind",
    "parse_area_code",
    "parse_area_kind",
]

AreaKind = Literal["municipality", "district", "neighbourhood"]

KIND_PREFIXES: Final[dict[AreaKind, str]] = {
    "municipality": "GM",
    "district": "WK",
    "neighbourhood": "BU",
}

#: Dutch (B1) names of the kinds, for user-facing messages.
KIND_LABELS_NL: Final[dict[AreaKind, str]] = {
    "municipality": "gemeente",
    "district": "wijk",
    "neighbourhood": "buurt",
}

_PREFIX_KIND: Final[dict[str, AreaKind]] = {v: k for k, v in KIND_PREFIXES.items()}

_PATTERNS: Final[dict[AreaKind, re.Pattern[str]]] = {
    "municipality": re.compile(r"GM[0-9]{4}"),
    "district": re.compile(r"WK[0-9]{4}[0-9A-Z]{2}"),
    "neighbourhood": re.compile(r"BU[0-9]{4}[0-9A-Z]{2}[0-9A-Z]{2}"),
}

_EXPLANATION: Final[dict[AreaKind, str]] = {
    "municipality": "Een gemeentecode is GM met 4 cijfers, bijvoorbeeld GM0344.",
    "district": (
        "Een wijkcode is WK met 6 tekens: 4 cijfers voor de gemeente en 2 voor de wijk, "
        "bijvoorbeeld WK034401."
    ),
    "neighbourhood": (
        "Een buurtcode is BU met 8 tekens: 4 cijfers voor de gemeente, 2 voor de wijk "
        "en 2 voor de buurt, bijvoorbeeld BU03440101."
    ),
}

# Accepted spellings of a kind (lower case, stripped), in files and forms.
_KIND_ALIASES: Final[dict[str, AreaKind]] = {
    "municipality": "municipality",
    "gemeente": "municipality",
    "gm": "municipality",
    "district": "district",
    "wijk": "district",
    "wk": "district",
    "neighbourhood": "neighbourhood",
    "neighborhood": "neighbourhood",
    "buurt": "neighbourhood",
    "bu": "neighbourhood",
}

# Whitespace StatLine and spreadsheets put around codes (incl. no-break space).
_STRIP_CHARS: Final = " \t\r\n\u00a0\ufeff"


class AreaCodeError(ValueError):
    """An area code is not a valid CBS GM/WK/BU code.

    ``str(error)`` is a Dutch (B1) sentence for the user; ``value`` is the input
    as given and ``reason`` a stable key (``empty``, ``prefix``, ``format``) so a
    caller can translate.
    """

    def __init__(self, value: str, reason: str, message: str) -> None:
        super().__init__(message)
        self.value = value
        self.reason = reason
        self.message = message


@dataclass(frozen=True, slots=True)
class AreaCode:
    """A validated CBS area code.

    ``code`` is normalised (no padding, upper case). ``parent_code`` is the code of
    the district (for a neighbourhood) or the municipality (for a district), and
    ``None`` for a municipality.
    """

    kind: AreaKind
    code: str
    municipality_code: str
    parent_code: str | None

    def __str__(self) -> str:
        return self.code


def parse_area_code(code: str) -> AreaCode:
    """Validate and normalise a CBS area code such as ``GM0344``, ``WK034401``,
    ``BU03440101`` or ``BU0363AA06``.

    Surrounding spaces (StatLine pads codes) are removed and letters are made
    upper case. Raises :class:`AreaCodeError` with a Dutch message otherwise.
    """
    raw = code if isinstance(code, str) else str(code)
    value = raw.strip(_STRIP_CHARS).upper()
    if not value:
        raise AreaCodeError(raw, "empty", "De gebiedscode is leeg.")
    kind = _PREFIX_KIND.get(value[:2])
    if kind is None:
        raise AreaCodeError(
            raw,
            "prefix",
            f"'{value}' is geen geldige gebiedscode. Een code begint met GM (gemeente), "
            "WK (wijk) of BU (buurt), bijvoorbeeld GM0344, WK034401 of BU03440101.",
        )
    if _PATTERNS[kind].fullmatch(value) is None:
        raise AreaCodeError(
            raw,
            "format",
            f"'{value}' is geen geldige {KIND_LABELS_NL[kind]}code. {_EXPLANATION[kind]}",
        )
    municipality = "GM" + value[2:6]
    if kind == "municipality":
        parent = None
    elif kind == "district":
        parent = municipality
    else:
        parent = "WK" + value[2:8]
    return AreaCode(kind=kind, code=value, municipality_code=municipality, parent_code=parent)


def parse_area_kind(label: str) -> AreaKind | None:
    """Map a kind label to an :data:`AreaKind`, or ``None`` when unknown.

    Accepts English (``municipality``/``district``/``neighbourhood``), Dutch
    (``Gemeente``/``Wijk``/``Buurt``, as in CBS column ``recs`` and StatLine
    ``SoortRegio``) and the code prefixes, in any case and with padding.
    """
    return _KIND_ALIASES.get(label.strip(_STRIP_CHARS).lower())
