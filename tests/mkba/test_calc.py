"""Tests for the MKBA calculation; every expected number is worked out by hand below.

Most tests use a discount rate of 25 %, because its discount factors are short decimals:
1/1.25 = 0.8, 1/1.25**2 = 0.64, 1/1.25**3 = 0.512.
"""

from __future__ import annotations

import pytest

from wijkaanpak.mkba.calc import (
    DEFAULT_DISCOUNT_RATE,
    RISK_FREE_RATE,
    RISK_PREMIUM,
    CashFlow,
    Distribution,
    FlowKind,
    Intervention,
    MkbaError,
    MonteCarloResult,
    analyse,
    explain,
    format_euro,
    format_number_nl,
    format_percent,
    monte_carlo,
    percentile,
    scenarios,
)

COST = FlowKind.COST
BENEFIT = FlowKind.BENEFIT


def simple() -> Intervention:
    """Municipality pays, health insurer and police benefit (rate 25 %, 2024-2026)."""
    return Intervention(
        name="voorbeeld",
        base_year=2024,
        horizon=3,
        discount_rate=0.25,
        flows=[
            CashFlow("gemeente", 2024, COST, 100, low=80, high=150),
            CashFlow("zorgverzekeraar", 2025, BENEFIT, 125, low=50, high=200),
            CashFlow("politie", 2026, BENEFIT, 62.5),
        ],
    )


# ----------------------------------------------------------------------------- analyse


def test_present_values_npv_and_ratio() -> None:
    r = analyse(simple())
    # costs:    100 in 2024 (factor 1)                 -> PV 100
    # benefits: 125 in 2025 -> 125 / 1.25    = 100
    #           62.5 in 2026 -> 62.5 / 1.5625 = 40      -> PV 140
    assert r.pv_costs == pytest.approx(100)
    assert r.pv_benefits == pytest.approx(140)
    # NPV = 140 - 100 = 40; BCR = 140 / 100 = 1.4
    assert r.npv == pytest.approx(40)
    assert r.bcr == pytest.approx(1.4)


def test_year_table_and_payback_on_exact_break_even() -> None:
    r = analyse(simple())
    assert [row.year for row in r.years] == [2024, 2025, 2026]
    assert [row.discount_factor for row in r.years] == pytest.approx([1, 0.8, 0.64])
    # cumulative discounted net: 2024: -100; 2025: -100 + 100 = 0; 2026: 0 + 40 = 40
    assert [row.cumulative_pv_net for row in r.years] == pytest.approx([-100, 0, 40])
    # first year with cumulative >= 0 is 2025 (exactly 0 counts as paid back)
    assert r.payback_year == 2025
    assert r.years[1].costs == 0 and r.years[1].benefits == 125
    assert r.years[2].pv_net == pytest.approx(40)


def test_who_pays_who_benefits_matrix() -> None:
    r = analyse(simple())
    assert [s.stakeholder for s in r.stakeholders] == ["gemeente", "zorgverzekeraar", "politie"]
    gemeente = r.stakeholder("gemeente")
    assert (gemeente.pv_costs, gemeente.pv_benefits, gemeente.net) == pytest.approx((100, 0, -100))
    assert gemeente.role == "net_payer"
    assert r.stakeholder("zorgverzekeraar").net == pytest.approx(100)
    assert r.stakeholder("politie").net == pytest.approx(40)
    # the one who pays is not the one who benefits: an inverdieneffect
    assert [s.stakeholder for s in r.net_payers] == ["gemeente"]
    assert [s.stakeholder for s in r.net_beneficiaries] == ["zorgverzekeraar", "politie"]
    assert r.has_inverdieneffect
    assert r.matrix()["politie"] == pytest.approx({"pv_costs": 0, "pv_benefits": 40, "net": 40})
    with pytest.raises(KeyError):
        r.stakeholder("onbekend")


