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
   theme score is that part; a theme with no indicator scores has no score.

3. Index score: the weighted mean of the scores of its themes that have a score (theme
   weights, default 1, renormalised over the themes present). Themes without a score are
   omitted from the mean, not counted as 0 or 100. An index with no theme score has no
   score.

4. Completeness: per index and over all three, the share of configured indicators that
   got a score (``scored / configured``), also the list of themes without a score.

5. Bands, on the unrounded score:

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
    "leefbaarometer_class",
    "leefbaarometer_class_for_score",
    "reference_from_values",
    "references_for_base_year",
    "score_indicator",
]


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
    """

    indicators: Sequence[Indicator]
    base_year: int
    scaling: Scaling = Scaling.Z_SCORE
    points_per_sd: float = 10.0
    theme_weights: Mapping[str, float] = field(default_factory=dict)
    objective_weight: float = 0.5

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


@dataclass(frozen=True)
class IndicatorScore:
    indicator: Indicator
    value: float
    score: float


@dataclass(frozen=True)
class ThemeScore:
    domain: Domain
    theme: str
    weight: float
    objective: float | None
    subjective: float | None
    score: float | None
    indicators: tuple[IndicatorScore, ...]

    @property
    def band(self) -> Band | None:
        return None if self.score is None else band_for(self.score)


@dataclass(frozen=True)
class DomainIndex:
    domain: Domain
    score: float | None
    themes: tuple[ThemeScore, ...]
    indicators_scored: int
    indicators_total: int

    @property
    def band(self) -> Band | None:
        return None if self.score is None else band_for(self.score)

    @property
    def completeness(self) -> float:
        """Share (0..1) of configured indicators that got a score."""
        return self.indicators_scored / self.indicators_total if self.indicators_total else 0.0

    @property
    def missing_themes(self) -> tuple[str, ...]:
        return tuple(t.theme for t in self.themes if t.score is None)


@dataclass(frozen=True)
class AreaIndex:
    physical: DomainIndex
    safety: DomainIndex
    social: DomainIndex
    unscored: tuple[str, ...]
    """Indicator codes that had a value but no usable base-year reference."""

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


def compute_index(
    config: IndexConfig,
    values: Mapping[str, float | None],
    references: Mapping[str, Reference],
) -> AreaIndex:
    """The three indices of one area in one year.

    ``values``: indicator code -> the area's value (``None`` or absent = missing; codes
    not in the configuration are ignored). ``references``: indicator code -> city
    reference in ``config.base_year`` (see :func:`references_for_base_year`).
    """
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
        scored[ind.code] = IndicatorScore(ind, value, score)

    domains: list[DomainIndex] = []
    for domain in Domain:
        themes: list[ThemeScore] = []
        total = 0
        for theme in config.themes(domain):
            members = [i for i in config.indicators if i.domain is domain and i.theme == theme]
            total += len(members)
            present = [scored[i.code] for i in members if i.code in scored]
            parts: dict[Part, float | None] = {}
            for part in Part:
                parts[part] = _weighted_mean(
                    [(s.score, s.indicator.weight) for s in present if s.indicator.part is part]
                )
            obj, subj = parts[Part.OBJECTIVE], parts[Part.SUBJECTIVE]
            if obj is not None and subj is not None:
                theme_score: float | None = (
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
                )
            )
        index_score = _weighted_mean([(t.score, t.weight) for t in themes if t.score is not None])
        domains.append(
            DomainIndex(
                domain=domain,
                score=index_score,
                themes=tuple(themes),
                indicators_scored=sum(len(t.indicators) for t in themes),
                indicators_total=total,
            )
        )
    return AreaIndex(
        physical=domains[0], safety=domains[1], social=domains[2], unscored=tuple(unscored)
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
