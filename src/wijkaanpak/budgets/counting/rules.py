"""Counting rules and the :func:`count` entry point.

Rules (``Rule``) and their pabutools 1.2.3 equivalents (winner sets are identical, checked on
30 real Pabulib instances by ``tests/budgets/test_counting_reference.py``):

``greedy``
    Projects in order of score (number of approvals; points for cumulative ballots; Borda
    score for ordinal ballots), each bought if it still fits in the remaining budget, else
    skipped. pabutools: ``greedy_utilitarian_welfare`` with a satisfaction of
    ``score * cost`` (pabutools divides by cost, so this orders by the plain score).
``greedy-per-euro``
    The same, ordered by score per unit of cost. pabutools: ``greedy_utilitarian_welfare``
    with ``Cardinality_Sat`` (approval), ``Additive_Cardinal_Sat`` (points) or
    ``Additive_Borda_Sat`` (ordinal).
``mes``
    Method of Equal Shares with cost utilities, no completion: pabutools
    ``method_of_equal_shares(sat_class=Cost_Sat)``. See :mod:`.mes`.
``mes-add1``
    MES with the add1 completion: ``method_of_equal_shares(sat_class=Cost_Sat,
    voter_budget_increment=1)``; with ``exhaustive_stop=False`` like
    ``exhaustion_by_budget_increase(..., budget_step=voters, exhaustive_stop=False)``.
``mes-utility`` / ``mes-utility-add1``
    MES with cardinal utilities (``utility`` option: ``cost``, ``cardinality``, ``points`` or
    ``borda``; default: cardinality for approval, points for cumulative, Borda for ordinal).
``phragmen``
    Sequential Phragmén (pabutools ``sequential_phragmen``): a project is "in" a ballot if it
    appears on it. It stops at the first project with the lowest load that does not fit.

Every rule accepts ``completion="greedy"`` (``equalshares.net``: after MES/add1, spend what is
left with ``greedy`` in order of votes), applied only when the outcome is not exhaustive.

Tie-breaking (module :mod:`.profile`, ``TieBreak``). pabutools' default, and ours, is
*lexicographic on the project id as text*: among projects with exactly equal score (greedy),
exactly equal ``rho`` (MES) or exactly equal new maximal load (Phragmén) the project whose id
sorts first as a string wins ("10" < "9"). Equality is exact (rational arithmetic), never
"close in floating point". Also available: ``cost`` (lower cost first, then file order) and
``file-order``. Use ``lexicographic`` to reproduce pabutools and Pabulib-based results.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from .mes import Add1Result, MESRun, mes_add1, run_mes
from .model import Election
from .profile import CompiledProfile, TieBreak, Utility, compile_profile, default_utility

__all__ = [
    "GreedyStep",
    "Outcome",
    "PhragmenStep",
    "Rule",
    "count",
    "greedy",
    "phragmen",
]


class Rule(enum.StrEnum):
    GREEDY = "greedy"
    GREEDY_PER_EURO = "greedy-per-euro"
    MES = "mes"
    MES_ADD1 = "mes-add1"
    MES_UTILITY = "mes-utility"
    MES_UTILITY_ADD1 = "mes-utility-add1"
    PHRAGMEN = "phragmen"


@dataclass(frozen=True)
class GreedyStep:
    """A project's turn in a greedy rule."""

    position: int  # 1-based position in the greedy order
    project: int
    score: Fraction
    money_left: Fraction  # budget left when its turn came
    bought: bool


@dataclass(frozen=True)
class PhragmenStep:
    """A purchase (or the stop) in sequential Phragmén."""

    round: int
    project: int
    load: Fraction  # new maximal load of its supporters
    bought: bool  # False: the rule stopped here because the project did not fit


