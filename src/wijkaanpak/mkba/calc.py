"""Social cost-benefit analysis (MKBA, maatschappelijke kosten-batenanalyse).

Pure functions, no Django: the models and views call into this module.

Method
======

An :class:`Intervention` has cash flows. Each :class:`CashFlow` is one amount for one
stakeholder in one year, either a cost or a benefit, with an optional uncertainty range
``low <= amount <= high``. Amounts are non-negative euros in constant prices of the base
year (real prices): the sign comes from ``kind``, not from the amount.

The analysis horizon is ``horizon`` years: the years ``base_year`` up to and including
``base_year + horizon - 1``. Every flow must lie inside it.

Discounting. A flow in year ``t`` counts for its present value (contante waarde)::

    PV = amount / (1 + r) ** (t - base_year)

so flows in the base year are not discounted. ``r`` is the real discount rate; the
default is :data:`DEFAULT_DISCOUNT_RATE` = 2.25 %, the Dutch standard discount rate for
social cost-benefit analyses since 1 January 2021 (advice of the *Werkgroep discontovoet
2020*, adopted by the cabinet): a real risk-free rate of -1 % plus a standard risk premium
of 3.25 % for the average macro-economic risk. Only for costs or benefits that are
demonstrably free of macro-economic risk may the risk-free -1 % be used, and a negative
rate may not be combined with a horizon of more than 100 years (enforced here).

Results (:func:`analyse`):

* ``pv_costs`` / ``pv_benefits``: sums of the present values, in total and per
  stakeholder;
* ``npv`` (netto contante waarde) = ``pv_benefits - pv_costs``;
* ``bcr`` (baten/kostenverhouding) = ``pv_benefits / pv_costs``, ``None`` when there are
  no costs;
* ``payback_year``: the first year, starting at the first year that has a flow, in which
  the cumulative discounted net (benefits minus costs, summed from the base year) is
  ``>= 0``; ``None`` if that never happens within the horizon;
* the who-pays / who-benefits matrix: per stakeholder the present value of the costs it
  bears, of the benefits it receives, and the net. A stakeholder with a negative net is a
  *net payer*, one with a positive net a *net beneficiary*. When a net payer and a net
  beneficiary exist side by side the result shows an *inverdieneffect*: the party that pays
  is not the party that earns it back (e.g. the municipality pays for a front-line team,
  the health insurer and the police benefit).

Sensitivity (:func:`scenarios`, :func:`monte_carlo`):

* pessimistic scenario: every cost at its ``high``, every benefit at its ``low``;
  optimistic scenario: every cost at its ``low``, every benefit at its ``high``. A flow
  without a range keeps its amount.
* Monte Carlo: in each of ``runs`` runs every flow with a range gets a value drawn from a
  triangular distribution (``low``, mode ``amount``, ``high``) or a uniform one between
  ``low`` and ``high``, independently; the NPV of each run is computed. Reported: mean,
  P5, P50, P95 (linear interpolation between order statistics, like numpy's default) and
  the share of runs with NPV > 0. The draws come from ``random.Random(seed)``, so the
  result is identical for the same seed and input (across platforms and Python versions
  that keep the Mersenne Twister stream, which CPython guarantees for integer seeds).

:func:`explain` writes a few short Dutch sentences (language level B1) for residents and
council members, with Dutch number formatting (``€ 1.234.567``, ``€ 2,10``, ``2,25%``).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

__all__ = [
    "DEFAULT_DISCOUNT_RATE",
    "MAX_HORIZON_NEGATIVE_RATE",
    "RISK_FREE_RATE",
    "RISK_PREMIUM",
    "CashFlow",
    "Distribution",
    "FlowKind",
    "Intervention",
    "MkbaError",
    "MkbaResult",
    "MonteCarloResult",
    "ScenarioResult",
    "Sensitivity",
    "StakeholderBalance",
    "YearRow",
    "analyse",
    "explain",
    "format_euro",
    "format_number_nl",
    "format_percent",
    "monte_carlo",
    "percentile",
    "scenarios",
]

#: Real risk-free discount rate (Werkgroep discontovoet 2020): -1 %.
RISK_FREE_RATE = -0.01
#: Standard risk premium for the average macro-economic risk (Werkgroep discontovoet 2020).
RISK_PREMIUM = 0.0325
#: Dutch standard real discount rate since 2021: -1 % + 3.25 % = 2.25 %.
DEFAULT_DISCOUNT_RATE = 0.0225
#: A negative discount rate may not be combined with a longer horizon (in years).
MAX_HORIZON_NEGATIVE_RATE = 100


class MkbaError(ValueError):
    """Invalid MKBA input.

    ``field`` names the offending field (``"amount"``, ``"year"``, ``"low"``,
    ``"discount_rate"``, ...); ``index`` is the position of the cash flow in
    ``Intervention.flows`` when the error is about one flow, else ``None``.
    """

    def __init__(self, field: str, message: str, *, index: int | None = None) -> None:
        self.field = field
        self.message = message
        self.index = index
        super().__init__(f"{self.path}: {message}")

    @property
    def path(self) -> str:
        """``flows[3].year`` for a flow error, else the bare field name."""
        if self.index is None:
            return self.field
        return f"flows[{self.index}].{self.field}"


class FlowKind(StrEnum):
    COST = "cost"
    BENEFIT = "benefit"


class Distribution(StrEnum):
    TRIANGULAR = "triangular"
    UNIFORM = "uniform"


def _check_finite(value: float, field_name: str) -> None:
    if not math.isfinite(value):
        raise MkbaError(field_name, "must be a finite number")


@dataclass(frozen=True)
class CashFlow:
    """One cost or benefit of one stakeholder in one year (euros, constant prices)."""

    stakeholder: str
    year: int
    kind: FlowKind
    amount: float
    low: float | None = None
    high: float | None = None
    description: str = ""

    def __post_init__(self) -> None:
        if not self.stakeholder.strip():
            raise MkbaError("stakeholder", "must not be empty")
        try:
            object.__setattr__(self, "kind", FlowKind(self.kind))
        except ValueError:
            raise MkbaError("kind", "must be 'cost' or 'benefit'") from None
        for name in ("amount", "low", "high"):
            value = getattr(self, name)
            if value is None:
                continue
            _check_finite(value, name)
            if value < 0:
                raise MkbaError(name, "must not be negative; use kind='cost' for costs")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise MkbaError("low", "must not be greater than high")
        if self.range_low > self.amount:
            raise MkbaError("low", "must not be greater than amount")
        if self.range_high < self.amount:
            raise MkbaError("high", "must not be less than amount")

    @property
    def range_low(self) -> float:
        """Low end of the range; the amount itself when no low is given."""
        return self.amount if self.low is None else self.low

    @property
    def range_high(self) -> float:
        """High end of the range; the amount itself when no high is given."""
        return self.amount if self.high is None else self.high

    @property
    def is_uncertain(self) -> bool:
        return self.range_low != self.range_high


@dataclass(frozen=True)
class Intervention:
    """An intervention to analyse; the horizon covers ``base_year .. end_year``."""

    name: str
    base_year: int
    horizon: int
    flows: Sequence[CashFlow]
    discount_rate: float = DEFAULT_DISCOUNT_RATE

    def __post_init__(self) -> None:
        object.__setattr__(self, "flows", tuple(self.flows))
        if self.horizon < 1:
            raise MkbaError("horizon", "must be at least 1 year")
        _check_finite(self.discount_rate, "discount_rate")
        if self.discount_rate <= -1:
            raise MkbaError("discount_rate", "must be greater than -100%")
        if self.discount_rate < 0 and self.horizon > MAX_HORIZON_NEGATIVE_RATE:
            raise MkbaError(
                "discount_rate",
                f"a negative rate may not be used with a horizon over "
                f"{MAX_HORIZON_NEGATIVE_RATE} years",
            )
        for i, flow in enumerate(self.flows):
            if not self.base_year <= flow.year <= self.end_year:
                raise MkbaError(
                    "year",
                    f"{flow.year} is outside the horizon {self.base_year}-{self.end_year}",
                    index=i,
                )

    @property
    def end_year(self) -> int:
        """Last year of the horizon (inclusive)."""
        return self.base_year + self.horizon - 1

    def discount_factor(self, year: int) -> float:
        """``1 / (1 + r) ** (year - base_year)``."""
        return float((1.0 + self.discount_rate) ** -(year - self.base_year))


@dataclass(frozen=True)
class StakeholderBalance:
    """One row of the who-pays / who-benefits matrix (present values)."""

    stakeholder: str
    pv_costs: float
    pv_benefits: float

    @property
    def net(self) -> float:
        """Benefits received minus costs borne; negative = net payer."""
        return self.pv_benefits - self.pv_costs

    @property
    def role(self) -> str:
        """``"net_payer"``, ``"net_beneficiary"`` or ``"neutral"``."""
        if self.net < 0:
            return "net_payer"
        if self.net > 0:
            return "net_beneficiary"
        return "neutral"


@dataclass(frozen=True)
class YearRow:
    """Totals of one year; ``pv_*`` are discounted, ``costs``/``benefits`` are not."""

    year: int
    costs: float
    benefits: float
    discount_factor: float
    pv_costs: float
    pv_benefits: float
    cumulative_pv_net: float

    @property
    def pv_net(self) -> float:
        return self.pv_benefits - self.pv_costs


@dataclass(frozen=True)
class MkbaResult:
    intervention: Intervention
    pv_costs: float
    pv_benefits: float
    payback_year: int | None
    stakeholders: tuple[StakeholderBalance, ...]
    years: tuple[YearRow, ...]

    @property
    def npv(self) -> float:
        """Net present value (netto contante waarde)."""
        return self.pv_benefits - self.pv_costs

    @property
    def bcr(self) -> float | None:
        """Benefit/cost ratio; ``None`` when the present value of the costs is zero."""
        if self.pv_costs == 0:
            return None
        return self.pv_benefits / self.pv_costs

    @property
    def net_payers(self) -> tuple[StakeholderBalance, ...]:
        """Stakeholders that bear more than they receive, largest net payer first."""
        rows = [s for s in self.stakeholders if s.role == "net_payer"]
        return tuple(sorted(rows, key=lambda s: s.net))

    @property
    def net_beneficiaries(self) -> tuple[StakeholderBalance, ...]:
        """Stakeholders that receive more than they bear, largest first."""
        rows = [s for s in self.stakeholders if s.role == "net_beneficiary"]
        return tuple(sorted(rows, key=lambda s: -s.net))

    @property
    def has_inverdieneffect(self) -> bool:
        """True when one party pays on balance while another benefits on balance."""
        return bool(self.net_payers) and bool(self.net_beneficiaries)

    def stakeholder(self, name: str) -> StakeholderBalance:
        for row in self.stakeholders:
            if row.stakeholder == name:
                return row
        raise KeyError(name)

    def matrix(self) -> dict[str, dict[str, float]]:
        """``{stakeholder: {"pv_costs", "pv_benefits", "net"}}`` (e.g. for a table or JSON)."""
        return {
            s.stakeholder: {"pv_costs": s.pv_costs, "pv_benefits": s.pv_benefits, "net": s.net}
            for s in self.stakeholders
        }


def _tolerance(*magnitudes: float) -> float:
    return 1e-9 * max(1.0, *(abs(m) for m in magnitudes))


def analyse(intervention: Intervention) -> MkbaResult:
    """Discount all flows; totals, per-stakeholder matrix, year table and payback year.

    Stakeholders appear in the order of their first flow.
    """
    years = range(intervention.base_year, intervention.end_year + 1)
    costs = dict.fromkeys(years, 0.0)
    benefits = dict.fromkeys(years, 0.0)
    per_stakeholder: dict[str, list[float]] = {}
    for flow in intervention.flows:
        pv = flow.amount * intervention.discount_factor(flow.year)
        row = per_stakeholder.setdefault(flow.stakeholder, [0.0, 0.0])
        if flow.kind is FlowKind.COST:
            costs[flow.year] += flow.amount
            row[0] += pv
        else:
            benefits[flow.year] += flow.amount
            row[1] += pv

    year_rows: list[YearRow] = []
    cumulative = 0.0
    for year in years:
        factor = intervention.discount_factor(year)
        pv_c = costs[year] * factor
        pv_b = benefits[year] * factor
        cumulative += pv_b - pv_c
        year_rows.append(YearRow(year, costs[year], benefits[year], factor, pv_c, pv_b, cumulative))

    pv_costs = sum(r.pv_costs for r in year_rows)
    pv_benefits = sum(r.pv_benefits for r in year_rows)

    payback_year: int | None = None
    if intervention.flows:
        first_year = min(f.year for f in intervention.flows)
        eps = _tolerance(pv_costs, pv_benefits)
        for r in year_rows:
            if r.year >= first_year and r.cumulative_pv_net >= -eps:
                payback_year = r.year
                break

    return MkbaResult(
        intervention=intervention,
        pv_costs=pv_costs,
        pv_benefits=pv_benefits,
        payback_year=payback_year,
        stakeholders=tuple(
            StakeholderBalance(name, c, b) for name, (c, b) in per_stakeholder.items()
        ),
        years=tuple(year_rows),
    )


# --------------------------------------------------------------------------- sensitivity


@dataclass(frozen=True)
class ScenarioResult:
    name: str
    pv_costs: float
    pv_benefits: float

    @property
    def npv(self) -> float:
        return self.pv_benefits - self.pv_costs

    @property
    def bcr(self) -> float | None:
        if self.pv_costs == 0:
            return None
        return self.pv_benefits / self.pv_costs


@dataclass(frozen=True)
class Sensitivity:
    pessimistic: ScenarioResult
    central: ScenarioResult
    optimistic: ScenarioResult


def _scenario(
    intervention: Intervention, name: str, *, cost_at: str, benefit_at: str
) -> ScenarioResult:
    pv_costs = 0.0
    pv_benefits = 0.0
    for flow in intervention.flows:
        pick = cost_at if flow.kind is FlowKind.COST else benefit_at
        amount = {"low": flow.range_low, "high": flow.range_high, "amount": flow.amount}[pick]
        pv = amount * intervention.discount_factor(flow.year)
        if flow.kind is FlowKind.COST:
            pv_costs += pv
        else:
            pv_benefits += pv
    return ScenarioResult(name, pv_costs, pv_benefits)


def scenarios(intervention: Intervention) -> Sensitivity:
    """Pessimistic (costs high, benefits low), central and optimistic (costs low, benefits high)."""
    return Sensitivity(
        pessimistic=_scenario(intervention, "pessimistic", cost_at="high", benefit_at="low"),
        central=_scenario(intervention, "central", cost_at="amount", benefit_at="amount"),
        optimistic=_scenario(intervention, "optimistic", cost_at="low", benefit_at="high"),
    )


@dataclass(frozen=True)
class MonteCarloResult:
    runs: int
    seed: int
    distribution: Distribution
    mean: float
    p5: float
    p50: float
    p95: float
    probability_positive: float
    """Share of runs (0..1) with NPV > 0."""
    minimum: float
    maximum: float


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Percentile ``q`` (0..100) of ascending values, linear interpolation (numpy default)."""
    if not sorted_values:
        raise MkbaError("values", "need at least one value")
    if not 0 <= q <= 100:
        raise MkbaError("q", "must be between 0 and 100")
    h = (len(sorted_values) - 1) * q / 100
    lo = math.floor(h)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (h - lo) * (sorted_values[hi] - sorted_values[lo])


