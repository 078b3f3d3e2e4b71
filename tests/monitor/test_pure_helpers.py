"""The framework-free helpers of the monitor: catalogue formulas and SVG charts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from wijkaanpak.monitor import catalogue, charts

SVG = "{http://www.w3.org/2000/svg}"


def test_derive_is_sum_over_sum_times_factor() -> None:
    values = {"a_soz_wb": 2680.0, "a_inw": 34910.0, "a": 1.0, "b": 3.0}
    assert catalogue.derive(values, ["a_soz_wb"], ["a_inw"], 1000) == pytest.approx(76.7688, 1e-4)
    assert catalogue.derive(values, ["a"], ["a", "b"], 100) == 25.0


@pytest.mark.parametrize(
    "values",
    [{"n": None, "d": 5.0}, {"n": 1.0, "d": None}, {"n": 1.0, "d": 0.0}, {"d": 5.0}],
)
def test_derive_without_usable_parts_is_none(values) -> None:
    assert catalogue.derive(values, ["n"], ["d"], 1) is None


def test_parse_parts() -> None:
    assert catalogue.parse_parts(" A_OPL_LG + a_opl_md+ ") == ("a_opl_lg", "a_opl_md")
    assert catalogue.parse_parts("") == ()


def test_catalogue_entries_are_consistent() -> None:
    assert catalogue.CATALOGUE["bijstand_per_1000"].variables == ("a_soz_wb", "a_inw")
    assert catalogue.CATALOGUE["g_wozbag"].variables == ("g_wozbag",)
    for entry in catalogue.CATALOGUE.values():
        assert entry.direction in {"higher", "lower", "neutral"}
    for member in catalogue.DEFAULT_INDEX_MEMBERS:
        entry = catalogue.CATALOGUE[member.code]
        assert entry.direction != "neutral", member.code  # a judgement needs a direction
        assert member.domain in {"fysiek", "veiligheid", "sociaal"}
    assert set(catalogue.KEY_FIGURES) <= set(catalogue.CATALOGUE)


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (12345.6, None, "12.346"),
        (12.34, None, "12,3"),
        (0.456, None, "0,46"),
        (1234567.0, None, "1.234.567"),
        (-3.25, 2, "-3,25"),
        (-0.001, 1, "0,0"),
    ],
)
def test_format_number_dutch(value, decimals, text) -> None:
    assert charts.format_number(value, decimals) == text


def test_nice_ticks_cover_the_range() -> None:
    ticks = charts.nice_ticks(13.2, 87.9)
    assert ticks[0] <= 13.2 and ticks[-1] >= 87.9
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1
    assert charts.nice_ticks(5, 5)[0] < 5 < charts.nice_ticks(5, 5)[-1]


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_line_chart_is_an_accessible_image() -> None:
    svg = charts.line_chart(
        chart_id="c1",
        title="Bijstand <per> 1.000",
        description="Daalt & stijgt",
        series=[charts.Series("Overvecht", [(2020, 80.0), (2021, 78.5)])],
        unit="per 1.000",
    )
    root = _parse(svg)  # well-formed XML, so the escaping worked
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "Bijstand <per> 1.000"
    assert root.find(f"{SVG}title").get("id") == "c1-title"
    assert root.find(f"{SVG}desc").text == "Daalt & stijgt"


def _polylines(svg: str) -> list[str]:
    return [p.get("points") for p in _parse(svg).iter(f"{SVG}polyline")]


def test_a_boundary_change_breaks_the_line() -> None:
    points = [(2019, 1.0), (2020, 2.0), (2021, 3.0), (2022, 4.0)]
    joined = charts.line_chart(
        chart_id="j", title="t", description="d", series=[charts.Series("a", points)]
    )
    broken = charts.line_chart(
        chart_id="b",
        title="t",
        description="d",
        series=[charts.Series("a", points)],
        breaks={2021},
    )
    assert len(_polylines(joined)) == 1
    assert [len(p.split()) for p in _polylines(broken)] == [2, 2]  # 2019-2020 | 2021-2022


def test_a_missing_value_leaves_a_gap_and_series_differ_in_more_than_colour() -> None:
    svg = charts.line_chart(
        chart_id="g",
        title="t",
        description="d",
        series=[
            charts.Series("a", [(2019, 1.0), (2020, None), (2021, 3.0), (2022, 4.0)], 0),
            charts.Series("b", [(2019, 2.0), (2022, 2.0)], 1),
        ],
    )
    lines = _parse(svg).iter(f"{SVG}polyline")
    dashes = [p.get("stroke-dasharray") for p in lines]
    assert dashes == [None, "7 4"]  # the 2019 point stands alone; series b is dashed
    assert len(re.findall(r"<rect x=[^>]*width=\"7\"", svg)) >= 2  # square markers for b


def test_empty_line_chart_says_so() -> None:
    svg = charts.line_chart(
        chart_id="e", title="t", description="d", series=[], empty_text="Geen cijfers"
    )
    assert "Geen cijfers" in svg
    _parse(svg)


def test_bar_chart_bars_scale_with_their_values() -> None:
    svg = charts.bar_chart(
        chart_id="bars",
        title="Index",
        description="d",
        bars=[charts.Bar("fysiek", 50.0), charts.Bar("sociaal", 100.0), charts.Bar("x", None)],
        reference=100,
        empty_text="geen cijfer",
    )
    root = _parse(svg)
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect") if r.get("height") == "18"]
    assert len(widths) == 2
    assert widths[1] == pytest.approx(2 * widths[0], rel=0.01)
    assert "geen cijfer" in svg


def _points(svg: str) -> list[tuple[str | None, str | None, str | None]]:
    """(series number, year, value) of every measured-point marker."""
    return [
        (e.get("data-series"), e.get("data-year"), e.get("data-value"))
        for e in _parse(svg).iter()
        if e.get("class") == "point"
    ]


def test_measured_points_are_markers_and_a_planned_line_has_none() -> None:
    # A goal with only its baseline measured: the single point is drawn as a marker
    # (a one-point "line" has no polyline), the planned line has no markers at all.
    svg = charts.line_chart(
        chart_id="goal",
        title="t",
        description="d",
        series=[
            charts.Series("gemeten", [(2023, 76.8)], 0),
            charts.Series("lijn", [(2023, 76.8), (2030, 60.0)], 1, markers=False),
        ],
    )
    assert _points(svg) == [("0", "2023", "76.8")]
    assert len(_polylines(svg)) == 1  # only the planned line is a line
    # the markers come after every line, so no line is drawn over a measured point
    assert svg.rindex("<polyline") < svg.index('class="point"')
    # a legend sample has no marker for the planned line (squares are style 1's marker)
    assert not re.findall(r"<rect x=[^>]*width=\"7\"", svg)


def test_every_measured_point_gets_a_marker_also_across_a_break() -> None:
    svg = charts.line_chart(
        chart_id="m",
        title="t",
        description="d",
        series=[charts.Series("gemeten", [(2020, 80.0), (2022, 79.0), (2024, 70.5)], 0)],
        breaks={2024},
    )
    assert _points(svg) == [("0", "2020", "80.0"), ("0", "2022", "79.0"), ("0", "2024", "70.5")]


def test_a_bar_without_value_shows_its_own_note() -> None:
    svg = charts.bar_chart(
        chart_id="cov",
        title="Index",
        description="d",
        bars=[charts.Bar("sociaal", None, "onvoldoende cijfers: 2 van 10")],
        empty_text="geen cijfer",
    )
    assert "onvoldoende cijfers: 2 van 10" in svg and "geen cijfer<" not in svg
    _parse(svg)
