"""Tests for the composite neighbourhood index; every expected number is worked out below."""

from __future__ import annotations

import math

import pytest

from wijkaanpak.monitor.index import (
    DEFAULT_MIN_COVERAGE,
    DEFAULT_WINDOW_YEARS,
    LEEFBAAROMETER_CLASSES,
    Band,
    Direction,
    Domain,
    IndexConfig,
    Indicator,
    MonitorIndexError,
    Part,
    Reference,
    Scaling,
    band_for,
    compute_index,
    compute_index_for_year,
    latest_within_window,
    leefbaarometer_class,
    leefbaarometer_class_for_score,
    reference_from_values,
    references_for_base_year,
    score_indicator,
)

HIGHER = Direction.HIGHER_IS_BETTER
LOWER = Direction.LOWER_IS_BETTER
OBJ = Part.OBJECTIVE
SUBJ = Part.SUBJECTIVE

INDICATORS = [
    # physical: theme "woning" has both parts, "openbare ruimte" only a survey part,
    # "voorzieningen" gets no value in the example
    Indicator("o1", Domain.PHYSICAL, "woning", OBJ, HIGHER),  # e.g. % good-quality homes
    Indicator("o2", Domain.PHYSICAL, "woning", OBJ, LOWER),  # e.g. % overcrowded homes
    Indicator("s1", Domain.PHYSICAL, "woning", SUBJ, HIGHER),  # e.g. mark for own home
    Indicator("s2", Domain.PHYSICAL, "openbare ruimte", SUBJ, HIGHER),
    Indicator("o4", Domain.PHYSICAL, "voorzieningen", OBJ, HIGHER),
    # safety
    Indicator("o3", Domain.SAFETY, "inbraak", OBJ, LOWER),  # burglaries per 1,000 homes
    Indicator("s3", Domain.SAFETY, "inbraak", SUBJ, LOWER),  # % victims
    Indicator("o5", Domain.SAFETY, "geweld", OBJ, LOWER),
    # social: configured, never filled in
    Indicator("s4", Domain.SOCIAL, "binding", SUBJ, HIGHER),
]

REFERENCES = {
    "o1": Reference(mean=50, sd=10),
    "o2": Reference(mean=20, sd=5),
    "s1": Reference(mean=6.5, sd=0.5),
    "s2": Reference(mean=7.0, sd=0.4),
    "o4": Reference(mean=3, sd=1),
    "o3": Reference(mean=10, sd=4),
    "s3": Reference(mean=20, sd=5),
    "o5": Reference(mean=5, sd=2),
    "s4": Reference(mean=6, sd=1),
}

VALUES: dict[str, float | None] = {
    "o1": 60,
    "o2": 25,
    "s1": 6.0,
    "s2": 7.6,
    "o4": None,
    "o3": 18,
    "s3": 30,
    "o5": 4,
    "unknown": 1.0,  # not in the configuration: ignored
}


def config(**kwargs: object) -> IndexConfig:
    return IndexConfig(indicators=INDICATORS, base_year=2022, **kwargs)  # type: ignore[arg-type]


# ------------------------------------------------------------------- indicator scores


def test_z_score_scaling_rotterdam_convention() -> None:
    # 100 + (60 - 50) / 10 * 10 = 110
    assert score_indicator(60, Reference(50, 10)) == pytest.approx(110)
    # lower is better: 100 - (25 - 20) / 5 * 10 = 90
    assert score_indicator(25, Reference(20, 5), LOWER) == pytest.approx(90)
    # the city average itself scores 100
    assert score_indicator(50, Reference(50, 10), LOWER) == 100
    # configurable points per SD: 100 + 1 * 15 = 115
    assert score_indicator(60, Reference(50, 10), points_per_sd=15) == pytest.approx(115)


def test_ratio_scaling() -> None:
    # 60 / 50 * 100 = 120
    assert score_indicator(60, Reference(50), HIGHER, Scaling.RATIO) == pytest.approx(120)
    # lower is better, mirrored: 100 - (25 / 20 - 1) * 100 = 100 - 25 = 75
    assert score_indicator(25, Reference(20), LOWER, Scaling.RATIO) == pytest.approx(75)