def test_stakeholder_with_costs_and_benefits_nets_out() -> None:
    i = Intervention(
        "x",
        2024,
        2,
        discount_rate=0.25,
        flows=[
            CashFlow("gemeente", 2024, COST, 100),
            CashFlow("gemeente", 2025, BENEFIT, 50),  # 50 * 0.8 = 40
            CashFlow("corporatie", 2025, BENEFIT, 100),  # 100 * 0.8 = 80
        ],
    )
    r = analyse(i)
    g = r.stakeholder("gemeente")
    # gemeente: costs 100, benefits 40, net -60; corporatie: +80; total NPV 120 - 100 = 20
    assert (g.pv_costs, g.pv_benefits, g.net) == pytest.approx((100, 40, -60))
    assert r.stakeholder("corporatie").net == pytest.approx(80)
    assert r.npv == pytest.approx(20)
    assert sum(s.net for s in r.stakeholders) == pytest.approx(r.npv)


def test_no_inverdieneffect_when_the_payer_also_benefits() -> None:
    i = Intervention(
        "x",
        2024,
        1,
        flows=[CashFlow("gemeente", 2024, COST, 10), CashFlow("gemeente", 2024, BENEFIT, 30)],
    )
    r = analyse(i)
    assert r.net_payers == ()
    assert not r.has_inverdieneffect


def test_default_rate_is_the_dutch_standard_2_25_percent() -> None:
    # Werkgroep discontovoet 2020: -1 % risk free + 3.25 % risk premium = 2.25 %
    assert DEFAULT_DISCOUNT_RATE == 0.0225
    assert RISK_FREE_RATE + RISK_PREMIUM == pytest.approx(DEFAULT_DISCOUNT_RATE)
    i = Intervention(
        "x",
        2025,
        3,
        flows=[
            CashFlow("a", 2026, BENEFIT, 1022.5),  # 1022.5 / 1.0225 = 1000
            CashFlow("a", 2027, BENEFIT, 1045.50625),  # 1.0225**2 = 1.04550625 -> 1000
        ],
    )
    assert i.discount_rate == 0.0225
    r = analyse(i)
    assert r.pv_benefits == pytest.approx(2000)
    assert r.bcr is None  # no costs


def test_payback_never_reached_is_none() -> None:
    i = Intervention(
        "x",
        2024,
        3,
        discount_rate=0.25,
        flows=[CashFlow("a", 2024, COST, 100), CashFlow("b", 2026, BENEFIT, 100)],
    )
    r = analyse(i)
    # 100 in 2026 is worth 64 now: cumulative -100, -100, -36 -> never >= 0
    assert r.npv == pytest.approx(-36)
    assert r.payback_year is None


def test_payback_starts_at_the_first_flow_year() -> None:
    # nothing happens in 2024 and 2025: the cumulative 0 there is not a payback
    i = Intervention(
        "x",
        2024,
        5,
        discount_rate=0.25,
        flows=[CashFlow("a", 2026, COST, 64), CashFlow("b", 2027, BENEFIT, 100)],
    )
    r = analyse(i)
    # 2026: -64 * 0.64 = -40.96; 2027: +100 * 0.512 = 51.2 -> cumulative 10.24
    assert [row.cumulative_pv_net for row in r.years] == pytest.approx([0, 0, -40.96, 10.24, 10.24])
    assert r.payback_year == 2027


def test_empty_intervention() -> None:
    r = analyse(Intervention("leeg", 2024, 1, flows=[]))
    assert (r.pv_costs, r.pv_benefits, r.npv, r.bcr, r.payback_year) == (0, 0, 0, None, None)
    assert r.stakeholders == ()


def test_kind_accepts_plain_strings() -> None:
    flow = CashFlow("a", 2024, "benefit", 5)  # type: ignore[arg-type]
    assert flow.kind is FlowKind.BENEFIT


# ----------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"amount": -1}, "amount"),
        ({"low": -1}, "low"),
        ({"low": 20, "high": 5}, "low"),  # low > high
        ({"low": 11}, "low"),  # low above the amount
        ({"high": 9}, "high"),  # high below the amount
        ({"amount": float("nan")}, "amount"),
        ({"kind": "revenue"}, "kind"),
        ({"stakeholder": " "}, "stakeholder"),
    ],
)
def test_cash_flow_errors_name_the_field(kwargs: dict[str, object], field: str) -> None:
    base: dict[str, object] = {"stakeholder": "a", "year": 2024, "kind": COST, "amount": 10}
    with pytest.raises(MkbaError) as err:
        CashFlow(**(base | kwargs))  # type: ignore[arg-type]
    assert err.value.field == field


