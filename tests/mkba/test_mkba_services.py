"""The MKBA write path: field-level Dutch errors, nothing stored on bad input, hand-checked sums."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from wijkaanpak.mkba import calc, selectors, services
from wijkaanpak.mkba.demo import TITLE, delete_demo_mkba, load_demo_mkba
from wijkaanpak.mkba.models import Analysis, CashFlow, FlowKind, Stakeholder

pytestmark = pytest.mark.django_db

YEAR_ERROR = "Kies een jaar van 2024 tot en met 2026 (de looptijd van de MKBA)."
NEGATIVE = "Een bedrag kan niet negatief zijn. Kies bij ‘soort’ of het kosten of baten zijn."


@pytest.fixture
def analysis(project, manager):
    return services.analysis_create(
        by=manager, project=project, title="Frontlijnteam", base_year=2024, horizon=3
    )


def flow(analysis, by, **overrides):
    data = {
        "stakeholder": "gemeente",
        "year": 2024,
        "kind": FlowKind.COST,
        "amount": Decimal("500000"),
    }
    data.update(overrides)
    return services.flow_create(analysis=analysis, by=by, **data)


def errors_of(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


# --- analyses ------------------------------------------------------------------------------


def test_new_analysis_uses_the_dutch_standard_discount_rate(analysis):
    assert analysis.discount_rate == Decimal("0.0225")
    assert analysis.end_year == 2026
    assert analysis.created_by is not None


def test_discount_rate_default_comes_from_the_setting(settings, manager):
    settings.MKBA_DISCOUNT_RATE = 0.03
    analysis = services.analysis_create(by=manager, title="x", base_year=2024, horizon=2)
    assert analysis.discount_rate == Decimal("0.03")


def test_discount_rate_default_without_the_setting_is_calc_constant(settings, manager):
    del settings.MKBA_DISCOUNT_RATE
    analysis = services.analysis_create(by=manager, title="x", base_year=2024, horizon=2)
    assert float(analysis.discount_rate) == calc.DEFAULT_DISCOUNT_RATE


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"discount_rate": Decimal("2.25")}, "discount_rate"),  # percent typed as a fraction
        ({"discount_rate": Decimal("-0.02")}, "discount_rate"),
        ({"horizon": 0}, "horizon"),
        ({"horizon": 101}, "horizon"),
        ({"base_year": 1800}, "base_year"),
        ({"title": ""}, "title"),
        ({"mc_runs": 10}, "mc_runs"),
    ],
)
def test_bad_analysis_input_is_a_field_error_and_nothing_is_stored(manager, data, field):
    values = {"title": "x", "base_year": 2024, "horizon": 3, **data}
    with pytest.raises(ValidationError) as excinfo:
        services.analysis_create(by=manager, **values)
    assert field in errors_of(excinfo)
    assert not Analysis.objects.exists()


def test_discount_rate_error_speaks_in_percent(manager):
    with pytest.raises(ValidationError) as excinfo:
        services.analysis_create(
            by=manager, title="x", base_year=2024, horizon=3, discount_rate=Decimal("2.25")
        )
    assert errors_of(excinfo)["discount_rate"] == [
        "Kies een discontovoet van -1% tot en met 10%. De standaard is 2,25%."
    ]


def test_risk_free_rate_is_allowed(manager):
    analysis = services.analysis_create(
        by=manager, title="x", base_year=2024, horizon=30, discount_rate=Decimal("-0.01")
    )
    assert analysis.discount_rate == Decimal("-0.01")


def test_shrinking_the_horizon_may_not_leave_flows_outside(analysis, manager):
    flow(analysis, manager, year=2026)
    with pytest.raises(ValidationError) as excinfo:
        services.analysis_update(analysis=analysis, by=manager, horizon=2)
    assert errors_of(excinfo) == {
        "horizon": [
            "Er staan al bedragen in 2026. Kies een looptijd die tot en met dat jaar loopt "
            "(minstens 3 jaar)."
        ]
    }
    with pytest.raises(ValidationError) as excinfo:
        services.analysis_update(analysis=analysis, by=manager, base_year=2027, horizon=5)
    assert "base_year" in errors_of(excinfo)
    analysis.refresh_from_db()
    assert (analysis.base_year, analysis.horizon) == (2024, 3)
    services.analysis_update(analysis=analysis, by=manager, horizon=10)
    analysis.refresh_from_db()
    assert analysis.end_year == 2033


def test_unknown_field_is_a_programming_error(manager):
    with pytest.raises(TypeError):
        services.analysis_create(by=manager, title="x", base_year=2024, horizon=1, colour="red")


def test_delete_analysis_removes_its_flows_and_parties(analysis, manager):
    flow(analysis, manager)
    services.analysis_delete(analysis=analysis, by=manager)
    assert not Analysis.objects.exists()
    assert not CashFlow.objects.exists() and not Stakeholder.objects.exists()


# --- cash flows ---------------------------------------------------------------------------


def test_flow_creates_the_party_once_and_links_the_organisation(analysis, manager):
    org = factories.OrganisationFactory(name="Woonbron")
    first = flow(analysis, manager, stakeholder="  woonbron ")
    second = flow(analysis, manager, stakeholder="WOONBRON", year=2025)
    assert first.stakeholder == second.stakeholder
    assert first.stakeholder.name == "woonbron"
    assert first.stakeholder.organisation == org
    assert Stakeholder.objects.count() == 1


def test_negative_amount_low_above_high_and_year_outside_horizon_all_at_once(analysis, manager):
    with pytest.raises(ValidationError) as excinfo:
        flow(
            analysis, manager, amount=Decimal("-5"), low=Decimal("9"), high=Decimal("3"), year=2031
        )
    errors = errors_of(excinfo)
    assert errors["amount"] == [NEGATIVE]
    assert errors["year"] == [YEAR_ERROR]
    assert not CashFlow.objects.exists() and not Stakeholder.objects.exists()


def test_low_above_high_is_a_field_error(analysis, manager):
    with pytest.raises(ValidationError) as excinfo:
        flow(analysis, manager, amount=Decimal("5"), low=Decimal("9"), high=Decimal("3"))
    assert errors_of(excinfo) == {
        "low": ["De laagste schatting mag niet hoger zijn dan de hoogste schatting."]
    }
    assert not CashFlow.objects.exists()


@pytest.mark.parametrize(
    ("low", "high", "field", "message"),
    [
        ("600000", None, "low", "De laagste schatting mag niet hoger zijn dan het bedrag."),
        (None, "400000", "high", "De hoogste schatting mag niet lager zijn dan het bedrag."),
        ("-1", None, "low", NEGATIVE),
        (None, "-1", "high", NEGATIVE),
    ],
)
def test_range_must_hold_the_amount(analysis, manager, low, high, field, message):
    with pytest.raises(ValidationError) as excinfo:
        flow(
            analysis,
            manager,
            low=None if low is None else Decimal(low),
            high=None if high is None else Decimal(high),
        )
    assert errors_of(excinfo) == {field: [message]}
    assert not CashFlow.objects.exists()


@pytest.mark.parametrize("year", [2023, 2027])
def test_year_outside_the_horizon(analysis, manager, year):
    with pytest.raises(ValidationError) as excinfo:
        flow(analysis, manager, year=year)
    assert errors_of(excinfo) == {"year": [YEAR_ERROR]}


def test_empty_party_is_a_field_error(analysis, manager):
    with pytest.raises(ValidationError) as excinfo:
        flow(analysis, manager, stakeholder="   ")
    assert errors_of(excinfo) == {"stakeholder": ["Vul in welke partij dit betaalt of krijgt."]}
    assert not Stakeholder.objects.exists()


def test_unknown_kind_is_a_field_error(analysis, manager):
    with pytest.raises(ValidationError) as excinfo:
        flow(analysis, manager, kind="gift")
    assert "kind" in errors_of(excinfo)


def test_series_repeats_the_amount_every_year(analysis, manager):
    flows = services.flow_series_create(
        analysis=analysis,
        by=manager,
        stakeholder="gemeente",
        year=2024,
        until_year=2026,
        kind=FlowKind.COST,
        amount=Decimal("500000"),
        low=None,
        high=None,
        description="team",
    )
    assert [f.year for f in flows] == [2024, 2025, 2026]
    assert {f.stakeholder_id for f in flows} == {flows[0].stakeholder_id}


@pytest.mark.parametrize(
    ("until_year", "message"),
    [
        (2023, "Dit jaar mag niet vóór het eerste jaar liggen."),
        (2030, "Kies een jaar tot en met 2026 (de looptijd van de MKBA)."),
    ],
)
def test_series_end_must_be_inside_the_horizon(analysis, manager, until_year, message):
    with pytest.raises(ValidationError) as excinfo:
        services.flow_series_create(
            analysis=analysis,
            by=manager,
            stakeholder="gemeente",
            year=2024,
            until_year=until_year,
            kind=FlowKind.COST,
            amount=Decimal("1"),
        )
    assert errors_of(excinfo) == {"until_year": [message]}
    assert not CashFlow.objects.exists()


def test_update_moves_the_flow_to_another_party_and_drops_the_unused_one(analysis, manager):
    f = flow(analysis, manager, stakeholder="gemeente")
    services.flow_update(flow=f, by=manager, stakeholder="provincie", amount=Decimal("7"))
    f.refresh_from_db()
    assert (f.stakeholder.name, f.amount) == ("provincie", Decimal("7"))
    assert list(Stakeholder.objects.values_list("name", flat=True)) == ["provincie"]


def test_bad_update_changes_nothing(analysis, manager):
    f = flow(analysis, manager)
    with pytest.raises(ValidationError) as excinfo:
        services.flow_update(flow=f, by=manager, amount=Decimal("-1"), year=2099)
    assert set(errors_of(excinfo)) == {"amount", "year"}
    f.refresh_from_db()
    assert (f.amount, f.year) == (Decimal("500000"), 2024)


def test_delete_flow_drops_the_unused_party(analysis, manager):
    f = flow(analysis, manager)
    services.flow_delete(flow=f, by=manager)
    assert not CashFlow.objects.exists() and not Stakeholder.objects.exists()


# --- calc's own errors, translated --------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (
            calc.MkbaError("amount", "must not be negative; use kind='cost' for costs"),
            {"amount": [NEGATIVE]},
        ),
        (
            calc.MkbaError("low", "must not be greater than high"),
            {"low": ["De laagste schatting mag niet hoger zijn dan de hoogste schatting."]},
        ),
        (
            calc.MkbaError("low", "must not be greater than amount"),
            {"low": ["De laagste schatting mag niet hoger zijn dan het bedrag."]},
        ),
        (
            calc.MkbaError("high", "must not be less than amount"),
            {"high": ["De hoogste schatting mag niet lager zijn dan het bedrag."]},
        ),
        (
            calc.MkbaError("year", "2030 is outside the horizon 2024-2026", index=0),
            {"year": [YEAR_ERROR]},
        ),
        (
            calc.MkbaError("amount", "must be a finite number"),
            {"amount": ["Vul een gewoon getal in."]},
        ),
        (
            calc.MkbaError("stakeholder", "must not be empty"),
            {"stakeholder": ["Vul in welke partij dit betaalt of krijgt."]},
        ),
        (
            calc.MkbaError("kind", "must be 'cost' or 'benefit'"),
            {"kind": ["Kies kosten of baten."]},
        ),
        (
            calc.MkbaError("horizon", "must be at least 1 year"),
            {"horizon": ["De looptijd is minstens 1 jaar."]},
        ),
        (
            calc.MkbaError(
                "discount_rate", "a negative rate may not be used with a horizon over 100 years"
            ),
            {
                "discount_rate": [
                    "Een negatieve discontovoet mag alleen bij een looptijd tot 100 jaar."
                ]
            },
        ),
        (calc.MkbaError("runs", "must be at least 1"), {"mc_runs": ["Reken minstens 1 keer."]}),
        (
            calc.MkbaError("distribution", "must be 'triangular' or 'uniform'"),
            {"mc_distribution": ["Kies een verdeling."]},
        ),
    ],
)
def test_calc_errors_become_dutch_field_errors(exc, expected):
    analysis = Analysis(title="x", base_year=2024, horizon=3)
    assert services.mkba_error_to_validation(exc, analysis).message_dict == expected


# --- selectors: hand-checked numbers -------------------------------------------------------


def test_report_matches_the_hand_checked_front_line_example(analysis, manager):
    """calc's reference example (tests/mkba/test_calc.py), entered through the services."""
    for year in (2024, 2025, 2026):
        flow(analysis, manager, year=year)
        for party, amount in [
            ("zorgverzekeraar", 400_000),
            ("politie", 250_000),
            ("woningcorporatie", 150_000),
            ("gemeente", 200_000),
        ]:
            flow(
                analysis,
                manager,
                stakeholder=party,
                year=year,
                kind=FlowKind.BENEFIT,
                amount=Decimal(amount),
            )
    rep = selectors.report(analysis)
    r = rep.result
    # discount factors 1, 1/1.0225, 1/1.0225^2: sum 2.934469545
    assert r.pv_costs == pytest.approx(1_467_234.77, abs=0.01)
    assert r.pv_benefits == pytest.approx(2_934_469.55, abs=0.01)
    assert r.bcr == pytest.approx(2.0)
    assert r.stakeholder("gemeente").net == pytest.approx(-880_340.86, abs=0.01)
    assert [s.stakeholder for s in r.stakeholders] == [
        "gemeente",
        "zorgverzekeraar",
        "politie",
        "woningcorporatie",
    ]
    assert rep.explanation[0] == "Elke euro die we uitgeven levert € 2,00 op voor de samenleving."
    assert rep.inverdieneffect == (
        "gemeente betaalt meer dan zij terugkrijgt, maar zorgverzekeraar, politie en "
        "woningcorporatie krijgen meer terug dan ze betalen."
    )
    # No ranges: the simulation is the point estimate in every run.
    assert not rep.has_ranges
    assert rep.monte_carlo.p5 == pytest.approx(r.npv)
    assert rep.monte_carlo.probability_positive == 1.0

    s = selectors.summary(analysis)
    assert (s.npv, s.payback_year, s.flow_count) == (pytest.approx(r.npv), 2024, 15)
    assert s.headline == "Elke euro levert € 2,00 op."


