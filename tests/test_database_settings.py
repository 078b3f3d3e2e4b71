"""Database connection settings (issue 7, C14 and A5), read in a fresh interpreter each.

C14: with ``CONN_MAX_AGE=60`` a thread-per-request development server kept one PostgreSQL
connection per thread it had started (97 of 100). Now only the production server
(``gunicorn -c python:wijkaanpak.gunicorn_conf``, a fixed set of workers x threads) keeps
connections open; everywhere else a connection lives for one request, or comes from psycopg's
pool of at most ``DB_POOL_MAX_SIZE`` per process when that is set.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = (
    "import json, sys; {pre}"
    "from wijkaanpak import settings as s; d = s.DATABASES['default']; "
    "print(json.dumps({{'age': d['CONN_MAX_AGE'], 'options': d.get('OPTIONS', {{}})}}))"
)


def _settings(url: str, pre: str = "", **env: str) -> dict:
    clean = {
        k: v for k, v in os.environ.items() if k not in ("DB_CONN_MAX_AGE", "DB_POOL_MAX_SIZE")
    }
    clean.update(DATABASE_URL=url, **env)
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(pre=pre)],
        env=clean,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


PG = "postgres://u@127.0.0.1:5432/x"


def test_outside_the_production_server_a_connection_lives_for_one_request_or_in_a_pool():
    default = _settings(PG)
    assert default["age"] == 0 and "pool" not in default["options"]
    pooled = _settings(PG, DB_POOL_MAX_SIZE="4")
    assert pooled["age"] == 0 and pooled["options"]["pool"]["max_size"] == 4


def test_only_the_production_server_keeps_connections(tmp_path):
    production = _settings(PG, pre="import wijkaanpak.gunicorn_conf; ")
    assert production["age"] == 60 and "pool" not in production["options"]
    sqlite = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    assert _settings(sqlite)["age"] == 0
    assert _settings(sqlite, pre="import wijkaanpak.gunicorn_conf; ")["age"] == 60


def test_sqlite_waits_for_the_write_lock_and_uses_the_write_ahead_log(tmp_path):
    options = _settings(f"sqlite:///{tmp_path / 'db.sqlite3'}")["options"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    pragmas = options["init_command"].replace(" ", "").lower()
    assert "journal_mode=wal" in pragmas and "secure_delete=on" in pragmas
