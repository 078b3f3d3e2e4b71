"""Rules on tiny hand-made instances (outcomes computed by hand), tie-breaking, CLI, explain."""

from __future__ import annotations

import io
import json
from fractions import Fraction
from pathlib import Path

import pytest

from wijkaanpak.budgets.counting import TieBreak, count, explain, loads_pabulib
from wijkaanpak.budgets.counting.cli import main
from wijkaanpak.budgets.counting.mes import mes_add1, mes_exact_reference, run_mes
from wijkaanpak.budgets.counting.profile import compile_profile


def election(
    projects: dict[str, int | str],
    votes: list[str],
    budget: int | str,
    kind: str = "approval",
    points: list[str] | None = None,
):  # type: ignore[no-untyped-def]
    lines = [
        "META",
        "key;value",
        f"budget;{budget}",
        f"vote_type;{kind}",
        "PROJECTS",
        "project_id;cost",
    ]
    lines += [f"{pid};{cost}" for pid, cost in projects.items()]
    lines += ["VOTES", "voter_id;vote" + (";points" if points is not None else "")]
    for i, vote in enumerate(votes):
        lines.append(f"v{i};{vote}" + (f";{points[i]}" if points is not None else ""))
    return loads_pabulib("\n".join(lines) + "\n")


# Three voters with 10 each (budget 30).
#   A costs 15, approved by v0 and v1: equal share 7.50 -> rho = 7.5 / 15 = 0.5
#   B costs 12, approved by v1 and v2: equal share 6    -> rho = 0.5 (tie with A)
#   C costs 9,  approved by v2 only:   share 9          -> rho = 1
# Round 1: tie A/B at rho 0.5, lexicographic tie-break buys A; v0 = v1 = 2.5, v2 = 10.
# Round 2: B: v1 pays all 2.5, v2 pays 9.5 (rho 9.5/12); C: rho 1 -> B; v2 keeps 0.5.
# Round 3: C needs 9, its supporter has 0.5 -> nothing affordable. Winners A, B.
HAND = {"A": 15, "B": 12, "C": 9}
HAND_VOTES = ["A", "A,B", "B,C"]


def test_mes_by_hand() -> None:
    outcome = count(election(HAND, HAND_VOTES, 30), "mes")
    assert outcome.winners == ["A", "B"]
    assert outcome.total_cost == 27
    run = outcome.mes_run
    assert run is not None
    assert [r.rho for r in run.rounds] == [0.5, pytest.approx(9.5 / 12)]
    second = run.rounds[1]
    assert second.full_payers == 1 and second.full_paid == pytest.approx(2.5)
    assert second.share_groups == [(Fraction(12), 1, pytest.approx(9.5))]
    expl = explain(outcome)
    c = expl.project("C")
    assert c.reason == "supporters_short_of_money"
    assert c.supporters_money_left == 0.5 and c.shortfall == 8.5
    assert c.equal_share_needed == 9.0 and c.extra_supporters_needed == 1
    a = expl.project("A")
    assert a.round == 1 and a.payments[0].voters == 2 and a.payments[0].paid_each == 7.5
    json.loads(expl.to_json())


def test_mes_tie_breaking_variants() -> None:
    # Rename so that the cheaper project sorts last: lexicographic buys W (15) first,
    # cost tie-breaking buys X (12) first, after which W is no longer affordable.
    projects = {"W": 15, "X": 12, "Y": 9}
    votes = ["W", "W,X", "X,Y"]
    assert count(election(projects, votes, 30), "mes").winners == ["W", "X"]
    cheap = count(election(projects, votes, 30), "mes", tie_break=TieBreak.COST)
    assert cheap.winners == ["X"]
    order = count(election({"X": 12, "W": 15, "Y": 9}, votes, 30), "mes", tie_break="file-order")
    assert order.winners == ["X"]


def test_lexicographic_is_textual() -> None:
    # "10" sorts before "9" as text: with equal votes and room for one, "10" wins.
    e = election({"9": 60, "10": 60}, ["9", "10"], 100)
    assert count(e, "greedy").winners == ["10"]
    assert count(e, "greedy", tie_break="file-order").winners == ["9"]
    assert count(e, "phragmen").winners == ["10"]
    # MES: 50 each, both approve both; equal rho 0.5 -> "10"; then 40 left < 60.
    both = election({"9": 60, "10": 60}, ["9,10", "9,10"], 100)
    assert count(both, "mes").winners == ["10"]