def test_scaling_needs_a_usable_reference() -> None:
    with pytest.raises(MonitorIndexError) as err:
        score_indicator(1, Reference(1, 0))
    assert err.value.field == "sd"
    with pytest.raises(MonitorIndexError):
        score_indicator(1, Reference(1))
    with pytest.raises(MonitorIndexError) as err:
        score_indicator(1, Reference(0), scaling=Scaling.RATIO)
    assert err.value.field == "mean"


# ---------------------------------------------------------------------- full example


def test_worked_example() -> None:
    idx = compute_index(config(), VALUES, REFERENCES)

    # physical, theme "woning":
    #   o1 = 100 + (60 - 50) / 10 * 10 = 110
    #   o2 = 100 - (25 - 20) / 5 * 10 = 90      (lower is better)
    #   objective part = (110 + 90) / 2 = 100
    #   s1 = 100 + (6.0 - 6.5) / 0.5 * 10 = 90  = subjective part
    #   theme = 0.5 * 100 + 0.5 * 90 = 95
    woning = idx.physical.themes[0]
    assert woning.theme == "woning"
    assert (woning.objective, woning.subjective) == pytest.approx((100, 90))
    assert woning.score == pytest.approx(95)
    assert [s.score for s in woning.indicators] == pytest.approx([110, 90, 90])
    # theme "openbare ruimte": s2 = 100 + (7.6 - 7.0) / 0.4 * 10 = 115 (survey part only)
    openbaar = idx.physical.themes[1]
    assert openbaar.objective is None
    assert openbaar.score == pytest.approx(115)
    # theme "voorzieningen": its one indicator has no value -> 0 of 1, no score
    voorzieningen = idx.physical.themes[2]
    assert voorzieningen.score is None and not voorzieningen.sufficient
    assert (voorzieningen.indicators_scored, voorzieningen.indicators_total) == (0, 1)
    assert [i.code for i in voorzieningen.missing] == ["o4"]
    assert idx.physical.missing_themes == ("voorzieningen",)
    # 4 of 5 physical indicators have a score (80 %), but a whole theme is missing: the
    # mean of the other two themes, (95 + 115) / 2 = 105, would be a different index.
    # So no score and no band (it used to say 105, "rond gemiddeld").
    assert (idx.physical.indicators_scored, idx.physical.indicators_total) == (4, 5)
    assert idx.physical.completeness == pytest.approx(0.8)
    assert not idx.physical.sufficient
    assert idx.physical.score is None and idx.physical.band is None

    # safety: "inbraak": o3 = 100 - (18 - 10) / 4 * 10 = 80; s3 = 100 - (30 - 20) / 5 * 10 = 80
    #         theme = 0.5 * 80 + 0.5 * 80 = 80
    #         "geweld": o5 = 100 - (4 - 5) / 2 * 10 = 105
    #         index = (80 + 105) / 2 = 92.5
    assert idx.safety.themes[0].score == pytest.approx(80)
    assert idx.safety.themes[0].band is Band.BELOW
    assert idx.safety.themes[1].score == pytest.approx(105)
    assert idx.safety.score == pytest.approx(92.5)
    assert idx.safety.completeness == 1.0

    # social: nothing filled in
    assert idx.social.score is None
    assert idx.social.band is None
    assert idx.social.completeness == 0.0
    assert idx.social.missing_themes == ("binding",)

    # overall completeness: 7 of 9 indicators
    assert idx.completeness == pytest.approx(7 / 9)
    assert idx.unscored == ()
    assert idx[Domain.SAFETY] is idx.safety
    assert idx["sociaal"] is idx.social


def test_city_average_scores_100_everywhere() -> None:
    values = {code: ref.mean for code, ref in REFERENCES.items()}
    idx = compute_index(config(), values, REFERENCES)
    assert [d.score for d in idx.domains] == [100, 100, 100]
    assert idx.completeness == 1.0


def test_theme_weights() -> None:
    idx = compute_index(config(theme_weights={"inbraak": 3}), VALUES, REFERENCES)
    # (3 * 80 + 1 * 105) / 4 = 345 / 4 = 86.25 -> "onder gemiddeld"
    assert idx.safety.score == pytest.approx(86.25)
    assert idx.safety.band is Band.BELOW


