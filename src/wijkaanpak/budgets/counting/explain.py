"""Per-project explanations of an :class:`~.rules.Outcome`, as JSON-ready dataclasses.

Every project gets a :class:`ProjectExplanation` with a stable ``reason`` code (for
translation) and an English ``message``:

``selected``                      bought by the rule (greedy: its position and the money left
                                  at its turn; MES: round, price per unit of utility and which
                                  voter groups paid how much; Phragmén: round and load)
``selected_by_completion``        bought by the greedy completion after MES
``not_enough_money_left``         greedy: when its turn came less money was left than it costs
``supporters_short_of_money``     MES: at the end its supporters together had less money left
                                  than it costs; gives the shortfall, the equal share each
                                  supporter would have had to pay versus what they had left on
                                  average, and how many extra supporters (each bringing a fresh
                                  per-voter budget) would have covered the gap
``no_supporters``                 nobody gave the project a positive score
``costs_more_than_budget``        the project alone exceeds the whole budget
``phragmen_stopped``              Phragmén stopped before or at this project
``not_reached``                   greedy-no-skip: the rule stopped earlier

For ``mes-add1`` the explanation is that of the MES run at the final per-voter budget
(``initial_budget_per_voter``).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from typing import Any

from .mes import run_mes
from .rules import Outcome

__all__ = ["Explanation", "PaymentGroup", "ProjectExplanation", "explain"]


def _money(value: Fraction | float) -> float:
    return round(float(value), 2)


@dataclass
class PaymentGroup:
    """Voters who paid the same way for a bought project (MES)."""

    kind: str  # "equal_share": paid rho * utility; "all_remaining": paid everything left
    voters: int
    paid_each: float | None  # for equal shares
    paid_total: float
    paid_min: float | None = None  # for all_remaining
    paid_max: float | None = None
    utility: float | None = None


@dataclass
class ProjectExplanation:
    project_id: str
    name: str
    cost: float
    selected: bool
    reason: str
    message: str
    votes: int  # voters with the project on their ballot
    score: float  # the rule's score (approvals, points, Borda, utility)
    round: int | None = None
    position: int | None = None  # greedy order
    money_left_at_turn: float | None = None  # greedy
    price_per_unit: float | None = None  # MES rho (for cost utilities: share / cost)
    payments: list[PaymentGroup] = field(default_factory=list)
    supporters: int | None = None
    supporters_money_left: float | None = None  # MES losers: at the end
    shortfall: float | None = None
    equal_share_needed: float | None = None
    average_money_left: float | None = None
    extra_supporters_needed: int | None = None
    dropped_in_round: int | None = None
    load: float | None = None  # Phragmén


@dataclass
class Explanation:
    rule: str
    budget: float
    total_cost: float
    voters: int
    winners: list[str]
    initial_budget_per_voter: float | None = None
    add1_increment: int | None = None
    projects: list[ProjectExplanation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    def project(self, project_id: str) -> ProjectExplanation:
        for item in self.projects:
            if item.project_id == project_id:
                return item
        raise KeyError(project_id)


def explain(outcome: Outcome) -> Explanation:
    """Explain every project of ``outcome`` (in file order)."""
    cp = outcome.profile
    election = outcome.election
    winners = outcome.winner_set
    completion = set(outcome.completion)
    result = Explanation(
        rule=outcome.rule.value,
        budget=_money(election.budget),
        total_cost=_money(outcome.total_cost),
        voters=election.num_voters,
        winners=list(outcome.winners),
    )
    items: dict[int, ProjectExplanation] = {}
    for p, pid in enumerate(cp.project_ids):
        project = election.projects[pid]
        items[p] = ProjectExplanation(
            project_id=pid,
            name=project.name,
            cost=_money(project.cost),
            selected=pid in winners,
            reason="selected" if pid in winners else "",
            message="",
            votes=int(cp.approvals[p]),
            score=float(cp.score[p]),
        )
    if outcome.greedy_steps:
        _greedy(outcome, items)
    elif outcome.mes_run is not None:
        _mes(outcome, items, result)
    elif outcome.phragmen_steps:
        _phragmen(outcome, items)
    for item in items.values():
        if item.project_id in completion:
            item.reason = "selected_by_completion"
            item.message = (
                f"Bought by the greedy completion: after the main rule enough money was left "
                f"for it ({item.votes} votes)."
            )
        if not item.reason:
            if Fraction(item.cost) > election.budget:
                item.reason = "costs_more_than_budget"
                item.message = "The project costs more than the whole budget."
            else:
                item.reason = "not_reached"
                item.message = "The rule did not reach this project."
    result.projects = [items[p] for p in range(cp.n_projects)]
    return result


def _greedy(outcome: Outcome, items: dict[int, ProjectExplanation]) -> None:
    for step in outcome.greedy_steps:
        item = items[step.project]
        item.position = step.position
        item.money_left_at_turn = _money(step.money_left)
        if step.bought:
            item.reason = "selected"
            item.message = (
                f"Position {step.position} with score {_num(step.score)}; "
                f"{_money(step.money_left)} was left, enough for its cost of {item.cost}."
            )
        elif outcome.election.projects[item.project_id].cost <= step.money_left:
            item.reason = "not_reached"
            item.message = "The rule stopped before this project's turn."
        else:
            item.reason = "not_enough_money_left"
            item.message = (
                f"Position {step.position} with score {_num(step.score)}; only "
                f"{_money(step.money_left)} was left when its turn came, less than its cost "
                f"of {item.cost}."
            )


def _mes(outcome: Outcome, items: dict[int, ProjectExplanation], result: Explanation) -> None:
    run = outcome.mes_run
    assert run is not None
    cp = outcome.profile
    if not run.details:
        run = run_mes(cp, run.initial_budget, details=True)
    b0 = run.initial_budget
    result.initial_budget_per_voter = _money(b0)
    if outcome.add1 is not None:
        result.add1_increment = outcome.add1.increment
    weight = cp.weight
    for p in run.free:
        items[p].reason = "selected"
        items[p].message = "The project costs nothing and has support."
    for record in run.rounds:
        item = items[record.project]
        item.round = record.number
        item.price_per_unit = float(record.rho)
        item.supporters = record.supporters
        groups: list[PaymentGroup] = []
        for utility, voters, each in record.share_groups:
            groups.append(
                PaymentGroup(
                    "equal_share",
                    voters,
                    _money(each),
                    _money(each * voters),
                    utility=float(utility),
                )
            )
        if record.full_payers:
            groups.append(
                PaymentGroup(
                    "all_remaining",
                    record.full_payers,
                    None,
                    _money(record.full_paid),
                    _money(record.full_min),
                    _money(record.full_max),
                )
            )
        item.payments = groups
        shares = ", ".join(
            f"{g.voters} voters paid {g.paid_each} each" for g in groups if g.kind == "equal_share"
        )
        full = (
            f"; {record.full_payers} voters paid all they had left ({_money(record.full_paid)} in total)"
            if record.full_payers
            else ""
        )
        item.reason = "selected"
        item.message = (
            f"Bought in round {record.number}: {record.supporters} supporters had "
            f"{_money(record.budget_before)} left for a cost of {item.cost}; "
            f"{shares or 'no equal shares'}{full}."
        )
    final = run.final_budget
    for p in range(cp.n_projects):
        item = items[p]
        if item.reason:
            continue
        sl = cp.supporters(p)
        types = cp.sup_type[sl]
        supporters = int(weight[types].sum())
        if supporters == 0:
            item.reason = "no_supporters"
            item.message = "Nobody gave this project a positive score."
            continue
        money = float((weight[types] * final[types]).sum())
        cost = float(cp.costs[p])
        short = max(cost - money, 0.0)
        item.supporters = supporters
        item.supporters_money_left = _money(money)
        item.shortfall = _money(short)
        item.equal_share_needed = _money(cost / supporters)
        item.average_money_left = _money(money / supporters)
        item.extra_supporters_needed = int(math.ceil(short / float(b0))) if b0 > 0 else None
        item.dropped_in_round = run.dropped_in_round.get(p)
        if Fraction(cost) > cp.budget:
            item.reason = "costs_more_than_budget"
            item.message = "The project costs more than the whole budget."
            continue
        item.reason = "supporters_short_of_money"
        item.message = (
            f"Its {supporters} supporters had {_money(money)} left in total, "
            f"{_money(short)} short of its cost of {item.cost}: each would have had to pay "
            f"{item.equal_share_needed} but had {item.average_money_left} left on average. "
            f"About {item.extra_supporters_needed} more supporters (each with a fresh "
            f"{_money(b0)}) would have been needed."
        )


def _phragmen(outcome: Outcome, items: dict[int, ProjectExplanation]) -> None:
    for step in outcome.phragmen_steps:
        item = items[step.project]
        item.round = step.round
        item.load = float(step.load)
        if step.bought:
            item.reason = "selected"
            item.message = (
                f"Bought in round {step.round}: its supporters' maximal load became "
                f"{float(step.load):.6g}, the lowest of all projects."
            )
        else:
            item.reason = "phragmen_stopped"
            item.message = (
                f"In round {step.round} it had the lowest load but did not fit in the "
                "remaining budget, so the rule stopped."
            )
    for item in items.values():
        if not item.reason:
            item.reason = "phragmen_stopped"
            item.message = "The rule stopped before this project could be bought."


def _num(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.4g}"
