"""One code, one ballot — also when requests with the same code arrive at the same moment.

Real threads, each with its own database connection, released together by a barrier; the
test database is committed to (``transaction=True``). Runs on SQLite, and on PostgreSQL when
``DATABASE_URL`` points there (CI runs the suite a second time on PostgreSQL 15).
"""

from __future__ import annotations

import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection

from tests import factories
from wijkaanpak.budgets import services
from wijkaanpak.budgets.models import Ballot, VotingCode

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


def _race(process, codes: list[str], choices: list[int]) -> tuple[list, list]:
    """Cast one ballot per entry of ``codes`` at the same moment; (successes, refusals)."""
    barrier = threading.Barrier(len(codes))
    ok: list = []
    refused: list = []
    unexpected: list = []

    def run(code: str) -> None:
        try:
            barrier.wait(timeout=30)
            for attempt in range(200):
                try:
                    ok.append(services.ballot_cast(process=process, code=code, choices=choices))
                    return
                except OperationalError as exc:
                    # SQLite's shared-cache test database answers "database table is locked"
                    # at once instead of waiting: the whole (all-or-nothing) vote is retried.
                    if "locked" not in str(exc):
                        raise
                    time.sleep(min(0.05, 0.002 * (attempt + 1)))
            raise AssertionError("database stayed locked")
        except ValidationError as exc:
            refused.append(exc)
        except Exception as exc:  # noqa: BLE001 - reported below
            unexpected.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(code,)) for code in codes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not unexpected, unexpected
    return ok, refused


@pytest.fixture
def process(district):
    process = factories.BudgetProcessFactory(area=district, voting=True)
    process.idea = factories.BudgetIdeaFactory(
        process=process, accepted=True, estimated_cost=Decimal("1000")
    )
    return process


def test_simultaneous_requests_with_one_code_store_one_ballot(process):
    code = factories.VotingCodeFactory(process=process).code
    ok, refused = _race(process, [code] * THREADS, [process.idea.pk])
    assert len(ok) == 1
    assert len(refused) == THREADS - 1
    assert all("al gestemd" in exc.message_dict["code"][0] for exc in refused)
    assert Ballot.objects.filter(process=process).count() == 1
    assert VotingCode.objects.get().used


def test_simultaneous_requests_with_different_codes_all_count(process):
    codes = [factories.VotingCodeFactory(process=process).code for _ in range(THREADS)]
    ok, refused = _race(process, codes, [process.idea.pk])
    assert len(ok) == THREADS and refused == []
    assert Ballot.objects.filter(process=process).count() == THREADS
    assert VotingCode.objects.filter(used=True).count() == THREADS


def test_simultaneous_revotes_leave_exactly_one_ballot(district):
    process = factories.BudgetProcessFactory(area=district, voting=True, revote=True)
    idea = factories.BudgetIdeaFactory(process=process, accepted=True)
    code = factories.VotingCodeFactory(process=process).code
    ok, refused = _race(process, [code] * THREADS, [idea.pk])
    assert len(ok) + len(refused) == THREADS and len(ok) >= 1
    # whatever interleaving: one code, one ballot, and it is the last accepted one
    ballots = Ballot.objects.filter(process=process)
    assert ballots.count() == 1
