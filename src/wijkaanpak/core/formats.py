"""Numbers and money in the visitor's language: ``€ 2.339.214`` in Dutch, ``€ 2,339,214`` in
English (the same "€ " with a space as the pages' ``€ {{ x|intcomma }}``), half-up rounding.

Every money filter and sentence uses these, so one page never mixes notations.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.formats import get_format
from django.utils.translation import get_language

_SEPARATORS: dict[str, tuple[str, str]] = {}


def separators() -> tuple[str, str]:
    """(decimal, thousands) of the active language (Django's locale formats; cached)."""
    language = get_language() or "nl"
    found = _SEPARATORS.get(language)
    if found is None:
        found = (get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR"))
        _SEPARATORS[language] = found
    return found


def _decimal(value: Fraction | Decimal | float | int | str) -> Decimal:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(str(value))


def number(value: Fraction | Decimal | float | int | str, decimals: int = 0) -> str:
    """``1234567.891`` -> ``1.234.567,89`` (nl) or ``1,234,567.89`` (en)."""
    rounded = _decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    decimal, thousands = separators()
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def euro(value: Fraction | Decimal | float | int | str, decimals: int = 0) -> str:
    """``€ 1.234.567`` / ``€ 2,10`` / ``€ -300`` in the active language."""
    return f"€ {number(value, decimals)}"


def euro_cents_if_any(value: Fraction | Decimal | float | int | str) -> str:
    """Whole euros unless there are cents: ``€ 12.500`` or ``€ 12.500,50`` (``€ 12,500.50``)."""
    amount = _decimal(value).quantize(Decimal("0.01"))
    return euro(amount, 0 if amount == amount.to_integral_value() else 2)


def percent(fraction: float, decimals: int = 2) -> str:
    """``0.0225`` -> ``2,25%`` (nl) / ``2.25%`` (en); trailing zeros dropped."""
    text = number(fraction * 100, decimals)
    decimal, _thousands = separators()
    if decimal in text:
        text = text.rstrip("0").rstrip(decimal)
    return f"{text}%"
