"""Counting stored ballots with the engine: every rule and ballot type, documented
tie-breaking, an explanation for every idea, and open data that recounts the same."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests import factories
from wijkaanpak.budgets import secrecy, selectors, services, tally
from wijkaanpak.budgets.counting import count, loads_pabulib
from wijkaanpak.budgets.models import Ballot, Phase

pytestmark = pytest.mark.django_db

RULES = ["greedy", "greedy-per-euro", "mes-add1", "phragmen"]


def publish(process, manager):
    process = services.process_set_phase(process=process, by=manager, phase=Phase.COUNTING)
    return services.process_set_phase(process=process, by=manager, phase=Phase.RESULTS)


def cast(process, choices, points=None):
    code = factories.VotingCodeFactory(process=process).code
    return services.ballot_cast(process=process, code=code, choices=choices, points=points)


def ideas(process, *costs):
    return [
        factories.BudgetIdeaFactory(process=process, accepted=True, estimated_cost=Decimal(c))
        for c in costs
    ]


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("kind", ["approval", "k_approval", "ranking", "points"])
def test_every_rule_counts_every_ballot_type_and_explains_every_idea(district, manager, rule, kind):
    traits = {} if kind == "approval" else {kind: True}
    process = factories.BudgetProcessFactory(area=district, voting=True, rule=rule, **traits)
    a, b, c, d = ideas(process, "4000", "3000", "2500", "6000")
    ballots = [([a.pk, b.pk], [6, 4]), ([b.pk, c.pk], [5, 5]), ([a.pk], [10]), ([d.pk], [10])]
    for choices, points in ballots:
        cast(process, choices, points if kind == "points" else None)
    process = publish(process, manager)
    result = selectors.result_of(process)
    lines = list(result.lines.all())
    assert {line.idea_id for line in lines} == {a.pk, b.pk, c.pk, d.pk}
    assert all(line.explanation for line in lines)
    assert sum(line.cost for line in lines if line.is_winner) <= process.budget
    assert result.spent == sum(line.cost for line in lines if line.is_winner)
    winners = [line for line in lines if line.is_winner]
    assert winners and all(line.explanation.startswith("Gekozen") for line in winners)
    assert all(line.explanation.startswith("Niet gekozen") for line in lines if not line.is_winner)
    # the open data recounts to the same winners with the same engine
    election = loads_pabulib(tally.export_pabulib(process))
    recount = count(
        election,
        tally.engine_rule(process),
        tie_break=tally.TIE_BREAK,
        completion=tally.COMPLETION.get(process.rule),
    )
    supported = {str(line.idea_id) for line in lines if line.votes}
    assert set(recount.winners) & supported == {str(w.idea_id) for w in winners}


def test_greedy_tie_break_cheaper_first_then_earlier_submitted(district, manager):
    process = factories.BudgetProcessFactory(
        area=district, voting=True, rule="greedy", budget=Decimal("6000")
    )
    first, second, cheap = ideas(process, "4000", "4000", "3000")
    for choices in ([first.pk], [second.pk], [cheap.pk]):  # one vote each: a three-way tie
        cast(process, choices)
    result = selectors.result_of(publish(process, manager))
    winners = [line.idea_id for line in result.lines.all() if line.is_winner]
    # cheaper first (3000), then of the two at 4000 neither fits (3000 left): only `cheap`
    assert winners == [cheap.pk]
    process2 = factories.BudgetProcessFactory(
        area=district, voting=True, rule="greedy", budget=Decimal("4000")
    )
    early, late = ideas(process2, "4000", "4000")
    cast(process2, [late.pk])
    cast(process2, [early.pk])
    result2 = selectors.result_of(publish(process2, manager))
    assert [line.idea_id for line in result2.lines.all() if line.is_winner] == [early.pk]
    assert "goedkoopste" in result2.tie_break


def test_mes_explains_what_losers_lacked(district, manager):
    process = factories.BudgetProcessFactory(area=district, voting=True, rule="mes-add1")
    big, small = ideas(process, "9000", "2000")
    for _ in range(3):
        cast(process, [small.pk])
    cast(process, [big.pk])
    result = selectors.result_of(publish(process, manager))
    lines = {line.idea_id: line for line in result.lines.all()}
    assert lines[small.pk].is_winner and not lines[big.pk].is_winner
    assert "te weinig" in lines[big.pk].explanation
    assert lines[big.pk].details["reason"] == "supporters_short_of_money"


def test_ideas_without_votes_never_win(district, manager):
    process = factories.BudgetProcessFactory(area=district, voting=True, rule="greedy")
    voted, unvoted = ideas(process, "1000", "1000")
    cast(process, [voted.pk])
    result = selectors.result_of(publish(process, manager))
    lines = {line.idea_id: line for line in result.lines.all()}
    assert lines[voted.pk].is_winner and not lines[unvoted.pk].is_winner
    assert "Niemand stemde" in lines[unvoted.pk].explanation


def test_export_has_no_voter_data_and_random_order(district, manager):
    process = factories.BudgetProcessFactory(area=district, voting=True)
    a, b = ideas(process, "1000", "2000")
    receipts = [cast(process, [a.pk]).receipt, cast(process, [b.pk]).receipt]
    publish(process, manager)
    text = tally.export_pabulib(process)
    election = loads_pabulib(text)
    assert election.voter_columns == ["voter_id", "vote"]
    assert [v.id for v in election.voters] == ["1", "2"]
    for receipt in receipts:
        assert secrecy.receipt_hash(process.pk, receipt) not in text
    ids_in_db_order = [str(pk) for pk in Ballot.objects.order_by("id").values_list("id", flat=True)]
    assert not any(ballot_id in text for ballot_id in ids_in_db_order)
