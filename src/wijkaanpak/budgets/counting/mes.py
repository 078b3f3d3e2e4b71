"""The Method of Equal Shares (MES), fast and exact.

Algorithm (identical to pabutools ``method_of_equal_shares``): every voter starts with the same
budget ``B0`` (``budget / number of voters``, or more for the completion). In each round, for
every remaining project ``p`` with cost ``c`` the smallest factor ``rho`` is found such that
the supporters can pay ``sum_i min(b_i, rho * u_i(p)) = c`` (``b_i``: money voter ``i`` has
left, ``u_i(p)``: the voter's utility). The project with the smallest ``rho`` is bought, each
supporter paying ``min(b_i, rho * u_i(p))``; with cost utilities (``Cost_Sat``) ``rho * u_i(p)``
is the same amount for every supporter, an equal share. A project whose supporters have less
than its cost left drops out. Ties in ``rho`` are broken by :class:`~.profile.TieBreak`
(default: the smaller project id as text, as pabutools).

Speed. Identical ballots are one weighted voter type (:mod:`.profile`); a project's ``rho``
only changes when one of its supporters paid for the last project, and it can only grow, so
cached values are lower bounds and the round stops evaluating candidates once the lower bound
exceeds the best ``rho`` found (the "lazy" evaluation pabutools also uses); ``rho`` of one
project is computed with a vectorised sort of its supporters' budgets.

Exactness. Arithmetic is done in floats, but every decision whose float margin is below a
tolerance of ``1e-9`` (relative to the money involved, orders of magnitude above the
accumulated rounding error) is decided exactly with :class:`~fractions.Fraction`: near ties
between projects, near-zero affordability margins and voters whose budget is (almost) exactly
their share. Exact budgets are obtained by replaying the purchases so far into *budget
classes* ("initial budget", "nothing left", or "class X after paying ``rho_r * u`` in round
r"); the exact ``rho_r`` of a round is computed lazily, only when an exact check needs it. A
run without close calls therefore costs no exact arithmetic at all. This gives the same
winners as pabutools' all-``mpq`` arithmetic (checked on 30 real instances).

Completion ``add1`` (pabutools ``voter_budget_increment=1``): MES is rerun with per-voter
budget ``B0 + k`` for ``k = 0, 1, 2, ...`` until the outcome is exhaustive (optional) or would
cost more than the budget, in which case the previous outcome is returned. Values of ``k``
are skipped when a certificate proves the outcome cannot change (:func:`_certify`): along a
fixed sequence of purchases every voter's remaining money is non-decreasing and every
project's ``rho`` non-increasing in the initial budget, so comparing the low run's ``rho``
values with the competitors' ``rho`` at the high budget decides a whole interval at once.
The interval length is predicted from the derivatives of all ``rho`` values with respect to
the budget (tracked alongside the budgets) and verified by one "forced path" run; a failed
verification only costs time, never correctness.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from .profile import CompiledProfile

__all__ = [
    "MESRound",
    "MESRun",
    "Add1Result",
    "mes_add1",
    "mes_exact_reference",
    "run_mes",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

TOL = 1e-9
INF = math.inf
_INITIAL = 0  # budget class: initial budget
_EMPTY = 1  # budget class: nothing left


@dataclass
class MESRound:
    """One bought project in a run of MES."""

    number: int  # 1-based round
    project: int
    rho: float  # price per unit of utility (equal share / cost for cost utilities)
    rho_exact: Fraction | None  # exact value when it was needed
    supporters: int = 0  # voters with positive utility
    budget_before: float = 0.0  # money the supporters had before paying
    full_payers: int = 0  # voters who paid all the (positive) money they had left
    full_paid: float = 0.0  # total paid by those voters
    full_min: float = 0.0  # smallest / largest such payment
    full_max: float = 0.0
    share_groups: list[tuple[Fraction, int, float]] = field(default_factory=list)
    # (utility, voters, amount paid by each) of the voters who paid rho * utility
    err: float = 0.0  # bound on the float error of ``rho``
    all_rich: bool = False  # no supporter was short: rho = cost / total utility exactly
    # what the exact rho depends on (filled when rho_exact was not needed yet)
    poor_classes: IntArray = field(repr=False, default_factory=lambda: np.zeros(0, np.int64))
    poor_weights: IntArray = field(repr=False, default_factory=lambda: np.zeros(0, np.int64))
    rich_codes: IntArray = field(repr=False, default_factory=lambda: np.zeros(0, np.int64))
    rich_weights: IntArray = field(repr=False, default_factory=lambda: np.zeros(0, np.int64))


@dataclass
class MESRun:
    """Result of one MES run at one initial per-voter budget."""

    initial_budget: Fraction  # per voter
    selected: list[int]  # in order of purchase (zero-cost projects first)
    rounds: list[MESRound]
    free: list[int]  # zero-cost projects with support, bought up front
    candidates: list[int]  # projects MES considered (positive cost and support)
    final_budget: FloatArray  # money left per voter type
    dropped_in_round: dict[int, int]  # project -> round in which it was found unaffordable
    exact_checks: int = 0  # decisions that needed exact arithmetic
    horizon: float = INF  # predicted budget increase before the outcome may change
    details: bool = True  # payment details per round were recorded
    forced: bool = False  # a certificate's forced sequence, not necessarily MES's own order

    def selected_set(self) -> set[int]:
        return set(self.selected)


class _Prepared:
    """Per-profile arrays shared by all MES runs (independent of the budget)."""

    def __init__(self, cp: CompiledProfile) -> None:
        self.w_inc = cp.weight[cp.sup_type].astype(np.float64)
        self.wu_inc = self.w_inc * cp.sup_util_f
        ptr = cp.sup_ptr
        cs_w = np.concatenate(([0.0], np.cumsum(self.w_inc)))
        cs_wu = np.concatenate(([0.0], np.cumsum(self.wu_inc)))
        self.n_sup = cs_w[ptr[1:]] - cs_w[ptr[:-1]]
        self.wu_total = cs_wu[ptr[1:]] - cs_wu[ptr[:-1]]
        self.free = [p for p in range(cp.n_projects) if cp.score[p] > 0 and cp.costs[p] == 0]
        self.candidates = [p for p in range(cp.n_projects) if cp.score[p] > 0 and cp.costs[p] > 0]
        self.n_codes = max(1, len(cp.util_values))
        self.util_max = np.zeros(cp.n_projects)
        for p in range(cp.n_projects):
            s, e = int(ptr[p]), int(ptr[p + 1])
            if e > s:
                self.util_max[p] = float(cp.sup_util_f[s:e].max())
        self.slices = [(int(ptr[p]), int(ptr[p + 1])) for p in range(cp.n_projects)]
        # overlap_row(p)[q]: p and q share a supporting voter type. Each type's projects as
        # a bit row; a project's row is the OR of its supporters' rows, computed when first
        # needed (only bought projects need one).
        n_projects = cp.n_projects
        inc_proj = np.repeat(np.arange(n_projects, dtype=np.int64), np.diff(ptr))
        member = np.zeros((cp.n_types, n_projects), dtype=np.bool_)
        member[cp.sup_type, inc_proj] = True
        self.bits = np.packbits(member, axis=1)
        self.sup_type = cp.sup_type
        self.n_projects = n_projects
        self.overlap_rows: dict[int, BoolArray] = {}

    def overlap_row(self, p: int) -> BoolArray:
        row = self.overlap_rows.get(p)
        if row is None:
            s, e = self.slices[p]
            row = np.zeros(self.n_projects, dtype=np.bool_)
            if e > s:
                packed = np.bitwise_or.reduce(self.bits[self.sup_type[s:e]], axis=0)
                row = np.unpackbits(packed, count=self.n_projects).astype(np.bool_)
            self.overlap_rows[p] = row
        return row


def _prepared(cp: CompiledProfile) -> _Prepared:
    prep = cp.cache.get("mes")
    if not isinstance(prep, _Prepared):
        prep = _Prepared(cp)
        cp.cache["mes"] = prep
    return prep


class _Engine:
    """State of one MES run; see module docstring."""

    def __init__(
        self, cp: CompiledProfile, initial_budget: Fraction, *, exact: bool = True
    ) -> None:
        self.cp = cp
        self.prep = _prepared(cp)
        self.exact = exact
        self.b0 = initial_budget
        self.b0f = float(initial_budget)
        n_types = cp.n_types
        self.b = np.full(n_types, self.b0f, dtype=np.float64)
        self.beta = np.ones(n_types, dtype=np.float64)  # d budget / d initial budget
        self.cls = np.zeros(n_types, dtype=np.int64)
        self.cls_parent = [-1, -1]
        self.cls_round = [-1, -1]
        self.cls_code = [-1, -1]
        self.cls_exact: dict[int, Fraction] = {_INITIAL: initial_budget, _EMPTY: Fraction(0)}
        self.rounds: list[MESRound] = []
        self.history: list[BoolArray] = []  # per round: which supporters paid all they had
        self.synced = 0  # rounds already replayed into the exact budget classes
        self.exact_checks = 0
        self.n_codes = self.prep.n_codes
        self.wb0 = self.prep.n_sup * self.b0f
        # per project: float rho (lower bound when stale), its error, d rho / d budget,
        # and for unaffordable projects d (money of supporters) / d budget and the shortfall
        n_projects = cp.n_projects
        self.rho = np.full(n_projects, INF)
        self.err = np.zeros(n_projects)
        self.drho = np.zeros(n_projects)
        self.short = np.zeros(n_projects)
        self.dmoney = np.zeros(n_projects)
        self.allrich = np.zeros(n_projects, dtype=np.bool_)

    # ----------------------------------------------------------------- exact state
    def exact_rho_of_round(self, r: int) -> Fraction:
        """Exact rho of round ``r`` (0-based), computed lazily, earlier rounds first."""
        self.sync()
        for s in range(r + 1):
            rec = self.rounds[s]
            if rec.rho_exact is not None:
                continue
            cp = self.cp
            paid_by_poor = Fraction(0)
            for c, w in zip(rec.poor_classes.tolist(), rec.poor_weights.tolist(), strict=True):
                paid_by_poor += w * self.exact_budget(c)
            rich_util = Fraction(0)
            for code, w in zip(rec.rich_codes.tolist(), rec.rich_weights.tolist(), strict=True):
                rich_util += w * cp.util_values[code]
            rec.rho_exact = (cp.costs[rec.project] - paid_by_poor) / rich_util
        value = self.rounds[r].rho_exact
        assert value is not None
        return value

    def exact_budget(self, c: int) -> Fraction:
        """Exact money left of budget class ``c``."""
        chain: list[int] = []
        while c not in self.cls_exact:
            chain.append(c)
            c = self.cls_parent[c]
        value = self.cls_exact[c]
        for k in reversed(chain):
            rho = self.exact_rho_of_round(self.cls_round[k])
            value = value - rho * self.cp.util_values[self.cls_code[k]]
            self.cls_exact[k] = value
        return value

    def _groups(self, p: int) -> tuple[IntArray, list[tuple[Fraction, Fraction, int]]]:
        """Supporters of ``p`` grouped by (budget class, utility): exact (budget, utility, w)."""
        self.sync()
        cp = self.cp
        s, e = self.prep.slices[p]
        types = cp.sup_type[s:e]
        key = self.cls[types] * self.n_codes + cp.sup_util_code[s:e]
        uniq, inv = np.unique(key, return_inverse=True)
        weights = np.bincount(inv, weights=cp.weight[types]).round().astype(np.int64)
        groups = [
            (self.exact_budget(k // self.n_codes), cp.util_values[k % self.n_codes], w)
            for k, w in zip(uniq.tolist(), weights.tolist(), strict=True)
        ]
        return inv.astype(np.int64), groups

    def exact_rho(self, p: int) -> tuple[Fraction | None, list[bool], IntArray]:
        """Exact rho of ``p`` now (None if unaffordable), with per-group "pays all" flags."""
        self.exact_checks += 1
        inv, groups = self._groups(p)
        cost = self.cp.costs[p]
        order = sorted(
            (i for i, g in enumerate(groups) if g[0] > 0), key=lambda i: groups[i][0] / groups[i][1]
        )
        pays_all = [True] * len(groups)
        contribution = Fraction(0)
        denominator = sum((groups[i][1] * groups[i][2] for i in order), Fraction(0))
        for pos, i in enumerate(order):
            budget, util, weight = groups[i]
            rho = (cost - contribution) / denominator
            if rho * util <= budget:
                for j in order[pos:]:
                    pays_all[j] = groups[j][0] <= rho * groups[j][1]
                return rho, pays_all, inv
            contribution += weight * budget
            denominator -= weight * util
        return None, pays_all, inv

    def exact_affordable(self, p: int) -> bool:
        self.exact_checks += 1
        _, groups = self._groups(p)
        return sum((b * w for b, _, w in groups), Fraction(0)) >= self.cp.costs[p]

    # ----------------------------------------------------------------- float evaluation
    def evaluate(self, p: int) -> None:
        """Float rho of ``p`` (INF if unaffordable), its error bound and derivative."""
        cp = self.cp
        prep = self.prep
        s, e = prep.slices[p]
        types = cp.sup_type[s:e]
        budgets = self.b[types]
        w = prep.w_inc[s:e]
        wb = w * budgets
        total = float(wb.sum())
        cost = float(cp.cost_f[p])
        tol_afford = TOL * (cost + self.wb0[p])
        if total < cost - tol_afford or (
            total <= cost + tol_afford and self.exact and not self.exact_affordable(p)
        ):
            self.rho[p] = INF
            self.short[p] = cost - total
            self.dmoney[p] = float((w * self.beta[types]).sum())
            return
        util_total = float(prep.wu_total[p])
        utils = cp.sup_util_f[s:e]
        rho_all_rich = cost / util_total
        if cp.uniform[p]:
            u0 = float(utils[0])
            lowest = float(budgets.min()) / u0
            ratio = budgets
            if lowest < rho_all_rich:
                ratio = budgets / u0
        else:
            ratio = budgets / utils
            lowest = float(ratio.min())
        if lowest >= rho_all_rich:
            self.rho[p] = rho_all_rich
            self.err[p] = TOL * 2 * cost / util_total
            self.drho[p] = 0.0
            self.allrich[p] = lowest >= rho_all_rich * (1 + TOL)
            return
        self.allrich[p] = False
        # Fixed point "poor/rich" iteration (no sort): voters below the current rho pay all
        # they have, the others share the rest; rho only grows and the poor set only grows,
        # so a stable poor set gives the exact minimum. Falls back to sorting if slow.
        wu = prep.wu_inc[s:e]
        rho = rho_all_rich
        n_poor = -1
        for _ in range(6):
            poor = ratio < rho
            count = int(np.count_nonzero(poor))
            if count == n_poor:
                left = util_total - float(wu[poor].sum())
                self.rho[p] = rho
                self.err[p] = TOL * 2 * cost / left
                self.drho[p] = -float((w[poor] * self.beta[types[poor]]).sum()) / left
                return
            n_poor = count
            left = util_total - float(wu[poor].sum())
            if left <= 0:
                break
            rho = (cost - float(wb[poor].sum())) / left
        order = np.argsort(ratio, kind="stable")
        rs = ratio[order]
        wbs = wb[order]
        wus = wu[order]
        paid_before = np.cumsum(wbs) - wbs
        util_left = util_total - (np.cumsum(wus) - wus)
        rhos = (cost - paid_before) / util_left
        ok = rhos <= rs
        k = int(np.argmax(ok)) if bool(ok.any()) else len(rs) - 1
        left = float(util_left[k])
        self.rho[p] = float(rhos[k])
        self.err[p] = TOL * 2 * cost / left
        wbeta = (w * self.beta[types])[order]
        self.drho[p] = -float(wbeta[:k].sum()) / left

    # ----------------------------------------------------------------- buying
    def buy(self, p: int, rho: float, rho_exact: Fraction | None, details: bool) -> None:
        """Let the supporters of ``p`` pay (float state; exact classes are replayed lazily)."""
        cp = self.cp
        s, e = self.prep.slices[p]
        types = cp.sup_type[s:e]
        utils = cp.sup_util_f[s:e]
        budgets = self.b[types]
        if rho_exact is not None:
            rho = float(rho_exact)
        pay = rho * utils
        margin = budgets - pay
        pays_all = margin <= 0
        if self.exact:
            # one scalar tolerance (>= the per-voter one) keeps this cheap
            tol = TOL * max(self.b0f, rho * float(self.prep.util_max[p]))
            if bool((np.abs(margin) <= tol).any()):
                exact, flags, inv = self.exact_rho(p)
                assert exact is not None, "a bought project is affordable"
                rho_exact = exact
                rho = float(exact)
                pay = rho * utils
                pays_all = np.asarray(flags, dtype=np.bool_)[inv]
        rich = ~pays_all
        record = MESRound(number=len(self.rounds) + 1, project=p, rho=rho, rho_exact=rho_exact)
        record.err = float(self.err[p])
        record.all_rich = bool(self.allrich[p])
        weights = self.prep.w_inc[s:e]
        rich_types = types[rich]
        poor_types = types[pays_all]
        beta_poor = float((weights[pays_all] * self.beta[poor_types]).sum())
        rich_util = float(self.prep.wu_total[p]) - float(
            (weights[pays_all] * utils[pays_all]).sum()
        )
        drho = -beta_poor / rich_util if rich_util > 0 else 0.0
        if details:
            codes = cp.sup_util_code[s:e]
            full = pays_all & (budgets > 0)
            paid_full = budgets[full]
            record.supporters = int(round(float(weights.sum())))
            record.budget_before = float((weights * budgets).sum())
            record.full_payers = int(round(float(weights[full].sum())))
            record.full_paid = float((weights[full] * paid_full).sum())
            record.full_min = float(paid_full.min()) if paid_full.size else 0.0
            record.full_max = float(paid_full.max()) if paid_full.size else 0.0
            if bool(rich.any()):
                rc = np.bincount(codes[rich], weights=weights[rich], minlength=self.n_codes)
                for code in np.flatnonzero(rc).tolist():
                    u = cp.util_values[code]
                    record.share_groups.append((u, int(round(rc[code])), rho * float(u)))
        self.rounds.append(record)
        self.history.append(pays_all)
        self.b[rich_types] = budgets[rich] - pay[rich]
        self.beta[rich_types] -= utils[rich] * drho
        self.b[poor_types] = 0.0
        self.beta[poor_types] = 0.0

    def sync(self) -> None:
        """Bring the exact budget classes up to date by replaying the purchases so far."""
        cp = self.cp
        while self.synced < len(self.history):
            r = self.synced
            record = self.rounds[r]
            pays_all = self.history[r]
            s, e = self.prep.slices[record.project]
            types = cp.sup_type[s:e]
            codes = cp.sup_util_code[s:e]
            weights = cp.weight[types]
            rich = ~pays_all
            poor_types = types[pays_all]
            rich_types = types[rich]
            if record.rho_exact is None:
                poor_cls = self.cls[poor_types]
                keep = poor_cls != _EMPTY
                if bool(keep.any()):
                    uniq, inv = np.unique(poor_cls[keep], return_inverse=True)
                    record.poor_classes = uniq
                    record.poor_weights = (
                        np.bincount(inv, weights=weights[pays_all][keep]).round().astype(np.int64)
                    )
                rc_all = np.bincount(codes[rich], weights=weights[rich], minlength=self.n_codes)
                record.rich_codes = np.flatnonzero(rc_all)
                record.rich_weights = rc_all[record.rich_codes].round().astype(np.int64)
            if rich_types.size:
                key = self.cls[rich_types] * self.n_codes + codes[rich]
                base = len(self.cls_parent)
                uniq, inv = np.unique(key, return_inverse=True)
                uniq_list = uniq.tolist()
                self.cls_parent.extend(k // self.n_codes for k in uniq_list)
                self.cls_code.extend(k % self.n_codes for k in uniq_list)
                self.cls_round.extend([r] * len(uniq_list))
                self.cls[rich_types] = base + inv
            self.cls[poor_types] = _EMPTY
            self.synced = r + 1

    # ----------------------------------------------------------------- main loop
    def run(self, details: bool = True) -> MESRun:
        cp = self.cp
        prep = self.prep
        n_projects = cp.n_projects
        candidates = prep.candidates
        active = np.zeros(n_projects, dtype=np.bool_)
        active[candidates] = True
        rho = self.rho
        err = self.err
        if candidates:
            rho[candidates] = cp.cost_f[candidates] / prep.wu_total[candidates]
        dirty = np.ones(n_projects, dtype=np.bool_)
        dropped: dict[int, int] = {}
        selected: list[int] = list(prep.free)
        horizon = INF
        crossings: list[tuple[int, IntArray, FloatArray]] = []

        while True:
            idx = np.flatnonzero(active)
            if idx.size == 0:
                break
            order = idx[np.argsort(rho[idx] - err[idx], kind="stable")]
            best = INF
            best_err = 0.0
            seen: list[int] = []
            round_no = len(self.rounds) + 1
            for p in order.tolist():
                if rho[p] - err[p] > best + best_err:
                    break
                if dirty[p]:
                    self.evaluate(p)
                    dirty[p] = False
                    if rho[p] == INF:
                        active[p] = False
                        dropped[p] = round_no
                        continue
                seen.append(p)
                if rho[p] < best:
                    best, best_err = float(rho[p]), float(err[p])
            if best == INF:
                break
            near = [p for p in seen if rho[p] - err[p] <= best + best_err]
            winner = min(near, key=lambda q: (rho[q], int(cp.tb_rank[q])))
            winner_exact: Fraction | None = None
            if len(near) > 1:
                if self.exact:
                    ranked: list[tuple[Fraction, int, int]] = []
                    for q in near:
                        value, _, _ = self.exact_rho(q)
                        assert value is not None
                        ranked.append((value, int(cp.tb_rank[q]), q))
                    winner_exact, _, winner = min(ranked)
            if True:
                # how far may the initial budget grow before the certificate of _certify
                # fails, i.e. before a competitor's rho drops to the winner's current rho?
                others = idx[active[idx]]
                others = others[others != winner]
                slopes = self.drho[others]
                falling = slopes < 0
                if bool(falling.any()):
                    gaps = (rho[others] - err[others])[falling] - (best + best_err)
                    crossings.append(
                        (
                            len(self.rounds),
                            others[falling],
                            np.maximum(gaps, 0.0) / -slopes[falling],
                        )
                    )
            self.buy(winner, float(rho[winner]), winner_exact, details)
            selected.append(winner)
            active[winner] = False
            dirty |= prep.overlap_row(winner) & active

        # competitors that would only move forward past independent purchases do not count
        if crossings:
            position, last_dependency = _path_structure(cp, [r.project for r in self.rounds])
            for r, others, deltas in crossings:
                keep = ~((position[others] > r) & (last_dependency[others] < r))
                if bool(keep.any()):
                    horizon = min(horizon, float(deltas[keep].min()))
        # how far may the budget grow before a remaining project becomes affordable?
        for q in candidates:
            if q not in selected and self.dmoney[q] > 0:
                horizon = min(horizon, float(self.short[q]) / float(self.dmoney[q]))
        return MESRun(
            initial_budget=self.b0,
            selected=selected,
            rounds=self.rounds,
            free=list(prep.free),
            candidates=list(candidates),
            final_budget=self.b.copy(),
            dropped_in_round=dropped,
            exact_checks=self.exact_checks,
            horizon=horizon,
            details=details,
        )


def run_mes(
    cp: CompiledProfile, initial_budget: Fraction | None = None, *, details: bool = True
) -> MESRun:
    """One run of MES; per-voter budget defaults to ``budget / number of voters``."""
    if initial_budget is None:
        initial_budget = cp.budget / cp.n_voters if cp.n_voters else Fraction(0)
    return _Engine(cp, initial_budget).run(details)


@dataclass
class Add1Result:
    """Outcome of MES with the add1 completion."""

    run: MESRun  # the run whose outcome is returned
    increment: int  # k: per-voter budget was budget / voters + k * step
    evaluations: int  # MES runs actually computed
    certified: int  # values of k whose outcome was certified without running MES
    certificate_runs: int  # forced-path runs used for certificates


def _exhaustive(cp: CompiledProfile, chosen: set[int], available: list[int]) -> bool:
    spent = sum((cp.costs[p] for p in chosen), Fraction(0))
    return all(p in chosen or cp.costs[p] + spent > cp.budget for p in available)


def _feasible(cp: CompiledProfile, chosen: set[int]) -> bool:
    return sum((cp.costs[p] for p in chosen), Fraction(0)) <= cp.budget


def _path_structure(cp: CompiledProfile, path: list[int]) -> tuple[IntArray, IntArray]:
    """Per project: its round in ``path`` (-1 if absent) and the last earlier round whose
    project shares a supporter with it (-1 if none)."""
    prep = _prepared(cp)
    position = np.full(cp.n_projects, -1, dtype=np.int64)
    last_dependency = np.full(cp.n_projects, -1, dtype=np.int64)
    path_arr = np.asarray(path, dtype=np.int64)
    for s, q in enumerate(path):
        position[q] = s
        deps = np.flatnonzero(prep.overlap_row(q)[path_arr[:s]])
        if deps.size:
            last_dependency[q] = int(deps[-1])
    return position, last_dependency


def _certify(cp: CompiledProfile, low: MESRun, high_budget: Fraction) -> MESRun | None:
    """A run at ``high_budget`` if MES buys ``low``'s set for every budget in between, else None.

    Along a fixed sequence of purchases every voter's remaining money grows with the initial
    budget and every project's rho shrinks (both are monotone). So if, running ``low``'s
    sequence at ``high_budget``, each competitor's rho at the high budget is still above the
    winner's rho at the low budget (with error margins), the winner wins at every budget in
    between; and projects unaffordable at the end at the high budget are unaffordable below.

    One exception is allowed: a competitor that ``low`` buys later anyway and that shares no
    supporter with any project bought in between may overtake. Buying it earlier leaves the
    rho of those in-between projects unchanged, can only raise the others' rho, and its own
    payments are the same (its supporters' money is untouched in between), so the purchases
    merely commute: the order may differ, the set and final budgets do not.

    Nothing here needs ``low`` to be MES's own order: any sequence with its rho values works,
    so the returned forced run can serve as ``low`` for the next interval.
    """
    engine = _Engine(cp, high_budget, exact=False)
    prep = engine.prep
    n_projects = cp.n_projects
    active = np.zeros(n_projects, dtype=np.bool_)
    active[prep.candidates] = True
    rho = engine.rho
    err = engine.err
    if prep.candidates:
        rho[prep.candidates] = cp.cost_f[prep.candidates] / prep.wu_total[prep.candidates]
    dirty = np.ones(n_projects, dtype=np.bool_)
    position, last_dependency = _path_structure(cp, [r.project for r in low.rounds])
    for r, record in enumerate(low.rounds):
        winner = record.project
        threshold = record.rho + record.err
        low_exact = record.rho_exact
        if low_exact is None and record.all_rich:
            low_exact = cp.costs[winner] / cp.score[winner]
        idx = np.flatnonzero(active)
        order = idx[np.argsort(rho[idx] - err[idx], kind="stable")]
        for q in order.tolist():
            if q == winner:
                continue
            if rho[q] - err[q] > threshold:
                break
            if dirty[q]:
                engine.evaluate(q)
                dirty[q] = False
                if rho[q] == INF:
                    active[q] = False
                    continue
                if rho[q] - err[q] > threshold:
                    continue
            if position[q] > r and last_dependency[q] < r:
                continue  # may overtake: commutes with everything bought in between
            # too close for floats: decide exactly when both values are known exactly
            if low_exact is None or not engine.allrich[q]:
                return None
            exact_q = cp.costs[q] / cp.score[q]
            if exact_q < low_exact or (exact_q == low_exact and cp.tb_rank[q] < cp.tb_rank[winner]):
                return None
        if dirty[winner]:
            engine.evaluate(winner)
        if rho[winner] == INF:
            return None
        engine.buy(winner, float(rho[winner]), None, False)
        active[winner] = False
        dirty |= prep.overlap_row(winner) & active
    for q in np.flatnonzero(active).tolist():
        if dirty[q]:
            engine.evaluate(q)
            dirty[q] = False
        total_short = float(engine.short[q])
        if rho[q] != INF or total_short <= TOL * (float(cp.cost_f[q]) + engine.wb0[q]):
            return None
    return MESRun(
        initial_budget=high_budget,
        selected=list(prep.free) + [r.project for r in engine.rounds],
        rounds=engine.rounds,
        free=list(prep.free),
        candidates=list(prep.candidates),
        final_budget=engine.b.copy(),
        dropped_in_round={},
        details=False,
        forced=True,
    )


def _steps(horizon: float, step: Fraction) -> int:
    """Whole steps that fit into a predicted horizon (a large number for "no limit")."""
    if horizon == INF:
        return 1 << 30
    return int(horizon / float(step))


def mes_add1(
    cp: CompiledProfile,
    *,
    exhaustive_stop: bool = True,
    increment: Fraction | int = 1,
    jump: bool = True,
    details: bool = False,
) -> Add1Result:
    """MES with the add1 completion (pabutools ``voter_budget_increment=1``).

    Per-voter budgets ``budget / voters + k * increment`` are tried for ``k = 0, 1, ...``.
    Stops at the first exhaustive outcome (if ``exhaustive_stop``; pabutools' default) or
    returns the previous outcome as soon as one costs more than the budget. Without
    ``exhaustive_stop`` it behaves like pabutools ``exhaustion_by_budget_increase(...,
    budget_step=voters * increment, exhaustive_stop=False)``, which also stops once the total
    budget would exceed ``budget * (voters + 1)``.

    With ``jump`` (default) values of ``k`` are skipped when :func:`_certify` proves that the
    outcome cannot change there; the result is identical to stepping one unit at a time.
    The returned run has payment details only with ``details`` (one extra MES run);
    :func:`~.explain.explain` recomputes them when needed.
    """
    if cp.n_voters == 0:
        run = run_mes(cp, Fraction(0))
        return Add1Result(run, 0, 1, 0, 0)
    base = cp.budget / cp.n_voters
    step = Fraction(increment)
    k_bound = int(cp.budget / step)  # k * step * voters <= budget * voters
    k = 0
    previous: MESRun | None = None
    previous_k = 0
    evaluations = certified = certificate_runs = 0
    max_jump = 16
    while True:
        run = run_mes(cp, base + k * step, details=False)
        evaluations += 1
        chosen = run.selected_set()
        if not _feasible(cp, chosen):
            assert previous is not None
            break
        if exhaustive_stop and _exhaustive(cp, chosen, run.candidates):
            previous, previous_k = run, k
            break
        previous, previous_k = run, k
        if jump:
            # certify [k, k + j] with j from the predicted horizon, growing on success
            low = run
            j = min(_steps(run.horizon, step), max_jump)
            if not exhaustive_stop:
                j = min(j, k_bound - k)
            while j >= 2:
                certificate_runs += 1
                forced = _certify(cp, low, base + (k + j) * step)
                if forced is not None:
                    certified += j
                    max_jump = max(max_jump, 4 * j)
                    k += j
                    previous, previous_k = forced, k  # same set as the run at k
                    if not exhaustive_stop and k >= k_bound:
                        break
                    low = forced
                    j = min(2 * j, max_jump)  # gallop
                    if not exhaustive_stop:
                        j = min(j, k_bound - k)
                else:
                    j //= 2
        k += 1
        if not exhaustive_stop and k > k_bound:
            break
    assert previous is not None
    if details or previous.forced:
        previous = run_mes(cp, base + previous_k * step, details=details)
    return Add1Result(previous, previous_k, evaluations, certified, certificate_runs)


def mes_exact_reference(cp: CompiledProfile, initial_budget: Fraction | None = None) -> list[int]:
    """Plain all-Fraction MES over voter types (slow; a test oracle for :func:`run_mes`)."""
    if initial_budget is None:
        initial_budget = cp.budget / cp.n_voters
    budgets = [initial_budget] * cp.n_types
    remaining = [p for p in range(cp.n_projects) if cp.score[p] > 0 and cp.costs[p] > 0]
    selected = [p for p in range(cp.n_projects) if cp.score[p] > 0 and cp.costs[p] == 0]
    sup = {
        p: [
            (int(t), cp.util_values[int(code)], int(cp.weight[t]))
            for t, code in zip(
                cp.sup_type[cp.supporters(p)], cp.sup_util_code[cp.supporters(p)], strict=True
            )
        ]
        for p in remaining
    }
    while True:
        best: tuple[Fraction, int, int] | None = None
        for p in list(remaining):
            members = sup[p]
            if sum((budgets[t] * w for t, _, w in members), Fraction(0)) < cp.costs[p]:
                remaining.remove(p)
                continue
            members = sorted(members, key=lambda m: budgets[m[0]] / m[1])
            contribution = Fraction(0)
            denominator = sum((u * w for _, u, w in members), Fraction(0))
            for t, u, w in members:
                rho = (cp.costs[p] - contribution) / denominator
                if rho * u <= budgets[t]:
                    key = (rho, int(cp.tb_rank[p]), p)
                    if best is None or key < best:
                        best = key
                    break
                contribution += w * budgets[t]
                denominator -= w * u
        if best is None:
            return selected
        rho, _, p = best
        selected.append(p)
        remaining.remove(p)
        for t, u, _ in sup[p]:
            budgets[t] -= min(budgets[t], rho * u)
