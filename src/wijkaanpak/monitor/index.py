"""Composite neighbourhood index in the manner of the Rotterdam Wijkprofiel.

Pure functions, no Django.

Formula
=======

There are three indices: physical (``fysiek``), safety (``veiligheid``) and social
(``sociaal``). Each index is built from themes, each theme from indicators. An indicator
is either *objective* (registered data, e.g. burglaries per 1,000 homes) or *subjective*
(survey data, e.g. % of residents who feel unsafe), and is either higher-is-better or
lower-is-better. The reference is the city in the *base year* (configurable): in that
year the city scores 100 on every indicator.

1. Indicator score. With ``x`` the area's value, ``m`` the city mean and ``s`` the city
   standard deviation of the indicator in the base year, and ``d = +1`` for
   higher-is-better, ``d = -1`` for lower-is-better:

   * z-score scaling (default, the Rotterdam convention)::

         score = 100 + d * (x - m) / s * 10

     so one standard deviation better than the city average is 110, one worse is 90
     (the 10 points per standard deviation are configurable as ``points_per_sd``);

   * ratio scaling (alternative)::

         score = 100 + d * (x / m - 1) * 100

     i.e. ``x / m * 100`` for higher-is-better, mirrored around 100
     (``200 - x / m * 100``) for lower-is-better.

   ``m`` is the city-wide value (or, if none is given, the mean over the areas) and
   ``s`` the standard deviation over the areas (population SD by default). An indicator
   without a value, or whose base-year reference is missing or unusable (``s = 0`` or
   missing for z-scores, ``m = 0`` for ratios), is left out and counted as missing.

2. Theme score. Within a theme the objective and the subjective indicators each form a
   part; a part score is the weighted mean of its indicator scores (indicator weights,
   default 1). Where both parts exist::

       theme = w * objective + (1 - w) * subjective        (w = 0.5 by default)

   so registered and survey data weigh equally; where only one part has scores, the
   theme score is that part; a theme with no indicator scores has no score (see 4 for
   the minimum coverage).

3. Index score: the weighted mean of the scores of its themes (theme weights, default 1).

4. Coverage and the minimum below which there is no score. Coverage of a theme or an
   index is ``indicators with a score / indicators configured`` (an indicator with a
   value but no usable base-year reference has no score). A theme gets a score only when
   its coverage is at least ``min_coverage`` (default :data:`DEFAULT_MIN_COVERAGE` = 0.5,
   i.e. at least half of its indicators); an index gets a score, and so a band, only when
   its own coverage is at least ``min_coverage`` *and* every one of its themes has a score.
   Below that the result says how many figures there are ("onvoldoende cijfers: 2 van
   10") instead of a score.

   Why half, and why every theme: a score is presented as "how this area does on
   physical / social / safety"; when most of its indicators are missing it says more
   about which figures happened to be published than about the area (in the Utrecht kwb
   2023 file only 2 of the 10 social indicators of the original default had a value, and
   nine of ten districts read "rond gemiddeld" while Overvecht's social-assistance rate
   was 2.7 times the city's). Dropping a whole theme silently changes what an index
   measures (a social index without its income theme is a different index), so an index
   needs all its themes. "At least half" is the lowest share at which the known
   indicators are not outnumbered by the missing ones, and it still lets a theme of two
   indicators count with one of them; it is a documented choice, not a statistical law,
   and ``min_coverage`` can be raised per configuration.

5. The year of each value. :func:`compute_index_for_year` scores an area for an *index
   year* ``Y`` with, per indicator, the latest value from the years ``Y - window_years``
   up to ``Y`` (default :data:`DEFAULT_WINDOW_YEARS` = 2). CBS publishes "Kerncijfers
   wijken en buurten" in releases: the first release of a year has only population
   figures (the 2024 Utrecht file: every other theme is "."), the other themes follow in
   later releases, so the newest complete picture of an area mixes years; two years
   bridges one missing release, and the Rotterdam Wijkprofiel itself is renewed every two
   years. A value older than the window is not used (the area
   may have changed since). Every :class:`IndicatorScore` keeps the year its value is
   from, so a page can say so.

6. Bands, on the unrounded score (only for a score, so never below the minimum coverage):

   ============  ===================  ==============
   code          label (nl)           meaning
   ============  ===================  ==============
   far_below     ver onder gemiddeld  problematic     score < 70
   below         onder gemiddeld      attention       70 <= score < 90
   around        rond gemiddeld       average         90 <= score <= 110
   above         boven gemiddeld      favourable      score > 110
   ============  ===================  ==============

Leefbaarometer. :func:`leefbaarometer_class` maps a Leefbaarometer class number
(1-9) or Dutch label to its class with Dutch and English labels;
:func:`leefbaarometer_class_for_score` maps a score to a class given the eight class
boundaries of the Leefbaarometer edition in use (they are published per edition and
are not hard-coded here).
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from wijkaanpak.monitor.progress import Direction

__all__ = [
    "DEFAULT_MIN_COVERAGE",
    "DEFAULT_WINDOW_YEARS",
    "LEEFBAAROMETER_CLASSES",
    "AreaIndex",
    "Band",
    "Direction",
    "Domain",
    "DomainIndex",
    "IndexConfig",
    "Indicator",
    "IndicatorScore",
    "LeefbaarometerClass",
    "MonitorIndexError",
    "Part",
    "Reference",
    "Scaling",
    "ThemeScore",
    "band_for",
    "compute_index",
    "compute_index_for_year",
    "latest_within_window",
    "leefbaarometer_class",
    "leefbaarometer_class_for_score",
    "reference_from_values",
    "references_for_base_year",
    "score_indicator",
]


#: Minimum share of a theme's (and an index's) indicators with a score; see the docstring.
DEFAULT_MIN_COVERAGE = 0.5
#: A value may be at most this many years older than the index year; see the docstring.
DEFAULT_WINDOW_YEARS = 2


class MonitorIndexError(ValueError):
    """Invalid index configuration or input; ``field`` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class Domain(StrEnum):
    PHYSICAL = "fysiek"
    SAFETY = "veiligheid"
    SOCIAL = "sociaal"

    @property
    def label_nl(self) -> str:
        return _DOMAIN_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _DOMAIN_LABELS[self][1]


