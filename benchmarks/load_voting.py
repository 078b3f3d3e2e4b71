"""Bounded load test of the voting endpoint on loopback, against a real multi-worker server.

What it does (all on 127.0.0.1, bounded in requests and in time):

1. creates its own database — PostgreSQL (``wk_loadtest`` unless ``--db``) or, with
   ``--database sqlite``, a fresh SQLite file with the project's SQLite settings (WAL,
   ``IMMEDIATE`` transactions, busy timeout) — migrates it, and sets up a resident budget in
   the voting phase with 12 ideas and one voting code per request (through
   ``budgets.services``, as the web pages do; the clear codes stay in memory);
2. starts gunicorn with several workers serving the project (``POST /api/v1/budgets/<id>/vote/``,
   the JSON endpoint on the same ``services.ballot_cast`` as the web form);
3. drives it with a bounded asyncio client (aiohttp): ``--voters`` voters with unique codes at
   ``--concurrency`` requests in flight, plus ``--bursts`` bursts of ``--burst-size``
   simultaneous requests re-using one code each, spread over the run, and (``--guess-rate``)
   an anonymous client guessing random codes at that many requests a second;
4. stops the server and checks the database: stored ballots = accepted (201) responses,
   exactly; every burst has exactly one 201 and all its other requests refused with the
   "already voted" error; no other status appears;
5. closes voting (``process_set_phase`` to counting: the code and ballot tables are rewritten
   in random order, then ``VACUUM FULL`` / WAL checkpoint) and times it;
6. prints requests/s, ballots/s and latency percentiles (``--write`` also writes
   ``benchmarks/RESULTS-voting-load[-sqlite].md``) and drops the database (``--keep-db`` keeps
   it).

Run from the repository root (needs ``gunicorn`` and ``aiohttp`` in the virtualenv)::

    .venv/bin/python benchmarks/load_voting.py --voters 6000 --bursts 40 --write
    .venv/bin/python benchmarks/load_voting.py --database sqlite --voters 2000 --write

The server never logs codes or receipts (Django logs only the path of a refused request,
and this run sets ``LOG_LEVEL=ERROR``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_BASE = os.environ.get("LOADTEST_PG", "postgres://postgres@127.0.0.1:5432")
RESULTS = Path(__file__).resolve().parent / "RESULTS-voting-load.md"
RESULTS_SQLITE = Path(__file__).resolve().parent / "RESULTS-voting-load-sqlite.md"


# --- the WSGI application gunicorn serves -----------------------------------------------------


def _build_application():
    """The project's WSGI app. If ``/api/v1/`` does not mount ``budgets.api_urls`` yet, this
    module becomes the URLconf: the project's URLs plus the budget API under ``/api/v1/``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkaanpak.settings")
    import django
    from django.conf import settings

    django.setup()
    from django.core.wsgi import get_wsgi_application
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("v1:budget-vote", args=[1])
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__
    return get_wsgi_application()


def _build_urlpatterns():
    from django.urls import include, path

    from wijkaanpak import urls

    api = path("api/v1/", include(("wijkaanpak.budgets.api_urls", "v1"), namespace="v1"))
    return [api, *urls.urlpatterns]


_LAZY = {"application": _build_application, "urlpatterns": _build_urlpatterns}


def __getattr__(name: str):
    if name in _LAZY:
        value = _LAZY[name]()
        globals()[name] = value
        return value
    raise AttributeError(name)


# --- set-up -------------------------------------------------------------------------------------


def _database(name: str, *, drop_only: bool = False) -> str:
    import psycopg

    if not name.startswith("wk_load"):
        raise SystemExit("refusing to touch a database whose name does not start with wk_load")
    with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{PG_BASE}/{name}"


