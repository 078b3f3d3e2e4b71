"""Our winners versus pabutools 1.2.3 on 30 Pabulib instances.

``fixtures/pabutools_reference.json`` is produced by ``scripts/pabutools_reference.py``.
The 8 small instances are copies in ``tests/data/pabulib`` and always run; the cases on the
22 large ones are marked ``external_data`` and read ``WIJKAANPAK_PABULIB_DIR`` (README, "Data");
small instances are also checked against pabutools live, and the officially published
``selected`` columns of Assen 2024, Świecie 2023 and Wieliczka 2023 are reproduced.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.external import PABULIB, PABULIB_DIR_ENV, external_dir, pabulib_file
from wijkaanpak.budgets.counting import Election, count, read_pabulib
from wijkaanpak.budgets.counting.mes import mes_exact_reference, run_mes
from wijkaanpak.budgets.counting.profile import Utility, compile_profile

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "pabutools_reference.json"
REFERENCE: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))["instances"]

# (rule in the fixture) -> keyword arguments of count()
RULES: dict[str, dict[str, Any]] = {
    "greedy": {"rule": "greedy"},
    "greedy-per-euro": {"rule": "greedy-per-euro"},
    "mes": {"rule": "mes"},
    "mes-add1": {"rule": "mes-add1"},
    "mes-add1-noexh": {"rule": "mes-add1", "exhaustive_stop": False},
    "mes-utility": {"rule": "mes-utility"},
    "phragmen": {"rule": "phragmen"},
}
# add1 runs that take more than a few seconds here (many budget increments)
SLOW = {
    ("France_Toulouse_2024.pb", "mes-add1"),
    ("Poland_Warszawa_2021_Mokotow.pb", "mes-add1"),
    ("Poland_Warszawa_2020_Praga-Poludnie.pb", "mes-add1"),
    ("Poland_Warszawa_2026.pb", "mes-add1"),
    ("Hungary_Budapest_2024.pb", "mes-add1"),
    ("Poland_Krakow_2024.pb", "mes-add1"),
    ("Netherlands_Amsterdam_166.pb", "mes-add1"),
    ("Netherlands_Amsterdam_166.pb", "mes-add1-noexh"),
}


@cache
def load(name: str) -> Election:
    return read_pabulib(pabulib_file(name))


def cases() -> list[Any]:
    params = []
    for name in sorted(REFERENCE):
        for rule, entry in sorted(REFERENCE[name]["rules"].items()):
            if "winners" not in entry:
                continue
            marks = [pytest.mark.slow] if (name, rule) in SLOW else []
            if not (PABULIB / name).is_file():
                marks.append(pytest.mark.external_data)
            params.append(
                pytest.param(name, rule, entry["winners"], id=f"{name[:-3]}-{rule}", marks=marks)
            )
    return params


def test_fixture_covers_the_repositorys_instances() -> None:
    assert {p.name for p in PABULIB.glob("*.pb")} <= set(REFERENCE)
    for name, entry in REFERENCE.items():
        for rule in ("greedy", "mes"):
            assert "winners" in entry["rules"].get(rule, {}), (name, rule)


@pytest.mark.external_data
def test_fixture_covers_every_external_instance() -> None:
    files = external_dir(PABULIB_DIR_ENV).glob("*.pb")
    assert sorted(REFERENCE) == sorted(p.name for p in files)


@pytest.mark.parametrize(("name", "rule", "expected"), cases())
def test_same_winners_as_pabutools(name: str, rule: str, expected: list[str]) -> None:
    outcome = count(load(name), **RULES[rule])
    assert sorted(outcome.winners) == expected


SMALL = [
    "Netherlands_Assen_2024.pb",
    "Switzerland_Zurich_D10.pb",
    "Switzerland_Zurich_S5R.pb",
    "Netherlands_Amsterdam_166.pb",
    "Worldwide_Mechanical_Turk_Utilities_8.pb",
]


@pytest.mark.parametrize("name", SMALL)
def test_live_against_pabutools(name: str) -> None:
    from pabutools.election import (
        Additive_Borda_Sat,
        Additive_Cardinal_Sat,
        ApprovalBallot,
        ApprovalProfile,
        Cardinality_Sat,
        Cost_Sat,
        parse_pabulib,
    )
    from pabutools.rules import method_of_equal_shares, sequential_phragmen

    inst, prof = parse_pabulib(str(pabulib_file(name)))
    election = load(name)

    def names(out: Any) -> list[str]:
        return sorted(str(p.name) for p in out)

    assert sorted(count(election, "mes").winners) == names(
        method_of_equal_shares(inst, prof, sat_class=Cost_Sat)
    )
    kind = inst.meta["vote_type"]
    sat = {"ordinal": Additive_Borda_Sat, "cumulative": Additive_Cardinal_Sat}.get(
        kind, Cardinality_Sat
    )
    assert sorted(count(election, "mes-utility").winners) == names(
        method_of_equal_shares(inst, prof, sat_class=sat)
    )
    approval = (
        prof if kind == "approval" else ApprovalProfile([ApprovalBallot(set(b)) for b in prof])
    )
    assert sorted(count(election, "phragmen").winners) == names(sequential_phragmen(inst, approval))
    if name != "Netherlands_Amsterdam_166.pb":  # many increments: covered by the fixture
        assert sorted(count(election, "mes-add1").winners) == names(
            method_of_equal_shares(inst, prof, sat_class=Cost_Sat, voter_budget_increment=1)
        )


@pytest.mark.parametrize(
    ("name", "exhaustive_stop"),
    [
        ("Netherlands_Assen_2024.pb", True),
        ("Poland_Swiecie_2023.pb", True),
        ("Poland_Wieliczka_2023_Green_Budget.pb", False),
    ],
)
def test_official_results_reproduced(name: str, exhaustive_stop: bool) -> None:
    election = load(name)
    official = election.official_selection()
    assert official
    outcome = count(election, "mes-add1", exhaustive_stop=exhaustive_stop)
    assert outcome.winners_in_file_order() == official


def test_wieliczka_needs_no_exhaustive_stop() -> None:
    election = load("Poland_Wieliczka_2023_Green_Budget.pb")
    assert count(election, "mes-add1").winners_in_file_order() != election.official_selection()


@pytest.mark.parametrize(
    "name", ["Netherlands_Assen_2024.pb", "Switzerland_Zurich_D10.pb", "Poland_Swiecie_2023.pb"]
)
@pytest.mark.parametrize("utility", ["cost", "cardinality"])
def test_fast_mes_equals_exact_reference(name: str, utility: str) -> None:
    cp = compile_profile(load(name), utility)
    for extra in (0, 7, 100):
        budget = cp.budget / cp.n_voters + extra
        assert run_mes(cp, budget).selected == mes_exact_reference(cp, budget)


SPOT_CHECKED = sorted(
    name for name, entry in REFERENCE.items() if "mes-add1-spot" in entry["rules"]
)


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=[] if (PABULIB / n).is_file() else [pytest.mark.external_data])
        for n in SPOT_CHECKED
    ],
)
def test_add1_agrees_with_pabutools_at_every_sampled_budget(name: str) -> None:
    # On Budapest pabutools' add1 would need ~22,000 MES runs; the fixture holds its MES
    # outcome at the budgets that decide add1 (scripts/pabutools_add1_spotcheck.py explains
    # what that does and does not prove).
    from wijkaanpak.budgets.counting.mes import mes_add1

    spot = REFERENCE[name]["rules"]["mes-add1-spot"]
    election = load(name)
    cp = compile_profile(election, Utility.COST)  # add1 of pabutools: Cost_Sat
    ids = cp.project_ids
    base = cp.budget / cp.n_voters
    result = mes_add1(cp)
    assert result.increment == spot["k"]
    assert sorted(ids[p] for p in result.run.selected) == spot["runs"][str(spot["k"])]

    def cost(winners: list[str]) -> Any:
        return sum(election.projects[w].cost for w in winners)

    def exhaustive(winners: list[str]) -> bool:
        left = cp.budget - cost(winners)
        candidates = {ids[p] for p in range(cp.n_projects) if cp.score[p] > 0}
        return all(p in winners or election.projects[p].cost > left for p in candidates)

    k = spot["k"]
    for j, winners in spot["runs"].items():
        ours = run_mes(cp, base + int(j), details=False).selected
        assert sorted(ids[p] for p in ours) == winners, f"MES at +{j} per voter"
        if int(j) < k:
            assert cost(winners) <= cp.budget and not exhaustive(winners), j
    at_k, after = spot["runs"][str(k)], spot["runs"].get(str(k + 1))
    assert cost(at_k) <= cp.budget
    assert exhaustive(at_k) or (after is not None and cost(after) > cp.budget)