def test_year_outside_horizon_names_the_flow() -> None:
    flows = [CashFlow("a", 2024, COST, 1), CashFlow("a", 2027, BENEFIT, 1)]
    with pytest.raises(MkbaError) as err:
        Intervention("x", 2024, 3, flows=flows)  # horizon 2024-2026
    assert err.value.field == "year"
    assert err.value.index == 1
    assert err.value.path == "flows[1].year"
    with pytest.raises(MkbaError, match="year"):
        Intervention("x", 2025, 3, flows=[CashFlow("a", 2024, COST, 1)])  # before base year


@pytest.mark.parametrize("rate", [-1.0, -1.5, float("inf")])
def test_rate_at_or_below_minus_100_percent_is_rejected(rate: float) -> None:
    with pytest.raises(MkbaError) as err:
        Intervention("x", 2024, 1, flows=[], discount_rate=rate)
    assert err.value.field == "discount_rate"


def test_negative_rate_allowed_up_to_100_years_only() -> None:
    assert Intervention("x", 2024, 100, flows=[], discount_rate=-0.01).end_year == 2123
    with pytest.raises(MkbaError) as err:
        Intervention("x", 2024, 101, flows=[], discount_rate=-0.01)
    assert err.value.field == "discount_rate"


def test_horizon_must_be_positive() -> None:
    with pytest.raises(MkbaError) as err:
        Intervention("x", 2024, 0, flows=[])
    assert err.value.field == "horizon"


# ------------------------------------------------------------------------- sensitivity


def test_low_high_scenarios() -> None:
    s = scenarios(simple())
    # pessimistic: cost high 150; benefits low: 50 * 0.8 = 40 and politie fixed 40 -> 80
    assert (s.pessimistic.pv_costs, s.pessimistic.pv_benefits) == pytest.approx((150, 80))
    assert s.pessimistic.npv == pytest.approx(-70)
    # central = the point estimates: 100 and 140
    assert s.central.npv == pytest.approx(40)
    assert s.central.bcr == pytest.approx(1.4)
    # optimistic: cost low 80; benefits high: 200 * 0.8 = 160 + 40 = 200 -> NPV 120, BCR 2.5
    assert s.optimistic.npv == pytest.approx(120)
    assert s.optimistic.bcr == pytest.approx(2.5)


def test_percentile_linear_interpolation() -> None:
    values = [1.0, 2.0, 3.0, 4.0]
    # rank h = (n - 1) * q / 100 = 3 * q / 100
    assert percentile(values, 50) == pytest.approx(2.5)  # h = 1.5 -> 2 + 0.5 * (3 - 2)
    assert percentile(values, 5) == pytest.approx(1.15)  # h = 0.15 -> 1 + 0.15 * 1
    assert percentile(values, 95) == pytest.approx(3.85)  # h = 2.85 -> 3 + 0.85 * 1
    assert percentile(values, 0) == 1.0 and percentile(values, 100) == 4.0
    assert percentile([7.0], 95) == 7.0
    with pytest.raises(MkbaError):
        percentile([], 50)


def test_monte_carlo_is_deterministic_per_seed() -> None:
    a = monte_carlo(simple(), runs=500, seed=42)
    b = monte_carlo(simple(), runs=500, seed=42)
    c = monte_carlo(simple(), runs=500, seed=43)
    assert a == b
    assert a.mean != c.mean
    assert a.p5 <= a.p50 <= a.p95
    assert a.minimum <= a.p5 and a.p95 <= a.maximum
    assert 0 <= a.probability_positive <= 1