_DOMAIN_LABELS: dict[Domain, tuple[str, str]] = {
    Domain.PHYSICAL: ("fysieke index", "physical index"),
    Domain.SAFETY: ("veiligheidsindex", "safety index"),
    Domain.SOCIAL: ("sociale index", "social index"),
}


class Part(StrEnum):
    OBJECTIVE = "objectief"
    SUBJECTIVE = "subjectief"


OBJ = Part.OBJECTIVE
SUBJ = Part.SUBJECTIVE


class Scaling(StrEnum):
    Z_SCORE = "zscore"
    RATIO = "ratio"


class Band(StrEnum):
    FAR_BELOW = "far_below"
    BELOW = "below"
    AROUND = "around"
    ABOVE = "above"

    @property
    def label_nl(self) -> str:
        return _BAND_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _BAND_LABELS[self][1]

    @property
    def meaning(self) -> str:
        """``problematic`` / ``attention`` / ``average`` / ``favourable``."""
        return _BAND_LABELS[self][2]


_BAND_LABELS: dict[Band, tuple[str, str, str]] = {
    Band.FAR_BELOW: ("ver onder gemiddeld", "far below average", "problematic"),
    Band.BELOW: ("onder gemiddeld", "below average", "attention"),
    Band.AROUND: ("rond gemiddeld", "around average", "average"),
    Band.ABOVE: ("boven gemiddeld", "above average", "favourable"),
}


def band_for(score: float) -> Band:
    """Band of an (unrounded) score: <70, [70, 90), [90, 110], >110."""
    if score < 70:
        return Band.FAR_BELOW
    if score < 90:
        return Band.BELOW
    if score <= 110:
        return Band.AROUND
    return Band.ABOVE


@dataclass(frozen=True)
class Indicator:
    """One indicator of the index configuration."""

    code: str
    domain: Domain
    theme: str
    part: Part
    direction: Direction = Direction.HIGHER_IS_BETTER
    weight: float = 1.0
    label: str = ""

    def __post_init__(self) -> None:
        if not self.code:
            raise MonitorIndexError("code", "must not be empty")
        if not self.theme:
            raise MonitorIndexError("theme", f"indicator {self.code}: must not be empty")
        if not (math.isfinite(self.weight) and self.weight > 0):
            raise MonitorIndexError("weight", f"indicator {self.code}: must be positive")
        object.__setattr__(self, "domain", Domain(self.domain))
        object.__setattr__(self, "part", Part(self.part))
        object.__setattr__(self, "direction", Direction(self.direction))


