"""The rollup of progress from parts to the whole (pure; no database)."""

from decimal import Decimal as D

from wijkaanpak.initiatives.progress import Part, combine, percentage, rollup


def test_equal_weights_when_a_part_has_no_budget():
    assert combine([(D(100), D(900)), (D(0), None)]) == D("50.0")


def test_budget_weights_when_every_part_has_a_budget():
    # 900 at 100% and 100 at 0%: 90%, not the 50% of equal weights
    assert combine([(D(100), D(900)), (D(0), D(100))]) == D("90.0")


def test_a_zero_budget_means_equal_weights():
    assert combine([(D(100), D(0)), (D(0), D(100))]) == D("50.0")


def test_nothing_to_combine_is_no_progress():
    assert combine([]) is None


def test_rounding_is_half_up_to_one_decimal():
    assert combine([(D(100), None), (D(0), None), (D(0), None)]) == D("33.3")
    assert combine([(D(100), None), (D(100), None), (D(0), None)]) == D("66.7")


def test_three_levels_roll_up_and_parent_own_value_is_ignored():
    parts = [
        Part(1, None, progress=D(0)),  # "Build" has parts: its own 0 is ignored
        Part(2, 1, progress=D(100), budget=D(300)),
        Part(3, 1, progress=D(50), budget=D(100)),
        Part(4, None, progress=D(20)),  # a leaf at the top
        Part(5, 3, progress=D(10)),  # 3 gets a part: 3 becomes 10
    ]
    values, overall = rollup(parts)
    assert values[3] == D("10.0")
    assert values[1] == D("77.5")  # (100*300 + 10*100) / 400
    assert values[4] == D("20.0")
    assert overall == D("48.8")  # equal weights at the top (no budgets): (77.5 + 20) / 2 = 48.75


def test_stopped_parts_do_not_count():
    parts = [
        Part(1, None, progress=D(100)),
        Part(2, None, progress=D(0), stopped=True),
    ]
    values, overall = rollup(parts)
    assert overall == D("100.0")
    assert values[2] == D("0.0")  # still shown for itself


def test_all_children_stopped_means_no_progress_for_the_parent():
    values, overall = rollup([Part(1, None, D(50)), Part(2, 1, D(10), stopped=True)])
    assert values[1] is None and overall is None


def test_no_parts_is_no_progress():
    assert rollup([]) == ({}, None)


def test_a_cycle_does_not_hang():
    values, _overall = rollup([Part(1, 2, D(10)), Part(2, 1, D(30))])
    assert set(values) == {1, 2}


def test_percentage():
    assert percentage(D(45), D(100)) == D("45.0")
    assert percentage(D(150), D(100)) == D("150.0")
    assert percentage(D(1), D(0)) is None