def _prepare(n_codes: int) -> tuple[int, list[int], list[str]]:
    """Migrate, then a voting process with 12 accepted ideas and ``n_codes`` codes."""
    import django

    django.setup()
    from decimal import Decimal

    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from wijkaanpak.areas.models import Area, AreaKind
    from wijkaanpak.budgets import services
    from wijkaanpak.budgets.models import Idea, Phase

    municipality = Area.objects.create(code="GM0344", name="Utrecht", kind=AreaKind.MUNICIPALITY)
    district = Area.objects.create(
        code="WK034409", name="Overvecht", kind=AreaKind.DISTRICT, parent=municipality
    )
    process = services.process_create(
        by=None, area=district, title="Load test", budget=Decimal("50000"), rule="mes-add1"
    )
    for phase in (Phase.IDEAS,):
        process = services.process_set_phase(process=process, by=None, phase=phase)
    ideas = []
    for i in range(12):
        idea = services.idea_submit(
            process=process,
            by=None,
            title=f"Idee {i + 1}",
            description="Voor de buurt",
            estimated_cost=Decimal(3000 + 1500 * (i % 6)),
            author_name="Bewoner",
        )
        ideas.append(idea)
    process = services.process_set_phase(process=process, by=None, phase=Phase.REVIEW)
    for idea in ideas:
        services.idea_review(idea=idea, by=None, status="accepted")
    run = services.codes_generate(process=process, by=None, count=n_codes)
    process = services.process_set_phase(process=process, by=None, phase=Phase.VOTING)
    costs = dict(Idea.objects.filter(process=process).values_list("pk", "cost"))
    assert len(costs) == 12
    return process.pk, list(costs), [row["code"] for row in run.rows]


def _verify(process_id: int) -> tuple[int, int]:
    from wijkaanpak.budgets.models import Ballot, VotingCode

    ballots = Ballot.objects.filter(process_id=process_id).count()
    used = VotingCode.objects.filter(process_id=process_id, used=True).count()
    return ballots, used


def _close(process_id: int) -> tuple[float, int, int]:
    """Close voting (rewrite in random order, then compact); seconds taken, ballots, used."""
    from wijkaanpak.budgets import services
    from wijkaanpak.budgets.models import Phase, Process

    start = time.perf_counter()
    services.process_set_phase(
        process=Process.objects.get(pk=process_id), by=None, phase=Phase.COUNTING
    )
    return time.perf_counter() - start, *_verify(process_id)


# --- the client ---------------------------------------------------------------------------------


def _ballot(rng: random.Random, idea_ids: list[int]) -> list[int]:
    # ideas cost 3000..10500; at most four keep every ballot within the budget of 50000
    return rng.sample(idea_ids, rng.randint(1, 4))


async def _drive(args, url: str, idea_ids: list[int], codes: list[str]) -> dict:
    import aiohttp

    rng = random.Random(20260101)
    voters = codes[: args.voters]
    burst_codes = codes[args.voters : args.voters + args.bursts]
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    guesses: Counter[str] = Counter()
    finished = asyncio.Event()
    from wijkaanpak.budgets.secrecy import new_code as secrecy_code

    burst_results: list[Counter[str]] = []
    semaphore = asyncio.Semaphore(args.concurrency)
    connector = aiohttp.TCPConnector(limit=args.concurrency + args.burst_size, force_close=False)
    timeout = aiohttp.ClientTimeout(total=30)

    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def post(code: str) -> str:
            body = {"code": code, "choices": _ballot(rng, idea_ids)}
            start = time.perf_counter()
            async with session.post(url, json=body) as response:
                payload = await response.read()
            latencies.append(time.perf_counter() - start)
            if response.status == 201:
                return "accepted"
            if response.status == 400 and b"code" in payload:
                return "refused_code"
            return f"http_{response.status}"

        async def voter(code: str) -> None:
            async with semaphore:
                statuses[await post(code)] += 1

        async def burst(code: str) -> None:
            outcome = Counter(await asyncio.gather(*(post(code) for _ in range(args.burst_size))))
            burst_results.append(outcome)
            statuses.update(outcome)

        async def guesser() -> None:
            # an anonymous client trying random codes at a fixed rate until the voters are done
            # (its own connections: another client, not queued behind the voters)
            if not args.guess_rate:
                return
            pending = set()
            first = time.perf_counter()
            async with aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=64), timeout=timeout
            ) as guessing:
                while not finished.is_set():
                    body = {"code": secrecy_code(), "choices": _ballot(rng, idea_ids)}
                    pending.add(asyncio.ensure_future(guess(guessing, body)))
                    # on schedule: the k-th guess leaves k / rate seconds after the first
                    await asyncio.sleep(
                        max(0.0, first + len(pending) / args.guess_rate - time.perf_counter())
                    )
                await asyncio.gather(*pending)
            guesses["_seconds"] = time.perf_counter() - first

        async def guess(guessing, body: dict) -> None:
            async with guessing.post(url, json=body) as response:
                payload = await response.read()
            refused = response.status == 400 and b"code" in payload
            guesses["guess_refused" if refused else f"guess_http_{response.status}"] += 1

        async def bursts() -> None:
            # spread over the run: one burst every ``gap`` seconds
            gap = max(args.voters / max(args.expected_rate, 1) / max(args.bursts, 1), 0.01)
            for code in burst_codes:
                await asyncio.sleep(gap)
                await burst(code)

        async def voting() -> None:
            await asyncio.gather(bursts(), *(voter(code) for code in voters))
            finished.set()

        start = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(voting(), guesser()), timeout=args.time_limit)
        elapsed = time.perf_counter() - start
    return {
        "elapsed": elapsed,
        "latencies": latencies,
        "statuses": statuses,
        "bursts": burst_results,
        "guesses": guesses,
    }


