"""Progress of testable goals against their target (the "Check" of plan-do-check-act).

Pure functions, no Django.

A :class:`Goal` has an indicator direction (higher or lower is better), a baseline value
and year, a target value and year, and observations ``{year: value}``.

:func:`assess` evaluates a goal *as of* a reporting year ``as_of`` (default: the year of
the latest observation). Observations before the baseline year or after ``as_of`` are
ignored. A *measurement* is an observation from a year after the baseline year: the
baseline year's own figure is the baseline (the nulmeting), not progress, so it never
makes a light green, amber or red. With ``B``/``T`` the baseline/target values,
``yB``/``yT`` their years, ``D = T - B`` the planned distance, ``y`` the latest
measurement year and ``x`` its value:

* expected value on the straight line::

      E(y) = B + D * clamp((y - yB) / (yT - yB), 0, 1)

  (``E = T`` once the target year is reached; when ``yT == yB`` the line is ``T``);
* percent achieved = ``(x - B) / D * 100`` (may be below 0 or above 100; ``None`` when
  ``B == T``);
* gap = ``x - E(y)`` counted in the good direction of the indicator (positive = ahead of
  the line); target met = ``x`` at least as good as ``T``;
* movement: *toward* the target when ``x`` moved from ``B`` in the direction of ``T``,
  *away* when it moved the other way, *none* when ``x == B``. For a goal with ``B == T``
  (hold the level) a value worse than ``T`` counts as moving away;
* tolerance = ``tolerance * |D|`` (default 10 % of the baseline-to-target distance).

Traffic light, first rule that applies:

1. grey - no measurement, i.e. no observation after the baseline year up to ``as_of``
   (a goal with only its baseline figure is grey, however good that figure is);
2. green - target met, or on or ahead of the line (gap >= 0);
3. red - moving away from the target, or behind the line by more than the tolerance;
4. amber - behind the line, but not moving away and within the tolerance.

``no_recent_data`` is set when no observation falls in the most recent period, the
``recent_years`` years up to and including ``as_of`` (the baseline year's figure counts
here: a baseline measured last year is recent). ``target_year_passed`` is set
when ``as_of > yT``. Comparisons use a tiny relative epsilon (1e-9) so that floating
point noise does not flip a light.

:func:`summarise` gives the plan-level counts per light and the share on track: green
goals as a share of the goals *with a measurement* (grey goals are left out of the
share and counted separately, so "op koers: 100%" can never rest on baselines alone).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "DEFAULT_RECENT_YEARS",
    "DEFAULT_TOLERANCE",
    "Direction",
    "Goal",
    "GoalProgress",
    "Light",
    "Movement",
    "PlanProgress",
    "PlanSummary",
    "ProgressError",
    "assess",
    "assess_plan",
    "expected_value",
    "summarise",
]

#: Default amber tolerance: 10 % of the baseline-to-target distance.
DEFAULT_TOLERANCE = 0.10
#: Default length of the "most recent period" in years.
DEFAULT_RECENT_YEARS = 2


class ProgressError(ValueError):
    """Invalid goal or parameter; ``field`` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"

    @property
    def sign(self) -> int:
        return 1 if self is Direction.HIGHER_IS_BETTER else -1


class Light(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    GREY = "grey"

    @property
    def label_nl(self) -> str:
        return _LIGHT_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _LIGHT_LABELS[self][1]


_LIGHT_LABELS: dict[Light, tuple[str, str]] = {
    Light.GREEN: ("op koers", "on track"),
    Light.AMBER: ("let op", "needs attention"),
    Light.RED: ("uit koers", "off track"),
    Light.GREY: ("nog geen meting", "no measurement yet"),
}


class Movement(StrEnum):
    TOWARD = "toward"
    NONE = "none"
    AWAY = "away"


def _finite(value: float, name: str) -> None:
    if not math.isfinite(value):
        raise ProgressError(name, "must be a finite number")


@dataclass(frozen=True)
class Goal:
    direction: Direction
    baseline_value: float
    baseline_year: int
    target_value: float
    target_year: int
    observations: Mapping[int, float] = field(default_factory=dict)
    code: str = ""
    label: str = ""

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "direction", Direction(self.direction))
        except ValueError:
            raise ProgressError("direction", "must be 'higher' or 'lower'") from None
        _finite(self.baseline_value, "baseline_value")
        _finite(self.target_value, "target_value")
        if self.target_year < self.baseline_year:
            raise ProgressError("target_year", "must not be before the baseline year")
        for year, value in self.observations.items():
            _finite(value, f"observations[{year}]")
        object.__setattr__(self, "observations", dict(sorted(self.observations.items())))

    @property
    def distance(self) -> float:
        """Planned change ``target - baseline``."""
        return self.target_value - self.baseline_value


def expected_value(goal: Goal, year: int) -> float:
    """Value on the straight line from baseline to target in ``year`` (clamped)."""
    span = goal.target_year - goal.baseline_year
    if span == 0:
        fraction = 0.0 if year < goal.baseline_year else 1.0
    else:
        fraction = min(max((year - goal.baseline_year) / span, 0.0), 1.0)
    return goal.baseline_value + goal.distance * fraction


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    as_of: int
    light: Light
    latest_year: int | None
    latest_value: float | None
    expected: float | None
    """Expected value on the line in ``latest_year``."""
    gap: float | None
    """``latest - expected`` in the good direction (positive = ahead of the line)."""
    percent_achieved: float | None
    expected_percent: float | None
    """Where the line is in ``latest_year``, in % of the way (time share, 0-100)."""
    target_met: bool
    target_year_passed: bool
    movement: Movement | None
    no_recent_data: bool

    @property
    def on_track(self) -> bool:
        return self.light is Light.GREEN

    @property
    def has_measurement(self) -> bool:
        """Whether there is a figure after the baseline year (else the light is grey)."""
        return self.latest_year is not None


