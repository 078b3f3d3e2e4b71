"""Tests for goal progress; every expected number is worked out below."""

from __future__ import annotations

import math

import pytest

from wijkaanpak.monitor.progress import (
    Direction,
    Goal,
    Light,
    Movement,
    ProgressError,
    assess,
    assess_plan,
    expected_value,
    summarise,
)

HIGHER = Direction.HIGHER_IS_BETTER
LOWER = Direction.LOWER_IS_BETTER


def rise(observations: dict[int, float]) -> Goal:
    """Higher is better: 50 in 2020 -> 70 in 2030 (distance 20, 2 points a year).

    Default tolerance: 10 % of 20 = 2 points.
    """
    return Goal(HIGHER, 50, 2020, 70, 2030, observations, code="G1")


def unemployment(observations: dict[int, float]) -> Goal:
    """Lower is better: 12.0 % in 2022 -> 8.0 % in 2026 (distance -4, 1 point a year).

    Default tolerance: 10 % of 4 = 0.4 points.
    """
    return Goal(LOWER, 12.0, 2022, 8.0, 2026, observations)


def test_expected_value_on_the_line() -> None:
    g = rise({})
    # 50 + 20 * (2024 - 2020) / 10 = 50 + 8 = 58
    assert expected_value(g, 2024) == pytest.approx(58)
    assert expected_value(g, 2020) == 50
    assert expected_value(g, 2019) == 50  # clamped before the baseline
    assert expected_value(g, 2035) == 70  # clamped after the target year


def test_ahead_of_the_line_is_green() -> None:
    p = assess(rise({2022: 53, 2024: 60}))
    # latest 2024: 60; expected 58; gap +2
    assert (p.latest_year, p.latest_value) == (2024, 60)
    assert p.expected == pytest.approx(58)
    assert p.gap == pytest.approx(2)
    # (60 - 50) / 20 * 100 = 50 % achieved, the line is at (58 - 50) / 20 * 100 = 40 %
    assert p.percent_achieved == pytest.approx(50)
    assert p.expected_percent == pytest.approx(40)
    assert p.light is Light.GREEN
    assert p.on_track
    assert p.movement is Movement.TOWARD
    assert not p.target_met
    assert p.as_of == 2024
    assert not p.target_year_passed
    assert not p.no_recent_data


def test_exactly_on_the_line_is_green() -> None:
    assert assess(rise({2024: 58})).light is Light.GREEN


def test_slightly_behind_but_improving_is_amber() -> None:
    p = assess(rise({2024: 57}))
    # expected 58, gap -1, within the tolerance of 2, moved from 50 toward 70
    assert p.gap == pytest.approx(-1)
    assert p.light is Light.AMBER
    assert not p.on_track
    assert p.percent_achieved == pytest.approx(35)  # (57 - 50) / 20 * 100


def test_behind_by_more_than_tolerance_is_red_even_when_improving() -> None:
    p = assess(rise({2024: 55}))
    # expected 58, gap -3 < -2
    assert p.movement is Movement.TOWARD
    assert p.light is Light.RED


def test_standing_still_exactly_at_the_tolerance_is_amber() -> None:
    p = assess(rise({2021: 50}))
    # expected 50 + 2 = 52, gap -2 = -tolerance -> still amber; no movement
    assert p.gap == pytest.approx(-2)
    assert p.movement is Movement.NONE
    assert p.light is Light.AMBER


def test_moving_the_wrong_way_is_red_even_within_tolerance() -> None:
    p = assess(rise({2021: 49.5}), tolerance=0.5)
    # tolerance 0.5 * 20 = 10 points; gap 49.5 - 52 = -2.5 is within, but it went down
    assert p.movement is Movement.AWAY
    assert p.light is Light.RED


def test_tolerance_is_configurable() -> None:
    # gap -3: red with 10 % (2 points), amber with 20 % (4 points)
    assert assess(rise({2024: 55}), tolerance=0.2).light is Light.AMBER
    # zero tolerance: any shortfall is red
    assert assess(rise({2024: 57.9}), tolerance=0).light is Light.RED


def test_lower_is_better_goal() -> None:
    # 2024: line at 12 - 4 * 2 / 4 = 10.0
    green = assess(unemployment({2024: 9.5}))
    # gap = -(9.5 - 10.0) = +0.5; achieved (9.5 - 12) / (8 - 12) * 100 = 62.5 %
    assert green.gap == pytest.approx(0.5)
    assert green.percent_achieved == pytest.approx(62.5)
    assert green.light is Light.GREEN
    # 10.3: gap -0.3, within 0.4, going down -> amber
    assert assess(unemployment({2024: 10.3})).light is Light.AMBER
    # 10.5: gap -0.5, beyond 0.4 -> red
    assert assess(unemployment({2024: 10.5})).light is Light.RED
    # 12.5: went up -> red, negative progress (12.5 - 12) / -4 * 100 = -12.5 %
    up = assess(unemployment({2023: 12.5}))
    assert up.movement is Movement.AWAY
    assert up.percent_achieved == pytest.approx(-12.5)
    assert up.light is Light.RED