def test_greedy_variants_by_hand() -> None:
    projects = {"A": 50, "B": 30, "C": 30, "D": 5}
    votes = ["A,B", "A,C", "A", "B,C", "D"]
    # votes: A 3, B 2, C 2, D 1 -> A (50 left), B (20 left), C skipped (30 > 20), D (15 left)
    out = count(election(projects, votes, 100), "greedy")
    assert out.winners == ["A", "B", "D"]
    steps = {s.project: s for s in out.greedy_steps}
    c_step = steps[out.profile.project_ids.index("C")]
    assert not c_step.bought and c_step.money_left == 20
    assert explain(out).project("C").reason == "not_enough_money_left"
    # per euro: D 1/5, B=C 2/30, A 3/50 -> D, B, C (35 left), A skipped
    assert count(election(projects, votes, 100), "greedy-per-euro").winners == ["D", "B", "C"]
    # no skip: stop at C
    assert count(election(projects, votes, 100), "greedy", skip=False).winners == ["A", "B"]


def test_cumulative_and_ordinal_scores() -> None:
    cum = election({"A": 10, "B": 10}, ["A,B", "B"], 10, "cumulative", ["1,3", "1"])
    assert count(cum, "greedy").winners == ["B"]  # points A 1, B 4
    # Borda as pabutools: ranking of length k gives k-1, ..., 0
    ordinal = election({"A": 10, "B": 10, "C": 10}, ["A,B,C", "B,A,C", "B,C,A"], 20, "ordinal")
    out = count(ordinal, "greedy")
    assert [float(out.profile.score[i]) for i in range(3)] == [3.0, 5.0, 1.0]
    assert out.winners == ["B", "A"]
    # MES with Borda utilities: 20/3 each; B (utilities 1, 2, 2) costs rho 2 per point; then
    # A's supporters (utilities 2 and 1) have 14/3 + 8/3 < 10 left.
    assert count(ordinal, "mes-utility").winners == ["B"]


def test_mes_cardinal_matches_exact_reference() -> None:
    e = election(
        {"A": 30, "B": 20, "C": 25, "D": 40},
        ["A,B", "A,C", "C,D", "D", "A,B,C"],
        100,
        "cumulative",
        ["3,1", "2,2", "1,4", "5", "1,1,1"],
    )
    cp = compile_profile(e, "points")
    assert run_mes(cp).selected == mes_exact_reference(cp)


def test_add1_by_hand() -> None:
    # 2 voters, budget 10 (5 each). A costs 8 (v0 only), B 2 (v1 only).
    # k=0: B bought (2 <= 5), A unaffordable (5 < 8).  k=3: v0 has 8 -> A bought too,
    # total 10 <= 10 and exhaustive -> stop.
    e = election({"A": 8, "B": 2}, ["A", "B"], 10)
    result = mes_add1(compile_profile(e, "cost"))
    assert result.increment == 3
    assert sorted(result.run.selected) == [0, 1]
    assert count(e, "mes").winners == ["B"]
    assert sorted(count(e, "mes-add1").winners) == ["A", "B"]


def test_add1_returns_previous_when_infeasible() -> None:
    # A 8 (v0), B 6 (v1), budget 10: at k=1 both are affordable? v0 6 < 8; at k=1 v1 6 -> B;
    # at k=3 v0 has 8 -> A and B = 14 > 10 -> infeasible, previous outcome (B) is returned.
    e = election({"A": 8, "B": 6}, ["A", "B"], 10)
    assert count(e, "mes-add1").winners == ["B"]
    assert count(e, "mes-add1", exhaustive_stop=False).winners == ["B"]


def test_jumping_equals_unit_steps() -> None:
    e = election(
        {"A": 40, "B": 35, "C": 30, "D": 25, "E": 12},
        ["A,B", "A", "B,C", "C,D", "D,E", "E", "A,C,E", "B,D"],
        100,
    )
    cp = compile_profile(e, "cost")
    for stop in (True, False):
        jumped = mes_add1(cp, exhaustive_stop=stop)
        stepped = mes_add1(cp, exhaustive_stop=stop, jump=False)
        assert jumped.run.selected == stepped.run.selected
        assert jumped.increment == stepped.increment


def test_completion_greedy() -> None:
    e = election({"A": 8, "B": 6, "C": 1}, ["A", "B", "A,C"], 12)
    plain = count(e, "mes")
    completed = count(e, "mes", completion="greedy")
    assert set(plain.winners) <= set(completed.winners)
    assert completed.total_cost <= 12
    assert all(
        explain(completed).project(p).reason == "selected_by_completion"
        for p in completed.completion
    )