@dataclass(frozen=True)
class Reference:
    """City reference for one indicator in the base year."""

    mean: float
    sd: float | None = None


def reference_from_values(
    values: Iterable[float | None], *, city_value: float | None = None, ddof: int = 0
) -> Reference:
    """Reference from the base-year values of all areas of the city.

    ``mean`` is ``city_value`` when given (the city-wide figure), else the mean of the
    values; ``sd`` is their population (``ddof=0``) or sample (``ddof=1``) standard
    deviation, ``None`` when there are too few values.
    """
    vals = [v for v in values if v is not None and math.isfinite(v)]
    if ddof not in (0, 1):
        raise MonitorIndexError("ddof", "must be 0 or 1")
    if city_value is None and not vals:
        raise MonitorIndexError("values", "need at least one value or a city_value")
    mean = city_value if city_value is not None else statistics.fmean(vals)
    sd: float | None
    if len(vals) > ddof:  # pstdev needs 1 value, stdev 2
        sd = statistics.pstdev(vals) if ddof == 0 else statistics.stdev(vals)
    else:
        sd = None
    return Reference(mean=mean, sd=sd)


def references_for_base_year(
    rows: Iterable[tuple[str, str, int, float | None]],
    base_year: int,
    *,
    city_values: Mapping[str, float] | None = None,
    ddof: int = 0,
) -> dict[str, Reference]:
    """References from flat ``(area, indicator, year, value)`` rows of all city areas.

    Only rows of ``base_year`` are used; ``city_values`` (indicator -> city-wide value in
    the base year) overrides the mean over the areas.
    """
    grouped: dict[str, list[float]] = {}
    for _area, code, year, value in rows:
        if year == base_year and value is not None and math.isfinite(value):
            grouped.setdefault(code, []).append(value)
    city = city_values or {}
    return {
        code: reference_from_values(vals, city_value=city.get(code), ddof=ddof)
        for code, vals in grouped.items()
    }


def score_indicator(
    value: float,
    reference: Reference,
    direction: Direction = Direction.HIGHER_IS_BETTER,
    scaling: Scaling = Scaling.Z_SCORE,
    *,
    points_per_sd: float = 10.0,
) -> float:
    """Score of one value against the base-year city reference (see module docstring)."""
    d = 1.0 if Direction(direction) is Direction.HIGHER_IS_BETTER else -1.0
    if Scaling(scaling) is Scaling.Z_SCORE:
        if reference.sd is None or not reference.sd > 0:
            raise MonitorIndexError("sd", "z-score scaling needs a positive standard deviation")
        return 100.0 + d * (value - reference.mean) / reference.sd * points_per_sd
    if reference.mean == 0:
        raise MonitorIndexError("mean", "ratio scaling needs a non-zero city mean")
    return 100.0 + d * (value / reference.mean - 1.0) * 100.0


