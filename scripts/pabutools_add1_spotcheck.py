#!/usr/bin/env python
"""Spot-check MES-add1 against pabutools at the budgets that decide it.

pabutools' ``method_of_equal_shares(..., voter_budget_increment=1)`` reruns MES once per
currency unit added to every voter's budget. On Budapest 2024 (HUF) that is ~22,000 runs, an
estimated 12 hours, so pabutools' own add1 cannot serve as its reference. This script records
what pabutools says at the budgets that decide the add1 outcome, so the tests can check our
answer against pabutools without the full walk. It also covers Praga-Południe 2020 and
Warszawa 2026, whose full pabutools add1 (5 and 10 minutes) is in the fixture as well:

* ``k``: the increment at which our add1 stops (``budget / voters + k`` per voter);
* pabutools' plain MES (``Cost_Sat``) winners at per-voter budget ``budget / voters + j`` for
  ``j`` in ``0, k/4, k/2, 3k/4, k - 1, k, k + 1`` (the budget of the instance is raised to
  ``(budget / voters + j) * voters``, which is exactly how pabutools' own add1 loop sets it).

What this proves (``tests/budgets/test_counting_reference.py``): our MES equals pabutools' at
every sampled budget; at ``k`` the outcome is what add1 returns (exhaustive, or the last
feasible one with ``k + 1`` over the budget); before ``k`` the samples are feasible and not
exhaustive, as add1 requires to go on. It does not prove that no unsampled ``j < k`` was
exhaustive: that rests on our engine's certificates (``budgets/counting/mes.py``), which the
full add1 comparison on the 29 other instances checks.

Usage::

    .venv/bin/python scripts/pabutools_add1_spotcheck.py [--only SUBSTRING ...]

Results are merged into ``tests/budgets/fixtures/pabutools_reference.json`` under the rule key
``mes-add1-spot``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: The Pabulib instances (large ones are not in the repository): --pabulib-dir or this variable.
PABULIB_DIR_ENV = "WIJKAANPAK_PABULIB_DIR"
DATA = Path()  # set by main()
FIXTURE = REPO / "tests" / "budgets" / "fixtures" / "pabutools_reference.json"
INSTANCES = [
    "Poland_Warszawa_2020_Praga-Poludnie.pb",
    "Poland_Warszawa_2026.pb",
    "Hungary_Budapest_2024.pb",
]


def samples(k: int) -> list[int]:
    return sorted({0, k // 4, k // 2, 3 * k // 4, max(k - 1, 0), k, k + 1})


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[])
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
    sys.path.insert(0, str(REPO / "src"))
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.rules import method_of_equal_shares

    from wijkaanpak.budgets.counting import read_pabulib
    from wijkaanpak.budgets.counting.mes import mes_add1
    from wijkaanpak.budgets.counting.profile import Utility, compile_profile

    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    for name in INSTANCES:
        if args.only and not any(s in name for s in args.only):
            continue
        k = mes_add1(compile_profile(read_pabulib(DATA / name), Utility.COST)).increment
        inst, prof = parse_pabulib(str(DATA / name))
        budget = inst.budget_limit  # pabutools keeps it as gmpy2.mpq
        voters = prof.num_ballots()
        runs: dict[str, list[str]] = {}
        start = time.perf_counter()
        for j in samples(k):
            inst.budget_limit = budget + j * voters  # per voter: budget / voters + j
            out = method_of_equal_shares(inst, prof, sat_class=Cost_Sat)
            runs[str(j)] = sorted(str(p.name) for p in out)
            print(f"{name}: j={j} {len(runs[str(j)])} winners", flush=True)
        inst.budget_limit = budget
        entry = data["instances"][name]["rules"]
        entry["mes-add1-spot"] = {
            "k": k,
            "runs": runs,
            "seconds": round(time.perf_counter() - start, 3),
        }
        FIXTURE.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