def assess(
    goal: Goal,
    *,
    as_of: int | None = None,
    recent_years: int = DEFAULT_RECENT_YEARS,
    tolerance: float = DEFAULT_TOLERANCE,
) -> GoalProgress:
    """Assess one goal; see the module docstring for the rules."""
    if recent_years < 1:
        raise ProgressError("recent_years", "must be at least 1")
    _finite(tolerance, "tolerance")
    if tolerance < 0:
        raise ProgressError("tolerance", "must not be negative")

    known = {y: v for y, v in goal.observations.items() if y >= goal.baseline_year}
    if as_of is None:
        as_of = max(known) if known else goal.baseline_year
    known = {y: v for y, v in known.items() if y <= as_of}
    no_recent = not any(as_of - recent_years < y <= as_of for y in known)
    target_year_passed = as_of > goal.target_year
    # The baseline year's figure is the starting point, not a measurement of progress.
    measured = {y: v for y, v in known.items() if y > goal.baseline_year}

    if not measured:
        return GoalProgress(
            goal=goal,
            as_of=as_of,
            light=Light.GREY,
            latest_year=None,
            latest_value=None,
            expected=None,
            gap=None,
            percent_achieved=None,
            expected_percent=None,
            target_met=False,
            target_year_passed=target_year_passed,
            movement=None,
            no_recent_data=no_recent,
        )

    latest_year = max(measured)
    latest = measured[latest_year]
    sign = goal.direction.sign
    baseline, target, distance = goal.baseline_value, goal.target_value, goal.distance
    eps = 1e-9 * max(1.0, abs(baseline), abs(target), abs(latest))

    expected = expected_value(goal, latest_year)
    gap = sign * (latest - expected)
    target_met = sign * (latest - target) >= -eps

    if distance == 0:
        percent: float | None = None
        expected_percent: float | None = None
        moved = 0.0 if target_met else -1.0
    else:
        percent = (latest - baseline) / distance * 100
        expected_percent = (expected - baseline) / distance * 100
        moved = (latest - baseline) * (1.0 if distance > 0 else -1.0)
    if moved > eps:
        movement = Movement.TOWARD
    elif moved < -eps:
        movement = Movement.AWAY
    else:
        movement = Movement.NONE

    allowed = tolerance * abs(distance)
    if target_met or gap >= -eps:
        light = Light.GREEN
    elif movement is Movement.AWAY or gap < -allowed - eps:
        light = Light.RED
    else:
        light = Light.AMBER

    return GoalProgress(
        goal=goal,
        as_of=as_of,
        light=light,
        latest_year=latest_year,
        latest_value=latest,
        expected=expected,
        gap=gap,
        percent_achieved=percent,
        expected_percent=expected_percent,
        target_met=target_met,
        target_year_passed=target_year_passed,
        movement=movement,
        no_recent_data=no_recent,
    )


@dataclass(frozen=True)
class PlanSummary:
    total: int
    counts: Mapping[Light, int]
    """Number of goals per light; every light is present (0 when none)."""
    no_recent_data: int
    target_met: int

    @property
    def with_measurement(self) -> int:
        """Goals with a figure after their baseline year (every light but grey)."""
        return self.total - self.counts[Light.GREY]

    @property
    def without_measurement(self) -> int:
        """Goals with no figure after their baseline year yet (grey)."""
        return self.counts[Light.GREY]

    @property
    def with_data(self) -> int:
        """Alias of :attr:`with_measurement` (kept for callers of the old name)."""
        return self.with_measurement

    @property
    def on_track(self) -> int:
        return self.counts[Light.GREEN]

    @property
    def share_on_track(self) -> float | None:
        """Green goals as a share (0..1) of the goals with a measurement; ``None`` if none."""
        return self.on_track / self.with_measurement if self.with_measurement else None

    @property
    def share_on_track_of_all(self) -> float | None:
        """Green goals as a share (0..1) of all goals, grey ones included."""
        return self.on_track / self.total if self.total else None


def summarise(progress: Iterable[GoalProgress]) -> PlanSummary:
    """Plan-level counts per light and share on track."""
    items = list(progress)
    counts = dict.fromkeys(Light, 0)
    for p in items:
        counts[p.light] += 1
    return PlanSummary(
        total=len(items),
        counts=counts,
        no_recent_data=sum(1 for p in items if p.no_recent_data),
        target_met=sum(1 for p in items if p.target_met),
    )


@dataclass(frozen=True)
class PlanProgress:
    goals: tuple[GoalProgress, ...]
    summary: PlanSummary


def assess_plan(
    goals: Iterable[Goal],
    *,
    as_of: int | None = None,
    recent_years: int = DEFAULT_RECENT_YEARS,
    tolerance: float = DEFAULT_TOLERANCE,
) -> PlanProgress:
    """Assess every goal of a plan with the same parameters, plus the summary.

    Pass ``as_of`` for a plan report so that all goals are judged at the same year.
    """
    results = tuple(
        assess(g, as_of=as_of, recent_years=recent_years, tolerance=tolerance) for g in goals
    )
    return PlanProgress(goals=results, summary=summarise(results))
