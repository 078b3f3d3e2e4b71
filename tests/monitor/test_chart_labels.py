"""Index charts: no label crosses the 100-line (issue 7, D19).

The index bar chart wrote each value after its bar, so a score just under 100 ("96 (rond
gemiddeld)") ran through the dashed 100-line. The test measures every text's box (font size
and anchor; a generous 0.62 em per character) against every reference line segment.
"""

from __future__ import annotations

import re

import pytest

from wijkaanpak.monitor import charts

TEXT = re.compile(r"<text ([^>]*)>([^<]*)</text>")
# The reference line is dashed "3 3" (bars) or "1 3" (lines); boundary breaks are "4 4".
LINE = re.compile(
    r'<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"[^>]*'
    r'stroke-dasharray="(?:3 3|1 3)"'
)


def attr(attrs: str, name: str, default: str = "") -> str:
    found = re.search(rf'{name}="([^"]*)"', attrs)
    return found.group(1) if found else default


def text_boxes(svg: str) -> list[tuple[str, float, float, float, float]]:
    """(text, left, right, top, bottom) of each text, from its baseline and font size."""
    out = []
    for attrs, text in TEXT.findall(svg):
        x, y, size = (
            float(attr(attrs, "x")),
            float(attr(attrs, "y")),
            float(attr(attrs, "font-size")),
        )
        width = len(text) * size * 0.62
        anchor = attr(attrs, "text-anchor", "start")
        left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
        out.append((text, left, left + width, y - size * 0.8, y + size * 0.25))
    return out


def reference_lines(svg: str) -> list[tuple[float, float, float, float]]:
    lines = [tuple(float(v) for v in m) for m in LINE.findall(svg)]
    assert lines, "the chart has no reference line"
    return lines


def overlaps(box, line, stroke: float = 1.5) -> bool:
    _text, left, right, top, bottom = box
    x1, y1, x2, y2 = line
    half = stroke / 2
    return (
        left <= max(x1, x2) + half
        and right >= min(x1, x2) - half
        and top <= max(y1, y2) + half
        and bottom >= min(y1, y2) - half
    )


@pytest.mark.parametrize(
    "scores", [(96, 101, 140), (99.5, 100, 100.4), (60, 98, None), (150, 5, 97)]
)
def test_index_bar_labels_do_not_cross_the_100_line(scores):
    bars = [
        charts.Bar(label, score, "rond gemiddeld" if score else "", i)
        for i, (label, score) in enumerate(
            zip(["fysiek", "sociaal", "veiligheid"], scores, strict=True)
        )
    ]
    svg = charts.bar_chart(
        chart_id="index",
        title="Index",
        description="",
        bars=bars,
        reference=100,
        reference_label="100 = gemiddeld",
        maximum=150,
    )
    boxes = text_boxes(svg)
    # Every value is still printed, next to its theme.
    for score in scores:
        if score is not None:
            assert any(charts.format_number(score) in b[0] for b in boxes), score
    for line in reference_lines(svg):
        for box in boxes:
            assert not overlaps(box, line), (box, line)


@pytest.mark.parametrize("values", [(100, 100), (95, 104), (100, 120), (80, 100)])
def test_index_trend_reference_label_stays_off_the_line(values):
    svg = charts.line_chart(
        chart_id="trend",
        title="Index per jaar",
        description="",
        series=[charts.Series("fysiek", [(2022, values[0]), (2023, values[1])], 0)],
        reference=100,
        reference_label="100",
    )
    (line,) = reference_lines(svg)
    for box in text_boxes(svg):
        assert not overlaps(box, line), (box, line)