def monte_carlo(
    intervention: Intervention,
    *,
    runs: int = 10_000,
    seed: int = 0,
    distribution: Distribution | str = Distribution.TRIANGULAR,
) -> MonteCarloResult:
    """Seeded Monte Carlo simulation of the NPV over the flows' ranges.

    Flows without a range are fixed; each uncertain flow is drawn independently per run,
    in the order of ``intervention.flows``.
    """
    if runs < 1:
        raise MkbaError("runs", "must be at least 1")
    try:
        dist = Distribution(distribution)
    except ValueError:
        raise MkbaError("distribution", "must be 'triangular' or 'uniform'") from None

    fixed = 0.0
    uncertain: list[tuple[float, float, float, float]] = []  # (signed factor, low, high, mode)
    for flow in intervention.flows:
        signed = intervention.discount_factor(flow.year) * (
            -1.0 if flow.kind is FlowKind.COST else 1.0
        )
        if flow.is_uncertain:
            uncertain.append((signed, flow.range_low, flow.range_high, flow.amount))
        else:
            fixed += signed * flow.amount

    rng = random.Random(seed)
    npvs: list[float] = []
    for _ in range(runs):
        total = fixed
        if dist is Distribution.TRIANGULAR:
            for signed, low, high, mode in uncertain:
                total += signed * rng.triangular(low, high, mode)
        else:
            for signed, low, high, _mode in uncertain:
                total += signed * rng.uniform(low, high)
        npvs.append(total)

    npvs.sort()
    return MonteCarloResult(
        runs=runs,
        seed=seed,
        distribution=dist,
        mean=math.fsum(npvs) / runs,
        p5=percentile(npvs, 5),
        p50=percentile(npvs, 50),
        p95=percentile(npvs, 95),
        probability_positive=sum(1 for v in npvs if v > 0) / runs,
        minimum=npvs[0],
        maximum=npvs[-1],
    )


