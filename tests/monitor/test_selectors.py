"""Reads of the monitor against the database: profile, index, goal progress, dashboard."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from tests import factories
from tests.monitor.conftest import add
from wijkaanpak.monitor import index, progress, selectors
from wijkaanpak.monitor.models import AreaYear, IndexSettings, Indicator

pytestmark = pytest.mark.django_db

SD_X = math.sqrt(200 / 3)  # population SD of 10, 20, 30
SD_Y = math.sqrt(2)  # population SD of 5, 5, 8


def test_index_of_a_district_matches_the_hand_computed_example(city):
    """Wijk A in 2020 (the base year), z-scores, 10 points per SD:

    x (higher): 100 + (10 - 20) / 8.165 * 10 = 87.753
    y (lower):  100 - (5 - 6) / 1.414 * 10   = 107.071
    objective part of theme 'werk' = (87.753 + 107.071) / 2 = 97.412
    s (lower, subjective): 100 - (30 - 20) / 8.165 * 10 = 87.753
    theme = 0.5 * 97.412 + 0.5 * 87.753 = 92.583 = social index (one theme)
    """
    result = selectors.area_index(city.a)
    assert result.base_year == 2020 and not result.reference.base_year_is_default
    a2020 = result.by_year[2020]
    assert a2020.social.score == pytest.approx(92.583, abs=0.001)
    theme = a2020.social.themes[0]
    assert theme.objective == pytest.approx(97.412, abs=0.001)
    assert theme.subjective == pytest.approx(87.753, abs=0.001)
    assert a2020.social.band is index.Band.AROUND
    assert a2020.physical.score is None and a2020.safety.score is None
    # 2021 is scored against the 2020 references: x = 20 is now exactly the city mean
    x2021 = next(
        s for s in result.by_year[2021].social.themes[0].indicators if s.indicator.code == "x_werk"
    )
    assert x2021.score == pytest.approx(100.0)
    assert result.year == 2021  # as many indicators as 2020, and later


def test_index_settings_change_scaling_weights_and_base_year(city):
    settings = IndexSettings.objects.get()
    settings.scaling = "ratio"
    settings.objective_weight = 0.75
    settings.save()
    a2020 = selectors.area_index(city.a).by_year[2020]
    # objective: x 10/20*100 = 50, y 200 - 5/6*100 = 116.67 -> 83.33; subjective s: 50
    assert a2020.social.score == pytest.approx(0.75 * 83.3333 + 0.25 * 50, abs=1e-3)  # 75
    assert a2020.social.band is index.Band.BELOW
    settings.base_year = 2021  # only A has 2021 figures: SD 0 -> no z-scores
    settings.scaling = "zscore"
    settings.save()
    assert selectors.area_index(city.a).by_year == {}


def test_default_base_year_is_the_year_with_most_figures(city):
    IndexSettings.objects.update(base_year=None)
    result = selectors.area_index(city.b)
    assert result.base_year == 2020 and result.reference.base_year_is_default
    # B: x 100, y 100 + 1/1.414*10 = 107.07, s 100 -> 0.5 * 103.54 + 0.5 * 100
    assert result.by_year[2020].social.score == pytest.approx(101.768, abs=0.001)


def test_default_members_skip_indicators_without_direction(db):
    settings = selectors.index_settings()
    assert settings.pk is None and settings.members == selectors.default_members()
    factories.IndicatorFactory(code="g_wozbag", direction="neutral")
    factories.IndicatorFactory(code="p_arb_pp", direction="higher")
    config = selectors.index_config_for(
        settings, {i.code: i for i in Indicator.objects.all()}, 2023
    )
    codes = [m.code for m in config.indicators]
    # a figure without a good side cannot be scored: left out of the configuration
    assert "g_wozbag" not in codes
    # members nobody has imported yet stay in, as missing figures: they count in the
    # coverage instead of silently shrinking it (19 of the 20 default members)
    assert codes == [m["code"] for m in selectors.default_members() if m["code"] != "g_wozbag"]
    assert config.themes(index.Domain.SAFETY) == [
        "inbraak en diefstal",
        "vernieling",
        "geweld",
        "veiligheidsbeleving",
    ]


def test_validate_index_settings_reports_field_errors(city):
    row = IndexSettings(
        members=[{"code": "x_werk", "domain": "stad", "theme": "werk"}],
        theme_weights={"wonen": 2},
    )
    errors = selectors.validate_index_settings(row)
    assert "members" in errors and "stad" in errors["members"][0]
    row.members = [{"code": "x_werk", "domain": "sociaal", "theme": "werk"}]
    assert "theme_weights" in selectors.validate_index_settings(row)
    row.theme_weights = {"werk": 2}
    assert selectors.validate_index_settings(row) == {}


def test_profile_shows_area_city_and_country(city):
    population = factories.IndicatorFactory(
        code="a_inw", unit="aantal", direction="neutral", theme="population"
    )
    for area, v in [(city.a, 100), (city.municipality, 1000)]:
        add(area, population, 2020, v)
        add(area, population, 2021, v + 10)
    add(None, population, 2021, 17_000_000)
    profile = selectors.profile(city.a)
    row = next(r for g in profile.groups for r in g.rows if r.indicator.code == "a_inw")
    assert (row.year, row.value, row.city_value, row.country_value) == (2021, 110, 1010, 17_000_000)
    assert profile.has_country and profile.municipality == city.municipality
    assert [r.indicator.code for r in profile.key_rows] == ["a_inw"]
    chart = profile.charts[0]
    assert 'role="img"' in chart.svg and "Teststad" not in chart.svg  # counts: area only
    assert chart.row.history[-1] == (2021, "110", "1.010", "17.000.000")


def test_profile_marks_boundary_changes_and_leefbaarometer(city):
    lbm = factories.IndicatorFactory(code="lbm_klasse", unit="klasse")
    add(city.a, lbm, 2020, 4)
    add(city.a, lbm, 2022, 7)
    AreaYear.objects.create(area=city.a, year=2021, boundary=3)
    profile = selectors.profile(city.a)
    assert profile.leefbaarometer == (2022, 7, "goed")
    assert profile.breaks == {2021}


def _goal(plan, indicator, baseline, target, **kwargs):
    return factories.GoalFactory(
        plan=plan,
        indicator=indicator,
        baseline_value=Decimal(baseline),
        baseline_year=2020,
        target_value=Decimal(target),
        target_year=2030,
        **kwargs,
    )


def test_goal_progress_lights_against_the_straight_line(city):
    """Baseline 80 (2020), target 60 (2030), lower is better: in 2022 the line is at 76.
    Tolerance is 10% of the distance of 20 = 2."""
    plan = factories.ActionPlanFactory(district=city.a)
    lower = factories.IndicatorFactory(code="bijstand", direction="lower")
    ahead = _goal(plan, lower, "80", "60", title="voor")
    behind = _goal(plan, lower, "80", "60", title="net achter", area=city.b)
    off = _goal(plan, lower, "80", "60", title="ver achter", area=city.c)
    empty = _goal(plan, factories.IndicatorFactory(code="leeg"), "1", "2", title="leeg")
    old = _goal(
        plan, factories.IndicatorFactory(code="oud", direction="lower"), "80", "60", title="oud"
    )
    add(city.a, lower, 2022, 75)
    add(city.b, lower, 2022, 77)
    add(city.c, lower, 2022, 79)
    add(city.c, lower, 2019, 50)  # before the baseline: ignored
    add(city.a, old.indicator, 2020, 79)
    result = selectors.plan_progress(plan)
    by_title = {s.goal.title: s for s in result.goals}
    assert result.as_of == 2022
    assert by_title["voor"].progress.light is progress.Light.GREEN
    assert by_title["voor"].progress.expected == pytest.approx(76)
    assert by_title["net achter"].progress.light is progress.Light.AMBER
    assert by_title["ver achter"].progress.light is progress.Light.RED
    # the measured points start with the baseline (the plan's value in its year)
    assert by_title["ver achter"].series == [(2020, 80.0), (2022, 79.0)]
    assert by_title["leeg"].progress.light is progress.Light.GREY
    assert by_title["oud"].progress.no_recent_data  # last figure 2020, plan judged at 2022
    assert [s.goal.title for s in result.without_recent_data] == ["leeg", "oud"]
    # "oud" has only a figure in its baseline year (79 < 80): that is no measurement
    assert by_title["oud"].progress.light is progress.Light.GREY
    assert result.summary.counts[progress.Light.GREEN] == 1  # "voor"
    assert [s.goal.title for s in result.without_measurement] == ["leeg", "oud"]
    assert by_title["voor"].svg and "lijn van nulmeting naar streefwaarde" in by_title["voor"].svg
    csv_text = selectors.plan_progress_csv(result)
    assert "ver achter;bijstand;WK099903;80.000;2020;60.000;2030;2022;79.0;76.0" in csv_text
    assert empty.pk and ahead.pk and behind.pk and off.pk


def test_goal_on_a_descriptive_indicator_takes_its_own_direction(city):
    plan = factories.ActionPlanFactory(district=city.a)
    neutral = factories.IndicatorFactory(code="huur", direction="neutral")
    _goal(plan, neutral, "60", "50", title="minder huur")
    add(city.a, neutral, 2024, 54)
    status = selectors.plan_progress(plan).goals[0]
    assert status.progress.goal.direction is progress.Direction.LOWER_IS_BETTER
    assert status.progress.light is progress.Light.GREEN


def test_goal_flags_a_boundary_change_after_the_baseline(city):
    plan = factories.ActionPlanFactory(district=city.a)
    ind = factories.IndicatorFactory(code="z", direction="higher")
    _goal(plan, ind, "10", "20")
    add(city.a, ind, 2023, 15)
    AreaYear.objects.create(area=city.a, year=2019, boundary=3)  # before: no matter
    assert not selectors.plan_progress(plan).goals[0].boundary_changed
    AreaYear.objects.create(area=city.a, year=2022, boundary=3)
    assert selectors.plan_progress(plan).goals[0].boundary_changed


def test_dashboard_lists_districts_with_index_and_lights(city):
    plan = factories.ActionPlanFactory(district=city.c)
    _goal(plan, city.x, "30", "40")
    board = selectors.dashboard(city.municipality)
    assert [r.district.name for r in board.rows] == ["Wijk A", "Wijk B", "Wijk C"]
    # the latest year with figures (2021, only A); B and C with their 2020 figures, which
    # lie within the two-year window
    assert board.year == 2021 and board.base_year == 2020
    a, b, c = board.rows
    # A 2021: x 20 -> 100; y 5 -> 100 + 1 / sqrt(2) * 10 = 107.071; objective 103.536;
    # s 30 -> 100 - 10 / sqrt(200 / 3) * 10 = 87.753; theme and index (103.536 + 87.753) / 2
    assert a.index.social.score == pytest.approx(95.644, abs=0.001)
    assert {s.year for t in a.index.social.themes for s in t.indicators} == {2021}
    assert b.score("sociaal")[:2] == ("102", "around")
    assert {s.year for t in b.index.social.themes for s in t.indicators} == {2020}
    # C's goal: 30 in 2020 is its baseline figure, not a measurement -> grey
    assert c.summary.counts[progress.Light.GREY] == 1 and a.summary is None
    csv_text = selectors.dashboard_csv(board)
    assert csv_text.splitlines()[1].startswith("WK099901;Wijk A;2021;2020;;;95.64")
    # coverage per index at the end: nothing configured for physical and safety
    assert csv_text.splitlines()[1].endswith(";0/0;0/0;3/3")