def test_chart_puts_costs_left_and_benefits_right_of_zero(analysis, manager):
    flow(analysis, manager, amount=Decimal("300"))  # gemeente pays 300
    flow(analysis, manager, stakeholder="bewoners", kind=FlowKind.BENEFIT, amount=Decimal("900"))
    chart = selectors.report(analysis).chart
    # usable width 400 - 2 * 8 = 384 over 300 + 900: 0.32 px per euro; zero at 8 + 96 = 104
    assert chart.zero_x == 104
    gemeente, bewoners = chart.rows
    assert (gemeente.cost_x, gemeente.cost_width, gemeente.benefit_width) == (8, 96, 0)
    assert (bewoners.cost_width, bewoners.benefit_x, bewoners.benefit_width) == (0, 104, 288)


def test_chart_shortens_long_names(analysis, manager):
    flow(analysis, manager, stakeholder="Stichting Maatschappelijke Opvang Friesland")
    row = selectors.report(analysis).chart.rows[0]
    assert row.label == "Stichting Maatschappelijk…"
    assert row.stakeholder == "Stichting Maatschappelijke Opvang Friesland"


def test_monte_carlo_is_reproducible_with_the_stored_seed(analysis, manager):
    flow(analysis, manager, low=Decimal("400000"), high=Decimal("700000"))
    flow(
        analysis,
        manager,
        stakeholder="bewoners",
        kind=FlowKind.BENEFIT,
        amount=Decimal("600000"),
        low=Decimal("100000"),
        high=Decimal("900000"),
    )
    one, two = selectors.report(analysis).monte_carlo, selectors.report(analysis).monte_carlo
    assert one == two and one.seed == analysis.mc_seed and one.runs == 10_000
    assert 0 < one.probability_positive < 1
    expected = calc.monte_carlo(
        selectors.intervention_for(analysis), runs=10_000, seed=analysis.mc_seed
    )
    assert one == expected


