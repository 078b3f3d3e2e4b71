"""Reads for resident budgets. Other apps (``initiatives``) use these, not the models.

Nothing here returns ballot contents before the results are published: the only read of
ballots is ``tally`` (called when the results are published) and the open-data export, which
the views serve only in a result phase.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils.dateparse import parse_datetime

from wijkaanpak.budgets import secrecy
from wijkaanpak.budgets.models import (
    RESULT_PHASES,
    Ballot,
    Comment,
    Idea,
    IdeaStatus,
    PaperSlip,
    Phase,
    Process,
    Result,
    VotingCode,
)


def public_processes() -> QuerySet[Process]:
    return (
        Process.objects.exclude(phase=Phase.DRAFT)
        .select_related("area")
        .annotate(idea_count=Count("ideas", filter=Q(ideas__is_hidden=False)))
    )


def _utc_naive(value):
    """Timestamps from a raw cursor (SQLite: naive UTC or text) and from the ORM (aware) made
    comparable."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


#: Processes as last read by this server process: id -> Process. Reused only while its phase
#: and ``updated_at`` in the database are unchanged (checked on every call, one small query).
_PROCESSES: dict[int, Process] = {}


def process_for_voting(pk: int) -> Process | None:
    """The process, fresh enough to vote on (the hot path of voting, see benchmarks/).

    On PostgreSQL a process held in memory in the voting phase is returned without a query:
    its ballot settings and ideas cannot change during voting, and the statement that stores
    a ballot checks the phase and closing date itself (``services._consume_and_store``).
    Otherwise the phase and last change are read on every call (one single-row query) and the
    other settings reused from memory while they have not changed."""
    cached = _PROCESSES.get(pk)
    if cached is not None and cached.phase == Phase.VOTING and connection.vendor == "postgresql":
        return cached
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT phase, updated_at FROM {connection.ops.quote_name(Process._meta.db_table)} "
            "WHERE id = %s",
            [pk],
        )
        row = cursor.fetchone()
    if row is None:
        _PROCESSES.pop(pk, None)
        return None
    phase, updated_at = row[0], _utc_naive(row[1])
    if cached is not None and cached.phase == phase and _utc_naive(cached.updated_at) == updated_at:
        return cached
    process = Process.objects.filter(pk=pk).first()
    if process is not None:
        if len(_PROCESSES) > 100:
            _PROCESSES.clear()
        _PROCESSES[pk] = process
    return process


def forget_process(pk: int) -> None:
    """Drop a process from the voting cache (voting turned out to be closed)."""
    _PROCESSES.pop(pk, None)


def visible_ideas(process: Process, *, staff: bool = False) -> QuerySet[Idea]:
    """Ideas shown on the process page: hidden ones only for staff."""
    ideas = process.ideas.select_related("neighbourhood").annotate(
        comment_count=Count("comments", filter=Q(comments__is_hidden=False))
    )
    if not staff:
        ideas = ideas.filter(is_hidden=False)
    return ideas.order_by("pk")


def ballot_ideas(process: Process) -> QuerySet[Idea]:
    """The ideas on the ballot (accepted), in order of submission."""
    return (
        process.ideas.filter(status=IdeaStatus.ACCEPTED)
        .select_related("neighbourhood")
        .order_by("pk")
    )


def visible_comments(idea: Idea, *, staff: bool = False) -> QuerySet[Comment]:
    comments = idea.comments.all()
    return comments if staff else comments.filter(is_hidden=False)


def result_of(process: Process) -> Result | None:
    """The published result, or None while voting or counting (no interim counts)."""
    if process.phase not in RESULT_PHASES:
        return None
    return Result.objects.filter(process=process).first()


@dataclass(frozen=True)
class Turnout:
    codes: int
    codes_used: int
    ballots: int
    paper_slips: int


def turnout(process: Process) -> Turnout:
    """How many codes exist and were used, how many ballots are stored: numbers only, never
    what was voted (for staff; shown during voting to follow the turnout)."""
    codes = VotingCode.objects.filter(process=process).aggregate(
        total=Count("id"), used=Count("id", filter=Q(used=True))
    )
    return Turnout(
        codes=codes["total"],
        codes_used=codes["used"],
        ballots=Ballot.objects.filter(process=process).count(),
        paper_slips=PaperSlip.objects.filter(process=process).count(),
    )


RECEIPT_COUNTED = "counted"
RECEIPT_RECEIVED = "received"
RECEIPT_UNKNOWN = "unknown"


def receipt_status(process: Process, receipt: str) -> str:
    """Was the ballot with this receipt counted? Says nothing about its content."""
    if not receipt or len(secrecy.normalise(receipt)) > 40:
        return RECEIPT_UNKNOWN
    found = Ballot.objects.filter(
        process=process, receipt_hash=secrecy.receipt_hash(process.pk, receipt)
    ).exists()
    if not found:
        return RECEIPT_UNKNOWN
    return RECEIPT_COUNTED if process.phase in RESULT_PHASES else RECEIPT_RECEIVED


@dataclass(frozen=True)
class WinningIdea:
    """What the ``initiatives`` app needs to give a funded idea its voucher."""

    idea: Idea
    area: object
    title: str
    description: str
    initiator_name: str
    amount: Decimal
    process_name: str


def winning_ideas(process: Process) -> list[WinningIdea]:
    """The funded ideas of a published result (empty before the results)."""
    if process.phase not in RESULT_PHASES:
        return []
    ideas = (
        process.ideas.filter(is_funded=True)
        .select_related("neighbourhood", "process__area")
        .order_by("pk")
    )
    return [
        WinningIdea(
            idea=idea,
            area=idea.neighbourhood or process.area,
            title=idea.title,
            description=idea.description,
            initiator_name=idea.author_name,
            amount=idea.ballot_cost,
            process_name=process.title,
        )
        for idea in ideas
    ]


def funded_ideas() -> QuerySet[Idea]:
    """Every funded idea of every published result (for the initiatives app)."""
    return Idea.objects.filter(is_funded=True, process__phase__in=RESULT_PHASES).select_related(
        "process__area", "neighbourhood"
    )
