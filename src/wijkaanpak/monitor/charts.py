"""Accessible SVG charts as plain strings: trend lines and horizontal bars.

Pure functions, no Django. Every chart is ``<svg role="img" aria-labelledby="ID-title
ID-desc">`` with a ``<title>`` and a ``<desc>`` that says in words what the chart shows; the
page puts the same numbers in a table beside it (a chart is never the only way to read a
figure). Series differ in colour *and* in dash pattern and marker shape, so the chart does
not rely on colour alone; all colours have a contrast of at least 4.5:1 on white.

All text is escaped here, so the result is safe to insert into HTML as it is. The same
markup renders in browsers and in WeasyPrint (PDF reports).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from html import escape

__all__ = [
    "STYLES",
    "Bar",
    "Series",
    "bar_chart",
    "format_number",
    "line_chart",
    "nice_ticks",
]

#: (colour, dash pattern, marker) per series; the first is the area itself.
STYLES: tuple[tuple[str, str, str], ...] = (
    ("#0b3d62", "", "circle"),
    ("#a14d00", "7 4", "square"),
    ("#4a4a4a", "2 3", "triangle"),
    ("#1d6b2f", "9 3 2 3", "diamond"),
)
_FONT = 'font-family="DejaVu Sans, Verdana, sans-serif"'
_INK = "#1b1b1b"
_GRID = "#d0d0d0"


def format_number(value: float, decimals: int | None = None) -> str:
    """Dutch notation: ``12345.6`` -> ``12.345,6``. Without ``decimals``: whole numbers
    without decimals, else 0 decimals from 100 up, 1 below (2 below 1)."""
    if not math.isfinite(value):
        return "–"
    if decimals is None:
        if float(value).is_integer():
            decimals = 0
        elif abs(value) >= 100:
            decimals = 0
        elif abs(value) >= 1:
            decimals = 1
        else:
            decimals = 2
    text = f"{value:,.{decimals}f}"
    if text in {"-0", "-0.0", "-0.00"}:
        text = text[1:]
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About ``count`` round tick values covering ``[low, high]``."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0, 1.0]
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = magnitude
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if step >= raw:
            break
    start = math.floor(low / step) * step
    ticks: list[float] = []
    n = 0
    while True:
        value = round(start + n * step, 10)
        ticks.append(value)
        if value >= high or n > 50:
            return ticks
        n += 1


@dataclass(frozen=True)
class Series:
    """One line: ``points`` are ``(year, value)``; a ``None`` value leaves a gap.

    ``markers``: draw a marker on every point (a measured figure). A planned line (from a
    baseline to a target) has none, so that every marker on a chart is a measurement.
    """

    label: str
    points: Sequence[tuple[int, float | None]]
    style: int = 0
    markers: bool = True


@dataclass(frozen=True)
class Bar:
    """One bar; ``note`` follows the value, or stands in for a missing value."""

    label: str
    value: float | None
    note: str = ""
    style: int = 0


def _open_svg(chart_id: str, width: int, height: int, title: str, description: str) -> list[str]:
    cid = escape(chart_id, quote=True)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" class="chart-svg" focusable="false">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _marker(kind: str, x: float, y: float, colour: str, extra: str = "") -> str:
    """A marker shape; ``extra`` is added to the element as it is (attributes, escaped
    by the caller)."""
    if kind == "square":
        return (
            f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" '
            f'fill="{colour}"{extra}/>'
        )
    if kind == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y + 3.5:.1f} '
            f'{x - 4.5:.1f},{y + 3.5:.1f}" fill="{colour}"{extra}/>'
        )
    if kind == "diamond":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
            f'{x - 5:.1f},{y:.1f}" fill="{colour}"{extra}/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"{extra}/>'


def _style(index: int) -> tuple[str, str, str]:
    return STYLES[index % len(STYLES)]


def _legend(series: Sequence[Series], left: float, top: float) -> tuple[list[str], float]:
    """One legend row per series (line sample, marker, label); returns markup and height."""
    out: list[str] = []
    y = top
    for s in series:
        colour, dash, marker = _style(s.style)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{left + 28:.1f}" y2="{y:.1f}" '
            f'stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
        )
        if s.markers:
            out.append(_marker(marker, left + 14, y, colour))
        out.append(
            f'<text x="{left + 36:.1f}" y="{y + 4:.1f}" font-size="14" fill="{_INK}" {_FONT}>'
            f"{escape(s.label)}</text>"
        )
        y += 20
    return out, y - top


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    series: Sequence[Series],
    unit: str = "",
    breaks: Collection[int] = (),
    reference: float | None = None,
    reference_label: str = "",
    width: int = 520,
    height: int = 300,
    fmt: Callable[[float], str] = format_number,
    empty_text: str = "Geen cijfers",
) -> str:
    """Lines over years. A year in ``breaks`` is not joined to the year before it (CBS
    changed the area's boundary: the figures are not comparable across that point)."""
    out = _open_svg(chart_id, width, height, title, description)
    values = [v for s in series for _, v in s.points if v is not None and math.isfinite(v)]
    years = sorted({y for s in series for y, _ in s.points})
    legend, legend_h = _legend(series, 64, 16)
    out.extend(legend)
    top = 16 + legend_h + 10
    left, right, bottom = 70.0, 24.0, 34.0
    plot_w, plot_h = width - left - right, height - top - bottom
    if not values or not years:
        out.append(
            f'<text x="{width / 2:.0f}" y="{top + plot_h / 2:.0f}" text-anchor="middle" '
            f'font-size="14" fill="{_INK}" {_FONT}>{escape(empty_text)}</text></svg>'
        )
        return "".join(out)
    low, high = min(values), max(values)
    if reference is not None:
        low, high = min(low, reference), max(high, reference)
    ticks = nice_ticks(low, high)
    y_min, y_max = ticks[0], ticks[-1]
    span_y = (y_max - y_min) or 1.0
    first, last = years[0], years[-1]
    span_x = last - first

    def px(year: int) -> float:
        if span_x == 0:
            return left + plot_w / 2
        return left + (year - first) / span_x * plot_w

    def py(value: float) -> float:
        return top + plot_h - (value - y_min) / span_y * plot_h

    for tick in ticks:
        y = py(tick)
        out.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{width - right:.1f}" y2="{y:.1f}" '
            f'stroke="{_GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 6:.1f}" y="{y + 4:.1f}" text-anchor="end" font-size="14" '
            f'fill="{_INK}" {_FONT}>{escape(fmt(tick))}</text>'
        )
    if unit:
        out.append(
            f'<text x="{width - right:.1f}" y="20" text-anchor="end" font-size="14" '
            f'fill="{_INK}" {_FONT}>{escape(unit)}</text>'
        )
    all_years = list(range(first, last + 1))
    step = 1 if len(all_years) <= 8 else math.ceil(len(all_years) / 7)
    for i, year in enumerate(all_years):
        if i % step and year != last:
            continue
        out.append(
            f'<text x="{px(year):.1f}" y="{height - 12:.1f}" text-anchor="middle" '
            f'font-size="14" fill="{_INK}" {_FONT}>{year}</text>'
        )
    out.append(
        f'<line x1="{left:.1f}" y1="{top + plot_h:.1f}" x2="{width - right:.1f}" '
        f'y2="{top + plot_h:.1f}" stroke="{_INK}" stroke-width="1"/>'
    )
    if reference is not None:
        y = py(reference)
        out.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{width - right:.1f}" y2="{y:.1f}" '
            f'stroke="{_INK}" stroke-width="1.5" stroke-dasharray="1 3" class="reference"/>'
        )
        if reference_label:
            # Above the line by more than the label's descent (13 px text: ~3 px below the
            # baseline), so the line never runs through it.
            out.append(
                f'<text x="{width - right:.1f}" y="{y - 6:.1f}" text-anchor="end" '
                f'font-size="13" fill="{_INK}" {_FONT}>{escape(reference_label)}</text>'
            )
    break_set = set(breaks)
    for year in sorted(break_set):
        if first < year <= last:
            x = px(year) - (plot_w / span_x / 2 if span_x else 0)
            out.append(
                f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{top + plot_h:.1f}" '
                f'stroke="{_INK}" stroke-width="1" stroke-dasharray="4 4"/>'
            )
    # Lines first, markers after: a measured point is never hidden under another line.
    marker_marks: list[str] = []
    for number, s in enumerate(series):
        colour, dash, marker = _style(s.style)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        segment: list[tuple[int, float]] = []
        segments: list[list[tuple[int, float]]] = []
        previous: int | None = None
        for year, value in sorted(s.points, key=lambda p: p[0]):
            if value is None or not math.isfinite(value):
                if segment:
                    segments.append(segment)
                segment, previous = [], None
                continue
            if previous is not None and any(previous < b <= year for b in break_set):
                segments.append(segment)
                segment = []
            segment.append((year, value))
            previous = year
        if segment:
            segments.append(segment)
        for seg in segments:
            if len(seg) > 1:
                pts = " ".join(f"{px(y):.1f},{py(v):.1f}" for y, v in seg)
                out.append(
                    f'<polyline points="{pts}" fill="none" stroke="{colour}" '
                    f'stroke-width="2.5"{dash_attr}/>'
                )
            if not s.markers:
                continue
            for year, value in seg:
                # data-* name the point for tests and scripts; the text alternative of the
                # chart is its description and the table beside it.
                extra = f' class="point" data-series="{number}" data-year="{year}" data-value="{value!r}"'
                marker_marks.append(_marker(marker, px(year), py(value), colour, extra))
    out.extend(marker_marks)
    out.append("</svg>")
    return "".join(out)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    unit: str = "",
    reference: float | None = None,
    reference_label: str = "",
    maximum: float | None = None,
    width: int = 480,
    fmt: Callable[[float], str] = format_number,
    empty_text: str = "geen cijfer",
) -> str:
    """Horizontal bars from 0, each with its label above it and its value after it."""
    row_h, top, left, right = 46.0, 12.0, 8.0, 170.0
    height = int(top + row_h * max(len(bars), 1) + 24)
    out = _open_svg(chart_id, width, height, title, description)
    values = [b.value for b in bars if b.value is not None and math.isfinite(b.value)]
    high = max([*values, reference or 0.0, maximum or 0.0, 0.0])
    low = min([*values, 0.0])
    ticks = nice_ticks(low, high if high > low else low + 1, 5)
    lo, hi = ticks[0], ticks[-1]
    plot_w = width - left - right

    def px(value: float) -> float:
        return left + (value - lo) / ((hi - lo) or 1.0) * plot_w

    zero = px(0.0)
    # With a reference line (the index's 100) the value goes into the label row above its
    # bar, and the line is drawn only beside the bars: no text crosses it.
    value_in_label_row = reference is not None
    for i, bar in enumerate(bars):
        y = top + i * row_h
        colour = _style(bar.style)[0]
        label = bar.label
        if value_in_label_row and bar.value is not None and math.isfinite(bar.value):
            label += ": " + fmt(bar.value) + (f" {unit}" if unit else "")
            if bar.note:
                label += f" ({bar.note})"
        out.append(
            f'<text x="{left:.1f}" y="{y + 13:.1f}" font-size="14" fill="{_INK}" {_FONT}>'
            f"{escape(label)}</text>"
        )
        if bar.value is None or not math.isfinite(bar.value):
            out.append(
                f'<text x="{left:.1f}" y="{y + 33:.1f}" font-size="14" fill="{_INK}" '
                f"{_FONT}>{escape(bar.note or empty_text)}</text>"
            )
            continue
        x = px(bar.value)
        x0, x1 = min(zero, x), max(zero, x)
        out.append(
            f'<rect x="{x0:.1f}" y="{y + 19:.1f}" width="{max(x1 - x0, 1):.1f}" height="18" '
            f'fill="{colour}"/>'
        )
        if value_in_label_row:
            continue
        label = fmt(bar.value) + (f" {unit}" if unit else "")
        if bar.note:
            label += f" ({bar.note})"
        out.append(
            f'<text x="{x1 + 6:.1f}" y="{y + 33:.1f}" font-size="14" fill="{_INK}" {_FONT}>'
            f"{escape(label)}</text>"
        )
    base = top + row_h * max(len(bars), 1)
    out.append(
        f'<line x1="{zero:.1f}" y1="{top + 16:.1f}" x2="{zero:.1f}" y2="{base:.1f}" '
        f'stroke="{_INK}" stroke-width="1"/>'
    )
    if reference is not None:
        x = px(reference)
        for i in range(max(len(bars), 1)):
            y = top + i * row_h
            out.append(
                f'<line x1="{x:.1f}" y1="{y + 18:.1f}" x2="{x:.1f}" y2="{y + 38:.1f}" '
                f'stroke="{_INK}" stroke-width="1.5" stroke-dasharray="3 3" class="reference"/>'
            )
        if reference_label:
            out.append(
                f'<text x="{x:.1f}" y="{base + 16:.1f}" text-anchor="middle" font-size="13" '
                f'fill="{_INK}" {_FONT}>{escape(reference_label)}</text>'
            )
    out.append("</svg>")
    return "".join(out)