def test_flows_csv_quotes_text_that_would_start_a_formula(analysis, manager):
    flow(analysis, manager, description='=HYPERLINK("x")', low=Decimal("450000"))
    text = selectors.flows_csv(analysis)
    lines = text.splitlines()
    assert lines[0] == "partij;organisatie;jaar;soort;bedrag_euro;laag_euro;hoog_euro;toelichting"
    assert lines[1].startswith("gemeente;;2024;kosten;500000.00;450000.00;;")
    assert "'=HYPERLINK" in lines[1]


def test_results_csv_has_totals_parties_years_and_sensitivity(analysis, manager):
    flow(analysis, manager)
    flow(
        analysis,
        manager,
        stakeholder="bewoners",
        kind=FlowKind.BENEFIT,
        amount=Decimal("1000000"),
        year=2025,
    )
    text = selectors.results_csv(selectors.report(analysis))
    assert "totaal;;;contante_waarde_kosten;500000.00" in text
    # 1,000,000 / 1.0225 = 977,995.11
    assert "totaal;;;contante_waarde_baten;977995.11" in text
    assert "totaal;;;netto_contante_waarde;477995.11" in text
    assert "totaal;;;terugverdiend_in;2025" in text
    assert "partij;gemeente;;saldo;-500000.00" in text
    assert "jaar;;2025;weegfactor;0.977995" in text
    assert "scenario;;;voorzichtig_netto_contante_waarde;477995.11" in text
    assert "montecarlo;;;kans_saldo_positief;1.0000" in text


