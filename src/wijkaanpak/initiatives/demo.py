"""Demo data: two crowd-support initiatives ("Voor je Buurt") with needs and pledges.

Called by the demo loader as ``load_demo_initiatives(district, by=user)``. Every write goes
through ``services``; everything is marked ``is_demo=True``. Names of people who pledge are
invented (and only staff see them). Running it twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from wijkaanpak.core import demo as core_demo

INITIATIVES: list[dict[str, Any]] = [
    {
        "title": "Jongeren runnen het buurthuis",
        "description": (
            "Jongeren uit de wijk openen het buurthuis drie avonden per week: huiswerk, sport "
            "en een plek om elkaar te zien. Ze vragen buren om mee te helpen."
        ),
        "source": "youth_centre",
        "initiator_name": "Youssef",
        "status": "running",
        "milestones": [
            ("Ruimte opknappen", "done", 100),
            ("Avonden draaien", "running", 40),
        ],
        "updates": [(-20, "De muren zijn geverfd. Dank aan alle buren die kwamen helpen!")],
        "needs": [
            {
                "kind": "time",
                "title": "Begeleiders voor de huiswerkavond",
                "description": "Elke dinsdag van 19 tot 21 uur.",
                "quantity": "40",
                "unit": "uur",
                "pledges": [("8", "Anja"), ("12", ""), ("4", "Karim")],
            },
            {
                "kind": "materials",
                "title": "Verf voor de ontmoetingsruimte",
                "quantity": "20",
                "unit": "liter",
                "done": True,
                "pledges": [("20", "Bouwmarkt De Hamer")],
            },
            {
                "kind": "money",
                "title": "Sportmateriaal",
                "description": "Ballen, hesjes en een doeltje.",
                "quantity": "750",
                "pledges": [("50", "Els"), ("25", ""), ("100", "Moskee-comité")],
            },
        ],
    },
    {
        "title": "Schone straat, hele buurt",
        "description": (
            "Een keer per maand maken bewoners samen de straten en speelplekken schoon. "
            "Daarna koffie in de tuin van de flat."
        ),
        "source": "clean_safe",
        "initiator_name": "Ria",
        "status": "planned",
        "milestones": [],
        "updates": [],
        "needs": [
            {
                "kind": "time",
                "title": "Meedoen op de schoonmaakdag",
                "quantity": "30",
                "unit": "uur",
                "pledges": [("3", "Piet"), ("2", ""), ("3", "Samira")],
            },
            {
                "kind": "materials",
                "title": "Afvalgrijpers",
                "quantity": "15",
                "unit": "stuks",
                "pledges": [("5", "Woningcorporatie")],
            },
            {
                "kind": "space",
                "title": "Opslag voor de spullen",
                "description": "Een droge berging of schuur voor grijpers en vuilniszakken.",
                "quantity": "1",
                "unit": "berging",
                "pledges": [],
            },
        ],
    },
]


def _description(data: dict[str, Any]) -> str:
    source = core_demo.S.get(data.get("source", ""))
    if source is None:
        return data["description"]
    title = core_demo.SEEDS[source.seed][1]
    return f"{data['description']}\n\nBron: {title} (tekst {source.seed}): ‘{source.quote}’"


def load_demo_initiatives(district, *, by=None, today: dt.date | None = None) -> list:
    """Create the two demo initiatives in ``district`` (a district ``Area``); idempotent."""
    from django.utils import timezone

    from wijkaanpak.initiatives import services
    from wijkaanpak.initiatives.models import Initiative

    today = today or timezone.localdate()
    created = []
    for data in INITIATIVES:
        if Initiative.objects.filter(area=district, title=data["title"], is_demo=True).exists():
            continue
        initiative = services.initiative_create(
            by=by,
            area=district,
            title=data["title"],
            description=_description(data),
            initiator_name=data["initiator_name"],
            status=data["status"],
            is_demo=True,
        )
        for title, status, progress in data["milestones"]:
            services.milestone_create(
                initiative=initiative, by=by, title=title, status=status, progress=progress
            )
        for days, text in data["updates"]:
            services.update_post(
                initiative=initiative,
                by=by,
                text=text,
                published_on=today + dt.timedelta(days=days),
            )
        for need_data in data["needs"]:
            need = services.need_create(
                initiative=initiative,
                by=by,
                kind=need_data["kind"],
                title=need_data["title"],
                description=need_data.get("description", ""),
                quantity=Decimal(need_data["quantity"]),
                unit=need_data.get("unit", ""),
            )
            for quantity, name in need_data["pledges"]:
                services.pledge_create(need=need, by=None, quantity=Decimal(quantity), name=name)
            if need_data.get("done"):
                services.need_update(need=need, by=by, is_done=True, is_open=False)
        created.append(initiative)
    return created


def delete_demo_initiatives() -> int:
    """Remove the demo initiatives with everything hanging on them (for ``load_demo --reset``),
    including vouchers, spending and receipt files someone added while trying the demo."""
    from django.db import transaction

    from wijkaanpak.initiatives.models import Initiative, SpendingEntry, Voucher

    with transaction.atomic():
        for entry in SpendingEntry.objects.filter(initiative__is_demo=True).exclude(receipt=""):
            entry.receipt.delete(save=False)
        SpendingEntry.objects.filter(initiative__is_demo=True).delete()
        Voucher.objects.filter(initiative__is_demo=True).delete()
        deleted, _per_model = Initiative.objects.filter(is_demo=True).delete()
    return deleted
