from __future__ import annotations

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