# ------------------------------------------------------------------ plain-language output


def format_number_nl(value: float, decimals: int = 0) -> str:
    """Dutch number formatting: ``1234567.891`` -> ``"1.234.567,89"`` (half up)."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):,.{decimals}f}"
    return sign + text.replace(",", "_").replace(".", ",").replace("_", ".")


def format_euro(value: float, decimals: int = 0) -> str:
    """``€ 1.234.567`` / ``€ 2,10`` / ``€ -300``."""
    return f"€ {format_number_nl(value, decimals)}"


def format_percent(fraction: float, decimals: int = 2) -> str:
    """``0.0225`` -> ``"2,25%"``; trailing zeros after the comma are dropped."""
    text = format_number_nl(fraction * 100, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text}%"


def _join_nl(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " en " + names[-1]


@dataclass(frozen=True)
class Sentence:
    """One sentence of the summary as a reason code and its figures, so pages can write it in
    the visitor's language (``mkba.selectors.explanation_text``); ``explain`` writes Dutch."""

    code: str
    amount: float = 0.0
    year: int = 0
    names: tuple[str, ...] = ()


def explain_codes(result: MkbaResult, mc: MonteCarloResult | None = None) -> tuple[Sentence, ...]:
    """The summary of the result for a non-economist, as codes (see ``explain`` for the text).

    Codes: ``free_benefit`` (amount), ``nothing_yet``, ``bcr`` (amount per euro),
    ``break_even``, ``net_gain`` / ``net_loss`` (amount), ``payback`` (year), ``no_payback``
    (year = horizon), ``payers`` / ``gainers`` (names), ``inverdieneffect``, ``discount``
    (amount = rate), ``monte_carlo`` (amount = chance in percent).
    """
    out: list[Sentence] = []
    interv = result.intervention
    bcr = result.bcr
    if bcr is None:
        if result.pv_benefits > 0:
            out.append(Sentence("free_benefit", amount=result.pv_benefits))
        else:
            out.append(Sentence("nothing_yet"))
    else:
        out.append(Sentence("bcr", amount=bcr))

    if bcr is not None or result.pv_benefits > 0:
        if format_number_nl(abs(result.npv)) == "0":
            out.append(Sentence("break_even"))
        elif result.npv > 0:
            out.append(Sentence("net_gain", amount=abs(result.npv)))
        else:
            out.append(Sentence("net_loss", amount=abs(result.npv)))
        if result.payback_year is not None:
            out.append(Sentence("payback", year=result.payback_year))
        else:
            out.append(Sentence("no_payback", year=interv.horizon))

    payers = tuple(s.stakeholder for s in result.net_payers)
    gainers = tuple(s.stakeholder for s in result.net_beneficiaries)
    if payers:
        out.append(Sentence("payers", names=payers))
    if gainers:
        out.append(Sentence("gainers", names=gainers))
    if result.has_inverdieneffect:
        out.append(Sentence("inverdieneffect"))
    if interv.flows and interv.horizon > 1:
        out.append(Sentence("discount", amount=interv.discount_rate))
    if mc is not None:
        out.append(Sentence("monte_carlo", amount=mc.probability_positive * 100))
    return tuple(out)


