"""Template helpers for the resident budget pages."""

from __future__ import annotations

from django import template

from wijkaanpak.budgets.ballots import euro as _euro

register = template.Library()


@register.filter
def euro(value) -> str:
    """``€ 12.500`` (Dutch notation); empty for ``None``."""
    return "" if value is None or value == "" else _euro(value)


@register.filter
def plain_number(value) -> str:
    """A decimal as ``1234.5`` for data attributes (never localised)."""
    return "" if value is None else format(value, "f")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