def test_phragmen_stops_at_first_misfit() -> None:
    # A (cost 6, 2 votes) load 3; B (cost 5, 1 vote) load 5; C (cost 1, 1 vote) load 1.
    # Round 1: C (load 1). Round 2: A (3) ; round 3: B load 5 but 7 + 5 > 10 -> stop.
    e = election({"A": 6, "B": 5, "C": 1}, ["A", "A", "B", "C"], 10)
    out = count(e, "phragmen")
    assert out.winners == ["C", "A"]
    last = out.phragmen_steps[-1]
    assert not last.bought and out.profile.project_ids[last.project] == "B"
    assert explain(out).project("B").reason == "phragmen_stopped"


def test_cli(tmp_path: Path) -> None:
    path = tmp_path / "hand.pb"
    e = election(HAND, HAND_VOTES, 30)
    from wijkaanpak.budgets.counting import write_pabulib

    write_pabulib(e, path)
    out = io.StringIO()
    assert main(["count", str(path), "--rule", "mes", "--json"], out) == 0
    assert json.loads(out.getvalue()) == {"winners": ["A", "B"], "total_cost": 27}
    out = io.StringIO()
    assert main(["count", str(path), "--rule", "greedy"], out) == 0
    assert "selected" in out.getvalue() and "A" in out.getvalue()
    out = io.StringIO()
    assert main(["count", str(path), "--rule", "mes-add1", "--json", "--explain"], out) == 0
    assert json.loads(out.getvalue())["projects"][0]["project_id"] == "A"
    assert main(["count", str(tmp_path / "missing.pb"), "--rule", "mes"], io.StringIO()) == 1
    assert main(["count", str(path), "--rule", "nope"], io.StringIO()) == 2


def test_decimal_budget_fraction_total(tmp_path: Path) -> None:
    e = election({"A": "0.5", "B": "0.25"}, ["A", "B"], "0.75")
    out = count(e, "greedy")
    assert out.total_cost == Fraction(3, 4)
    # a fractional total reaches the CLI output as 0.75 (JSON and table)
    from wijkaanpak.budgets.counting import write_pabulib

    path = tmp_path / "decimal.pb"
    write_pabulib(e, path)
    stream = io.StringIO()
    assert main(["count", str(path), "--rule", "greedy", "--json"], stream) == 0
    assert json.loads(stream.getvalue()) == {"winners": ["A", "B"], "total_cost": 0.75}
    stream = io.StringIO()
    assert main(["count", str(path), "--rule", "greedy"], stream) == 0
    assert "cost 0.75 of budget 0.75" in stream.getvalue()


def test_engine_imports_without_django() -> None:
    import subprocess
    import sys

    code = (
        "import sys; import wijkaanpak.budgets.counting, wijkaanpak.budgets.counting.cli; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
    )
    env = {k: v for k, v in __import__("os").environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def _random_election(seed: int):  # type: ignore[no-untyped-def]
    import random

    rng = random.Random(seed)
    n_projects = rng.randint(3, 9)
    costs = {f"p{i}": rng.choice([10, 20, 20, 30, 40, 60]) for i in range(n_projects)}
    votes = []
    for _ in range(rng.randint(4, 25)):
        k = rng.randint(1, min(4, n_projects))
        votes.append(",".join(rng.sample(sorted(costs), k)))
    return election(costs, votes, rng.choice([60, 100, 150]))


@pytest.mark.parametrize("seed", range(40))
def test_random_instances_fast_equals_exact_and_jumps_equal_steps(seed: int) -> None:
    # small integer costs and few voters make exact ties frequent
    e = _random_election(seed)
    for utility in ("cost", "cardinality"):
        cp = compile_profile(e, utility)
        for extra in (0, 3, 11):
            budget = cp.budget / cp.n_voters + extra
            assert run_mes(cp, budget).selected == mes_exact_reference(cp, budget)
    cp = compile_profile(e, "cost")
    for stop in (True, False):
        jumped = mes_add1(cp, exhaustive_stop=stop)
        stepped = mes_add1(cp, exhaustive_stop=stop, jump=False)
        assert sorted(jumped.run.selected) == sorted(stepped.run.selected)
        assert jumped.run.selected_set() == stepped.run.selected_set()
        assert jumped.increment == stepped.increment
