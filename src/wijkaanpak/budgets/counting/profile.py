"""Compile an :class:`~.model.Election` into numpy arrays for the counting rules.

Voters with identical ballots are collapsed into weighted *voter types* (Łódź 2022: 90,494
voters, far fewer distinct ballots). For every project the supporting types are stored in a
CSR layout (``sup_ptr``/``sup_type``) together with each type's utility for the project, both
as a float (for vectorised arithmetic) and as an index into ``util_values`` (exact
:class:`~fractions.Fraction`, for exact tie checks).

Utilities (``Utility``):

``cost``         cost of the project if it is on the ballot (pabutools ``Cost_Sat``)
``cardinality``  1 if the project is on the ballot (``Cardinality_Sat``)
``points``       the points given (cumulative/scoring ballots; ``Additive_Cardinal_Sat``)
``borda``        for a ranking of length k the project at position i (0-based) gets k - 1 - i,
                 so the last ranked project gets 0 (pabutools ``Additive_Borda_Sat``)

Only types with a positive utility count as supporters of a project.
"""

from __future__ import annotations

import enum
import gc
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import chain
from operator import attrgetter

import numpy as np
import numpy.typing as npt

from .model import BallotKind, Election, Voter

__all__ = ["CompiledProfile", "TieBreak", "Utility", "compile_profile", "default_utility"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


class Utility(enum.StrEnum):
    """How much a voter gains from a project on their ballot."""

    COST = "cost"
    CARDINALITY = "cardinality"
    POINTS = "points"
    BORDA = "borda"


class TieBreak(enum.StrEnum):
    """Tie-breaking between projects that a rule cannot separate.

    ``lexicographic`` (default) prefers the smaller project id compared as *text* ("10" comes
    before "9"); this is pabutools' default ``lexico_tie_breaking`` and makes our winner sets
    identical to pabutools'. ``cost`` prefers the cheaper project, then the one listed first in
    the file. ``file-order`` prefers the project listed first in the file.
    """

    LEXICOGRAPHIC = "lexicographic"
    COST = "cost"
    FILE_ORDER = "file-order"


def default_utility(kind: BallotKind) -> Utility:
    """The natural score of a ballot kind: approvals, points or Borda score."""
    if kind.has_points:
        return Utility.POINTS
    if kind is BallotKind.ORDINAL:
        return Utility.BORDA
    return Utility.CARDINALITY


@dataclass(eq=False)
class CompiledProfile:
    """Array form of an election for one utility function (see module docstring)."""

    project_ids: list[str]
    costs: list[Fraction]
    cost_f: FloatArray
    budget: Fraction
    n_voters: int
    utility: Utility
    weight: IntArray  # voters per type
    sup_ptr: IntArray  # CSR over projects, len P + 1
    sup_type: IntArray  # supporting type of each incidence
    sup_util_f: FloatArray  # utility of the incidence (float)
    sup_util_code: IntArray  # index into util_values
    util_values: list[Fraction]
    uniform: npt.NDArray[np.bool_]  # all supporters of the project have the same utility
    approvals: IntArray  # voters with the project on their ballot (any utility)
    score: list[Fraction]  # exact total utility per project
    tb_rank: IntArray  # tie-breaking rank, smaller wins
    cache: dict[str, object] = field(default_factory=dict)  # rule-specific precomputations

    @property
    def n_projects(self) -> int:
        return len(self.project_ids)

    @property
    def n_types(self) -> int:
        return int(self.weight.shape[0])

    def supporters(self, p: int) -> slice:
        return slice(int(self.sup_ptr[p]), int(self.sup_ptr[p + 1]))


_ballot: Callable[[Voter], tuple[str, ...]] = attrgetter("ballot")
_points: Callable[[Voter], tuple[Fraction, ...] | None] = attrgetter("points")


def _tie_ranks(ids: list[str], costs: list[Fraction], tie_break: TieBreak) -> IntArray:
    positions = range(len(ids))
    if tie_break is TieBreak.LEXICOGRAPHIC:
        order = sorted(positions, key=lambda i: ids[i])
    elif tie_break is TieBreak.COST:
        order = sorted(positions, key=lambda i: (costs[i], i))
    else:
        order = list(positions)
    rank = np.empty(len(ids), dtype=np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(len(ids), dtype=np.int64)
    return rank


def compile_profile(
    election: Election,
    utility: Utility | str | None = None,
    tie_break: TieBreak | str = TieBreak.LEXICOGRAPHIC,
) -> CompiledProfile:
    """Group identical ballots and build the per-project supporter arrays."""
    enabled = gc.isenabled()
    gc.disable()  # builds many tuples; the cyclic GC only costs time here
    try:
        return _compile(election, utility, tie_break)
    finally:
        if enabled:
            gc.enable()


def _compile(
    election: Election, utility: Utility | str | None, tie_break: TieBreak | str
) -> CompiledProfile:
    kind = election.kind
    util = default_utility(kind) if utility is None else Utility(utility)
    if util is Utility.POINTS and not kind.has_points:
        raise ValueError(f"{kind.value} ballots carry no points")
    if util is Utility.BORDA and kind is not BallotKind.ORDINAL:
        raise ValueError("Borda utilities need ordinal ballots")

    ids = list(election.projects)
    index = {pid: i for i, pid in enumerate(ids)}
    costs = [p.cost for p in election.projects.values()]
    n_projects = len(ids)

    # 1. Collapse identical raw ballots (cheap: ballots are shared tuples after parsing).
    ballots: list[tuple[str, ...]]
    point_lists: list[tuple[Fraction, ...]] = []
    if util is Utility.POINTS:
        with_points = Counter(
            zip(map(_ballot, election.voters), map(_points, election.voters), strict=True)
        )
        ballots = [ballot for ballot, _ in with_points]
        point_lists = [points or () for _, points in with_points]
        counts_of: Iterable[int] = with_points.values()
    else:
        plain = Counter(map(_ballot, election.voters))
        ballots = list(plain)
        counts_of = plain.values()

    # 2. Flatten all distinct ballots at C speed (map/fromiter, no Python-level loop). Each
    #    distinct raw ballot is one voter type; ballots that only differ in order (approval)
    #    stay separate types, which costs a little memory but no correctness. Utility codes:
    #    COST -> project index (value: its cost), CARDINALITY -> 0 (value 1), BORDA -> the
    #    Borda score, POINTS -> index of the distinct points value. Entries with utility 0 are
    #    dropped (not a supporter).
    n_types = len(ballots)
    weight = np.fromiter(counts_of, dtype=np.int64, count=n_types)
    lengths = np.fromiter(map(len, ballots), dtype=np.int64, count=n_types)
    n_entries = int(lengths.sum())
    flat_proj = np.fromiter(
        map(index.__getitem__, chain.from_iterable(ballots)),
        dtype=np.int64,
        count=n_entries,
    )
    flat_type = np.repeat(np.arange(n_types, dtype=np.int64), lengths)
    approvals = np.bincount(flat_proj, weights=weight[flat_type], minlength=n_projects)
    approvals = approvals.round().astype(np.int64)
    util_values: list[Fraction]
    if util is Utility.COST:
        util_values = list(costs)
        flat_code = flat_proj
        keep = np.asarray([c > 0 for c in costs], dtype=np.bool_)[flat_proj]
    elif util is Utility.CARDINALITY:
        util_values = [Fraction(1)]
        flat_code = np.zeros(n_entries, dtype=np.int64)
        keep = np.ones(n_entries, dtype=np.bool_)
    elif util is Utility.BORDA:
        longest = int(lengths.max()) if n_types else 0
        util_values = [Fraction(i) for i in range(max(longest, 1))]
        starts = np.cumsum(lengths) - lengths
        position = np.arange(n_entries, dtype=np.int64) - np.repeat(starts, lengths)
        flat_code = lengths[flat_type] - 1 - position
        keep = flat_code > 0
    else:
        util_values = []
        point_code: dict[Fraction, int] = {}
        for value in set(chain.from_iterable(point_lists)):
            if value > 0:
                point_code[value] = len(util_values)
                util_values.append(Fraction(value))
            else:
                point_code[value] = -1
        flat_code = np.fromiter(
            map(point_code.__getitem__, chain.from_iterable(point_lists)),
            dtype=np.int64,
            count=n_entries,
        )
        keep = flat_code >= 0
    inc_proj = flat_proj[keep]
    inc_code = flat_code[keep]
    inc_type = flat_type[keep]
    n_inc = int(inc_proj.shape[0])

    # 3. CSR over projects.
    # a stable sort of small integers is a radix sort in NumPy: linear time
    small = np.int16 if n_projects < 2**15 else np.int64
    order = np.argsort(inc_proj.astype(small), kind="stable")
    sup_type = inc_type[order]
    sup_code = inc_code[order]
    counts = np.bincount(inc_proj, minlength=n_projects)
    sup_ptr = np.zeros(n_projects + 1, dtype=np.int64)
    np.cumsum(counts, out=sup_ptr[1:])
    values_f = np.asarray([float(v) for v in util_values], dtype=np.float64)
    sup_util_f = values_f[sup_code] if n_inc else np.zeros(0, dtype=np.float64)

    # 4. Exact scores (sum of utilities) and "all supporters have the same utility" flags.
    n_codes = max(1, len(util_values))
    pair_key = inc_proj * n_codes + inc_code
    if n_projects * n_codes <= 1 << 22:  # counting beats sorting for a small key space
        counted = np.bincount(pair_key, weights=weight[inc_type], minlength=n_projects * n_codes)
        keys = np.flatnonzero(counted)
        pair_weight = counted[keys].round().astype(np.int64)
    else:
        keys, inverse = np.unique(pair_key, return_inverse=True)
        pair_weight = np.bincount(inverse, weights=weight[inc_type]).round().astype(np.int64)
    score = [Fraction(0)] * n_projects
    distinct = np.zeros(n_projects, dtype=np.int64)
    for k, w in zip(keys.tolist(), pair_weight.tolist(), strict=True):
        p, code = divmod(k, n_codes)
        score[p] += util_values[code] * w
        distinct[p] += 1
    uniform = distinct <= 1

    return CompiledProfile(
        project_ids=ids,
        costs=costs,
        cost_f=np.asarray([float(c) for c in costs], dtype=np.float64),
        budget=election.budget,
        n_voters=election.num_voters,
        utility=util,
        weight=weight,
        sup_ptr=sup_ptr,
        sup_type=sup_type,
        sup_util_f=sup_util_f,
        sup_util_code=sup_code,
        util_values=util_values,
        uniform=uniform,
        approvals=approvals,
        score=score,
        tb_rank=_tie_ranks(ids, costs, TieBreak(tie_break)),
    )