@dataclass
class Outcome:
    """Result of :func:`count`: the winners and what is needed to explain them."""

    rule: Rule
    election: Election
    profile: CompiledProfile
    winners: list[str]  # project ids in order of purchase
    total_cost: Fraction
    greedy_steps: list[GreedyStep] = field(default_factory=list)
    mes_run: MESRun | None = None
    add1: Add1Result | None = None
    phragmen_steps: list[PhragmenStep] = field(default_factory=list)
    completion: list[str] = field(default_factory=list)  # added by the greedy completion
    completion_steps: list[GreedyStep] = field(default_factory=list)

    @property
    def winner_set(self) -> set[str]:
        return set(self.winners)

    def winners_in_file_order(self) -> list[str]:
        chosen = self.winner_set
        return [pid for pid in self.election.projects if pid in chosen]


def greedy(
    cp: CompiledProfile,
    *,
    per_cost: bool = False,
    initial: Sequence[int] = (),
    skip: bool = True,
) -> list[GreedyStep]:
    """Greedy rule; returns every project's step in greedy order (exact arithmetic).

    pabutools' greedy sorts by (-score [per cost], tie rank) and buys every project that
    still fits, including projects without votes. ``skip=False`` stops at the first project
    that does not fit instead (Pabulib ``greedy-no-skip``).
    """
    taken = set(initial)
    left = cp.budget - sum((cp.costs[p] for p in taken), Fraction(0))

    def key(p: int) -> tuple[Fraction, int]:
        score = cp.score[p]
        if per_cost:
            cost = cp.costs[p]
            density = score / cost if cost > 0 else (Fraction(10**30) if score > 0 else score)
            return (-density, int(cp.tb_rank[p]))
        return (-score, int(cp.tb_rank[p]))

    order = sorted((p for p in range(cp.n_projects) if p not in taken), key=key)
    steps: list[GreedyStep] = []
    stopped = False
    for position, p in enumerate(order, start=1):
        fits = not stopped and cp.costs[p] <= left
        steps.append(GreedyStep(position, p, cp.score[p], left, fits))
        if fits:
            left -= cp.costs[p]
        elif not skip:
            stopped = True
    return steps


def phragmen(cp: CompiledProfile) -> list[PhragmenStep]:
    """Sequential Phragmén exactly as pabutools ``sequential_phragmen`` (approval semantics).

    Loads are exact: a voter's load is always one of the earlier maximal loads ``L_1 < L_2 <
    ...``, so the supporters' total load is a short exact sum. Floats only pre-select the
    candidates; all comparisons that decide are exact.
    """
    n_projects = cp.n_projects
    approvals = cp.approvals
    remaining = [p for p in range(n_projects) if cp.costs[p] <= cp.budget]
    # voter type -> index into loads (0: initial load 0)
    load_index = np.zeros(cp.n_types, dtype=np.int64)
    loads: list[Fraction] = [Fraction(0)]
    spent = Fraction(0)
    steps: list[PhragmenStep] = []
    weights = cp.weight
    while remaining:
        loads_f = np.asarray([float(x) for x in loads])
        candidates: list[tuple[float, int]] = []
        for p in remaining:
            if approvals[p] == 0:
                candidates.append((np.inf, p))
                continue
            sl = cp.supporters(p)
            types = cp.sup_type[sl]
            total = float((weights[types] * loads_f[load_index[types]]).sum())
            candidates.append(((total + float(cp.costs[p])) / float(approvals[p]), p))
        best = min(c[0] for c in candidates)
        if best == np.inf:
            tied = [p for value, p in candidates if value == np.inf]
            exact_best: Fraction | None = None
        else:
            close = [p for value, p in candidates if value <= best * (1 + 1e-9)]
            exact = {p: _phragmen_load(cp, p, load_index, loads) for p in close}
            exact_best = min(exact.values())
            tied = [p for p in close if exact[p] == exact_best]
        if any(spent + cp.costs[p] > cp.budget for p in tied):
            first = min(tied, key=lambda q: int(cp.tb_rank[q]))
            steps.append(
                PhragmenStep(len(steps) + 1, first, exact_best or Fraction(0), bought=False)
            )
            break
        chosen = min(tied, key=lambda q: int(cp.tb_rank[q]))
        steps.append(PhragmenStep(len(steps) + 1, chosen, exact_best or Fraction(0), True))
        spent += cp.costs[chosen]
        remaining.remove(chosen)
        if exact_best is not None:
            loads.append(exact_best)
            load_index[cp.sup_type[cp.supporters(chosen)]] = len(loads) - 1
    return steps


