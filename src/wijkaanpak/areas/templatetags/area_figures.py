"""Templates read an area's inhabitants and homes only through ``areas.selectors``."""

from __future__ import annotations

from django import template

from wijkaanpak.areas.selectors import Figure, area_figure, common_figure_year

register = template.Library()


@register.filter
def figure(area, name: str) -> Figure:
    """``{% with f=area|figure:"homes" %}{{ f.label }}: {{ f.value }}{% endwith %}``"""
    return area_figure(area, name)


@register.simple_tag
def figure_column_year(areas, name: str) -> int | None:
    """The year a table column's header can name (see ``common_figure_year``)."""
    return common_figure_year(areas, name)


@register.inclusion_tag("areas/_figure_cell.html")
def figure_cell(area, name: str, column_year: int | None = None) -> dict:
    """A table cell's content: the value, and its year when the header does not name it."""
    return {"f": area_figure(area, name), "column_year": column_year}


@register.inclusion_tag("areas/_figure_header.html")
def figure_header(name: str, column_year: int | None = None) -> dict:
    return {"f": Figure(name, None, column_year)}
