"""A voting day in a separate process, with the project's real database settings.

``python -m tests.budgets.voting_scenario DATABASE_URL [--migrate]`` (run by
``test_voting_bursts.py``): a process with 200 letters; 20 bursts of 10 simultaneous votes,
each with its own valid code, while two threads guess random codes as fast as they can; then
voting is closed (``process_set_phase``). Prints one JSON object with what happened and what
the database holds afterwards, including, for a SQLite file, what the file's bytes show.

A separate process because the test database of SQLite is a shared in-memory database: it
has no file, no write-ahead log and answers "locked" at once instead of waiting, so it cannot
show how the production settings (WAL, ``IMMEDIATE`` transactions, busy timeout) behave.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

BURSTS = 20
BURST_SIZE = 10
GUESSERS = 2


def main() -> None:
    url = sys.argv[1]
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "wijkaanpak.settings"
    os.environ["LOG_LEVEL"] = "CRITICAL"
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.management import call_command
    from django.db import connection

    if "--migrate" in sys.argv:
        call_command("migrate", verbosity=0, interactive=False)

    from wijkaanpak.areas.models import Area, AreaKind
    from wijkaanpak.budgets import secrecy, services
    from wijkaanpak.budgets.models import Ballot, Idea, IdeaStatus, Phase, Process, VotingCode

    municipality = Area.objects.create(code="GM9999", name="Teststad", kind=AreaKind.MUNICIPALITY)
    district = Area.objects.create(
        code="WK999901", name="Testwijk", kind=AreaKind.DISTRICT, parent=municipality
    )
    process = Process.objects.create(
        area=district, title="Test", budget=Decimal("10000"), phase=Phase.VOTING
    )
    ideas = [
        Idea.objects.create(
            process=process,
            title=f"Idee {i}",
            description="-",
            estimated_cost=Decimal("1000"),
            cost=Decimal("1000"),
            author_name="-",
            status=IdeaStatus.ACCEPTED,
        ).pk
        for i in range(4)
    ]
    csv_text = "address\n" + "".join(f"Teststraat {i}\n" for i in range(BURSTS * BURST_SIZE))
    run = services.codes_generate(process=process, by=None, csv_text=csv_text)
    letters = [row["code"] for row in run.rows]
    connection.close()

    accepted: list[tuple[float, str]] = []  # (moment, receipt hash)
    errors: list[str] = []
    refused_valid: list[str] = []
    guesses = {"refused": 0, "accepted": 0}
    lock = threading.Lock()
    done = threading.Event()

    def vote(code: str, idea: int, barrier: threading.Barrier) -> None:
        try:
            barrier.wait(timeout=60)
            cast = services.ballot_cast(process=process, code=code, choices=[idea])
            with lock:
                accepted.append((time.monotonic(), secrecy.receipt_hash(process.pk, cast.receipt)))
        except ValidationError as exc:
            refused_valid.append(str(exc.messages))
        except Exception as exc:  # noqa: BLE001 - every server error is reported
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    def guess() -> None:
        try:
            while not done.is_set():
                try:
                    services.ballot_cast(
                        process=process, code=secrecy.new_code(), choices=[ideas[0]]
                    )
                    guesses["accepted"] += 1
                except ValidationError:
                    guesses["refused"] += 1
                except Exception as exc:  # noqa: BLE001
                    errors.append(f"guess {type(exc).__name__}: {exc}")
        finally:
            connection.close()

    guessers = [threading.Thread(target=guess) for _ in range(GUESSERS)]
    for thread in guessers:
        thread.start()
    started = time.monotonic()
    for burst in range(BURSTS):
        barrier = threading.Barrier(BURST_SIZE)
        threads = [
            threading.Thread(
                target=vote,
                args=(letters[burst * BURST_SIZE + i], ideas[i % len(ideas)], barrier),
            )
            for i in range(BURST_SIZE)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    elapsed = time.monotonic() - started
    done.set()
    for thread in guessers:
        thread.join(timeout=60)

    voting_order = [receipt for _moment, receipt in sorted(accepted)]
    services.process_set_phase(process=process, by=None, phase=Phase.COUNTING)

    position = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT receipt_hash FROM {Ballot._meta.db_table} WHERE process_id = %s "
            f"ORDER BY {position}",
            [process.pk],
        )
        stored = [row[0] for row in cursor.fetchall()]
    ids = dict(VotingCode.objects.filter(process=process).values_list("code_hash", "id"))
    code_ids = [ids[secrecy.code_hash(process.pk, code)] for code in letters]
    result = {
        "vendor": connection.vendor,
        "voters": len(letters),
        "accepted": len(accepted),
        "refused_valid": refused_valid,
        "errors": errors,
        "guesses": guesses,
        "elapsed_s": round(elapsed, 2),
        "stored_ballots": Ballot.objects.filter(process=process).count(),
        "used_codes": VotingCode.objects.filter(process=process, used=True).count(),
        "voting_order": voting_order,
        "stored_order": stored,
        "code_ids_in_letter_order": code_ids,
    }
    if connection.vendor == "sqlite":
        path = Path(connection.settings_dict["NAME"])
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            result["journal_mode"] = cursor.fetchone()[0]
        # read while the connection is still open: closing the last connection would
        # checkpoint and remove the log anyway, this shows what the close of voting did
        wal = path.with_name(path.name + "-wal")
        result["wal_bytes"] = wal.stat().st_size if wal.exists() else None
        data = path.read_bytes()
        result["receipt_copies_in_file"] = [data.count(h.encode()) for h in voting_order]
        connection.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