def explain_sentence(sentence: Sentence) -> str:
    """One sentence of ``explain_codes`` in Dutch."""
    code, amount = sentence.code, sentence.amount
    names = sentence.names
    texts = {
        "free_benefit": f"Deze aanpak kost niets en levert {format_euro(amount)} op "
        "voor de samenleving.",
        "nothing_yet": "Er zijn nog geen kosten of opbrengsten ingevuld.",
        "bcr": f"Elke euro die we uitgeven levert {format_euro(amount, 2)} op voor de samenleving.",
        "break_even": "De opbrengst is ongeveer even groot als de kosten.",
        "net_gain": f"Alles bij elkaar is de opbrengst {format_euro(amount)} hoger dan de kosten.",
        "net_loss": f"Alles bij elkaar zijn de kosten {format_euro(amount)} hoger dan de opbrengst.",
        "payback": f"In {sentence.year} zijn de kosten terugverdiend.",
        "no_payback": f"In de {sentence.year} jaar die we bekijken, verdienen we de kosten niet "
        "terug.",
        "inverdieneffect": "Wie betaalt, is dus niet altijd wie er voordeel van heeft.",
        "discount": f"Geld in latere jaren telt iets minder mee ({format_percent(amount)} per jaar).",
        "monte_carlo": "We hebben ook gerekend met hogere en lagere bedragen. "
        f"In {format_number_nl(amount)} van de 100 berekeningen is de opbrengst hoger dan de "
        "kosten.",
    }
    if code == "payers":
        if len(names) == 1:
            return f"Deze partij betaalt meer dan zij terugkrijgt: {names[0]}."
        return f"Deze partijen betalen meer dan ze terugkrijgen: {_join_nl(names)}."
    if code == "gainers":
        if len(names) == 1:
            return f"Deze partij krijgt meer terug dan zij betaalt: {names[0]}."
        return f"Deze partijen krijgen meer terug dan ze betalen: {_join_nl(names)}."
    return texts[code]


def explain(result: MkbaResult, mc: MonteCarloResult | None = None) -> tuple[str, ...]:
    """A few short Dutch (B1) sentences that summarise the result for a non-economist."""
    return tuple(explain_sentence(sentence) for sentence in explain_codes(result, mc))