def test_indicator_weights() -> None:
    indicators = [
        Indicator(i.code, i.domain, i.theme, i.part, i.direction, weight=3 if i.code == "o1" else 1)
        for i in INDICATORS
    ]
    cfg = IndexConfig(indicators=indicators, base_year=2022)
    idx = compute_index(cfg, VALUES, REFERENCES)
    # objective part = (3 * 110 + 1 * 90) / 4 = 420 / 4 = 105; theme = (105 + 90) / 2 = 97.5
    assert idx.physical.themes[0].objective == pytest.approx(105)
    assert idx.physical.themes[0].score == pytest.approx(97.5)


def test_objective_weight() -> None:
    idx = compute_index(config(objective_weight=0.75), VALUES, REFERENCES)
    # 0.75 * 100 + 0.25 * 90 = 97.5
    assert idx.physical.themes[0].score == pytest.approx(97.5)


def test_ratio_scaling_in_the_index() -> None:
    idx = compute_index(config(scaling="ratio"), VALUES, REFERENCES)
    # o1 = 60 / 50 * 100 = 120; o2 = 100 - (25 / 20 - 1) * 100 = 75 -> objective 97.5
    # s1 = 6.0 / 6.5 * 100 = 92.3077 -> theme = (97.5 + 92.3077) / 2 = 94.9038
    assert idx.physical.themes[0].score == pytest.approx((97.5 + 600 / 6.5) / 2)


def test_value_without_usable_reference_counts_as_missing() -> None:
    refs = dict(REFERENCES)
    del refs["o5"]
    refs["s3"] = Reference(mean=20, sd=0)
    idx = compute_index(config(), VALUES, refs)
    assert idx.unscored == ("s3", "o5")
    # only o3 is left: theme "inbraak" 1 of 2 (half: enough) = 80; "geweld" 0 of 1
    assert idx.safety.themes[0].score == pytest.approx(80)
    assert idx.safety.indicators_scored == 1
    assert idx.safety.missing_themes == ("geweld",)
    # the index: 1 of 3 and a theme without score -> no score
    assert idx.safety.score is None and not idx.safety.sufficient


def test_nan_values_are_missing() -> None:
    idx = compute_index(config(), {"s4": math.nan}, REFERENCES)
    assert idx.social.score is None


# ------------------------------------------------------------ coverage and minimum


def social_config(**kwargs: object) -> IndexConfig:
    """A social index of 10 indicators in 3 themes (4 + 4 + 2), all lower is better, each
    with reference mean 50 and SD 10 (so a value v scores 100 - (v - 50))."""
    indicators = [
        *(Indicator(f"w{n}", Domain.SOCIAL, "werk", OBJ, LOWER) for n in range(4)),
        *(Indicator(f"i{n}", Domain.SOCIAL, "inkomen", OBJ, LOWER) for n in range(4)),
        *(Indicator(f"z{n}", Domain.SOCIAL, "zorg", OBJ, LOWER) for n in range(2)),
    ]
    return IndexConfig(indicators=indicators, base_year=2023, **kwargs)  # type: ignore[arg-type]


SOCIAL_REFS = {
    code: Reference(50, 10) for code in [*(f"{p}{n}" for p in "wi" for n in range(4)), "z0", "z1"]
}


def test_defaults_are_half_and_two_years() -> None:
    assert DEFAULT_MIN_COVERAGE == 0.5 and DEFAULT_WINDOW_YEARS == 2
    cfg = social_config()
    assert (cfg.min_coverage, cfg.window_years) == (0.5, 2)


