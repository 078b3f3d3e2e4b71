"""The setting production counts with, checked against pabutools 1.2.3 as an independent
reference (README, "Counting and explanations").

Production (``budgets.tally``): Method of Equal Shares with the add1 completion (cost utilities;
on a points ballot the points are the utilities), then greedy by votes (points on a points
ballot) for what is left, ties broken by the ``cost`` rule: the cheaper project first, at equal
cost the one listed first (submitted first). In pabutools that is
``completion_by_rule_combination`` of ``method_of_equal_shares(voter_budget_increment=1)`` and
``greedy_utilitarian_welfare``, both with a ``TieBreakingRule`` on (cost, file position).

Both sides parse the same Pabulib text with their own parser. The instances are the small ones
in ``tests/data/pabulib`` and seeded random instances with small integer costs and few voters,
where exact ties (equal votes, equal MES prices, equal costs) are frequent.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from pabutools.election import (
    Additive_Cardinal_Sat,
    AdditiveSatisfaction,
    Cost_Sat,
)
from pabutools.election.pabulib import parse_pabulib_from_string
from pabutools.rules import (
    completion_by_rule_combination,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)
from pabutools.tiebreaking import TieBreakingRule

from tests.external import PABULIB
from wijkaanpak.budgets.counting import Election, count, loads_pabulib
from wijkaanpak.budgets.models import BallotType, CountingRule, Process
from wijkaanpak.budgets.tally import COMPLETION, TIE_BREAK, engine_rule

# Pabulib vote_type -> the ballot type of ours that produces it
BALLOT_TYPE = {
    "approval": BallotType.APPROVAL,
    "ordinal": BallotType.RANKING,
    "cumulative": BallotType.POINTS,
}


def production(election: Election) -> list[str]:
    """Our winners, counted exactly as ``tally.count_process`` counts a MES process."""
    process = Process(rule=CountingRule.MES, ballot_type=BALLOT_TYPE[election.kind.value])
    outcome = count(
        election,
        engine_rule(process),
        tie_break=TIE_BREAK,
        completion=COMPLETION.get(CountingRule.MES),
    )
    return sorted(outcome.winners)


def _votes_times_cost(points: bool) -> type:
    """Greedy by votes (or points) in pabutools: its greedy orders by satisfaction per cost,
    so a satisfaction of ``votes * cost`` orders by the plain number of votes."""

    def func(instance: Any, profile: Any, ballot: Any, project: Any, precomputed: Any) -> Any:
        if points:
            return ballot.get(project, 0) * project.cost
        return int(project in ballot) * project.cost

    class VotesTimesCost(AdditiveSatisfaction):  # type: ignore[misc]
        def __init__(self, instance: Any, profile: Any, ballot: Any) -> None:
            AdditiveSatisfaction.__init__(self, instance, profile, ballot, func)

    return VotesTimesCost


def reference(text: str) -> list[str]:
    """pabutools' winners for the production setting, from the Pabulib text."""
    instance, profile = parse_pabulib_from_string(text)
    position = {pid: i for i, pid in enumerate(loads_pabulib(text).projects)}
    cost_then_file_order = TieBreakingRule(
        lambda inst, prof, project: (project.cost, position[project.name])
    )
    points = instance.meta["vote_type"] == "cumulative"
    outcome = completion_by_rule_combination(
        instance,
        profile,
        [method_of_equal_shares, greedy_utilitarian_welfare],
        [
            {
                "sat_class": Additive_Cardinal_Sat if points else Cost_Sat,
                "voter_budget_increment": 1,
                "tie_breaking": cost_then_file_order,
            },
            {"sat_class": _votes_times_cost(points), "tie_breaking": cost_then_file_order},
        ],
    )
    return sorted(str(p.name) for p in outcome)


def test_the_production_setting_is_the_one_this_file_checks() -> None:
    assert TIE_BREAK.value == "cost"
    assert COMPLETION == {CountingRule.MES: "greedy"}
    assert engine_rule(Process(rule=CountingRule.MES, ballot_type=BallotType.APPROVAL)) == (
        "mes-add1"
    )
    assert engine_rule(Process(rule=CountingRule.MES, ballot_type=BallotType.POINTS)) == (
        "mes-utility-add1"
    )


SMALL = [
    "Netherlands_Assen_2024.pb",
    "Switzerland_Zurich_D10.pb",
    "Switzerland_Zurich_S5R.pb",
    pytest.param("Netherlands_Amsterdam_166.pb", marks=pytest.mark.slow),  # ~12 s in pabutools
    "Worldwide_Mechanical_Turk_Utilities_8.pb",
]


@pytest.mark.parametrize("name", SMALL)
def test_pabulib_instances_match_pabutools(name: str) -> None:
    text = (PABULIB / name).read_text(encoding="utf-8-sig")
    ours = production(loads_pabulib(text))
    assert ours  # a real outcome, not two empty lists
    assert ours == reference(text)


def random_instance(seed: int) -> str:
    """A small Pabulib text with many exact ties: few voters, costs from a short list."""
    rng = random.Random(seed)
    kind = ("approval", "ordinal", "cumulative")[seed % 3]
    n_projects = rng.randint(3, 9)
    costs = [rng.choice([10, 20, 20, 30, 30, 40, 60]) for _ in range(n_projects)]
    budget = rng.choice([50, 60, 90, 100, 150])
    lines = ["META", "key;value", f"budget;{budget}", f"vote_type;{kind}", "PROJECTS"]
    lines += ["project_id;cost"] + [f"{i + 1};{c}" for i, c in enumerate(costs)]
    lines += ["VOTES", "voter_id;vote" + (";points" if kind == "cumulative" else "")]
    ids = [str(i + 1) for i in range(n_projects)]
    for voter in range(rng.randint(3, 20)):
        chosen = rng.sample(ids, rng.randint(1, min(4, n_projects)))
        line = f"v{voter};{','.join(chosen)}"
        if kind == "cumulative":
            line += ";" + ",".join(str(rng.randint(1, 3)) for _ in chosen)
        lines.append(line)
    return "\n".join(lines) + "\n"


SEEDS = range(300)


@pytest.mark.parametrize("seed", SEEDS)
def test_random_instances_with_ties_match_pabutools(seed: int) -> None:
    text = random_instance(seed)
    assert production(loads_pabulib(text)) == reference(text), text


def test_the_random_instances_exercise_the_tie_break_and_the_completion() -> None:
    # The comparison above is only worth something if ties change winners and the greedy
    # completion buys something: count both over the seeds.
    tie_decides = completes = 0
    for seed in SEEDS:
        election = loads_pabulib(random_instance(seed))
        rule = "mes-utility-add1" if election.kind.value == "cumulative" else "mes-add1"
        by_cost = count(election, rule, tie_break=TIE_BREAK, completion="greedy")
        by_id = count(election, rule, tie_break="lexicographic", completion="greedy")
        tie_decides += sorted(by_cost.winners) != sorted(by_id.winners)
        completes += bool(by_cost.completion)
    assert tie_decides >= 10
    assert completes >= 30
