"""Demo data: two resident budgets, one counted and published, one collecting ideas.

Called by the demo loader as ``load_demo_budgets(counted_in, collecting_in, by=user)``. Every
write goes through ``services`` (ideas, feasibility check, voting codes, secret ballots,
counting by Equal Shares), and every process is marked ``is_demo=True``. The ballots are
invented: a seeded random draw in which each voter approves a few ideas, more often the
popular ones. Running it twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wijkaanpak.budgets import services
from wijkaanpak.budgets.models import (
    Ballot,
    Idea,
    IdeaStatus,
    PaperEntry,
    PaperSlip,
    Phase,
    Process,
    Result,
    VotingCode,
)

VOTERS = 240
CODES = 400

#: (title, description, cost in euros, chance that a voter approves it; None: rejected)
COUNTED_IDEAS: list[tuple[str, str, int, float | None]] = [
    (
        "Moestuin bij de flats",
        "Bakken met groente en kruiden op het grasveld tussen de flats. Buren zorgen er samen "
        "voor.",
        8000,
        0.55,
    ),
    (
        "Bankjes en schaduw op het plein",
        "Vier bankjes en twee bomen, zodat ouderen en ouders met kinderen kunnen zitten.",
        12000,
        0.45,
    ),
    (
        "Huiswerkklas in het buurthuis",
        "Twee middagen per week hulp bij huiswerk, door studenten en buren.",
        15000,
        0.35,
    ),
    (
        "Beter licht in het tunneltje",
        "Het tunneltje naar het station is donker. Meer licht maakt het veiliger.",
        20000,
        0.40,
    ),
    (
        "Kookavonden voor buren",
        "Eens per maand samen koken en eten, elke keer een ander land.",
        5000,
        0.25,
    ),
    (
        "Voetbalkooi opknappen",
        "Nieuwe netten en een nieuwe vloer voor de voetbalkooi.",
        18000,
        0.30,
    ),
    (
        "Taalcafé op zaterdag",
        "Nederlands oefenen met buren, met koffie en thee.",
        4000,
        0.20,
    ),
    (
        "Nieuwe parkeerplaatsen",
        "Meer parkeerplaatsen in de straat.",
        45000,
        None,
    ),
]

COLLECTING_IDEAS: list[tuple[str, str, int]] = [
    (
        "Speeltuin voor de kleintjes",
        "Een kleine speeltuin met zand en een glijbaan bij de school.",
        14000,
    ),
    (
        "Fietsenmaker-cursus",
        "Jongeren leren fietsen repareren, en repareren daarna voor de buurt.",
        6000,
    ),
]

REJECTION = (
    "Parkeerplaatsen legt de gemeente alleen aan volgens het parkeerplan van de stad; daar "
    "is dit budget niet voor."
)


def load_demo_budgets(counted_in, collecting_in, *, by=None) -> list[Process]:
    """Create the demo processes in two districts; nothing when demo processes exist."""
    existing = list(Process.objects.filter(is_demo=True))
    if existing:
        return existing
    return [_counted(counted_in, by), _collecting(collecting_in, by)]


def _open_process(district, by, *, budget: int, description: str, days: dict[str, int]):
    """A demo process (approval ballots, Equal Shares), moved on to collecting ideas. ``days``:
    the phase dates as days from today."""
    today = timezone.localdate()
    process = services.process_create(
        by=by,
        area=district,
        title=f"Bewonersbudget {district.name} (voorbeeld)",
        description=description,
        budget=Decimal(budget),
        min_age=12,
        ballot_type="approval",
        rule="mes-add1",
        is_demo=True,
        **{name: today + dt.timedelta(days=n) for name, n in days.items()},
    )
    return services.process_set_phase(process=process, by=by, phase=Phase.IDEAS)


def _counted(district, by) -> Process:
    process = _open_process(
        district,
        by,
        budget=50000,
        description=(
            "Bewoners bedachten ideeën voor de wijk en stemden daarna. Dit is een voorbeeld: de "
            "ideeën en stemmen zijn verzonnen."
        ),
        days={
            "ideas_open_on": -120,
            "ideas_close_on": -90,
            "review_close_on": -60,
            "voting_open_on": -30,
            "voting_close_on": 0,  # today: the demo votes are cast when the demo is loaded
            "results_on": 0,
        },
    )
    submitted = _submit(process, [(title, text, cost) for title, text, cost, _ in COUNTED_IDEAS])
    ideas = [(idea, chance) for idea, (*_, chance) in zip(submitted, COUNTED_IDEAS, strict=True)]
    process = services.process_set_phase(process=process, by=by, phase=Phase.REVIEW)
    for idea, chance in ideas:
        if chance is None:
            services.idea_review(
                idea=idea, by=by, status=IdeaStatus.REJECTED, rejection_reason=REJECTION
            )
        else:
            services.idea_review(idea=idea, by=by, status=IdeaStatus.ACCEPTED)
    run = services.codes_generate(process=process, by=by, count=CODES)
    process = services.process_set_phase(process=process, by=by, phase=Phase.VOTING)
    rng = random.Random(2026)
    accepted = [(idea, chance) for idea, chance in ideas if chance is not None]
    costs = dict(Idea.objects.filter(process=process).values_list("pk", "cost"))
    budget = process.budget
    for code in [row["code"] for row in run.rows][:VOTERS]:
        choices, spent = [], Decimal(0)
        for idea, chance in accepted:
            cost = costs[idea.pk]
            if rng.random() < chance and spent + cost <= budget:
                choices.append(idea.pk)
                spent += cost
        if not choices:
            choices = [accepted[0][0].pk]
        services.ballot_cast(process=process, choices=choices, code=code)
    process = services.process_set_phase(process=process, by=by, phase=Phase.COUNTING)
    return services.process_set_phase(process=process, by=by, phase=Phase.RESULTS)


def _collecting(district, by) -> Process:
    process = _open_process(
        district,
        by,
        budget=30000,
        description=(
            "Heeft u een idee voor de wijk? Dien het in. Daarna kijkt de gemeente of het kan, "
            "en stemmen bewoners. Dit is een voorbeeld."
        ),
        days={
            "ideas_open_on": -10,
            "ideas_close_on": 20,
            "review_close_on": 40,
            "voting_open_on": 50,
            "voting_close_on": 70,
            "results_on": 75,
        },
    )
    _submit(process, COLLECTING_IDEAS)
    return process


def _submit(process: Process, ideas: list[tuple[str, str, int]]) -> list[Idea]:
    """Ideas submitted by invented residents: (title, description, estimated cost)."""
    return [
        services.idea_submit(
            process=process,
            by=None,
            title=title,
            description=description,
            estimated_cost=Decimal(cost),
            author_name="Bewoner (voorbeeld)",
        )
        for title, description, cost in ideas
    ]


@transaction.atomic
def delete_demo_budgets() -> int:
    """Delete the demo processes. Ballots, codes and ideas are protected against deletion
    with their process (votes are never lost by accident), so the demo removes them itself,
    most dependent first."""
    processes = Process.objects.filter(is_demo=True)
    count = processes.count()
    for model in (Result, Ballot, PaperEntry, PaperSlip, VotingCode, Idea):
        model.objects.filter(process__in=processes).delete()
    processes.delete()
    return count