def test_monte_carlo_triangular_mean_converges() -> None:
    mc = monte_carlo(simple(), runs=20_000, seed=7)
    # triangular mean = (low + mode + high) / 3:
    #   cost (80 + 100 + 150) / 3 = 110
    #   insurer (50 + 125 + 200) / 3 = 125 -> PV 125 * 0.8 = 100; police fixed PV 40
    #   expected NPV = -110 + 100 + 40 = 30 (sd of the NPV is about 29 -> s.e. about 0.2)
    assert mc.mean == pytest.approx(30, abs=1.5)
    assert mc.distribution is Distribution.TRIANGULAR
    assert (mc.runs, mc.seed) == (20_000, 7)
    # all outcomes lie between the pessimistic (-70) and optimistic (120) scenarios
    assert -70 <= mc.minimum and mc.maximum <= 120


def test_monte_carlo_uniform_mean_converges() -> None:
    mc = monte_carlo(simple(), runs=20_000, seed=7, distribution="uniform")
    # uniform mean = (low + high) / 2: cost 115; insurer 125 -> PV 100; police 40 -> NPV 25
    assert mc.mean == pytest.approx(25, abs=1.5)
    assert mc.distribution is Distribution.UNIFORM


def test_monte_carlo_without_ranges_is_the_point_estimate() -> None:
    i = Intervention(
        "x",
        2024,
        2,
        discount_rate=0.25,
        flows=[CashFlow("a", 2024, COST, 10), CashFlow("b", 2025, BENEFIT, 25)],
    )
    mc = monte_carlo(i, runs=10, seed=1)
    # NPV = 25 * 0.8 - 10 = 10 in every run
    assert (mc.mean, mc.p5, mc.p50, mc.p95) == pytest.approx((10, 10, 10, 10))
    assert mc.probability_positive == 1.0