def test_two_of_ten_gives_no_score_and_no_band() -> None:
    # The case: 2 of 10 social figures known (here one in "werk", one in "zorg"),
    # both far worse than the city: 100 - (77 - 50) = 73 and 100 - (80 - 50) = 70.
    idx = compute_index(social_config(), {"w0": 77, "z0": 80}, SOCIAL_REFS)
    social = idx.social
    assert (social.indicators_scored, social.indicators_total) == (2, 10)
    assert social.completeness == pytest.approx(0.2)
    assert not social.sufficient and social.score is None and social.band is None
    werk, inkomen, zorg = social.themes
    # werk: 1 of 4 < half -> no score; inkomen: 0 of 4; zorg: 1 of 2 = half -> a score
    assert (werk.indicators_scored, werk.indicators_total, werk.sufficient) == (1, 4, False)
    assert werk.score is None and werk.coverage == pytest.approx(0.25)
    assert (inkomen.indicators_scored, inkomen.indicators_total) == (0, 4)
    assert zorg.sufficient and zorg.score == pytest.approx(70)
    assert social.missing_themes == ("werk", "inkomen")


def test_half_of_every_theme_gives_a_score() -> None:
    # werk 2 of 4: (100 - 10 + 100 - 30) / 2 = 80; inkomen 2 of 4: (90 + 90) / 2 = 90;
    # zorg 1 of 2: 100 - 0 = 100 -> index (80 + 90 + 100) / 3 = 90, 5 of 10 = half
    values = {"w0": 60, "w1": 80, "i0": 60, "i3": 60, "z1": 50}
    idx = compute_index(social_config(), values, SOCIAL_REFS)
    assert [t.score for t in idx.social.themes] == pytest.approx([80, 90, 100])
    assert idx.social.sufficient
    assert idx.social.score == pytest.approx(90)
    assert idx.social.band is Band.AROUND
    # one figure less in "inkomen" (1 of 4): that theme and so the index lose their score
    del values["i3"]
    idx = compute_index(social_config(), values, SOCIAL_REFS)
    assert idx.social.themes[1].score is None
    assert idx.social.score is None and idx.social.indicators_scored == 4


def test_min_coverage_is_configurable() -> None:
    values = {"w0": 60, "w1": 80, "i0": 60, "i3": 60, "z1": 50}  # 2/4, 2/4, 1/2
    assert compute_index(social_config(min_coverage=0.75), values, SOCIAL_REFS).social.score is None
    # with 0.25, "werk" on 1 of 4 is enough: (100 - 10) = 90
    idx = compute_index(
        social_config(min_coverage=0.25), {"w0": 60, "i0": 70, "z0": 50}, SOCIAL_REFS
    )
    assert [t.score for t in idx.social.themes] == pytest.approx([90, 80, 100])
    assert idx.social.score == pytest.approx(90)


def test_a_domain_without_indicators_has_no_score() -> None:
    idx = compute_index(social_config(), {}, SOCIAL_REFS)
    assert idx.physical.indicators_total == 0
    assert not idx.physical.sufficient and idx.physical.score is None


def test_latest_value_within_the_window() -> None:
    series: dict[str, dict[int, float | None]] = {
        "a": {2019: 1.0, 2021: 2.0, 2023: 3.0},  # 2023 itself
        "b": {2021: 5.0, 2024: 9.0},  # 2021 = 2023 - 2: inside; 2024 is after the year
        "c": {2020: 7.0},  # 2020 < 2021: too old
        "d": {2022: 4.0, 2023: None},  # unknown in 2023 -> 2022
        "e": {2022: math.nan},
    }
    assert latest_within_window(series, 2023, 2) == {
        "a": (2023, 3.0),
        "b": (2021, 5.0),
        "d": (2022, 4.0),
    }
    # window 0: only the index year itself
    assert latest_within_window(series, 2023, 0) == {"a": (2023, 3.0)}
    # window 3 reaches 2020
    assert latest_within_window(series, 2023, 3)["c"] == (2020, 7.0)
    with pytest.raises(MonitorIndexError):
        latest_within_window(series, 2023, -1)


