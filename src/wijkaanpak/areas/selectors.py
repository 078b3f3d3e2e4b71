from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wijkaanpak.areas import scale
from wijkaanpak.areas.models import Area, AreaKind

SCALE_MESSAGES = {
    "unknown": _("Inwonertal onbekend."),
    "small": _("Minder dan 10.000 inwoners: dit kan één werkeenheid zijn."),
    "optimal": _("10.000 tot 25.000 inwoners: de schaal die de visitatiecommissie optimaal noemt."),
    "large": _(
        "Meer dan 25.000 inwoners: groter dan de commissie aanraadt. Werk in eenheden van "
        "hooguit 10.000 inwoners en 4.000 woningen."
    ),
    "within_unit": _("Past binnen een werkeenheid (hooguit 10.000 inwoners en 4.000 woningen)."),
    "above_unit": _("Groter dan een werkeenheid (meer dan 10.000 inwoners of 4.000 woningen)."),
}


#: Labels of the figures, without and with their year.
FIGURE_NAMES = {"inhabitants": _("Inwoners"), "homes": _("Woningen")}
FIGURE_NAMES_WITH_YEAR = {
    "inhabitants": _("Inwoners (%(year)s)"),
    "homes": _("Woningen (%(year)s)"),
}


@dataclass(frozen=True)
class Figure:
    """The latest known value of one figure of an area, with the year it is from."""

    name: str
    value: int | None
    year: int | None

    @property
    def label(self) -> str:
        """ "Inwoners (2023)": the year belongs in the label wherever the figure is shown."""
        if self.year is None:
            return str(FIGURE_NAMES[self.name])
        return str(FIGURE_NAMES_WITH_YEAR[self.name]) % {"year": self.year}


def area_figure(area: Area, name: str) -> Figure:
    """The one source of an area's inhabitants or homes on every page, the report and the
    API: the latest known value of ``AreaFigure`` (kept on the area by the import)."""
    return Figure(name, getattr(area, name), getattr(area, f"{name}_year"))


def area_figures(area: Area) -> dict[str, Figure]:
    return {name: area_figure(area, name) for name in FIGURE_NAMES}


def common_figure_year(areas: Iterable[Area], name: str) -> int | None:
    """The year shared by the known figures of a column of areas, so a table can put it in
    the header; ``None`` when the years differ (each cell then names its own)."""
    years = {getattr(a, f"{name}_year") for a in areas if getattr(a, name) is not None}
    return years.pop() if len(years) == 1 else None


def scale_check(area: Area) -> tuple[scale.ScaleCheck, str]:
    if area.kind == AreaKind.DISTRICT:
        result = scale.check_district(area.inhabitants)
    else:
        result = scale.check_working_unit(area.inhabitants, area.homes)
    return result, str(SCALE_MESSAGES[result.code])


def districts_of(municipality: Area) -> QuerySet[Area]:
    return municipality.children.filter(kind=AreaKind.DISTRICT).order_by("name")


def neighbourhoods_of(district: Area) -> QuerySet[Area]:
    return district.children.filter(kind=AreaKind.NEIGHBOURHOOD).order_by("name")