@dataclass(frozen=True)
class IndexConfig:
    """Configuration: indicators, base year, scaling and weights.

    ``theme_weights`` is keyed by theme name (default weight 1); a theme name may be used
    in one domain only. ``objective_weight`` is the weight of the objective part of a
    theme when both parts have scores (the subjective part gets the rest).
    ``min_coverage`` and ``window_years``: see points 4 and 5 of the module docstring.
    """

    indicators: Sequence[Indicator]
    base_year: int
    scaling: Scaling = Scaling.Z_SCORE
    points_per_sd: float = 10.0
    theme_weights: Mapping[str, float] = field(default_factory=dict)
    objective_weight: float = 0.5
    min_coverage: float = DEFAULT_MIN_COVERAGE
    window_years: int = DEFAULT_WINDOW_YEARS

    def __post_init__(self) -> None:
        object.__setattr__(self, "indicators", tuple(self.indicators))
        object.__setattr__(self, "theme_weights", dict(self.theme_weights))
        try:
            object.__setattr__(self, "scaling", Scaling(self.scaling))
        except ValueError:
            raise MonitorIndexError("scaling", "must be 'zscore' or 'ratio'") from None
        if not (math.isfinite(self.points_per_sd) and self.points_per_sd > 0):
            raise MonitorIndexError("points_per_sd", "must be positive")
        if not 0 < self.objective_weight < 1:
            raise MonitorIndexError("objective_weight", "must be between 0 and 1 (exclusive)")
        if not (math.isfinite(self.min_coverage) and 0 < self.min_coverage <= 1):
            raise MonitorIndexError("min_coverage", "must be above 0 and at most 1")
        if isinstance(self.window_years, bool) or not (
            isinstance(self.window_years, int) and self.window_years >= 0
        ):
            raise MonitorIndexError("window_years", "must be a whole number of years, 0 or more")
        seen_codes: set[str] = set()
        theme_domain: dict[str, Domain] = {}
        for ind in self.indicators:
            if ind.code in seen_codes:
                raise MonitorIndexError("indicators", f"duplicate indicator code {ind.code}")
            seen_codes.add(ind.code)
            known = theme_domain.setdefault(ind.theme, ind.domain)
            if known is not ind.domain:
                raise MonitorIndexError(
                    "indicators", f"theme {ind.theme} is used in both {known} and {ind.domain}"
                )
        for theme, weight in self.theme_weights.items():
            if theme not in theme_domain:
                raise MonitorIndexError("theme_weights", f"unknown theme {theme}")
            if not (math.isfinite(weight) and weight > 0):
                raise MonitorIndexError("theme_weights", f"weight of {theme} must be positive")

    def themes(self, domain: Domain) -> list[str]:
        """Themes of a domain in configuration order."""
        out: list[str] = []
        for ind in self.indicators:
            if ind.domain is domain and ind.theme not in out:
                out.append(ind.theme)
        return out

    def covers(self, scored: int, total: int) -> bool:
        """Whether ``scored`` of ``total`` indicators meet the minimum coverage."""
        # A tiny tolerance so that 0.5 * 6 = 3.0000000000000004 does not refuse 3 of 6.
        return total > 0 and scored >= self.min_coverage * total - 1e-9


@dataclass(frozen=True)
class IndicatorScore:
    indicator: Indicator
    value: float
    score: float
    year: int | None = None
    """The year the value is from (``None`` when the caller did not say)."""


@dataclass(frozen=True)
class ThemeScore:
    domain: Domain
    theme: str
    weight: float
    objective: float | None
    subjective: float | None
    score: float | None
    """``None`` without indicator scores or below the minimum coverage."""
    indicators: tuple[IndicatorScore, ...]
    missing: tuple[Indicator, ...] = ()
    """Configured indicators of the theme without a score (no value, or no reference)."""
    sufficient: bool = True
    """Whether the theme meets the minimum coverage (then it has a score)."""

    @property
    def band(self) -> Band | None:
        return None if self.score is None else band_for(self.score)

    @property
    def indicators_scored(self) -> int:
        return len(self.indicators)

    @property
    def indicators_total(self) -> int:
        return len(self.indicators) + len(self.missing)

    @property
    def coverage(self) -> float:
        """Share (0..1) of the theme's indicators with a score."""
        total = self.indicators_total
        return self.indicators_scored / total if total else 0.0


@dataclass(frozen=True)
class DomainIndex:
    domain: Domain
    score: float | None
    """``None`` when the index does not meet the minimum coverage (see the docstring)."""
    themes: tuple[ThemeScore, ...]
    indicators_scored: int
    indicators_total: int
    sufficient: bool = True

    @property
    def band(self) -> Band | None:
        return None if self.score is None else band_for(self.score)

    @property
    def completeness(self) -> float:
        """Share (0..1) of configured indicators that got a score."""
        return self.indicators_scored / self.indicators_total if self.indicators_total else 0.0

    coverage = completeness

    @property
    def missing_themes(self) -> tuple[str, ...]:
        """Themes without a score (no indicator scores, or below the minimum coverage)."""
        return tuple(t.theme for t in self.themes if t.score is None)

    @property
    def years(self) -> tuple[int, ...]:
        """The distinct years of the values used, ascending."""
        return tuple(
            sorted({s.year for t in self.themes for s in t.indicators if s.year is not None})
        )