# --- the demo ------------------------------------------------------------------------------


def test_demo_leeuwarden_every_euro_returns_about_two(project):
    analysis = load_demo_mkba(project)
    assert analysis.project == project and analysis.is_demo
    assert "Heechterp" in analysis.description and "tekst 002" in analysis.description
    r = selectors.report(analysis).result
    assert r.bcr == pytest.approx(2.15, abs=0.01)  # "iedere ... euro levert ruim € 2 euro op"
    assert r.npv == pytest.approx(2_339_214, abs=1)  # "ruim € 2 miljoen"
    assert r.payback_year == 2009
    assert [s.stakeholder for s in r.net_payers] == ["gemeente"]
    assert r.has_inverdieneffect
    # Loading again replaces the earlier copy.
    load_demo_mkba(project)
    assert Analysis.objects.filter(title=TITLE).count() == 1
    assert delete_demo_mkba() == 1 and not Analysis.objects.exists()


def test_simulation_is_cached_by_its_exact_input(analysis, manager, monkeypatch):
    from django.core.cache import cache

    cache.clear()
    flow(analysis, manager, low=Decimal("400000"), high=Decimal("700000"))
    calls = []
    real = calc.monte_carlo
    monkeypatch.setattr(calc, "monte_carlo", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = selectors.report(analysis).monte_carlo
    assert selectors.report(analysis).monte_carlo == first and len(calls) == 1
    flow(analysis, manager, year=2025)  # new input: computed again
    selectors.report(analysis)
    assert len(calls) == 2
