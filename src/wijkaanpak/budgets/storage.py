"""How the secret tables are stored: random order, and no trace of the voting order after close.

While voting runs, a code row and the ballot row stored with it are written together (on
PostgreSQL by one statement, so both rows carry the same ``xmin``), and ballots are appended in
the order they are cast (SQLite's ``rowid``, PostgreSQL's ``ctid``). When voting closes,
``rewrite_in_random_order`` deletes the process's code and ballot rows and inserts them again,
in a random order, in the transaction that closes voting: afterwards every row carries that one
transaction, code ids and storage positions are a random permutation, and the seals used for
re-voting are gone. ``compact`` then removes the deleted row versions from the files
(PostgreSQL: ``VACUUM FULL``; SQLite: deleted content is zeroed by ``secure_delete`` and the
write-ahead log is checkpointed and truncated). See the README, "Resident budget".

Code rows are also inserted in a random order when they are made (``shuffled``), so code ids
never follow the rows of the letters CSV.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Iterable
from typing import TypeVar

from django.db import DatabaseError, connection

from wijkaanpak.budgets.models import Ballot, VotingCode

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: The operating system's random source: the order must not be predictable from a seed.
_RANDOM = random.SystemRandom()

_CODE_FIELDS = ("code_hash", "kind", "batch", "used")
_BALLOT_FIELDS = ("id", "choices", "points", "receipt_hash", "source", "paper_number")


def shuffled(items: Iterable[T]) -> list[T]:
    """A new list with the items in a uniformly random order (``SystemRandom``)."""
    result = list(items)
    _RANDOM.shuffle(result)
    return result


def secret_tables() -> list[str]:
    return [VotingCode._meta.db_table, Ballot._meta.db_table]


def rewrite_in_random_order(process_id: int) -> tuple[int, int]:
    """Delete the process's code and ballot rows and insert them again in a random order.

    Must run inside the transaction that ends voting, with the process row locked. The code
    rows are locked first (``FOR UPDATE``): a vote that already holds a code row finishes
    before they are read, so its code and ballot are both rewritten; a vote that comes later
    finds its code row deleted and stores nothing. Codes get fresh ids (in random order);
    ballots keep their random UUIDs. Seals (``sealed_receipt``) are dropped: they serve only
    re-voting, which has ended. Returns (codes, ballots) rewritten.
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # deleted rows are overwritten with zeros in the file (also set per connection)
            cursor.execute("PRAGMA secure_delete = ON")
    codes = list(
        VotingCode.objects.select_for_update()
        .filter(process_id=process_id)
        .order_by()
        .values_list(*_CODE_FIELDS)
    )
    ballots = list(
        Ballot.objects.filter(process_id=process_id).order_by().values_list(*_BALLOT_FIELDS)
    )
    VotingCode.objects.filter(process_id=process_id).delete()
    Ballot.objects.filter(process_id=process_id).delete()
    VotingCode.objects.bulk_create(
        [
            VotingCode(process_id=process_id, **dict(zip(_CODE_FIELDS, row, strict=True)))
            for row in shuffled(codes)
        ],
        batch_size=2000,
    )
    Ballot.objects.bulk_create(
        [
            Ballot(process_id=process_id, **dict(zip(_BALLOT_FIELDS, row, strict=True)))
            for row in shuffled(ballots)
        ],
        batch_size=2000,
    )
    return len(codes), len(ballots)


def _filenodes(cursor) -> list[int]:
    """The files of the secret tables (PostgreSQL): a rewrite gives each a new one."""
    nodes = []
    for table in secret_tables():
        cursor.execute("SELECT pg_relation_filenode(%s::regclass)", [table])
        nodes.append(cursor.fetchone()[0])
    return nodes


#: Transactions in this database whose snapshot is older than the horizon (an xid): while one
#: runs, VACUUM must keep the row versions it might still read.
_OLDER_SNAPSHOTS = """
SELECT count(*) FROM pg_stat_activity
WHERE datname = current_database() AND pid <> pg_backend_pid()
  AND (age(backend_xmin) > age(%(horizon)s::xid) OR age(backend_xid) > age(%(horizon)s::xid))
"""


def _wait_for_older_snapshots(cursor, seconds: float) -> bool:
    """Wait until no transaction that began before now is still running (an open backup, an
    ANALYZE by autovacuum): only then can ``VACUUM FULL`` drop every deleted row version."""
    cursor.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text")
    horizon = str(int(cursor.fetchone()[0]) % 2**32)
    deadline = time.monotonic() + seconds
    while True:
        cursor.execute(_OLDER_SNAPSHOTS, {"horizon": horizon})
        if cursor.fetchone()[0] == 0:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def compact(wait_seconds: float = 30) -> bool:
    """Remove the deleted row versions of the secret tables from the database files.

    Runs outside any transaction (after the close has committed). PostgreSQL: ``VACUUM FULL``
    writes the live rows (in their current, random, order) into new files and drops the old
    ones with every dead row version. It must keep row versions that a still-open older
    transaction may see, so it first waits (up to ``wait_seconds``) for such transactions to
    end; if one is still running it compacts anyway, warns, and returns False (run
    ``wijk budget compact`` later). SQLite:
    ``secure_delete`` already zeroed the deleted content; the write-ahead log, which still
    holds the old pages, is checkpointed into the file and truncated to zero bytes (retried
    while another connection still reads an older snapshot). True when done completely.
    """
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                waited = _wait_for_older_snapshots(cursor, wait_seconds)
                before = _filenodes(cursor)
                tables = ", ".join(connection.ops.quote_name(t) for t in secret_tables())
                cursor.execute(f"VACUUM FULL {tables}")
                after = _filenodes(cursor)
                # VACUUM skips a table it may not rewrite (not its owner) with only a warning
                rewritten = all(old != new for old, new in zip(before, after, strict=True))
                if not rewritten:
                    logger.warning("budgets: VACUUM FULL did not rewrite the ballot tables")
                if not waited:
                    logger.warning(
                        "budgets: an older transaction was still open; deleted ballot rows may"
                        " remain until `wijk budget compact`"
                    )
                return rewritten and waited
            if connection.vendor == "sqlite":
                for attempt in range(50):
                    cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    busy = cursor.fetchone()[0]
                    if not busy:
                        return True
                    time.sleep(0.02 * (attempt + 1))
                logger.warning("budgets: write-ahead log still in use; run `wijk budget compact`")
                return False
    except DatabaseError:
        logger.exception("budgets: compacting the ballot tables failed; run `wijk budget compact`")
        return False
    return True