@dataclass(frozen=True)
class AreaIndex:
    physical: DomainIndex
    safety: DomainIndex
    social: DomainIndex
    unscored: tuple[str, ...]
    """Indicator codes that had a value but no usable base-year reference."""
    year: int | None = None
    """The index year (see :func:`compute_index_for_year`); ``None`` when not given."""

    @property
    def domains(self) -> tuple[DomainIndex, DomainIndex, DomainIndex]:
        return (self.physical, self.safety, self.social)

    def __getitem__(self, domain: Domain | str) -> DomainIndex:
        return {d.domain: d for d in self.domains}[Domain(domain)]

    @property
    def completeness(self) -> float:
        """Share (0..1) of all configured indicators that got a score."""
        total = sum(d.indicators_total for d in self.domains)
        return sum(d.indicators_scored for d in self.domains) / total if total else 0.0


def _weighted_mean(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Weighted mean of ``(value, weight)`` pairs; ``None`` when empty."""
    total_weight = math.fsum(w for _, w in pairs)
    if not pairs or total_weight == 0:
        return None
    return math.fsum(v * w for v, w in pairs) / total_weight


def latest_within_window(
    series: Mapping[str, Mapping[int, float | None]], year: int, window_years: int
) -> dict[str, tuple[int, float]]:
    """Per indicator the latest finite value from ``year - window_years`` up to ``year``.

    ``series``: indicator code -> {year: value}. Returns code -> ``(year, value)``;
    an indicator without such a value is absent.
    """
    if window_years < 0:
        raise MonitorIndexError("window_years", "must be 0 or more")
    out: dict[str, tuple[int, float]] = {}
    for code, by_year in series.items():
        usable = [
            y
            for y, v in by_year.items()
            if year - window_years <= y <= year and v is not None and math.isfinite(v)
        ]
        if usable:
            latest = max(usable)
            value = by_year[latest]
            assert value is not None  # filtered above
            out[code] = (latest, value)
    return out


def compute_index_for_year(
    config: IndexConfig,
    series: Mapping[str, Mapping[int, float | None]],
    references: Mapping[str, Reference],
    year: int,
) -> AreaIndex:
    """The three indices of one area for index year ``year``, each indicator with its
    latest value within ``config.window_years`` (see point 5 of the module docstring)."""
    chosen = latest_within_window(series, year, config.window_years)
    return compute_index(
        config,
        {code: value for code, (_y, value) in chosen.items()},
        references,
        years={code: y for code, (y, _v) in chosen.items()},
        year=year,
    )


def compute_index(
    config: IndexConfig,
    values: Mapping[str, float | None],
    references: Mapping[str, Reference],
    *,
    years: Mapping[str, int] | None = None,
    year: int | None = None,
) -> AreaIndex:
    """The three indices of one area from one value per indicator.

    ``values``: indicator code -> the area's value (``None`` or absent = missing; codes
    not in the configuration are ignored). ``references``: indicator code -> city
    reference in ``config.base_year`` (see :func:`references_for_base_year`). ``years``
    (optional): indicator code -> the year its value is from; ``year``: the index year.
    A theme or an index below ``config.min_coverage`` gets no score (module docstring, 4).
    """
    years = years or {}
    unscored: list[str] = []
    scored: dict[str, IndicatorScore] = {}
    for ind in config.indicators:
        value = values.get(ind.code)
        if value is None or not math.isfinite(value):
            continue
        ref = references.get(ind.code)
        if ref is None:
            unscored.append(ind.code)
            continue
        try:
            score = score_indicator(
                value, ref, ind.direction, config.scaling, points_per_sd=config.points_per_sd
            )
        except MonitorIndexError:
            unscored.append(ind.code)
            continue
        scored[ind.code] = IndicatorScore(ind, value, score, years.get(ind.code))

    domains: list[DomainIndex] = []
    for domain in Domain:
        themes: list[ThemeScore] = []
        total = 0
        for theme in config.themes(domain):
            members = [i for i in config.indicators if i.domain is domain and i.theme == theme]
            total += len(members)
            present = [scored[i.code] for i in members if i.code in scored]
            missing = tuple(i for i in members if i.code not in scored)
            sufficient = config.covers(len(present), len(members))
            obj: float | None = None
            subj: float | None = None
            theme_score: float | None = None
            if sufficient:
                obj = _weighted_mean(
                    [(s.score, s.indicator.weight) for s in present if s.indicator.part is OBJ]
                )
                subj = _weighted_mean(
                    [(s.score, s.indicator.weight) for s in present if s.indicator.part is SUBJ]
                )
                if obj is not None and subj is not None:
                    theme_score = (
                        config.objective_weight * obj + (1 - config.objective_weight) * subj
                    )
                else:
                    theme_score = obj if obj is not None else subj
            themes.append(
                ThemeScore(
                    domain=domain,
                    theme=theme,
                    weight=config.theme_weights.get(theme, 1.0),
                    objective=obj,
                    subjective=subj,
                    score=theme_score,
                    indicators=tuple(present),
                    missing=missing,
                    sufficient=sufficient,
                )
            )
        n_scored = sum(len(t.indicators) for t in themes)
        domain_ok = config.covers(n_scored, total) and all(t.score is not None for t in themes)
        index_score = (
            _weighted_mean([(t.score, t.weight) for t in themes if t.score is not None])
            if domain_ok
            else None
        )
        domains.append(
            DomainIndex(
                domain=domain,
                score=index_score,
                themes=tuple(themes),
                indicators_scored=n_scored,
                indicators_total=total,
                sufficient=domain_ok,
            )
        )
    return AreaIndex(
        physical=domains[0],
        safety=domains[1],
        social=domains[2],
        unscored=tuple(unscored),
        year=year,
    )


# ------------------------------------------------------------------------ Leefbaarometer


@dataclass(frozen=True)
class LeefbaarometerClass:
    number: int
    label_nl: str
    label_en: str

    @property
    def code(self) -> str:
        """Slug of the Dutch label, e.g. ``ruim_onvoldoende``."""
        return self.label_nl.replace(" ", "_")


LEEFBAAROMETER_CLASSES: tuple[LeefbaarometerClass, ...] = (
    LeefbaarometerClass(1, "zeer onvoldoende", "very insufficient"),
    LeefbaarometerClass(2, "ruim onvoldoende", "highly insufficient"),
    LeefbaarometerClass(3, "onvoldoende", "insufficient"),
    LeefbaarometerClass(4, "zwak", "weak"),
    LeefbaarometerClass(5, "voldoende", "sufficient"),
    LeefbaarometerClass(6, "ruim voldoende", "more than sufficient"),
    LeefbaarometerClass(7, "goed", "good"),
    LeefbaarometerClass(8, "zeer goed", "very good"),
    LeefbaarometerClass(9, "uitstekend", "excellent"),
)


def leefbaarometer_class(value: int | float | str) -> LeefbaarometerClass:
    """Class 1-9 from its number (``7``, ``7.0``, ``"7"``) or Dutch label (``"goed"``)."""
    if isinstance(value, str):
        text = value.strip().lower().replace("_", " ")
        for cls in LEEFBAAROMETER_CLASSES:
            if text == cls.label_nl:
                return cls
        try:
            value = float(text)
        except ValueError:
            raise MonitorIndexError("leefbaarometer", f"unknown class {value!r}") from None
    if isinstance(value, bool) or not float(value).is_integer() or not 1 <= value <= 9:
        raise MonitorIndexError(
            "leefbaarometer", f"class must be a whole number 1-9, got {value!r}"
        )
    return LEEFBAAROMETER_CLASSES[int(value) - 1]


def leefbaarometer_class_for_score(
    score: float, boundaries: Sequence[float]
) -> LeefbaarometerClass:
    """Class of a Leefbaarometer score given the edition's eight ascending lower boundaries.

    ``boundaries[k]`` is the lowest score of class ``k + 2``: a score below
    ``boundaries[0]`` is class 1, a score ``>= boundaries[7]`` is class 9.
    """
    if len(boundaries) != 8:
        raise MonitorIndexError("boundaries", "need exactly 8 class boundaries")
    if any(b >= c for b, c in itertools.pairwise(boundaries)):
        raise MonitorIndexError("boundaries", "must be strictly ascending")
    if not math.isfinite(score):
        raise MonitorIndexError("score", "must be a finite number")
    number = 1 + sum(1 for b in boundaries if score >= b)
    return LEEFBAAROMETER_CLASSES[number - 1]
