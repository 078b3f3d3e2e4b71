"""Dutch number formatting for MKBA pages: ``{{ value|euro }}``, ``{{ rate|percent }}``."""

from __future__ import annotations

from django import template

from wijkaanpak.mkba import calc

register = template.Library()


@register.filter
def euro(value, decimals: int = 0) -> str:
    """``€ 1.234.567``; ``–`` for no value."""
    if value is None or value == "":
        return "–"
    return calc.format_euro(float(value), int(decimals))


@register.filter
def percent(fraction, decimals: int = 2) -> str:
    """``0.0225`` -> ``2,25%``."""
    if fraction is None or fraction == "":
        return "–"
    return calc.format_percent(float(fraction), int(decimals))


@register.filter
def nl_number(value, decimals: int = 0) -> str:
    if value is None or value == "":
        return "–"
    return calc.format_number_nl(float(value), int(decimals))


@register.simple_tag
def project_analyses(project):
    """``{% project_analyses project as items %}``: the project's analyses with their headline."""
    from wijkaanpak.mkba.selectors import project_summaries

    return project_summaries(project)
