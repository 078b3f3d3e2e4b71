#!/usr/bin/env python
"""Regenerate ``tests/budgets/fixtures/pabutools_reference.json`` with pabutools' winner sets.

For every Pabulib instance in ``--pabulib-dir`` (default ``$WIJKAANPAK_PABULIB_DIR``; the 30
instances are not all in the repository) this script runs the reference
implementations of pabutools 1.2.3 (exact ``gmpy2.mpq`` arithmetic, default lexicographic
tie-breaking) and stores the winner set (sorted project ids) and the wall time of the rule call
(parsing excluded). Each rule runs in a forked child process with a time limit, so one slow rule
does not block the others. Results are merged into the existing JSON file, so an interrupted run
can be resumed.

Rule keys and their pabutools calls (``inst, prof = parse_pabulib(path)``):

``greedy``
    ``greedy_utilitarian_welfare(inst, prof, sat_class=ScoreTimesCost)`` where ``ScoreTimesCost``
    is an additive satisfaction ``score(ballot, p) * cost(p)``. pabutools' greedy orders projects
    by total satisfaction divided by cost, so this orders by the plain score: number of approvals
    (approval, choose-1), points (cumulative) or Borda score (ordinal). This is the classic
    "most votes first" greedy rule used by cities.
``greedy-per-euro``
    ``greedy_utilitarian_welfare`` with ``Cardinality_Sat`` (approval), ``Additive_Cardinal_Sat``
    (cumulative) or ``Additive_Borda_Sat`` with ``is_sat_additive=True`` (ordinal): score per unit
    of cost.
``mes``
    ``method_of_equal_shares(inst, prof, sat_class=Cost_Sat)``.
``mes-add1``
    ``method_of_equal_shares(inst, prof, sat_class=Cost_Sat, voter_budget_increment=1)``.
``mes-add1-noexh``
    ``exhaustion_by_budget_increase(inst, prof, method_of_equal_shares, {"sat_class": Cost_Sat},
    budget_step=num_voters, exhaustive_stop=False)`` (only for the small instances and Wieliczka).
``mes-utility``
    ``method_of_equal_shares`` with cardinal utilities: ``Additive_Cardinal_Sat`` (cumulative
    points), ``Additive_Borda_Sat`` (ordinal) or ``Cardinality_Sat`` (approval).
``phragmen``
    ``sequential_phragmen(inst, prof)``; ordinal and cumulative ballots are first turned into
    approval ballots (a project is approved when it appears on the ballot).

Usage::

    .venv/bin/python scripts/pabutools_reference.py [--only SUBSTRING ...] [--rules RULE ...]
        [--timeout SECONDS] [--output PATH] [--force]

Runtime (2-core machine shared with other jobs, so pabutools times in the JSON are inflated by
up to 4x compared to an idle machine): all rules except the add1 completion took 34 minutes
for the 30 instances (``--rules greedy greedy-per-euro mes phragmen mes-utility``); the add1
completion was run separately (``--rules mes-add1 --output /tmp/add1.json`` then ``--merge
/tmp/add1.json``) and needs from seconds (small instances) to 10+ minutes per instance
(Warszawa Mokotów 640 s, Łódź 615 s); with ``--timeout 900``/``1500`` some of the largest
instances did not finish and are recorded as ``{"skipped": "timeout after ... s"}``.
``seconds`` of each entry is the wall time of the pabutools call.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
#: The Pabulib instances (large ones are not in the repository): --pabulib-dir or this variable.
PABULIB_DIR_ENV = "WIJKAANPAK_PABULIB_DIR"
DATA = Path()  # set by main()
DEFAULT_OUTPUT = REPO / "tests" / "budgets" / "fixtures" / "pabutools_reference.json"

ALL_RULES = [
    "greedy",
    "greedy-per-euro",
    "mes",
    "mes-add1",
    "phragmen",
    "mes-utility",
    "mes-add1-noexh",
]
NOEXH_INSTANCES = {
    "Netherlands_Assen_2024.pb",
    "Poland_Swiecie_2023.pb",
    "Poland_Wieliczka_2023_Green_Budget.pb",
    "Switzerland_Zurich_D10.pb",
    "Switzerland_Zurich_S5R.pb",
    "Worldwide_Mechanical_Turk_Utilities_8.pb",
    "Netherlands_Amsterdam_166.pb",
}


def _score_times_cost_class(vote_type: str) -> Any:
    from pabutools.election.satisfaction import AdditiveSatisfaction

    def func(instance: Any, profile: Any, ballot: Any, project: Any, pre: Any) -> Any:
        if vote_type == "ordinal":
            if project in ballot:
                return (len(ballot) - ballot.position(project) - 1) * project.cost
            return 0
        if vote_type in ("cumulative", "scoring"):
            return ballot.get(project, 0) * project.cost
        return int(project in ballot) * project.cost

    class ScoreTimesCost(AdditiveSatisfaction):  # type: ignore[misc]
        def __init__(self, instance: Any, profile: Any, ballot: Any) -> None:
            AdditiveSatisfaction.__init__(self, instance, profile, ballot, func)

    return ScoreTimesCost


def run_rule(rule: str, vote_type: str, inst: Any, prof: Any) -> list[str]:
    from pabutools.election import (
        Additive_Borda_Sat,
        Additive_Cardinal_Sat,
        ApprovalBallot,
        ApprovalProfile,
        Cardinality_Sat,
        Cost_Sat,
    )
    from pabutools.rules import (
        exhaustion_by_budget_increase,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
        sequential_phragmen,
    )

    if rule == "greedy":
        out = greedy_utilitarian_welfare(inst, prof, sat_class=_score_times_cost_class(vote_type))
    elif rule == "greedy-per-euro":
        if vote_type == "ordinal":
            out = greedy_utilitarian_welfare(
                inst, prof, sat_class=Additive_Borda_Sat, is_sat_additive=True
            )
        elif vote_type in ("cumulative", "scoring"):
            out = greedy_utilitarian_welfare(inst, prof, sat_class=Additive_Cardinal_Sat)
        else:
            out = greedy_utilitarian_welfare(inst, prof, sat_class=Cardinality_Sat)
    elif rule == "mes":
        out = method_of_equal_shares(inst, prof, sat_class=Cost_Sat)
    elif rule == "mes-add1":
        out = method_of_equal_shares(inst, prof, sat_class=Cost_Sat, voter_budget_increment=1)
    elif rule == "mes-add1-noexh":
        out = exhaustion_by_budget_increase(
            inst,
            prof,
            method_of_equal_shares,
            {"sat_class": Cost_Sat},
            budget_step=prof.num_ballots(),
            exhaustive_stop=False,
        )
    elif rule == "mes-utility":
        if vote_type == "ordinal":
            out = method_of_equal_shares(inst, prof, sat_class=Additive_Borda_Sat)
        elif vote_type in ("cumulative", "scoring"):
            out = method_of_equal_shares(inst, prof, sat_class=Additive_Cardinal_Sat)
        else:
            out = method_of_equal_shares(inst, prof, sat_class=Cardinality_Sat)
    elif rule == "phragmen":
        if vote_type not in ("approval", "choose-1"):
            prof = ApprovalProfile([ApprovalBallot(set(b)) for b in prof])
        out = sequential_phragmen(inst, prof)
    else:  # pragma: no cover - guarded by argparse
        raise ValueError(rule)
    return sorted(str(p.name) for p in out)


def _child(rule: str, vote_type: str, inst: Any, prof: Any, queue: Any) -> None:
    start = time.perf_counter()
    try:
        winners = run_rule(rule, vote_type, inst, prof)
    except Exception as exc:  # noqa: BLE001 - reported in the fixture
        queue.put({"error": f"{type(exc).__name__}: {exc}"})
        return
    queue.put({"winners": winners, "seconds": round(time.perf_counter() - start, 3)})


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[], help="file name substrings")
    parser.add_argument("--rules", nargs="*", default=ALL_RULES, choices=ALL_RULES)
    parser.add_argument("--timeout", type=float, default=2400.0)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--force", action="store_true", help="recompute existing entries")
    parser.add_argument(
        "--merge",
        type=Path,
        help="only merge the results of another run (e.g. a parallel --output) into --output",
    )
    parser.add_argument(
        "--pabulib-dir",
        type=Path,
        default=os.environ.get(PABULIB_DIR_ENV) or None,
        help=f"folder with the Pabulib instances (default: ${PABULIB_DIR_ENV})",
    )
    args = parser.parse_args(argv)
    if args.merge is not None:
        target = json.loads(args.output.read_text(encoding="utf-8"))
        other = json.loads(args.merge.read_text(encoding="utf-8"))
        for name, entry in other["instances"].items():
            mine = target["instances"].setdefault(name, {"rules": {}})
            for key, value in entry.items():
                if key != "rules":
                    mine.setdefault(key, value)
            for rule, result in entry["rules"].items():
                if "winners" in result or rule not in mine["rules"]:
                    if "winners" not in mine["rules"].get(rule, {}):
                        mine["rules"][rule] = result
        args.output.write_text(
            json.dumps(target, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        return 0

    if args.pabulib_dir is None or not args.pabulib_dir.is_dir():
        parser.error(
            f"give the folder with the Pabulib instances: --pabulib-dir or ${PABULIB_DIR_ENV}"
        )
    global DATA
    DATA = args.pabulib_dir
    import pabutools
    from pabutools.election import parse_pabulib

    data: dict[str, Any] = {}
    if args.output.exists():
        data = json.loads(args.output.read_text(encoding="utf-8"))
    data.setdefault("instances", {})
    data["generated_with"] = {
        "pabutools": getattr(pabutools, "__version__", "1.2.3"),
        "python": platform.python_version(),
        "machine": f"{platform.machine()} {mp.cpu_count()} cores",
        "script": "scripts/pabutools_reference.py",
    }

    def save() -> None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    files = sorted(DATA.glob("*.pb"), key=lambda p: p.stat().st_size)
    if args.only:
        files = [f for f in files if any(s in f.name for s in args.only)]
    ctx = mp.get_context("fork")
    total_start = time.perf_counter()
    for path in files:
        entry = data["instances"].setdefault(path.name, {"rules": {}})
        todo = [
            r
            for r in args.rules
            if (args.force or r not in entry["rules"])
            and (r != "mes-add1-noexh" or path.name in NOEXH_INSTANCES)
        ]
        if not todo:
            continue
        t0 = time.perf_counter()
        inst, prof = parse_pabulib(str(path))
        entry["parse_seconds"] = round(time.perf_counter() - t0, 3)
        vote_type = inst.meta["vote_type"]
        entry["vote_type"] = vote_type
        entry["num_voters"] = prof.num_ballots()
        entry["num_projects"] = len(inst)
        for rule in todo:
            queue = ctx.Queue()
            proc = ctx.Process(target=_child, args=(rule, vote_type, inst, prof, queue))
            start = time.perf_counter()
            proc.start()
            result: dict[str, Any] | None = None
            while proc.is_alive() or not queue.empty():
                try:
                    result = queue.get(timeout=1.0)
                    break
                except Exception:  # noqa: BLE001 - queue.Empty
                    if time.perf_counter() - start > args.timeout:
                        break
            if result is None:
                proc.kill()
                result = {"skipped": f"timeout after {args.timeout:.0f} s"}
            proc.join()
            entry["rules"][rule] = result
            print(path.name, rule, {k: v for k, v in result.items() if k != "winners"}, flush=True)
            save()
    data["total_seconds_last_run"] = round(time.perf_counter() - total_start, 1)
    save()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