def _phragmen_load(
    cp: CompiledProfile, p: int, load_index: npt.NDArray[np.int64], loads: list[Fraction]
) -> Fraction:
    types = cp.sup_type[cp.supporters(p)]
    per_load = np.bincount(load_index[types], weights=cp.weight[types], minlength=len(loads))
    total = sum(
        (loads[i] * int(round(w)) for i, w in enumerate(per_load.tolist()) if w),
        Fraction(0),
    )
    return (total + cp.costs[p]) / int(cp.approvals[p])


def _complete_greedy(outcome: Outcome, tie_break: TieBreak | str) -> None:
    """equalshares.net completion: fill the remaining budget greedily by votes."""
    election = outcome.election
    chosen = _indices(outcome)
    votes = compile_profile(
        election, None if election.kind.has_points else Utility.CARDINALITY, tie_break
    )
    steps = greedy(votes, initial=chosen)
    outcome.completion_steps = steps
    for step in steps:
        if step.bought:
            pid = votes.project_ids[step.project]
            outcome.completion.append(pid)
            outcome.winners.append(pid)
            outcome.total_cost += votes.costs[step.project]


def _indices(outcome: Outcome) -> list[int]:
    index = {pid: i for i, pid in enumerate(outcome.profile.project_ids)}
    return [index[pid] for pid in outcome.winners]


def count(
    election: Election,
    rule: Rule | str,
    *,
    utility: Utility | str | None = None,
    tie_break: TieBreak | str = TieBreak.LEXICOGRAPHIC,
    exhaustive_stop: bool = True,
    completion: str | None = None,
    skip: bool = True,
) -> Outcome:
    """Count an election with one rule; see the module docstring for the rules."""
    rule = Rule(rule)
    kind = election.kind
    if rule in (Rule.MES, Rule.MES_ADD1):
        util = Utility(utility) if utility is not None else Utility.COST
    elif rule in (Rule.GREEDY, Rule.GREEDY_PER_EURO, Rule.MES_UTILITY, Rule.MES_UTILITY_ADD1):
        util = Utility(utility) if utility is not None else default_utility(kind)
    else:
        util = Utility.CARDINALITY  # Phragmén: approval semantics for every ballot kind
    cp = compile_profile(election, util, tie_break)
    outcome = Outcome(rule, election, cp, [], Fraction(0))
    if rule in (Rule.GREEDY, Rule.GREEDY_PER_EURO):
        steps = greedy(cp, per_cost=rule is Rule.GREEDY_PER_EURO, skip=skip)
        outcome.greedy_steps = steps
        bought = [s.project for s in steps if s.bought]
    elif rule in (Rule.MES, Rule.MES_UTILITY):
        run = run_mes(cp)
        outcome.mes_run = run
        bought = list(run.selected)
    elif rule in (Rule.MES_ADD1, Rule.MES_UTILITY_ADD1):
        result = mes_add1(cp, exhaustive_stop=exhaustive_stop)
        outcome.add1 = result
        outcome.mes_run = result.run
        bought = list(result.run.selected)
    else:
        psteps = phragmen(cp)
        outcome.phragmen_steps = psteps
        bought = [s.project for s in psteps if s.bought]
    outcome.winners = [cp.project_ids[p] for p in bought]
    outcome.total_cost = sum((cp.costs[p] for p in bought), Fraction(0))
    if completion == "greedy":
        _complete_greedy(outcome, tie_break)
    elif completion not in (None, "none"):
        raise ValueError(f"unknown completion {completion!r}")
    return outcome