def test_target_already_reached_is_green() -> None:
    p = assess(rise({2023: 72}))
    # (72 - 50) / 20 * 100 = 110 %
    assert p.target_met
    assert p.percent_achieved == pytest.approx(110)
    assert p.light is Light.GREEN


def test_target_reached_exactly() -> None:
    p = assess(unemployment({2025: 8.0}))
    assert p.target_met
    assert p.percent_achieved == pytest.approx(100)


def test_target_year_passed() -> None:
    p = assess(rise({2031: 66}), as_of=2032)
    # the line stays at the target 70 after 2030: gap 66 - 70 = -4 < -2 -> red
    assert p.expected == 70
    assert p.target_year_passed
    assert p.light is Light.RED
    assert p.percent_achieved == pytest.approx(80)
    # 69: gap -1 -> amber; 71: met -> green
    assert assess(rise({2031: 69})).light is Light.AMBER
    assert assess(rise({2031: 71})).light is Light.GREEN
    assert assess(rise({2031: 71})).target_year_passed


def test_baseline_equals_target_hold_the_level() -> None:
    def hold(value: float) -> Goal:
        return Goal(HIGHER, 80, 2020, 80, 2025, {2023: value})

    same = assess(hold(80))
    assert same.light is Light.GREEN
    assert same.target_met
    assert same.percent_achieved is None
    assert same.expected_percent is None
    assert assess(hold(81)).light is Light.GREEN
    worse = assess(hold(79))
    assert worse.movement is Movement.AWAY
    assert worse.light is Light.RED


def test_target_year_equals_baseline_year() -> None:
    g = Goal(HIGHER, 10, 2024, 20, 2024, {2025: 15})
    assert expected_value(g, 2024) == 20
    p = assess(g)
    # 2025 is after the target year: expected 20, gap -5, tolerance 1 -> red; achieved 50 %
    assert p.light is Light.RED
    assert p.percent_achieved == pytest.approx(50)
    # a figure in that one year is the baseline itself: no measurement yet
    assert assess(Goal(HIGHER, 10, 2024, 20, 2024, {2024: 15})).light is Light.GREY


def test_no_data_is_grey() -> None:
    p = assess(rise({}))
    assert p.light is Light.GREY
    assert p.latest_year is None and p.percent_achieved is None and p.movement is None
    assert p.no_recent_data
    assert p.as_of == 2020
    # observations before the baseline year do not count
    assert assess(rise({2018: 60})).light is Light.GREY


def test_observation_at_baseline_year_is_not_a_measurement() -> None:
    # The baseline year's own figure is the nulmeting: on the line by definition, so it
    # used to make every new goal green. It is not progress: grey until a later figure.
    p = assess(rise({2020: 50}))
    assert p.light is Light.GREY
    assert not p.has_measurement
    assert p.latest_year is None and p.percent_achieved is None and p.movement is None
    # it is recent, though: the goal is not flagged for missing recent figures
    assert not p.no_recent_data
    # even a baseline-year figure that already beats the target is no measurement
    assert assess(rise({2020: 80})).light is Light.GREY
    # the first figure after the baseline year sets the light
    later = assess(rise({2020: 50, 2021: 52}))
    assert later.light is Light.GREEN and later.has_measurement
    assert (later.latest_year, later.latest_value) == (2021, 52)


def test_overvecht_reproduction_baseline_only_is_grey_and_not_on_track() -> None:
    # Overvecht's plan: "Minder bewoners in de bijstand" 76.8 per 1,000 in 2023 (CBS kwb
    # 2023: 2,680 / 34,910 x 1,000 = 76.77) and "Een meer gemengde woningvoorraad" 61 % in
    # 2023; the only figures are the 2023 ones, i.e. the baselines. Two goals have no
    # figures at all. The plan summary said "op koers: 100%".
    bijstand = Goal(LOWER, 76.8, 2023, 60.0, 2030, {2023: 2680 / 34910 * 1000})
    corporatie = Goal(LOWER, 61.0, 2023, 55.0, 2030, {2023: 61.0})
    beweeg = Goal(HIGHER, 65.0, 2010, 70.0, 2030, {})
    regie = Goal(HIGHER, 35.0, 2024, 60.0, 2030, {})
    plan = assess_plan([beweeg, regie, bijstand, corporatie], as_of=2023)
    assert [p.light for p in plan.goals] == [Light.GREY] * 4
    s = plan.summary
    assert (s.total, s.with_measurement, s.without_measurement) == (4, 0, 4)
    assert s.share_on_track is None  # no "100 %" (nor "0 %"): nothing is measured yet
    # one later figure for the corporation goal: 59 % in 2024; line 61 - 6 / 7 = 60.14,
    # gap -(59 - 60.14) = +1.14 -> green; the share is 1 of the 1 goal with a measurement
    corporatie2 = Goal(LOWER, 61.0, 2023, 55.0, 2030, {2023: 61.0, 2024: 59.0})
    s2 = assess_plan([beweeg, regie, bijstand, corporatie2], as_of=2024).summary
    assert (s2.with_measurement, s2.without_measurement, s2.on_track) == (1, 3, 1)
    assert s2.share_on_track == pytest.approx(1.0)
    assert s2.share_on_track_of_all == pytest.approx(0.25)


