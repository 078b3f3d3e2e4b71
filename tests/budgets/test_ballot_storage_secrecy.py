"""Attacks on a copy of the database taken after voting closed (issue 7, A1-A3).

The attacker holds the database and the letters CSV (in address order), not the server key.
Each test plays one attack and requires that it links nothing better than chance:

- PostgreSQL ``xmin``: the statement that stores a ballot also marks its code used, so both
  rows carry one transaction id; joining the tables on it linked every ballot to its code.
- storage order: ballots are appended as they are cast (SQLite ``rowid``, PostgreSQL
  ``ctid``); with the web server's log of ``POST .../stemmen/`` that gives time and IP address.
- code ids: codes were inserted in the order of the CSV rows, so letter *k* was the *k*-th id.

The order tests use Spearman's rank correlation over 200 rows: for a random permutation its
standard deviation is 1/sqrt(199) = 0.07, so |rho| < 0.5 (7 standard deviations) cannot flake,
while the old storage gave rho = 1. Real commits (``transaction=True``): the close runs its
``VACUUM FULL`` / WAL checkpoint after commit as in production. Runs on SQLite and, with
``DATABASE_URL``, on PostgreSQL; the file-level checks of SQLite (the test database is in
memory) are in ``test_voting_bursts.py``.
"""

from __future__ import annotations

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection

from wijkaanpak.budgets import secrecy, selectors, services
from wijkaanpak.budgets.models import Ballot, Phase, VotingCode

pytestmark = pytest.mark.django_db(transaction=True)

VOTERS = 200


def spearman(order_a: list[str], order_b: list[str]) -> float:
    """Rank correlation of two orderings of the same items (no ties)."""
    rank_b = {item: i for i, item in enumerate(order_b)}
    n = len(order_a)
    d2 = sum((i - rank_b[item]) ** 2 for i, item in enumerate(order_a))
    return 1 - 6 * d2 / (n * (n * n - 1))


def storage_order(table: str, column: str, process_id: int) -> list[str]:
    """``column`` of the process's rows in the order they lie in the table's storage."""
    position = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {table} WHERE process_id = %s ORDER BY {position}",
            [process_id],
        )
        return [row[0] for row in cursor.fetchall()]


def letters_csv(n: int) -> str:
    return "address\n" + "".join(f"Teststraat {i + 1}, Utrecht\n" for i in range(n))


@pytest.fixture
def process(district):
    from tests import factories

    process = factories.BudgetProcessFactory(area=district, voting=True)
    process.ideas_list = [
        factories.BudgetIdeaFactory(process=process, accepted=True, estimated_cost=Decimal("1000"))
        for _ in range(4)
    ]
    return process


@pytest.fixture
def letters(process) -> list[str]:
    """The clear codes in the order of the letters CSV (address order)."""
    run = services.codes_generate(process=process, by=None, csv_text=letters_csv(VOTERS))
    return [row["code"] for row in run.rows]


def cast_all(process, letters: list[str]) -> list[str]:
    """Every letter votes, in CSV order; the receipt hashes in voting order."""
    hashes = []
    for i, code in enumerate(letters):
        idea = process.ideas_list[i % len(process.ideas_list)]
        cast = services.ballot_cast(process=process, code=code, choices=[idea.pk])
        hashes.append(secrecy.receipt_hash(process.pk, cast.receipt))
    return hashes


def close(process):
    return services.process_set_phase(process=process, by=None, phase=Phase.COUNTING)


def code_id_order_vs_letters(process, letters: list[str]) -> float:
    """Spearman of code ids against CSV rows (the test holds the key to map them)."""
    ids = dict(VotingCode.objects.filter(process=process).values_list("code_hash", "id"))
    by_letter = [str(ids[secrecy.code_hash(process.pk, code)]).zfill(20) for code in letters]
    return spearman(by_letter, sorted(by_letter))


def test_code_ids_do_not_follow_the_letters_csv(process, letters):
    rho = code_id_order_vs_letters(process, letters)
    assert abs(rho) < 0.5, f"code ids follow the letters CSV (rho={rho:.2f})"


def test_after_close_ballots_are_not_stored_in_voting_order(process, letters):
    voting_order = cast_all(process, letters)
    close(process)
    stored = storage_order(Ballot._meta.db_table, "receipt_hash", process.pk)
    assert sorted(stored) == sorted(voting_order)
    assert stored != voting_order
    rho = spearman(stored, voting_order)
    assert abs(rho) < 0.5, f"ballot storage follows the voting order (rho={rho:.2f})"


def test_after_close_code_rows_follow_neither_the_csv_nor_the_voting_order(process, letters):
    cast_all(process, letters)
    close(process)
    rho = code_id_order_vs_letters(process, letters)
    assert abs(rho) < 0.5, f"code ids follow the letters CSV (rho={rho:.2f})"
    code_hashes = [secrecy.code_hash(process.pk, code) for code in letters]
    stored = storage_order(VotingCode._meta.db_table, "code_hash", process.pk)
    rho = spearman(stored, code_hashes)
    assert abs(rho) < 0.5, f"code rows are stored in letter/voting order (rho={rho:.2f})"


