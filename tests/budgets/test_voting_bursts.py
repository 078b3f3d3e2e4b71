"""Bursts of simultaneous votes plus code guessing, with the production database settings
(issue 7, A5), and what the database file holds after voting closed (A2, A3).

``voting_scenario.py`` runs in its own process against a real database: on SQLite a fresh
file (the test database is in memory and cannot show WAL, ``IMMEDIATE`` transactions or the
busy timeout), on PostgreSQL this test run's database. 20 bursts of 10 simultaneous votes,
each with its own valid code, while two threads guess random codes without pause. Before the
fix, SQLite answered "database is locked" to most of them (324 errors, 32 of 200 votes
accepted in one run).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.budgets.test_ballot_storage_secrecy import spearman

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def day(tmp_path) -> dict:
    env = dict(os.environ, WIJKAANPAK_DATA_DIR=str(tmp_path))
    if connection.vendor == "sqlite":
        args = [f"sqlite:///{tmp_path / 'voting.sqlite3'}", "--migrate"]
    else:
        s = connection.settings_dict
        auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
        args = [f"postgres://{auth}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"]
    done = subprocess.run(
        [sys.executable, "-m", "tests.budgets.voting_scenario", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_bursts_and_guessing_give_no_errors_and_the_closed_database_keeps_no_order(day):
    assert day["errors"] == []
    assert day["refused_valid"] == []
    assert day["accepted"] == day["voters"] == 200
    assert day["stored_ballots"] == day["used_codes"] == 200
    assert day["guesses"]["accepted"] == 0 and day["guesses"]["refused"] > 0
    if day["vendor"] == "sqlite":
        assert day["journal_mode"] == "wal"
    # the same day, after the close of voting (one run: it takes a while on a busy machine)
    assert sorted(day["stored_order"]) == sorted(day["voting_order"])
    rho = spearman(day["stored_order"], day["voting_order"])
    assert abs(rho) < 0.5, f"ballots stored in voting order (rho={rho:.2f})"
    ids = [str(i).zfill(20) for i in day["code_ids_in_letter_order"]]
    rho = spearman(ids, sorted(ids))
    assert abs(rho) < 0.5, f"code ids follow the letters CSV (rho={rho:.2f})"
    if day["vendor"] == "sqlite":
        # the log is checkpointed and emptied; each receipt hash is in the file exactly twice
        # (the row and the unique index): no deleted copy in the old order survives
        assert day["wal_bytes"] == 0
        assert set(day["receipt_copies_in_file"]) == {2}