def test_index_for_a_year_uses_the_window_and_keeps_each_values_year() -> None:
    # Like CBS's first release: 2024 has only one social figure; the others are from 2023
    # (inside the window) or 2021 (outside it: 2024 - 2 = 2022).
    series: dict[str, dict[int, float | None]] = {
        "w0": {2023: 70.0, 2024: 60.0},  # 2024: 90
        "w1": {2023: 70.0},  # 2023: 80
        "i0": {2023: 60.0},  # 90
        "i1": {2023: 40.0},  # 110
        "i2": {2021: 10.0},  # too old for 2024
        "z0": {2023: 50.0},  # 100
    }
    idx = compute_index_for_year(social_config(), series, SOCIAL_REFS, 2024)
    assert idx.year == 2024
    werk, inkomen, zorg = idx.social.themes
    assert [(s.indicator.code, s.year, s.value) for s in werk.indicators] == [
        ("w0", 2024, 60.0),
        ("w1", 2023, 70.0),
    ]
    # werk (90 + 80) / 2 = 85; inkomen 2 of 4 (i2 is too old): (90 + 110) / 2 = 100;
    # zorg 1 of 2: 100 -> (85 + 100 + 100) / 3 = 95
    assert [i.code for i in inkomen.missing] == ["i2", "i3"]
    assert [t.score for t in (werk, inkomen, zorg)] == pytest.approx([85, 100, 100])
    assert idx.social.score == pytest.approx(95)
    assert idx.social.years == (2023, 2024)
    # a window of 3 years takes i2 (2021) too: inkomen (90 + 110 + 140) / 3 = 113.33
    idx3 = compute_index_for_year(social_config(window_years=3), series, SOCIAL_REFS, 2024)
    assert idx3.social.themes[1].score == pytest.approx(340 / 3)
    assert idx3.social.years == (2021, 2023, 2024)


def test_coverage_settings_are_validated() -> None:
    for bad in (0, -0.1, 1.5, math.nan):
        with pytest.raises(MonitorIndexError) as err:
            social_config(min_coverage=bad)
        assert err.value.field == "min_coverage"
    for bad_years in (-1, 1.5, True):
        with pytest.raises(MonitorIndexError) as err:
            social_config(window_years=bad_years)
        assert err.value.field == "window_years"


# ---------------------------------------------------------------------- references


def test_reference_from_values() -> None:
    values = [2, 4, 4, 4, 5, 5, 7, 9]
    # mean = 40 / 8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32
    # population sd = sqrt(32 / 8) = 2; sample sd = sqrt(32 / 7) = 2.1381
    ref = reference_from_values(values)
    assert (ref.mean, ref.sd) == pytest.approx((5, 2))
    assert reference_from_values(values, ddof=1).sd == pytest.approx(math.sqrt(32 / 7))
    # the city-wide figure replaces the mean of the areas, the spread stays
    ref = reference_from_values(values, city_value=4.5)
    assert (ref.mean, ref.sd) == pytest.approx((4.5, 2))
    assert reference_from_values([3.0], ddof=1).sd is None
    with pytest.raises(MonitorIndexError):
        reference_from_values([])


def test_references_for_base_year_uses_only_that_year() -> None:
    rows = [
        ("BU1", "o1", 2022, 40.0),
        ("BU2", "o1", 2022, 60.0),
        ("BU1", "o1", 2023, 1000.0),  # other year: ignored
        ("BU1", "o2", 2022, None),
        ("BU2", "o2", 2022, 10.0),
    ]
    refs = references_for_base_year(rows, 2022, city_values={"o2": 12.0})
    # o1: mean (40 + 60) / 2 = 50; population sd = 10
    assert (refs["o1"].mean, refs["o1"].sd) == pytest.approx((50, 10))
    # o2: one value -> sd 0; mean from the city-wide figure
    assert (refs["o2"].mean, refs["o2"].sd) == (12.0, 0.0)


# --------------------------------------------------------------------------- bands


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, Band.FAR_BELOW),
        (69.99, Band.FAR_BELOW),
        (70, Band.BELOW),
        (89.99, Band.BELOW),
        (90, Band.AROUND),
        (100, Band.AROUND),
        (110, Band.AROUND),
        (110.01, Band.ABOVE),
    ],
)
def test_bands(score: float, band: Band) -> None:
    assert band_for(score) is band