def _ticks(pids: list[int]) -> float:
    """CPU seconds (user + system) used so far by these processes."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _server_pids(server: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    try:
        return [server.pid, *(int(p) for p in children.read_text().split())]
    except OSError:
        return [server.pid]


def _connection_count(database: str) -> int:
    import psycopg

    with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
        return conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [database]
        ).fetchone()[0]


def _watch_connections(database: str, seen: list[int], stop: threading.Event) -> None:
    """The server's connections to the database, twice a second (PostgreSQL only)."""
    while not stop.wait(0.5):
        seen.append(_connection_count(database))


def _postgres_pids(database: str) -> list[int]:
    import psycopg

    with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", [database]
        ).fetchall()
    return [row[0] for row in rows]


def _cpu_snapshot(server: subprocess.Popen, database: str | None) -> dict[str, float]:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "server": _ticks(_server_pids(server)),
        # SQLite runs inside the server's workers: its CPU time is in "server"
        "postgres": _ticks(_postgres_pids(database)) if database else 0.0,
        "client": usage.ru_utime + usage.ru_stime,
    }


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(url: str, deadline: float, server: subprocess.Popen) -> None:
    import urllib.request

    while time.time() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("server did not start")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--voters", type=int, default=6000, help="unique codes (max 50000)")
    parser.add_argument("--bursts", type=int, default=40, help="codes re-used in a burst")
    parser.add_argument("--burst-size", type=int, default=10, help="requests per burst (max 50)")
    parser.add_argument("--concurrency", type=int, default=48, help="voter requests in flight")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (gthread)")
    parser.add_argument("--warmup", type=int, default=300, help="voters before the measurement")
    parser.add_argument("--time-limit", type=float, default=180, help="seconds, whole run")
    parser.add_argument("--expected-rate", type=float, default=600, help="to spread the bursts")
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--database", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument(
        "--server",
        choices=["gunicorn", "runserver"],
        default="gunicorn",
        help="runserver: Django's development server, a thread per request",
    )
    parser.add_argument("--guess-rate", type=float, default=0, help="random-code guesses per s")
    parser.add_argument("--db", default="wk_loadtest")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.name}")
    parser.add_argument("--results", help="with --write: this file instead of the default")
    args = parser.parse_args(argv)
    if not (0 < args.voters <= 50_000 and 0 <= args.bursts <= 1000 and 1 < args.burst_size <= 50):
        raise SystemExit("out of bounds: --voters 1..50000, --bursts 0..1000, --burst-size 2..50")
    if not (1 <= args.concurrency <= 256 and 1 <= args.workers <= 16):
        raise SystemExit("out of bounds: --concurrency 1..256, --workers 1..16")

    if not 0 <= args.guess_rate <= 500:
        raise SystemExit("out of bounds: --guess-rate 0..500")
    sqlite = args.database == "sqlite"
    data_dir = os.environ.get("WIJKAANPAK_DATA_DIR", "/tmp/wk-budgets")
    if sqlite:
        sqlite_file = Path(data_dir) / f"{args.db}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        database_url = f"sqlite:///{sqlite_file}"
    else:
        database_url = _database(args.db)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "wijkaanpak.settings",
        "WIJKAANPAK_DATA_DIR": data_dir,
        "LOG_LEVEL": "ERROR",
        "DJANGO_DEBUG": "0",
    }
    if args.server == "gunicorn":  # as wijkaanpak.gunicorn_conf: persistent, no pool
        env["DB_CONN_MAX_AGE"] = "600"
        env.setdefault("DB_POOL_MAX_SIZE", "0")
    else:  # the development server: no persistence; under load a pool (README, C14)
        env.pop("DB_CONN_MAX_AGE", None)
        env.setdefault("DB_POOL_MAX_SIZE", "10")
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "WIJKAANPAK_DATA_DIR", "LOG_LEVEL")})
    os.environ["DJANGO_SETTINGS_MODULE"] = "wijkaanpak.settings"
    sys.path.insert(0, str(ROOT / "src"))
    process_id, idea_ids, codes = _prepare(args.warmup + args.voters + args.bursts)
    from django.db import connections

    connections.close_all()

    args.port = args.port or _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    worker_class = "gthread" if args.threads > 1 else "sync"
    command = [
        str(gunicorn),
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        worker_class,
        "--threads",
        str(args.threads),
        "--backlog",
        "2048",
        "--keep-alive",
        "5",
        "--log-level",
        "warning",
        "--chdir",
        str(Path(__file__).resolve().parent),
        "load_voting:application",
    ]
    if args.server == "runserver":
        wijk = Path(sys.executable).with_name("wijk")
        command = [str(wijk), "runserver", f"127.0.0.1:{args.port}", "--noreload"]
    server = subprocess.Popen(command, env=env)
    connections_seen: list[int] = []
    watching = threading.Event()
    if not sqlite:
        threading.Thread(
            target=_watch_connections, args=(args.db, connections_seen, watching), daemon=True
        ).start()
    base = f"http://127.0.0.1:{args.port}/api/v1/budgets/{process_id}"
    try:
        _wait_ready(base + "/", time.time() + 60, server)
        url = base + "/vote/"
        warm_args = argparse.Namespace(**{**vars(args), "voters": args.warmup, "bursts": 0})
        warm = asyncio.run(_drive(warm_args, url, idea_ids, codes[: args.warmup]))
        before = _cpu_snapshot(server, None if sqlite else args.db)
        load_before = os.getloadavg()[0]
        run = asyncio.run(_drive(args, url, idea_ids, codes[args.warmup :]))
        after = _cpu_snapshot(server, None if sqlite else args.db)
        load_after = os.getloadavg()[0]
        time.sleep(1)  # connections still open a second after the last request
        idle_after = _connection_count(args.db) if not sqlite else 0
    finally:
        watching.set()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    ballots, used = _verify(process_id)
    close_s, ballots_after_close, used_after_close = _close(process_id)
    accepted = warm["statuses"]["accepted"] + run["statuses"]["accepted"]
    statuses = run["statuses"]
    bursts_ok = sum(
        1 for b in run["bursts"] if b["accepted"] == 1 and b["refused_code"] == args.burst_size - 1
    )
    requests = sum(statuses.values())
    lat = run["latencies"]
    report = {
        "requests": requests,
        "elapsed_s": round(run["elapsed"], 2),
        "requests_per_s": round(requests / run["elapsed"], 1),
        "ballots_per_s": round(statuses["accepted"] / run["elapsed"], 1),
        "p50_ms": round(1000 * _percentile(lat, 0.50), 1),
        "p95_ms": round(1000 * _percentile(lat, 0.95), 1),
        "p99_ms": round(1000 * _percentile(lat, 0.99), 1),
        "mean_ms": round(1000 * statistics.fmean(lat), 1),
        "cpu_ms_per_request_server": round(
            1000 * (after["server"] - before["server"]) / requests, 2
        ),
        "cpu_ms_per_request_postgres": round(
            1000 * (after["postgres"] - before["postgres"]) / requests, 2
        ),
        "cpu_ms_per_request_client": round(
            1000 * (after["client"] - before["client"]) / requests, 2
        ),
        "load_average_1min_before_after": f"{load_before:.1f} / {load_after:.1f}",
        "db_connections_max_during_run": max(connections_seen, default=0),
        "db_connections_open_1s_after_run": idle_after,
        "statuses": dict(statuses),
        "accepted_total_incl_warmup": accepted,
        "stored_ballots": ballots,
        "used_codes": used,
        "bursts_with_exactly_one_accepted": f"{bursts_ok}/{args.bursts}",
        "guesses": {k: v for k, v in run["guesses"].items() if not k.startswith("_")},
        "guesses_per_s": round(
            sum(v for k, v in run["guesses"].items() if not k.startswith("_"))
            / max(run["guesses"].get("_seconds", 0), 1e-9),
            1,
        )
        if args.guess_rate
        else 0,
        "close_voting_s (rewrite in random order + compact)": round(close_s, 2),
    }
    checks = {
        "stored ballots = accepted responses": ballots == accepted,
        "used codes = accepted responses": used == accepted,
        "every unique-code voter accepted": statuses["accepted"] == args.voters + bursts_ok
        and warm["statuses"]["accepted"] == args.warmup,
        "every burst: one accepted, the rest refused": bursts_ok == args.bursts,
        "no other status": set(statuses) <= {"accepted", "refused_code"},
        "every guess refused, no server error": set(run["guesses"])
        <= {"guess_refused", "_seconds"},
        "after close: same ballots and used codes": (ballots_after_close, used_after_close)
        == (ballots, used),
    }
    print(json.dumps(report, indent=2))
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    if args.write:
        _write_results(args, report, checks, argv)
    if not args.keep_db:
        if sqlite:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        else:
            _database(args.db, drop_only=True)
    return 0 if all(checks.values()) else 1


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _write_results(args, report: dict, checks: dict, argv: list[str] | None) -> None:
    import django
    import gunicorn

    given = " ".join(sys.argv[1:] if argv is None else argv)
    rows = "\n".join(
        f"| {key} | {value} |" for key, value in report.items() if key not in ("statuses",)
    )
    status_rows = ", ".join(f"{k}: {v}" for k, v in sorted(report["statuses"].items()))
    check_rows = "\n".join(f"- {'PASS' if ok else 'FAIL'}: {name}" for name, ok in checks.items())
    cpu_total = (
        report["cpu_ms_per_request_server"]
        + report["cpu_ms_per_request_postgres"]
        + report["cpu_ms_per_request_client"]
    )
    cores = os.cpu_count() or 1
    sqlite = args.database == "sqlite"
    database = (
        "SQLite (a file; WAL, `IMMEDIATE` transactions, busy timeout 20 s, inside the workers)"
        if sqlite
        else "PostgreSQL on 127.0.0.1"
    )
    guessing = (
        f" An anonymous client guessed random codes at {args.guess_rate:g} requests/s"
        " during the whole run (counted apart, under `guesses`)."
        if args.guess_rate
        else ""
    )
    guess_note = (
        "\n\nThe guesses are not in `requests`, but the server also spent CPU time on them:"
        " the CPU time per request above includes their share, so the estimate for dedicated"
        " cores is low."
        if args.guess_rate
        else ""
    )
    server = (
        f"gunicorn {gunicorn.__version__} ({args.workers} workers, "
        + (f"gthread, {args.threads} threads)" if args.threads > 1 else "sync)")
        if args.server == "gunicorn"
        else "Django's development server (`wijk runserver`, a thread per request, "
        "`DB_CONN_MAX_AGE` unset)"
    )
    target = Path(args.results) if args.results else RESULTS_SQLITE if sqlite else RESULTS
    target.write_text(
        f"""# Voting under load ({"SQLite" if sqlite else "PostgreSQL"})

Command (from the repository root):

```sh
.venv/bin/python benchmarks/load_voting.py {given}
```

Machine: {os.cpu_count()} cores ({_cpu()}), shared with other work; Python {platform.python_version()},
Django {django.get_version()}, {server}, {database},
client aiohttp on the same machine (loopback).

Workload: {args.warmup} warm-up voters (not measured), then {args.voters} voters with unique codes
at {args.concurrency} requests in flight, plus {args.bursts} bursts of {args.burst_size}
simultaneous requests that re-use one code each, spread over the run. Every request is
`POST /api/v1/budgets/<id>/vote/` with a random approval ballot of 1-4 of 12 ideas (always
within the budget), served by `services.ballot_cast`, the same function as the web form.{guessing}
After the run voting is closed (`process_set_phase` to counting: code and ballot rows
rewritten in random order, then `VACUUM FULL` or the WAL checkpoint), timed below.

| measure | value |
|---|---|
{rows}
| responses | {status_rows} |

Checks after the run (database against responses):

{check_rows}

**Shared machine.** The 1-minute load average was {report["load_average_1min_before_after"]}
(before / after) on {cores} cores: other work used most of the CPU while this ran, so the
measured rate is what this server got of a busy machine, not what it can do alone. The CPU
time per request (server workers + database backends + this client, measured from
`/proc` and `getrusage`) was {cpu_total:.2f} ms; {cores} dedicated cores would therefore
serve about **{int(cores * 1000 / cpu_total)} requests/s** (an estimate from CPU time, not a
measurement).

`requests_per_s` counts every request of the measured part (voters and bursts);
`ballots_per_s` counts the accepted ones (201). Latency percentiles are per request, measured
by the client from sending to the full response.{guess_note}
""",
        encoding="utf-8",
    )
    print(f"written: {target}")


if __name__ == "__main__":
    raise SystemExit(main())