def _tuple_xmins(table: str) -> set[str]:
    """The inserting transaction of every row version in the table's pages, dead ones
    included, read from the raw pages (pageinspect; the tests run as superuser)."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        cursor.execute(
            "SELECT DISTINCT t_xmin::text FROM generate_series(0, "
            " (pg_relation_size(%s) / current_setting('block_size')::int)::int - 1) AS blk, "
            " LATERAL heap_page_items(get_raw_page(%s, blk)) AS item "
            "WHERE item.lp_flags = 1",
            [table, table],
        )
        return {row[0] for row in cursor.fetchall()}


def _older_transaction(seconds: float) -> threading.Thread:
    """A reader that took its snapshot before the close and keeps it open for a while (like
    a backup running at that moment): VACUUM may not drop row versions it could still see."""
    import psycopg

    s = connection.settings_dict
    ready = threading.Event()

    def hold() -> None:
        with psycopg.connect(
            host=s["HOST"],
            port=s["PORT"] or 5432,
            user=s["USER"],
            password=s["PASSWORD"] or None,
            dbname=s["NAME"],
            autocommit=True,
        ) as conn:
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
            conn.execute(f"SELECT count(*) FROM {Ballot._meta.db_table}")
            ready.set()
            time.sleep(seconds)
            conn.execute("COMMIT")

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait(timeout=30)
    return thread


def test_after_close_no_transaction_trace_links_a_ballot_to_its_code(process, letters):
    cast_all(process, letters)
    reader = _older_transaction(1.0) if connection.vendor == "postgresql" else None
    close(process)
    if reader is not None:
        reader.join(timeout=60)
    ballots, codes = Ballot._meta.db_table, VotingCode._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # the attack of the issue: join on the transaction id
            cursor.execute(
                f"SELECT count(*), count(DISTINCT b.id), count(DISTINCT v.id) FROM {ballots} b "
                f"JOIN {codes} v ON v.xmin = b.xmin AND v.process_id = b.process_id "
                "WHERE b.process_id = %s",
                [process.pk],
            )
            pairs, linked_ballots, linked_codes = cursor.fetchone()
        # one transaction wrote all rows: the join is the full cross product, every ballot
        # pairs with every code (chance), none with one code in particular
        assert pairs == VOTERS * VOTERS and linked_ballots == linked_codes == VOTERS
        # and no older row version (dead tuples) survives in the files with the old pairs
        ballot_xmins, code_xmins = _tuple_xmins(ballots), _tuple_xmins(codes)
        assert len(ballot_xmins) == 1 and ballot_xmins == code_xmins
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
            for table in (ballots, codes):
                cursor.execute("SELECT dead_tuple_count FROM pgstattuple(%s)", [table])
                assert cursor.fetchone()[0] == 0, table
    else:
        # SQLite keeps no transaction id per row: a row is its columns plus the rowid (order,
        # tested above); the columns hold nothing shared with the code table
        with connection.cursor() as cursor:
            columns = {row[1] for row in cursor.execute(f"PRAGMA table_info({ballots})")}
        assert columns == {
            "id",
            "process_id",
            "choices",
            "points",
            "receipt_hash",
            "source",
            "paper_number",
        }


def test_close_keeps_every_vote_and_leaves_other_processes_alone(process, letters, district):
    from tests import factories

    other = factories.BudgetProcessFactory(area=district, voting=True)
    other_idea = factories.BudgetIdeaFactory(process=other, accepted=True)
    other_code = factories.VotingCodeFactory(process=other)
    services.ballot_cast(process=other, code=other_code.code, choices=[other_idea.pk])
    other_rows = (
        list(VotingCode.objects.filter(process=other).values_list("id", "code_hash", "used")),
        list(Ballot.objects.filter(process=other).values_list("id", "receipt_hash")),
    )
    receipts = []
    for i, code in enumerate(letters[: VOTERS // 2]):
        idea = process.ideas_list[i % 4]
        receipts.append(services.ballot_cast(process=process, code=code, choices=[idea.pk]))
    before = sorted(Ballot.objects.filter(process=process).values_list("id", "choices"))
    close(process)
    process.refresh_from_db()
    assert sorted(Ballot.objects.filter(process=process).values_list("id", "choices")) == before
    codes = VotingCode.objects.filter(process=process)
    assert codes.count() == VOTERS and codes.filter(used=True).count() == VOTERS // 2
    assert not codes.exclude(sealed_receipt="").exists()
    assert all(
        selectors.receipt_status(process, r.receipt) == selectors.RECEIPT_RECEIVED for r in receipts
    )
    # a used code is still refused as used (the hashes were kept), an unused one too: closed
    with pytest.raises(services.ValidationError):
        services.ballot_cast(process=process, code=letters[0], choices=[process.ideas_list[0].pk])
    assert other_rows == (
        list(VotingCode.objects.filter(process=other).values_list("id", "code_hash", "used")),
        list(Ballot.objects.filter(process=other).values_list("id", "receipt_hash")),
    )
    services.process_set_phase(process=process, by=None, phase=Phase.RESULTS)
    process.refresh_from_db()
    assert process.result.ballots == VOTERS // 2


def test_voting_ended_by_its_date_is_closed_and_rewritten_by_close_due(process, letters):
    import datetime as dt
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from wijkaanpak.budgets.models import Process

    voting_order = cast_all(process, letters)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    Process.objects.filter(pk=process.pk).update(voting_close_on=yesterday)
    out = StringIO()
    call_command("budget", "close-due", stdout=out)
    assert out.getvalue().strip() == f"{process.pk}: counting"
    stored = storage_order(Ballot._meta.db_table, "receipt_hash", process.pk)
    assert abs(spearman(stored, voting_order)) < 0.5
    assert abs(code_id_order_vs_letters(process, letters)) < 0.5
    call_command("budget", "compact", stdout=out)
    assert "compacted" in out.getvalue()


def test_nothing_references_code_or_ballot_rows():
    """The close deletes and re-inserts these rows (codes with new ids): a foreign key to them
    would break or, worse, carry the old order along."""
    for model in (Ballot, VotingCode):
        assert [f.name for f in model._meta.get_fields() if f.is_relation and f.auto_created] == []
