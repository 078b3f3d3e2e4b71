"""Number formatting for MKBA pages in the visitor's language: ``{{ value|euro }}``,
``{{ rate|percent }}`` (``core.formats``: ``€ 1.234.567`` in Dutch, ``€ 1,234,567`` in English)."""

from __future__ import annotations

from django import template

from wijkaanpak.core import formats

register = template.Library()


@register.filter
def euro(value, decimals: int = 0) -> str:
    """``€ 1.234.567``; ``–`` for no value."""
    if value is None or value == "":
        return "–"
    return formats.euro(float(value), int(decimals))


@register.filter
def percent(fraction, decimals: int = 2) -> str:
    """``0.0225`` -> ``2,25%``."""
    if fraction is None or fraction == "":
        return "–"
    return formats.percent(float(fraction), int(decimals))


@register.filter
def nl_number(value, decimals: int = 0) -> str:
    """A number in the visitor's language (the name is older than the English pages)."""
    if value is None or value == "":
        return "–"
    return formats.number(float(value), int(decimals))


@register.simple_tag
def project_analyses(project):
    """``{% project_analyses project as items %}``: the project's analyses with their headline."""
    from wijkaanpak.mkba.selectors import project_summaries

    return project_summaries(project)