def test_no_data_in_the_most_recent_period() -> None:
    g = rise({2021: 52})
    # as of 2025, last 2 years = 2024-2025: nothing there; the old value still sets the light
    p = assess(g, as_of=2025)
    assert p.no_recent_data
    assert p.latest_year == 2021
    assert p.light is Light.GREEN  # 52 on the 2021 line
    # a 5-year period 2021-2025 does contain 2021
    assert not assess(g, as_of=2025, recent_years=5).no_recent_data


def test_as_of_ignores_later_observations() -> None:
    p = assess(rise({2022: 54, 2026: 40}), as_of=2024)
    assert p.latest_year == 2022
    # 2022 line: 54 -> gap 0 -> green; the 2026 drop is not yet known in 2024
    assert p.light is Light.GREEN
    assert assess(rise({2022: 54, 2026: 40})).light is Light.RED


def test_deterministic() -> None:
    g = rise({2024: 57, 2022: 53})
    assert assess(g) == assess(g)
    assert list(g.observations) == [2022, 2024]  # stored sorted


def test_validation_errors() -> None:
    with pytest.raises(ProgressError) as err:
        Goal(HIGHER, 1, 2025, 2, 2024)
    assert err.value.field == "target_year"
    with pytest.raises(ProgressError) as err:
        Goal(HIGHER, math.nan, 2020, 2, 2024)
    assert err.value.field == "baseline_value"
    with pytest.raises(ProgressError) as err:
        Goal(HIGHER, 1, 2020, 2, 2024, {2021: math.inf})
    assert err.value.field == "observations[2021]"
    with pytest.raises(ProgressError) as err:
        Goal("sideways", 1, 2020, 2, 2024)  # type: ignore[arg-type]
    assert err.value.field == "direction"
    with pytest.raises(ProgressError) as err:
        assess(rise({}), tolerance=-0.1)
    assert err.value.field == "tolerance"
    with pytest.raises(ProgressError) as err:
        assess(rise({}), recent_years=0)
    assert err.value.field == "recent_years"


def test_direction_from_string() -> None:
    assert Goal("lower", 2, 2020, 1, 2024).direction is LOWER  # type: ignore[arg-type]


def test_plan_summary() -> None:
    goals = [
        rise({2024: 60}),  # green
        rise({2023: 72}),  # green, target met
        rise({2024: 57}),  # amber
        rise({2024: 55}),  # red
        rise({}),  # grey
    ]
    plan = assess_plan(goals, as_of=2024)
    assert [p.light for p in plan.goals] == [
        Light.GREEN,
        Light.GREEN,
        Light.AMBER,
        Light.RED,
        Light.GREY,
    ]
    s = plan.summary
    assert s.total == 5
    assert dict(s.counts) == {Light.GREEN: 2, Light.AMBER: 1, Light.RED: 1, Light.GREY: 1}
    assert s.with_data == s.with_measurement == 4
    assert s.without_measurement == 1
    assert s.on_track == 2
    assert s.share_on_track == pytest.approx(0.5)  # 2 of the 4 goals with data
    assert s.share_on_track_of_all == pytest.approx(0.4)  # 2 of 5
    assert s.target_met == 1
    # as of 2024 with a 2-year window (2023-2024): only the grey goal lacks recent data
    assert s.no_recent_data == 1


def test_empty_plan_summary() -> None:
    s = summarise([])
    assert s.total == 0
    assert s.share_on_track is None and s.share_on_track_of_all is None
    assert all(v == 0 for v in s.counts.values()) and len(s.counts) == 4


def test_light_labels() -> None:
    assert [light.label_nl for light in Light] == [
        "op koers",
        "let op",
        "uit koers",
        "nog geen meting",
    ]
    assert Light.AMBER.label_en == "needs attention"