@pytest.mark.parametrize(
    ("kwargs", "field"), [({"runs": 0}, "runs"), ({"distribution": "normal"}, "distribution")]
)
def test_monte_carlo_errors(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(MkbaError) as err:
        monte_carlo(simple(), **kwargs)  # type: ignore[arg-type]
    assert err.value.field == field


# ------------------------------------------------------------------- plain language


def test_dutch_number_formatting() -> None:
    assert format_number_nl(1234567.891, 2) == "1.234.567,89"
    assert format_number_nl(999.5) == "1.000"  # half up
    assert format_euro(2.1, 2) == "€ 2,10"
    assert format_euro(2.105, 2) == "€ 2,11"
    assert format_euro(1467234.77) == "€ 1.467.235"
    assert format_euro(-1234.5) == "€ -1.235"
    assert format_euro(-0.4) == "€ 0"
    assert format_percent(0.0225) == "2,25%"
    assert format_percent(0.03) == "3%"
    assert format_percent(0.125) == "12,5%"


def test_explain_every_euro_returns() -> None:
    i = Intervention(
        "x",
        2024,
        1,
        flows=[CashFlow("gemeente", 2024, COST, 1000), CashFlow("gemeente", 2024, BENEFIT, 2100)],
    )
    text = explain(analyse(i))
    # 2100 / 1000 = 2.10
    assert text[0] == "Elke euro die we uitgeven levert € 2,10 op voor de samenleving."
    assert text[1] == "Alles bij elkaar is de opbrengst € 1.100 hoger dan de kosten."
    assert text[2] == "In 2024 zijn de kosten terugverdiend."
    # one year only: no discounting sentence; the payer is also the beneficiary
    assert len(text) == 4
    assert text[3] == "Deze partij krijgt meer terug dan zij betaalt: gemeente."


def test_explain_leeuwarden_front_line_team_returns_about_two() -> None:
    """Reference example after the Leeuwarden front-line team (every euro returned about two).

    Illustrative figures, not the study's: the municipality pays € 500,000 a year for the
    team, 2024-2026; each year the savings are € 1,000,000: health insurer 400,000,
    police 250,000, housing corporation 150,000, municipality itself 200,000.
    """
    flows = []
    for year in (2024, 2025, 2026):
        flows += [
            CashFlow("gemeente", year, COST, 500_000),
            CashFlow("zorgverzekeraar", year, BENEFIT, 400_000),
            CashFlow("politie", year, BENEFIT, 250_000),
            CashFlow("woningcorporatie", year, BENEFIT, 150_000),
            CashFlow("gemeente", year, BENEFIT, 200_000),
        ]
    r = analyse(Intervention("Frontlijnteam", 2024, 3, flows=flows))
    # discount factors at 2.25 %: 1, 1/1.0225 = 0.977995110, 1/1.04550625 = 0.956474435
    # sum = 2.934469545
    # PV costs    = 500,000 * 2.934469545 = 1,467,234.77
    # PV benefits = 1,000,000 * 2.934469545 = 2,934,469.55 -> BCR exactly 2
    assert r.pv_costs == pytest.approx(1_467_234.77, abs=0.01)
    assert r.pv_benefits == pytest.approx(2_934_469.55, abs=0.01)
    assert r.bcr == pytest.approx(2.0)
    # municipality: 200,000 - 500,000 = -300,000 a year -> -300,000 * 2.934469545 = -880,340.86
    assert r.stakeholder("gemeente").net == pytest.approx(-880_340.86, abs=0.01)
    assert r.stakeholder("zorgverzekeraar").net == pytest.approx(1_173_787.82, abs=0.01)
    assert r.has_inverdieneffect

    assert explain(r) == (
        "Elke euro die we uitgeven levert € 2,00 op voor de samenleving.",
        "Alles bij elkaar is de opbrengst € 1.467.235 hoger dan de kosten.",
        "In 2024 zijn de kosten terugverdiend.",
        "Deze partij betaalt meer dan zij terugkrijgt: gemeente.",
        "Deze partijen krijgen meer terug dan ze betalen: "
        "zorgverzekeraar, politie en woningcorporatie.",
        "Wie betaalt, is dus niet altijd wie er voordeel van heeft.",
        "Geld in latere jaren telt iets minder mee (2,25% per jaar).",
    )


def test_explain_loss_no_payback_and_monte_carlo() -> None:
    i = Intervention(
        "x",
        2024,
        3,
        discount_rate=0.25,
        flows=[CashFlow("gemeente", 2024, COST, 100), CashFlow("gemeente", 2026, BENEFIT, 100)],
    )
    mc = MonteCarloResult(
        runs=1000,
        seed=1,
        distribution=Distribution.TRIANGULAR,
        mean=0,
        p5=0,
        p50=0,
        p95=0,
        probability_positive=0.13,
        minimum=0,
        maximum=0,
    )
    text = explain(analyse(i), mc)
    # BCR = 64 / 100 = 0.64; NPV = -36
    assert text[0] == "Elke euro die we uitgeven levert € 0,64 op voor de samenleving."
    assert text[1] == "Alles bij elkaar zijn de kosten € 36 hoger dan de opbrengst."
    assert text[2] == "In de 3 jaar die we bekijken, verdienen we de kosten niet terug."
    assert text[3] == "Deze partij betaalt meer dan zij terugkrijgt: gemeente."
    assert text[4] == "Geld in latere jaren telt iets minder mee (25% per jaar)."
    assert text[5] == (
        "We hebben ook gerekend met hogere en lagere bedragen. "
        "In 13 van de 100 berekeningen is de opbrengst hoger dan de kosten."
    )


def test_explain_without_costs_and_empty() -> None:
    only_benefit = Intervention("x", 2024, 1, flows=[CashFlow("a", 2024, BENEFIT, 500)])
    assert explain(analyse(only_benefit))[0] == (
        "Deze aanpak kost niets en levert € 500 op voor de samenleving."
    )
    assert explain(analyse(Intervention("x", 2024, 1, flows=[]))) == (
        "Er zijn nog geen kosten of opbrengsten ingevuld.",
    )


def test_explain_break_even() -> None:
    i = Intervention(
        "x", 2024, 1, flows=[CashFlow("a", 2024, COST, 100), CashFlow("b", 2024, BENEFIT, 100)]
    )
    assert explain(analyse(i))[1] == "De opbrengst is ongeveer even groot als de kosten."
