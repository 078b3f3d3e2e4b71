from django import template

from wijkaanpak.monitor.selectors import fmt

register = template.Library()


@register.filter
def num(value, unit: str = "") -> str:
    """A figure in the current language's notation; ``–`` when missing."""
    if value is None or value == "":
        return "–"
    try:
        return fmt(float(value), unit or "")
    except (TypeError, ValueError):
        return str(value)