def test_band_labels() -> None:
    assert [b.label_nl for b in Band] == [
        "ver onder gemiddeld",
        "onder gemiddeld",
        "rond gemiddeld",
        "boven gemiddeld",
    ]
    assert [b.meaning for b in Band] == ["problematic", "attention", "average", "favourable"]
    assert Band.ABOVE.value == "above" and Band.ABOVE.label_en == "above average"
    assert Domain.SAFETY.label_nl == "veiligheidsindex"
    assert Domain.PHYSICAL.label_en == "physical index"


# -------------------------------------------------------------------- configuration


def test_config_validation() -> None:
    dup = [*INDICATORS, Indicator("o1", Domain.SOCIAL, "binding", SUBJ)]
    with pytest.raises(MonitorIndexError, match="duplicate"):
        IndexConfig(indicators=dup, base_year=2022)
    clash = [*INDICATORS, Indicator("x", Domain.SOCIAL, "woning", SUBJ)]
    with pytest.raises(MonitorIndexError, match="both"):
        IndexConfig(indicators=clash, base_year=2022)
    with pytest.raises(MonitorIndexError) as err:
        config(theme_weights={"nope": 1})
    assert err.value.field == "theme_weights"
    with pytest.raises(MonitorIndexError) as err:
        config(theme_weights={"woning": 0})
    assert err.value.field == "theme_weights"
    with pytest.raises(MonitorIndexError) as err:
        config(objective_weight=1)
    assert err.value.field == "objective_weight"
    with pytest.raises(MonitorIndexError) as err:
        config(scaling="log")
    assert err.value.field == "scaling"
    with pytest.raises(MonitorIndexError) as err:
        Indicator("x", Domain.SOCIAL, "t", SUBJ, weight=0)
    assert err.value.field == "weight"
    assert config().base_year == 2022
    assert config().themes(Domain.PHYSICAL) == ["woning", "openbare ruimte", "voorzieningen"]


def test_indicator_accepts_plain_strings() -> None:
    ind = Indicator("x", "veiligheid", "t", "subjectief", "lower")  # type: ignore[arg-type]
    assert (ind.domain, ind.part, ind.direction) == (Domain.SAFETY, SUBJ, LOWER)


# -------------------------------------------------------------------- Leefbaarometer


def test_leefbaarometer_nine_classes() -> None:
    assert [c.number for c in LEEFBAAROMETER_CLASSES] == list(range(1, 10))
    assert [c.label_nl for c in LEEFBAAROMETER_CLASSES] == [
        "zeer onvoldoende",
        "ruim onvoldoende",
        "onvoldoende",
        "zwak",
        "voldoende",
        "ruim voldoende",
        "goed",
        "zeer goed",
        "uitstekend",
    ]
    assert leefbaarometer_class(1).label_en == "very insufficient"
    assert leefbaarometer_class(4).label_nl == "zwak"
    assert leefbaarometer_class(9).label_en == "excellent"
    assert leefbaarometer_class(2).code == "ruim_onvoldoende"


@pytest.mark.parametrize("value", [7, 7.0, "7", " Goed ", "goed"])
def test_leefbaarometer_class_inputs(value: int | float | str) -> None:
    assert leefbaarometer_class(value).number == 7


@pytest.mark.parametrize("value", [0, 10, 7.5, "foo", True])
def test_leefbaarometer_class_rejects(value: int | float | str) -> None:
    with pytest.raises(MonitorIndexError):
        leefbaarometer_class(value)


def test_leefbaarometer_class_for_score() -> None:
    bounds = [1, 2, 3, 4, 5, 6, 7, 8]  # illustrative boundaries, per edition in practice
    assert leefbaarometer_class_for_score(0.5, bounds).number == 1
    assert leefbaarometer_class_for_score(1, bounds).number == 2  # a boundary opens a class
    assert leefbaarometer_class_for_score(4.5, bounds).label_nl == "voldoende"
    assert leefbaarometer_class_for_score(8, bounds).number == 9
    with pytest.raises(MonitorIndexError):
        leefbaarometer_class_for_score(1, bounds[:7])
    with pytest.raises(MonitorIndexError):
        leefbaarometer_class_for_score(1, [1, 2, 3, 3, 5, 6, 7, 8])
    with pytest.raises(MonitorIndexError):
        leefbaarometer_class_for_score(math.nan, bounds)
