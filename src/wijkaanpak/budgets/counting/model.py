"""Typed, framework-free model of a participatory-budgeting election.

An :class:`Election` is what a Pabulib ``.pb`` file describes: free-form ``meta`` data, the
projects (in file order) and the voters with their ballots. Money is kept as exact
:class:`fractions.Fraction` values so that no rule ever rounds a cost or a budget.

The module also holds the ballot rules (:class:`BallotRules`, read from the META section) and
:func:`validate_ballot`, which checks one ballot against those rules and returns field-level
errors. Error codes are stable English keys (``"over_budget"``, ``"duplicate_project"`` ...)
with an English message; a user interface translates by code.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Final

__all__ = [
    "BallotError",
    "BallotKind",
    "BallotRules",
    "Election",
    "Project",
    "Voter",
    "parse_number",
    "validate_ballot",
    "validate_election_ballot",
]


class BallotKind(enum.StrEnum):
    """How voters express their preferences (Pabulib ``vote_type``)."""

    APPROVAL = "approval"
    CHOOSE_1 = "choose-1"
    CUMULATIVE = "cumulative"
    SCORING = "scoring"
    ORDINAL = "ordinal"

    @property
    def is_approval(self) -> bool:
        """Approval-like kinds: the ballot is a set of projects."""
        return self in (BallotKind.APPROVAL, BallotKind.CHOOSE_1)

    @property
    def has_points(self) -> bool:
        """Kinds whose ballots carry a ``points`` value per project."""
        return self in (BallotKind.CUMULATIVE, BallotKind.SCORING)


#: the largest number (cost, budget, points) a file may hold (issue 7, C12). The rules also
#: compute in floating point: 1e400 was infinite there, and sums of many numbers near the
#: float maximum would be too. 10**15 (a million billion) leaves room for any real budget.
MAX_NUMBER: Final = Fraction(10**15)
_MAX_EXPONENT: Final = 400
_EXPONENT: Final = re.compile(r"[eE]([+-]?[0-9]+)$")


def parse_number(text: str) -> Fraction:
    """Parse a Pabulib number (``"12"``, ``"2572946.76"``, ``"1,5"``, ``"1e3"``) exactly.

    Raises :class:`ValueError` when the text is not a finite number.
    """
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not cleaned:
        raise ValueError("empty number")
    exponent = _EXPONENT.search(cleaned)
    if exponent is not None and abs(int(exponent.group(1))) > _MAX_EXPONENT:
        # Fraction("1e999999999") would compute 10**999999999 before any check could run.
        raise ValueError(f"number out of range: {text!r}")
    try:
        value = Fraction(cleaned)
    except (ValueError, ZeroDivisionError) as exc:
        raise ValueError(f"not a number: {text!r}") from exc
    if abs(value) > MAX_NUMBER:
        # The rules also compute in floating point: 1e400 would be infinite there.
        raise ValueError(f"number out of range: {text!r} (at most {MAX_NUMBER})")
    return value


def format_number(value: Fraction) -> str:
    """Format an exact number the way Pabulib files write it (``12``, ``2572946.76``).

    Numbers without a finite decimal expansion are written as ``numerator/denominator``, which
    :func:`parse_number` reads back exactly.
    """
    if value.denominator == 1:
        return str(value.numerator)
    den = value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        return f"{value.numerator}/{value.denominator}"
    digits = max(twos, fives)
    scaled = value * 10**digits
    assert scaled.denominator == 1
    sign = "-" if scaled < 0 else ""
    text = str(abs(scaled.numerator)).rjust(digits + 1, "0")
    return f"{sign}{text[:-digits]}.{text[-digits:]}"


@dataclass(frozen=True, slots=True)
class Project:
    """A project (spending proposal).

    ``fields`` holds every other column of the PROJECTS section as raw text, in file order
    (``name``, ``votes``, ``score``, ``category``, ``selected`` ...).
    """

    id: str
    cost: Fraction
    fields: Mapping[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.fields.get("name", "")

    @property
    def selected(self) -> bool | None:
        """The officially published outcome (``selected`` column), if the file has one."""
        raw = self.fields.get("selected")
        if raw is None or raw.strip() == "" or raw.strip().lower() == "none":
            return None
        try:
            return parse_number(raw) > 0
        except ValueError:
            return raw.strip().lower() in ("true", "yes")


@dataclass(frozen=True, slots=True)
class Voter:
    """One voter: the ballot (project ids, in ballot order) and optional points.

    For ordinal ballots the order is the order of preference. For cumulative and scoring
    ballots ``points[i]`` belongs to ``ballot[i]``. ``fields`` holds the other columns of the
    VOTES section (age, sex, neighbourhood ...) as raw text.
    """

    id: str
    ballot: tuple[str, ...]
    points: tuple[Fraction, ...] | None = None
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BallotRules:
    """Constraints every ballot of an election must satisfy (from the META section).

    ``max_sum_cost`` makes an approval ballot a knapsack ballot; ``min_length``/``max_length``
    give k-approval; ``min_points``/``max_points`` bound the points per project and
    ``min_sum_points``/``max_sum_points`` the points per ballot.
    """

    kind: BallotKind
    min_length: int | None = None
    max_length: int | None = None
    min_sum_cost: Fraction | None = None
    max_sum_cost: Fraction | None = None
    min_points: Fraction | None = None
    max_points: Fraction | None = None
    min_sum_points: Fraction | None = None
    max_sum_points: Fraction | None = None

    @classmethod
    def from_meta(cls, meta: Mapping[str, str]) -> BallotRules:
        """Read the ballot constraints from Pabulib META keys (unknown keys are ignored)."""
        kind = BallotKind(meta.get("vote_type", "approval").strip().lower())

        def num(key: str) -> Fraction | None:
            raw = meta.get(key)
            if raw is None or raw.strip() == "" or raw.strip().lower() == "none":
                return None
            return parse_number(raw)

        def integer(key: str) -> int | None:
            value = num(key)
            return None if value is None else int(value)

        max_length = integer("max_length")
        if kind is BallotKind.CHOOSE_1:
            max_length = 1 if max_length is None else min(max_length, 1)
        return cls(
            kind=kind,
            min_length=integer("min_length"),
            max_length=max_length,
            min_sum_cost=num("min_sum_cost"),
            max_sum_cost=num("max_sum_cost"),
            min_points=num("min_points"),
            max_points=num("max_points"),
            min_sum_points=num("min_sum_points"),
            max_sum_points=num("max_sum_points"),
        )


@dataclass(frozen=True, slots=True)
class BallotError:
    """A field-level validation error.

    ``field`` is ``"vote"`` for the ballot as a whole, ``"vote.<project id>"`` for one project
    on it, ``"points"`` or ``"points.<project id>"`` for points. ``code`` is a stable key that a
    user interface can translate; ``message`` is an English rendering; ``params`` the values
    used in the message.
    """

    field: str
    code: str
    message: str
    params: Mapping[str, str] = dataclasses.field(default_factory=dict)


def _fmt(value: Fraction | int) -> str:
    return format_number(Fraction(value))


def validate_ballot(
    rules: BallotRules,
    costs: Mapping[str, Fraction],
    ballot: Sequence[str],
    points: Sequence[Fraction | int] | None = None,
) -> list[BallotError]:
    """Check one ballot against the election's ballot rules.

    ``costs`` maps every project id of the election to its cost. Returns an empty list for a
    valid ballot, else the errors, in a stable order. Checks: unknown projects, duplicates,
    number of projects (k-approval ``min_length``/``max_length``, choose-1), total cost
    (knapsack ``max_sum_cost``, ``min_sum_cost``), and for cumulative/scoring ballots the
    points (one value per project, per-project bounds, total bounds, negative points).
    """
    errors: list[BallotError] = []
    seen: set[str] = set()
    known: list[str] = []
    for project_id in ballot:
        if project_id not in costs:
            errors.append(
                BallotError(
                    f"vote.{project_id}",
                    "unknown_project",
                    f"Project {project_id} does not exist in this election.",
                    {"project": project_id},
                )
            )
            continue
        if project_id in seen:
            errors.append(
                BallotError(
                    f"vote.{project_id}",
                    "duplicate_project",
                    f"Project {project_id} appears more than once on the ballot.",
                    {"project": project_id},
                )
            )
            continue
        seen.add(project_id)
        known.append(project_id)

    count = len(known)
    if rules.min_length is not None and count < rules.min_length:
        errors.append(
            BallotError(
                "vote",
                "too_few_projects",
                f"Choose at least {rules.min_length} projects (you chose {count}).",
                {"min": str(rules.min_length), "count": str(count)},
            )
        )
    if rules.max_length is not None and count > rules.max_length:
        errors.append(
            BallotError(
                "vote",
                "too_many_projects",
                f"Choose at most {rules.max_length} projects (you chose {count}).",
                {"max": str(rules.max_length), "count": str(count)},
            )
        )
    total_cost = sum((costs[p] for p in known), Fraction(0))
    if rules.max_sum_cost is not None and total_cost > rules.max_sum_cost:
        errors.append(
            BallotError(
                "vote",
                "over_budget",
                f"The chosen projects cost {_fmt(total_cost)}, more than the "
                f"{_fmt(rules.max_sum_cost)} you may spend.",
                {"total": _fmt(total_cost), "max": _fmt(rules.max_sum_cost)},
            )
        )
    if rules.min_sum_cost is not None and total_cost < rules.min_sum_cost:
        errors.append(
            BallotError(
                "vote",
                "under_min_cost",
                f"The chosen projects cost {_fmt(total_cost)}, less than the required "
                f"{_fmt(rules.min_sum_cost)}.",
                {"total": _fmt(total_cost), "min": _fmt(rules.min_sum_cost)},
            )
        )

    if rules.kind.has_points:
        if points is None or len(points) != len(ballot):
            errors.append(
                BallotError(
                    "points",
                    "points_length_mismatch",
                    "Give exactly one number of points for every chosen project.",
                    {
                        "projects": str(len(ballot)),
                        "points": str(0 if points is None else len(points)),
                    },
                )
            )
        else:
            total_points = Fraction(0)
            for project_id, raw in zip(ballot, points, strict=True):
                value = Fraction(raw)
                total_points += value
                where = f"points.{project_id}"
                if value < 0:
                    errors.append(
                        BallotError(
                            where,
                            "points_negative",
                            f"Points for project {project_id} cannot be negative.",
                            {"project": project_id, "points": _fmt(value)},
                        )
                    )
                if rules.max_points is not None and value > rules.max_points:
                    errors.append(
                        BallotError(
                            where,
                            "points_over_max",
                            f"Project {project_id} gets {_fmt(value)} points; the maximum per "
                            f"project is {_fmt(rules.max_points)}.",
                            {
                                "project": project_id,
                                "points": _fmt(value),
                                "max": _fmt(rules.max_points),
                            },
                        )
                    )
                if rules.min_points is not None and value < rules.min_points:
                    errors.append(
                        BallotError(
                            where,
                            "points_under_min",
                            f"Project {project_id} gets {_fmt(value)} points; the minimum per "
                            f"project is {_fmt(rules.min_points)}.",
                            {
                                "project": project_id,
                                "points": _fmt(value),
                                "min": _fmt(rules.min_points),
                            },
                        )
                    )
            if rules.max_sum_points is not None and total_points > rules.max_sum_points:
                errors.append(
                    BallotError(
                        "points",
                        "points_sum_over_max",
                        f"You gave {_fmt(total_points)} points in total; the maximum is "
                        f"{_fmt(rules.max_sum_points)}.",
                        {"total": _fmt(total_points), "max": _fmt(rules.max_sum_points)},
                    )
                )
            if rules.min_sum_points is not None and total_points < rules.min_sum_points:
                errors.append(
                    BallotError(
                        "points",
                        "points_sum_under_min",
                        f"You gave {_fmt(total_points)} points in total; the minimum is "
                        f"{_fmt(rules.min_sum_points)}.",
                        {"total": _fmt(total_points), "min": _fmt(rules.min_sum_points)},
                    )
                )
    elif points is not None:
        errors.append(
            BallotError(
                "points",
                "points_not_allowed",
                f"This election uses {rules.kind.value} ballots, which have no points.",
                {"kind": rules.kind.value},
            )
        )
    return errors


@dataclass(eq=True, slots=True)
class Election:
    """A participatory-budgeting election (one Pabulib instance).

    ``projects`` keeps file order (used for the stable "file order" tie-breaking and for
    writing). ``project_columns`` and ``voter_columns`` remember the header order of the
    PROJECTS and VOTES sections so that :func:`~.pabulib.write_pabulib` writes the file back
    with the same columns.
    """

    meta: dict[str, str]
    projects: dict[str, Project]
    voters: list[Voter]
    project_columns: list[str] = field(default_factory=lambda: ["project_id", "cost"])
    voter_columns: list[str] = field(default_factory=lambda: ["voter_id", "vote"])
    #: ``(line, message)`` for what is odd but countable, e.g. META ``num_votes`` that does not
    #: match the VOTES section; the command line prints them
    warnings: list[tuple[int, str]] = field(default_factory=list, compare=False)

    @property
    def kind(self) -> BallotKind:
        return BallotKind(self.meta.get("vote_type", "approval").strip().lower())

    @property
    def budget(self) -> Fraction:
        return parse_number(self.meta["budget"])

    @property
    def rules(self) -> BallotRules:
        return BallotRules.from_meta(self.meta)

    @property
    def costs(self) -> dict[str, Fraction]:
        return {pid: p.cost for pid, p in self.projects.items()}

    @property
    def num_voters(self) -> int:
        return len(self.voters)

    def total_cost(self, project_ids: Sequence[str] | set[str]) -> Fraction:
        return sum((self.projects[p].cost for p in project_ids), Fraction(0))

    def official_selection(self) -> list[str] | None:
        """Project ids marked ``selected`` in the file (file order), or None without column."""
        flags = [(pid, p.selected) for pid, p in self.projects.items()]
        if all(flag is None for _, flag in flags):
            return None
        return [pid for pid, flag in flags if flag]


def validate_election_ballot(
    election: Election,
    ballot: Sequence[str],
    points: Sequence[Fraction | int] | None = None,
) -> list[BallotError]:
    """:func:`validate_ballot` with the rules and costs of ``election``."""
    return validate_ballot(election.rules, election.costs, ballot, points)
