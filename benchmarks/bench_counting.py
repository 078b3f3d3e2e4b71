#!/usr/bin/env python
"""Benchmark the counting engine against pabutools 1.2.3 on the largest Pabulib instances.

Every measurement runs in a forked child process (so peak memory is per measurement):
the child parses the file (not timed), then times the rule call. For our engine the timed
part includes compiling the profile (grouping identical ballots); for pabutools it is the
rule function on the parsed profile. Peak memory is the child's maximum resident set size
(``resource.getrusage``), i.e. parsed election plus everything the rule allocated.

Usage::

    .venv/bin/python benchmarks/bench_counting.py --pabulib-dir DIR [--quick] [--timeout S]
        [--output PATH]

The instances are not in the repository (27 MB): ``--pabulib-dir`` or ``$WIJKAANPAK_PABULIB_DIR``
names their folder.

``--quick`` does not run pabutools where the reference fixture
(``tests/budgets/fixtures/pabutools_reference.json``) says it needs more than 60 s; the
fixture's time and winners are used instead (marked "fixture" in the table).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import multiprocessing as mp
import os
import platform
import resource
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
#: The Pabulib instances (large ones are not in the repository): --pabulib-dir or this variable.
PABULIB_DIR_ENV = "WIJKAANPAK_PABULIB_DIR"
DATA = Path()  # set by main()
FIXTURE = REPO / "tests" / "budgets" / "fixtures" / "pabutools_reference.json"
INSTANCES = [
    "Poland_Lodz_2022.pb",
    "Poland_Warszawa_2026.pb",
    "Poland_Krakow_2024.pb",
    "Poland_Wroclaw_2015_150_-_500.pb",
    "Hungary_Budapest_2024.pb",
]
RULES = ["greedy", "mes", "mes-add1", "phragmen"]


def _ours(name: str, rule: str, queue: Any) -> None:
    sys.path.insert(0, str(REPO / "src"))
    from wijkaanpak.budgets.counting import count, read_pabulib

    election = read_pabulib(DATA / name)
    start = time.perf_counter()
    cpu = time.process_time()
    outcome = count(election, rule)
    seconds = time.perf_counter() - start
    queue.put(
        {
            "seconds": seconds,
            "cpu": time.process_time() - cpu,
            "winners": sorted(outcome.winners),
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    )


def _pabutools(name: str, rule: str, queue: Any) -> None:
    spec = importlib.util.spec_from_file_location(
        "ref", REPO / "scripts" / "pabutools_reference.py"
    )
    assert spec and spec.loader
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    from pabutools.election import parse_pabulib

    inst, prof = parse_pabulib(str(DATA / name))
    start = time.perf_counter()
    cpu = time.process_time()
    winners = ref.run_rule(rule, inst.meta["vote_type"], inst, prof)
    seconds = time.perf_counter() - start
    queue.put(
        {
            "seconds": seconds,
            "cpu": time.process_time() - cpu,
            "winners": winners,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    )


def _measure(target: Any, name: str, rule: str, timeout: float) -> dict[str, Any] | None:
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(name, rule, queue))
    proc.start()
    try:
        result: dict[str, Any] | None = queue.get(timeout=timeout)
    except Exception:  # noqa: BLE001 - queue.Empty on timeout
        result = None
        proc.kill()
    proc.join()
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--timeout", type=float, default=3600.0)
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "RESULTS-counting.md")
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--rules", nargs="*", default=RULES)
    parser.add_argument(
        "--pabulib-dir",
        type=Path,
        default=os.environ.get(PABULIB_DIR_ENV) or None,
        help=f"folder with the Pabulib instances (default: ${PABULIB_DIR_ENV})",
    )
    args = parser.parse_args(argv)
    if args.pabulib_dir is None or not args.pabulib_dir.is_dir():
        parser.error(
            f"give the folder with the Pabulib instances: --pabulib-dir or ${PABULIB_DIR_ENV}"
        )
    global DATA
    DATA = args.pabulib_dir
    fixture = (
        json.loads(FIXTURE.read_text(encoding="utf-8"))["instances"] if FIXTURE.exists() else {}
    )
    rows: list[str] = []
    instances = [n for n in INSTANCES if not args.only or any(s in n for s in args.only)]
    for name in instances:
        for rule in args.rules:
            ours = _measure(_ours, name, rule, args.timeout)
            assert ours is not None
            ref_entry = fixture.get(name, {}).get("rules", {}).get(rule, {})
            source = "live"
            theirs: dict[str, Any] | None
            if args.quick and rule == "mes-add1" and "winners" not in ref_entry:
                theirs = None
                source = "not run (--quick; no fixture entry)"
            elif args.quick and ref_entry.get("seconds", 0) > 60 and "winners" in ref_entry:
                theirs = {
                    "cpu": None,
                    "seconds": ref_entry["seconds"],
                    "winners": ref_entry["winners"],
                    "rss_mb": None,
                }
                source = "fixture"
            else:
                theirs = _measure(_pabutools, name, rule, args.timeout)
                if theirs is None:
                    source = f"timeout > {args.timeout:.0f} s"
            if theirs is not None:
                same = "yes" if theirs["winners"] == ours["winners"] else "NO"
                if theirs["cpu"]:
                    speedup = f"{theirs['cpu'] / ours['cpu']:,.0f}x"
                    their_time = f"{theirs['seconds']:.2f} ({theirs['cpu']:.2f})"
                else:
                    speedup = f"{theirs['seconds'] / ours['cpu']:,.0f}x*"
                    their_time = f"{theirs['seconds']:.2f}"
                their_mem = f"{theirs['rss_mb']:.0f}" if theirs["rss_mb"] else "-"
            else:
                same, speedup, their_time, their_mem = "-", "-", "-", "-"
            row = (
                f"| {name[:-3]} | {rule} | {ours['seconds']:.3f} ({ours['cpu']:.3f}) | "
                f"{their_time} | {speedup} | "
                f"{ours['rss_mb']:.0f} | {their_mem} | {same} | {source} |"
            )
            print(row, flush=True)
            rows.append(row)
    command = "python benchmarks/bench_counting.py" + "".join(f" {a}" for a in sys.argv[1:])
    header = [
        "# Counting engine vs pabutools 1.2.3",
        "",
        f"Machine: {platform.machine()}, {mp.cpu_count()} cores, Python {platform.python_version()}; "
        f"run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        f"Command: `.venv/bin/{command}`",
        "",
        "Times in seconds, wall clock (CPU time of the process in parentheses); parsing "
        "excluded, ours includes grouping identical ballots. Speed-up: pabutools CPU time / "
        "our CPU time; marked * when pabutools was not rerun (its fixture wall time / our "
        "CPU time). The machine may be shared: wall times of both sides include waiting for a "
        "core, CPU times do not. "
        "Memory: peak resident set size in MB of the measuring process (parsed file included). "
        "Source 'fixture': pabutools was not rerun (`--quick`, > 60 s); its time and winners "
        "come from `tests/budgets/fixtures/pabutools_reference.json` (measured by "
        "`scripts/pabutools_reference.py` on the same machine, possibly under other load).",
        "",
        "| instance | rule | ours (s) | pabutools (s) | speed-up | ours MB | pabutools MB | "
        "identical winners | pabutools source |",
        "|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    footer = [
        "",
        "Anchors measured on an idle machine by the issue author (pabutools 1.2.3, Łódź 2022): "
        "MES 28.8 s, MES-add1 147.8 s, greedy 36 s. Compare with our CPU times above.",
    ]
    args.output.write_text("\n".join(header + rows + footer) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
