"""Ballot validation against an election's ballot rules (field-level errors)."""

from __future__ import annotations

from fractions import Fraction

from wijkaanpak.budgets.counting import (
    BallotKind,
    BallotRules,
    loads_pabulib,
    validate_ballot,
    validate_election_ballot,
)

COSTS = {"a": Fraction(100), "b": Fraction(250), "c": Fraction("49.5"), "d": Fraction(10)}


def codes(errors: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(e.field, e.code) for e in errors]


def test_valid_ballots() -> None:
    rules = BallotRules(BallotKind.APPROVAL, min_length=1, max_length=3, max_sum_cost=Fraction(400))
    assert validate_ballot(rules, COSTS, ["a", "b"]) == []
    assert validate_ballot(BallotRules(BallotKind.ORDINAL), COSTS, ["c", "a", "d"]) == []


def test_unknown_and_duplicate_projects() -> None:
    rules = BallotRules(BallotKind.APPROVAL)
    errors = validate_ballot(rules, COSTS, ["a", "x", "a"])
    assert codes(errors) == [("vote.x", "unknown_project"), ("vote.a", "duplicate_project")]
    assert errors[0].params == {"project": "x"}
    assert "does not exist" in errors[0].message


def test_knapsack_over_budget_and_min_cost() -> None:
    rules = BallotRules(BallotKind.APPROVAL, max_sum_cost=Fraction(300), min_sum_cost=Fraction(40))
    errors = validate_ballot(rules, COSTS, ["a", "b"])
    assert codes(errors) == [("vote", "over_budget")]
    assert errors[0].params == {"total": "350", "max": "300"}
    assert codes(validate_ballot(rules, COSTS, ["d"])) == [("vote", "under_min_cost")]
    assert validate_ballot(rules, COSTS, ["c"]) == []


def test_k_approval_lengths() -> None:
    rules = BallotRules(BallotKind.APPROVAL, min_length=2, max_length=3)
    assert codes(validate_ballot(rules, COSTS, ["a"])) == [("vote", "too_few_projects")]
    errors = validate_ballot(rules, COSTS, ["a", "b", "c", "d"])
    assert codes(errors) == [("vote", "too_many_projects")]
    assert errors[0].params == {"max": "3", "count": "4"}
    choose1 = BallotRules.from_meta({"vote_type": "choose-1"})
    assert codes(validate_ballot(choose1, COSTS, ["a", "b"])) == [("vote", "too_many_projects")]


def test_cumulative_points() -> None:
    rules = BallotRules(
        BallotKind.CUMULATIVE,
        max_points=Fraction(3),
        max_sum_points=Fraction(5),
        min_sum_points=Fraction(2),
    )
    assert validate_ballot(rules, COSTS, ["a", "b"], [3, 2]) == []
    errors = validate_ballot(rules, COSTS, ["a", "b"], [4, 2])
    assert codes(errors) == [("points.a", "points_over_max"), ("points", "points_sum_over_max")]
    assert codes(validate_ballot(rules, COSTS, ["a"], [1])) == [("points", "points_sum_under_min")]
    assert codes(validate_ballot(rules, COSTS, ["a", "b"], [1])) == [
        ("points", "points_length_mismatch")
    ]
    assert codes(validate_ballot(rules, COSTS, ["a", "b"], [-1, 3])) == [
        ("points.a", "points_negative")
    ]
    approval = BallotRules(BallotKind.APPROVAL)
    assert codes(validate_ballot(approval, COSTS, ["a"], [1])) == [("points", "points_not_allowed")]


def test_rules_from_election_meta() -> None:
    text = """META
key;value
budget;1000
vote_type;cumulative
max_sum_points;10
max_points;4
min_length;1
max_length;3
PROJECTS
project_id;cost
p1;100
p2;200
VOTES
voter_id;vote;points
1;p1;4
"""
    election = loads_pabulib(text)
    rules = election.rules
    assert rules.kind is BallotKind.CUMULATIVE
    assert (rules.max_points, rules.max_sum_points, rules.max_length) == (4, 10, 3)
    assert validate_election_ballot(election, ["p1", "p2"], [4, 4]) == []
    assert codes(validate_election_ballot(election, ["p1", "p2"], [5, 4])) == [
        ("points.p1", "points_over_max")
    ]
