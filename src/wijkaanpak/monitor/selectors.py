"""Reads of the monitor: profiles, the composite index, goal progress, dashboards, CSV.

The arithmetic lives in the pure modules (:mod:`.index`, :mod:`.progress`,
:mod:`.charts`); this module fetches the figures with a handful of queries per page and
hands them over.

Reference areas of the index ("100 = the city average in the base year"): the areas of the
same kind in the same municipality (the districts of the city for a district, its
neighbourhoods for a neighbourhood); the mean is the municipality's own figure where it
has one, else the mean over those areas. A municipality is compared with all
municipalities and the national figure.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from wijkaanpak.areas.models import Area, AreaKind
from wijkaanpak.core import csvexport
from wijkaanpak.monitor import catalogue as builtin
from wijkaanpak.monitor import charts, index, progress
from wijkaanpak.monitor.models import (
    AreaYear,
    Direction,
    IndexSettings,
    Indicator,
    Observation,
    Strength,
    StrengthKind,
    StrengthStatus,
    Theme,
    ValueStatus,
)

LIGHT_LABELS = {
    progress.Light.GREEN: gettext_lazy("op koers"),
    progress.Light.AMBER: gettext_lazy("let op"),
    progress.Light.RED: gettext_lazy("uit koers"),
    progress.Light.GREY: gettext_lazy("nog geen meting"),
}
BAND_LABELS = {
    index.Band.FAR_BELOW: gettext_lazy("ver onder gemiddeld"),
    index.Band.BELOW: gettext_lazy("onder gemiddeld"),
    index.Band.AROUND: gettext_lazy("rond gemiddeld"),
    index.Band.ABOVE: gettext_lazy("boven gemiddeld"),
}
DOMAIN_LABELS = {
    index.Domain.PHYSICAL: gettext_lazy("fysieke index"),
    index.Domain.SAFETY: gettext_lazy("veiligheidsindex"),
    index.Domain.SOCIAL: gettext_lazy("sociale index"),
}
LEEFBAAROMETER_LABELS = {
    1: gettext_lazy("zeer onvoldoende"),
    2: gettext_lazy("ruim onvoldoende"),
    3: gettext_lazy("onvoldoende"),
    4: gettext_lazy("zwak"),
    5: gettext_lazy("voldoende"),
    6: gettext_lazy("ruim voldoende"),
    7: gettext_lazy("goed"),
    8: gettext_lazy("zeer goed"),
    9: gettext_lazy("uitstekend"),
}
STATUS_NOTES = {
    ValueStatus.UNKNOWN: gettext_lazy("onbekend"),
    ValueStatus.NOT_APPLICABLE: gettext_lazy("komt niet voor"),
    ValueStatus.SECRET: gettext_lazy("geheim"),
}
#: The order of themes on a profile.
THEME_ORDER = [t for t, _label in Theme.choices]
#: A goal is flagged when it has no figure in this many most recent years.
RECENT_YEARS = progress.DEFAULT_RECENT_YEARS


_SEPARATORS: dict[str, tuple[str, str]] = {}


def _separators() -> tuple[str, str]:
    """Decimal and thousands separator of the current language (cached: ``fmt`` runs
    thousands of times on a profile page)."""
    language = get_language() or "nl"
    found = _SEPARATORS.get(language)
    if found is None:
        found = (get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR"))
        _SEPARATORS[language] = found
    return found


def fmt(value: float | None, unit: str = "") -> str:
    """A figure in the current language's notation (``12.345,6`` in Dutch)."""
    if value is None or not math.isfinite(value):
        return "–"
    if unit == "aantal" or float(value).is_integer() or abs(value) >= 100:
        decimals = 0
    elif abs(value) >= 1:
        decimals = 1
    else:
        decimals = 2
    rounded = round(value, decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
    if rounded == 0:
        rounded = 0.0
    decimal, thousands = _separators()
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def _svg(markup: str) -> SafeString:
    # charts.py escapes every text it writes: the markup is safe as it is.
    return mark_safe(markup)  # noqa: S308


# --- observations ----------------------------------------------------------------------------


Cell = tuple[float | None, str]  # (value, status)


def _series(rows) -> dict[int | None, dict[int, dict[int, Cell]]]:
    """area id (None = NL) -> indicator id -> period -> (value, status)."""
    out: dict[int | None, dict[int, dict[int, Cell]]] = defaultdict(lambda: defaultdict(dict))
    for area_id, indicator_id, period, value, status in rows:
        out[area_id][indicator_id][period] = (value, status)
    return out


def observations_for(areas: Iterable[Area | None], indicator_ids: Iterable[int] | None = None):
    """Rows ``(area_id, indicator_id, period, value, status)`` of some areas (``None`` = NL)."""
    ids = [a.id for a in areas if a is not None]
    rule = Q(area_id__in=ids)
    if any(a is None for a in areas):
        rule |= Q(area__isnull=True)
    query = Observation.objects.filter(rule)
    if indicator_ids is not None:
        query = query.filter(indicator_id__in=list(indicator_ids))
    return query.values_list("area_id", "indicator_id", "period", "value", "status")


def boundary_breaks(area: Area) -> set[int]:
    """Years in which CBS changed the area's boundary (``ind_wbi`` = 3)."""
    return set(
        AreaYear.objects.filter(area=area, boundary=AreaYear.BOUNDARY_CHANGED).values_list(
            "year", flat=True
        )
    )


def latest_known(cells: dict[int, Cell]) -> tuple[int | None, float | None]:
    known = [p for p, (v, _s) in cells.items() if v is not None]
    if not known:
        return None, None
    year = max(known)
    return year, cells[year][0]


# --- profile ---------------------------------------------------------------------------------


@dataclass
class FigureRow:
    indicator: Indicator
    area: dict[int, Cell]
    city: dict[int, Cell]
    country: dict[int, Cell]
    year: int | None
    value: float | None
    status_note: str = ""

    @property
    def city_value(self) -> float | None:
        return self.city.get(self.year, (None, ""))[0] if self.year else None

    @property
    def country_value(self) -> float | None:
        return self.country.get(self.year, (None, ""))[0] if self.year else None

    @property
    def years(self) -> list[int]:
        return sorted(set(self.area) | set(self.city) | set(self.country))

    @property
    def known_years(self) -> int:
        return sum(1 for v, _s in self.area.values() if v is not None)

    def display(self) -> str:
        return fmt(self.value, self.indicator.unit)

    @cached_property
    def city_text(self) -> str:
        return fmt(self.city_value, self.indicator.unit)

    @cached_property
    def country_text(self) -> str:
        return fmt(self.country_value, self.indicator.unit)

    @cached_property
    def history(self) -> list[tuple[int, str, str, str]]:
        """Per year: area, city and national value as text (the data table of a chart)."""
        unit = self.indicator.unit

        def cell(cells: dict[int, Cell], year: int) -> str:
            value, status = cells.get(year, (None, ""))
            if value is None:
                return str(STATUS_NOTES.get(status, "–")) if status else "–"
            return fmt(value, unit)

        return [
            (y, cell(self.area, y), cell(self.city, y), cell(self.country, y)) for y in self.years
        ]


@dataclass
class ThemeGroup:
    code: str
    label: str
    rows: list[FigureRow]


@dataclass
class TrendChart:
    row: FigureRow
    svg: SafeString
    chart_id: str


@dataclass
class Profile:
    area: Area
    municipality: Area | None
    groups: list[ThemeGroup]
    key_rows: list[FigureRow]
    charts: list[TrendChart]
    breaks: set[int]
    has_country: bool
    strengths: list[tuple[str, str, list[Strength]]]
    leefbaarometer: tuple[int, int, str] | None
    leefbaarometer_city: tuple[int, int, str] | None
    index: AreaIndexResult | None
    rounding_note: bool

    @property
    def is_municipality(self) -> bool:
        return self.area.kind == AreaKind.MUNICIPALITY


def _lbm(cells: dict[int, Cell]) -> tuple[int, int, str] | None:
    year, value = latest_known(cells)
    if year is None or value is None or not (1 <= value <= 9):
        return None
    number = int(round(value))
    return year, number, str(LEEFBAAROMETER_LABELS[number])


def strengths_of(area: Area, *, include_hidden: bool = False):
    """Published strengths grouped by kind, in the order of the ABCD kinds."""
    query = Strength.objects.filter(area=area)
    if not include_hidden:
        query = query.filter(status=StrengthStatus.PUBLISHED)
    by_kind: dict[str, list[Strength]] = defaultdict(list)
    for s in query.order_by("kind", "title"):
        by_kind[s.kind].append(s)
    return [(k, str(label), by_kind[k]) for k, label in StrengthKind.choices if by_kind.get(k)]


def trend_chart(row: FigureRow, area: Area, municipality: Area | None, breaks: set[int]):
    series = [
        charts.Series(area.name, sorted((y, v) for y, (v, _s) in row.area.items()), 0),
    ]
    # Counts of a district and of its city are not comparable on one axis: rates only.
    comparable = row.indicator.unit != "aantal"
    if comparable and municipality is not None and municipality != area and row.city:
        series.append(
            charts.Series(
                _("%(name)s (gemeente)") % {"name": municipality.name},
                sorted((y, v) for y, (v, _s) in row.city.items()),
                1,
            )
        )
    if comparable and row.country:
        series.append(
            charts.Series(_("Nederland"), sorted((y, v) for y, (v, _s) in row.country.items()), 2)
        )
    chart_id = f"trend-{row.indicator.code}"
    description = _("Lijn per jaar van %(indicator)s in %(unit)s.") % {
        "indicator": row.indicator.name,
        "unit": row.indicator.unit,
    }
    if row.year is not None:
        description += " " + _("In %(year)s: %(value)s.") % {
            "year": row.year,
            "value": row.display(),
        }
    if breaks:
        description += " " + _(
            "Een stippellijn markeert een grenswijziging: de lijn loopt daar niet door."
        )
    svg = charts.line_chart(
        chart_id=chart_id,
        title=str(row.indicator.name),
        description=description,
        series=series,
        unit=row.indicator.unit,
        breaks=breaks,
        fmt=lambda v: fmt(v),
        empty_text=_("Geen cijfers"),
    )
    return TrendChart(row, _svg(svg), chart_id)


#: Indicators that are an area's own figures: their latest value comes from the areas app.
HEADLINE_FIGURES = {"a_inw": "inhabitants", "a_woning": "homes"}


def _headline_from_area(rows: dict[str, FigureRow], area: Area) -> None:
    """Inhabitants and homes have one source (``areas.selectors.area_figure``): the profile's
    row shows that figure and its year, so a report's table and its text cannot disagree."""
    from wijkaanpak.areas.selectors import area_figure

    for code, name in HEADLINE_FIGURES.items():
        figure = area_figure(area, name)
        # A figure without a year (from a plain CSV without one) cannot fill a dated row.
        if code in rows and figure.value is not None and figure.year is not None:
            rows[code].year, rows[code].value = figure.year, float(figure.value)
            rows[code].status_note = ""


def profile(area: Area, *, include_hidden: bool = False, chart_codes: Sequence[str] = ()):
    """Everything the profile page shows: figures beside city and country, trends, index,
    Leefbaarometer class and strengths."""
    municipality = area.municipality
    indicators = {i.id: i for i in Indicator.objects.all()}
    data = _series(observations_for([area, municipality, None]))
    mine = data.get(area.id, {})
    city = data.get(municipality.id, {}) if municipality and municipality != area else {}
    country = data.get(None, {})
    if area.kind == AreaKind.MUNICIPALITY:
        city = {}
    rows: dict[str, FigureRow] = {}
    for indicator_id, cells in mine.items():
        indicator = indicators.get(indicator_id)
        if indicator is None:
            continue
        year, value = latest_known(cells)
        note = ""
        if year is None:
            latest_status = cells[max(cells)][1]
            note = str(STATUS_NOTES.get(latest_status, ""))
        rows[indicator.code] = FigureRow(
            indicator,
            cells,
            city.get(indicator_id, {}),
            country.get(indicator_id, {}),
            year,
            value,
            note,
        )
    _headline_from_area(rows, area)
    groups = []
    for theme in THEME_ORDER:
        members = sorted(
            (r for r in rows.values() if r.indicator.theme == theme), key=lambda r: r.indicator.name
        )
        if members:
            groups.append(ThemeGroup(theme, str(Theme(theme).label), members))
    key_rows = [rows[c] for c in builtin.KEY_FIGURES if c in rows and rows[c].year is not None]
    breaks = boundary_breaks(area)
    chart_list = []
    seen = set()
    for code in [*builtin.KEY_FIGURES, *chart_codes]:
        # A trend needs two known years; with one, the table says it all.
        if code in rows and code not in seen and rows[code].known_years >= 2:
            seen.add(code)
            chart_list.append(trend_chart(rows[code], area, municipality, breaks))
    lbm = indicators_by_code(indicators).get(builtin.LEEFBAAROMETER_CODE)
    return Profile(
        area=area,
        municipality=municipality if municipality != area else None,
        groups=groups,
        key_rows=key_rows,
        charts=chart_list,
        breaks=breaks,
        has_country=bool(country),
        strengths=strengths_of(area, include_hidden=include_hidden),
        leefbaarometer=_lbm(mine.get(lbm.id, {})) if lbm else None,
        leefbaarometer_city=_lbm(city.get(lbm.id, {})) if lbm else None,
        index=area_index(area, values=mine, indicators=indicators),
        rounding_note=area.kind != AreaKind.MUNICIPALITY,
    )


def indicators_by_code(indicators: dict[int, Indicator]) -> dict[str, Indicator]:
    return {i.code: i for i in indicators.values()}


# --- composite index -------------------------------------------------------------------------


def index_settings() -> IndexSettings:
    """The stored settings, or the defaults (not saved) when none are stored."""
    found = IndexSettings.objects.order_by("pk").first()
    if found is None:
        found = IndexSettings(members=default_members())
    elif not found.members:
        found.members = default_members()
    return found


def default_members() -> list[dict]:
    return [asdict(m) for m in builtin.DEFAULT_INDEX_MEMBERS]


def index_config_for(
    settings_row: IndexSettings, indicators: dict[str, Indicator], base_year: int
) -> index.IndexConfig:
    """The pure configuration: members whose indicator exists and has a direction.

    Raises ``index.MonitorIndexError`` for an invalid configuration.
    """
    members = []
    for member in settings_row.members:
        code = str(member.get("code", "") or "")
        indicator = indicators.get(code)
        if indicator is None:
            if code:
                # Configured but not in the catalogue (nothing imported for it yet): it
                # counts as a missing figure, so the coverage is not flattered by
                # indicators that silently drop out.
                members.append(
                    index.Indicator(
                        code=code,
                        domain=index.Domain(member["domain"]),
                        theme=str(member["theme"]),
                        part=index.Part.OBJECTIVE,
                        weight=float(member.get("weight", 1.0)),
                        label=code,
                    )
                )
            continue
        if indicator.direction == Direction.NEUTRAL:
            continue  # refused by validate_index_settings: a figure without a good side
        members.append(
            index.Indicator(
                code=indicator.code,
                domain=index.Domain(member["domain"]),
                theme=str(member["theme"]),
                part=index.Part.SUBJECTIVE if indicator.is_subjective else index.Part.OBJECTIVE,
                direction=index.Direction(indicator.direction),
                weight=float(member.get("weight", 1.0)),
                label=indicator.name,
            )
        )
    themes = {m.theme for m in members}
    return index.IndexConfig(
        indicators=members,
        base_year=base_year,
        scaling=index.Scaling(settings_row.scaling),
        points_per_sd=settings_row.points_per_sd,
        theme_weights={t: w for t, w in (settings_row.theme_weights or {}).items() if t in themes},
        objective_weight=settings_row.objective_weight,
    )


def validate_index_settings(settings_row: IndexSettings) -> dict[str, list[str]]:
    """Field errors of a settings row (for the admin form), checked by the pure module."""
    errors: dict[str, list[str]] = {}
    if not isinstance(settings_row.members, list):
        return {"members": [_("Dit moet een lijst zijn.")]}
    codes = {i.code: i for i in Indicator.objects.all()}
    for n, member in enumerate(settings_row.members, start=1):
        if not isinstance(member, dict) or not {"code", "domain", "theme"} <= member.keys():
            errors.setdefault("members", []).append(
                _("Regel %(n)s: geef code, domain en theme.") % {"n": n}
            )
            continue
        indicator = codes.get(member["code"])
        if indicator is None:
            errors.setdefault("members", []).append(
                _("Indicator %(code)s staat niet in de catalogus.") % {"code": member["code"]}
            )
        elif indicator.direction == Direction.NEUTRAL:
            errors.setdefault("members", []).append(
                _("Indicator %(code)s heeft geen richting en kan niet in de index.")
                % {"code": member["code"]}
            )
        if member["domain"] not in {d.value for d in index.Domain}:
            errors.setdefault("members", []).append(
                _("Domein '%(domain)s' bestaat niet: kies fysiek, veiligheid of sociaal.")
                % {"domain": member["domain"]}
            )
    if errors:
        return errors
    try:
        config = index_config_for(settings_row, codes, settings_row.base_year or 2000)
    except index.MonitorIndexError as exc:
        name = {"indicators": "members", "weight": "members"}.get(exc.field, exc.field)
        return {name if name in {"theme_weights", "members"} else "members": [exc.message]}
    unknown = set(settings_row.theme_weights or {}) - {m.theme for m in config.indicators}
    if unknown:
        errors["theme_weights"] = [
            _("Deze thema's staan niet in de index: %(themes)s.")
            % {"themes": ", ".join(sorted(unknown))}
        ]
    return errors


@dataclass
class IndexPeers:
    """The reference group of an area: areas of its kind in its municipality."""

    areas: object  # a queryset of Area
    city: Area | None  # None: the Netherlands (reference of a municipality)
    label: str


def peers_of(area: Area) -> IndexPeers:
    municipality = area.municipality
    if area.kind == AreaKind.MUNICIPALITY or municipality is None:
        return IndexPeers(
            Area.objects.filter(kind=AreaKind.MUNICIPALITY),
            None,
            _("alle gemeenten van Nederland"),
        )
    if area.kind == AreaKind.DISTRICT:
        return IndexPeers(
            Area.objects.filter(kind=AreaKind.DISTRICT, parent_id=municipality.id),
            municipality,
            _("de wijken van %(city)s") % {"city": municipality.name},
        )
    return IndexPeers(
        Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD, parent__parent_id=municipality.id),
        municipality,
        _("de buurten van %(city)s") % {"city": municipality.name},
    )


@dataclass
class IndexReference:
    """Everything needed to score areas of one reference group."""

    config: index.IndexConfig
    references: dict[str, index.Reference]
    base_year: int
    base_year_is_default: bool
    peers: IndexPeers

    def score(self, values: dict[str, float | None]) -> index.AreaIndex:
        return index.compute_index(self.config, values, self.references)

    def score_year(self, series: dict[str, dict[int, float]], year: int) -> index.AreaIndex:
        """The index for ``year`` with each indicator's latest value within the window."""
        return index.compute_index_for_year(self.config, series, self.references, year)


def index_reference(
    area: Area, indicators: dict[int, Indicator] | None = None
) -> IndexReference | None:
    """Configuration and base-year references for ``area``'s reference group, or ``None``
    when there are no figures for the index in that group."""
    indicators = (
        indicators if indicators is not None else {i.id: i for i in Indicator.objects.all()}
    )
    by_code = indicators_by_code(indicators)
    settings_row = index_settings()
    codes = [m.get("code") for m in settings_row.members if m.get("code") in by_code]
    ids = [by_code[c].id for c in codes]
    if not ids:
        return None
    peers = peers_of(area)
    # A list of ids, not a subquery: the lookups then run on the (area, indicator, period)
    # index instead of scanning every area's figures of an indicator.
    peer_ids = list(peers.areas.values_list("id", flat=True))
    base_year = settings_row.base_year
    is_default = base_year is None
    if base_year is None:
        busiest = (
            Observation.objects.filter(
                indicator_id__in=ids, area_id__in=peer_ids, value__isnull=False
            )
            .values("period")
            .annotate(n=Count("id"))
            .order_by("-n", "-period")
            .first()
        )
        if busiest is None:
            return None
        base_year = busiest["period"]
    try:
        config = index_config_for(settings_row, by_code, base_year)
    except index.MonitorIndexError:
        return None
    rows = Observation.objects.filter(
        indicator_id__in=ids, period=base_year, area_id__in=peer_ids, value__isnull=False
    ).values_list("area_id", "indicator_id", "period", "value")
    code_of = {i: indicators[i].code for i in ids}
    city_rule = Q(area__isnull=True) if peers.city is None else Q(area=peers.city)
    city_values = {
        code_of[i]: v
        for i, v in Observation.objects.filter(
            city_rule, indicator_id__in=ids, period=base_year, value__isnull=False
        ).values_list("indicator_id", "value")
    }
    references = index.references_for_base_year(
        ((str(a), code_of[i], p, v) for a, i, p, v in rows),
        base_year,
        city_values=city_values,
    )
    return IndexReference(config, references, base_year, is_default, peers)


@dataclass
class AreaIndexResult:
    reference: IndexReference
    by_year: dict[int, index.AreaIndex]
    year: int | None

    @property
    def current(self) -> index.AreaIndex | None:
        return self.by_year.get(self.year) if self.year else None

    @property
    def base_year(self) -> int:
        return self.reference.base_year

    @property
    def domains(self) -> list[dict]:
        """The three indices of the headline year, ready for a template."""
        current = self.current
        if current is None:
            return []
        return [domain_rows(d) for d in current.domains]

    @property
    def min_coverage_percent(self) -> int:
        return round(self.reference.config.min_coverage * 100)

    @property
    def window_years(self) -> int:
        return self.reference.config.window_years

    def bar_svg(self, chart_id: str = "index-bars") -> SafeString:
        rows = self.domains
        # Below the minimum coverage a bar has no value, and says why instead.
        bars = [charts.Bar(r["label"], r["score"], r["band_label"], i) for i, r in enumerate(rows)]
        description = "; ".join(
            f"{r['label']}: {r['score_text']} ({r['band_label']})" for r in rows
        )
        return _svg(
            charts.bar_chart(
                chart_id=chart_id,
                title=_("Index %(year)s (100 = gemiddelde in %(base)s)")
                % {"year": self.year, "base": self.base_year},
                description=description,
                bars=bars,
                reference=100,
                reference_label=_("100 = gemiddeld"),
                maximum=150,
                fmt=lambda v: fmt(v),
                empty_text=_("geen cijfers"),
            )
        )

    def trend_svg(self, chart_id: str = "index-trend") -> SafeString | None:
        years = sorted(self.by_year)
        if len(years) < 2:
            return None
        series = [
            charts.Series(str(DOMAIN_LABELS[d]), [(y, self.by_year[y][d].score) for y in years], i)
            for i, d in enumerate(index.Domain)
        ]
        return _svg(
            charts.line_chart(
                chart_id=chart_id,
                title=_("Index per jaar"),
                description=_("De drie indexen per jaar; 100 is het gemiddelde in %(base)s.")
                % {"base": self.base_year},
                series=series,
                reference=100,
                reference_label="100",
                fmt=lambda v: fmt(v),
                empty_text=_("Geen cijfers"),
            )
        )

    @property
    def history(self) -> list[tuple[int, list[str]]]:
        return [
            (y, [fmt(self.by_year[y][d].score) for d in index.Domain]) for y in sorted(self.by_year)
        ]


def coverage_text(scored: int, total: int) -> str:
    """``"2 van 10"``: indicators with a score of those configured."""
    return _("%(scored)s van %(total)s") % {"scored": scored, "total": total}


def insufficient_label(d: index.DomainIndex | index.ThemeScore, *, detail: bool = True) -> str:
    """What a page says instead of a band below the minimum coverage (``detail``: also
    name the themes that lack figures when the index as a whole has enough)."""
    if d.indicators_total == 0:
        return _("geen cijfers gekozen")
    label = _("onvoldoende cijfers: %(coverage)s") % {
        "coverage": coverage_text(d.indicators_scored, d.indicators_total)
    }
    if isinstance(d, index.DomainIndex):
        short = [t for t in d.themes if not t.sufficient]
        if detail and short and len(short) < len(d.themes):
            # Enough figures overall, but a theme is missing: say which one.
            label += "; " + "; ".join(
                f"{t.theme}: {coverage_text(t.indicators_scored, t.indicators_total)}"
                for t in short
            )
    return label


def years_text(years: Iterable[int]) -> str:
    """``"2023"`` or ``"2022–2023"``."""
    found = sorted(set(years))
    if not found:
        return ""
    return str(found[0]) if len(found) == 1 else f"{found[0]}–{found[-1]}"


def domain_rows(d: index.DomainIndex) -> dict:
    """One index with its themes as a template needs them (coverage and years included)."""
    return {
        "domain": d.domain,
        "label": str(DOMAIN_LABELS[d.domain]),
        "score": d.score,
        "score_text": fmt(d.score) if d.score is not None else "–",
        "band": d.band,
        "band_label": str(BAND_LABELS[d.band]) if d.band else insufficient_label(d),
        "sufficient": d.sufficient,
        "completeness": round(d.completeness * 100),
        "scored": d.indicators_scored,
        "total": d.indicators_total,
        "coverage_text": coverage_text(d.indicators_scored, d.indicators_total),
        "years_text": years_text(d.years),
        "themes": [
            {
                "theme": t.theme,
                "score": t.score,
                "score_text": fmt(t.score) if t.score is not None else "–",
                "band_label": str(BAND_LABELS[t.band]) if t.band else insufficient_label(t),
                "sufficient": t.sufficient,
                "coverage_text": coverage_text(t.indicators_scored, t.indicators_total),
                "objective": fmt(t.objective) if t.objective is not None else "–",
                "subjective": fmt(t.subjective) if t.subjective is not None else "–",
                "indicators": [
                    (s.indicator.label, fmt(s.value), fmt(s.score), s.year) for s in t.indicators
                ],
                "missing": [i.label or i.code for i in t.missing],
            }
            for t in d.themes
        ],
    }


def _series_by_code(cells_by_indicator, code_of: dict[int, str]) -> dict[str, dict[int, float]]:
    """indicator code -> {year: value} of the known values."""
    out: dict[str, dict[int, float]] = defaultdict(dict)
    for indicator_id, cells in cells_by_indicator.items():
        code = code_of.get(indicator_id)
        if code is None:
            continue
        for year, (value, _status) in cells.items():
            if value is not None:
                out[code][year] = value
    return dict(out)


def headline_year(by_year: dict[int, index.AreaIndex | list[index.AreaIndex]]) -> int | None:
    """The latest year in which an index meets the minimum coverage; when no year does,
    the year with the most scored indicators (ties: the latest). ``by_year`` maps a year
    to one area's index or to the indices of several areas (a dashboard)."""
    if not by_year:
        return None

    def results(y: int) -> list[index.AreaIndex]:
        found = by_year[y]
        return found if isinstance(found, list) else [found]

    covered = [y for y in by_year if any(d.sufficient for r in results(y) for d in r.domains)]
    if covered:
        return max(covered)
    return max(
        by_year,
        key=lambda y: (sum(d.indicators_scored for r in results(y) for d in r.domains), y),
    )


def area_index(
    area: Area,
    *,
    values=None,
    indicators: dict[int, Indicator] | None = None,
    reference: IndexReference | None = None,
) -> AreaIndexResult | None:
    """The three indices of an area for every year with figures, against the base year."""
    indicators = (
        indicators if indicators is not None else {i.id: i for i in Indicator.objects.all()}
    )
    reference = reference or index_reference(area, indicators)
    if reference is None:
        return None
    code_of = {i.id: i.code for i in indicators.values()}
    member_ids = [
        i.id for i in indicators.values() if i.code in {m.code for m in reference.config.indicators}
    ]
    if values is None:
        values = _series(observations_for([area], member_ids)).get(area.id, {})
    member_set = set(member_ids)
    series = _series_by_code({i: c for i, c in values.items() if i in member_set}, code_of)
    # An index for every year with a figure of the index, each indicator with its latest
    # value within the window (index.py, point 5).
    years = sorted({y for by_year in series.values() for y in by_year})
    scored = {y: reference.score_year(series, y) for y in years}
    scored = {y: r for y, r in scored.items() if any(d.indicators_scored for d in r.domains)}
    return AreaIndexResult(reference, scored, headline_year(dict(scored)))


# --- goal progress ---------------------------------------------------------------------------


@dataclass
class GoalStatus:
    goal: object
    progress: progress.GoalProgress
    area: Area
    series: list[tuple[int, float]]
    """The measured points, the baseline (the goal's own value in its year) first."""
    boundary_changed: bool
    breaks: set[int] = field(default_factory=set)
    svg: SafeString | None = None

    @property
    def light(self) -> str:
        return str(self.progress.light)

    @property
    def light_label(self) -> str:
        return str(LIGHT_LABELS[self.progress.light])

    @property
    def unit(self) -> str:
        return self.goal.indicator.unit

    @property
    def latest_text(self) -> str:
        return fmt(self.progress.latest_value, self.unit)

    @property
    def expected_text(self) -> str:
        return fmt(self.progress.expected, self.unit)

    @property
    def percent_text(self) -> str:
        p = self.progress.percent_achieved
        return "–" if p is None else f"{fmt(p)}%"

    @property
    def series_rows(self) -> list[tuple[int, float, bool]]:
        """``(year, value, is_baseline)`` per measured point, for the table under the chart."""
        baseline_year = self.goal.baseline_year
        return [(y, v, y == baseline_year) for y, v in self.series]


@dataclass
class PlanProgressResult:
    plan: object
    goals: list[GoalStatus]
    summary: progress.PlanSummary
    as_of: int | None

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        return [
            (str(light), str(LIGHT_LABELS[light]), self.summary.counts[light])
            for light in progress.Light
        ]

    @property
    def share_on_track_text(self) -> str:
        share = self.summary.share_on_track
        return "–" if share is None else f"{round(share * 100)}%"

    @property
    def without_measurement(self) -> list[GoalStatus]:
        """Goals with no figure after their baseline year yet (grey)."""
        return [g for g in self.goals if not g.progress.has_measurement]

    @property
    def without_recent_data(self) -> list[GoalStatus]:
        return [g for g in self.goals if g.progress.no_recent_data]


def goal_direction(goal) -> progress.Direction:
    """The indicator's direction; a descriptive indicator takes the goal's own direction."""
    if goal.indicator.direction in (Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER):
        return progress.Direction(goal.indicator.direction)
    if goal.target_value < goal.baseline_value:
        return progress.Direction.LOWER_IS_BETTER
    return progress.Direction.HIGHER_IS_BETTER


def goal_chart(status: GoalStatus, chart_id: str) -> SafeString:
    goal = status.goal
    series = [
        # The measured points (baseline included) as markers; the planned line without
        # markers, so a point on the chart is always a figure somebody measured.
        charts.Series(_("gemeten (met nulmeting)"), status.series, 0),
        charts.Series(
            _("lijn van nulmeting naar streefwaarde"),
            [
                (goal.baseline_year, float(goal.baseline_value)),
                (goal.target_year, float(goal.target_value)),
            ],
            1,
            markers=False,
        ),
    ]
    p = status.progress
    if p.latest_year is None:
        description = _(
            "Nog geen meting na de nulmeting. Nulmeting %(base)s in %(by)s, doel %(target)s "
            "in %(ty)s."
        )
    else:
        description = _(
            "Nulmeting %(base)s in %(by)s, doel %(target)s in %(ty)s. Laatste meting "
            "%(latest)s in %(ly)s; volgens de lijn hoort daar %(expected)s. %(light)s."
        )
    description = description % {
        "base": fmt(float(goal.baseline_value), status.unit),
        "by": goal.baseline_year,
        "target": fmt(float(goal.target_value), status.unit),
        "ty": goal.target_year,
        "latest": status.latest_text,
        "ly": p.latest_year,
        "expected": status.expected_text,
        "light": status.light_label.capitalize(),
    }
    return _svg(
        charts.line_chart(
            chart_id=chart_id,
            title=goal.title,
            description=description,
            series=series,
            unit=status.unit,
            breaks=status.breaks,
            height=240,
            fmt=lambda v: fmt(v),
            empty_text=_("Geen cijfers"),
        )
    )


def goals_progress(goals: Sequence, *, with_charts: bool = False) -> dict[int, list[GoalStatus]]:
    """Progress of goals, grouped per plan id, with one query for all their figures.

    All goals of one plan are judged at the same year (the plan's latest figure), so a goal
    without a figure in the last ``RECENT_YEARS`` years is flagged ``no_recent_data``.
    """
    goals = list(goals)
    if not goals:
        return {}
    areas = {g.id: (g.area or g.plan.district) for g in goals}
    rows = Observation.objects.filter(
        area_id__in={a.id for a in areas.values()},
        indicator_id__in={g.indicator_id for g in goals},
        value__isnull=False,
    ).values_list("area_id", "indicator_id", "period", "value")
    found: dict[tuple[int, int], dict[int, float]] = defaultdict(dict)
    for a, i, p, v in rows:
        found[(a, i)][p] = v
    changed: dict[int, set[int]] = defaultdict(set)
    for a, y in AreaYear.objects.filter(
        area_id__in={a.id for a in areas.values()}, boundary=AreaYear.BOUNDARY_CHANGED
    ).values_list("area_id", "year"):
        changed[a].add(y)
    by_plan: dict[int, list] = defaultdict(list)
    for g in goals:
        by_plan[g.plan_id].append(g)
    out: dict[int, list[GoalStatus]] = {}
    for plan_id, plan_goals in by_plan.items():
        pure = []
        for g in plan_goals:
            observations = {
                y: v
                for y, v in found.get((areas[g.id].id, g.indicator_id), {}).items()
                if y >= g.baseline_year
            }
            pure.append(
                progress.Goal(
                    direction=goal_direction(g),
                    baseline_value=float(g.baseline_value),
                    baseline_year=g.baseline_year,
                    target_value=float(g.target_value),
                    target_year=g.target_year,
                    observations=observations,
                    code=g.indicator.code,
                    label=g.title,
                )
            )
        years = [max(p.observations) for p in pure if p.observations]
        as_of = max(years) if years else None
        assessed = progress.assess_plan(pure, as_of=as_of, recent_years=RECENT_YEARS)
        statuses = []
        for g, pure_goal, result in zip(plan_goals, pure, assessed.goals, strict=True):
            area = areas[g.id]
            latest = result.latest_year or g.baseline_year
            # The baseline is the first measured point (the plan's value, which may be
            # rounded from the figure of that year); later figures follow.
            measured = [(g.baseline_year, float(g.baseline_value))] + [
                (y, v) for y, v in sorted(pure_goal.observations.items()) if y > g.baseline_year
            ]
            status = GoalStatus(
                goal=g,
                progress=result,
                area=area,
                series=measured,
                boundary_changed=any(g.baseline_year < y <= latest for y in changed[area.id]),
                breaks=set(changed[area.id]),
            )
            if with_charts:
                status.svg = goal_chart(status, f"goal-{g.id}")
            statuses.append(status)
        out[plan_id] = statuses
    return out


def plan_summary(plan, statuses: list[GoalStatus]) -> PlanProgressResult:
    """The plan-level summary of already assessed goals (see ``goals_progress``)."""
    summary = progress.summarise(s.progress for s in statuses)
    as_of = (
        statuses[0].progress.as_of
        if statuses and any(s.progress.latest_year for s in statuses)
        else None
    )
    return PlanProgressResult(plan, statuses, summary, as_of)


def plan_progress(plan, *, with_charts: bool = True) -> PlanProgressResult:
    goals = list(plan.goals.select_related("indicator", "area", "plan__district", "owner"))
    statuses = goals_progress(goals, with_charts=with_charts).get(plan.id, [])
    return plan_summary(plan, statuses)


# --- dashboard of a municipality -------------------------------------------------------------


@dataclass
class DashboardRow:
    district: Area
    index: index.AreaIndex | None
    lbm: tuple[int, int, str] | None
    summary: progress.PlanSummary | None
    plans: list = field(default_factory=list)

    @property
    def scores(self) -> list[tuple[str, str, str]]:
        return [self.score(d) for d in index.Domain]

    @property
    def light_counts(self) -> list[tuple[str, str, int]]:
        if self.summary is None:
            return []
        return [
            (str(light), str(LIGHT_LABELS[light]), self.summary.counts[light])
            for light in progress.Light
        ]

    def score(self, domain: str) -> tuple[str, str, str]:
        """(score, band code, band label); below the minimum coverage ("–", "", why)."""
        if self.index is None:
            return "–", "", ""
        d = self.index[domain]
        if d.score is None or d.band is None:
            return "–", "", insufficient_label(d, detail=False)
        return fmt(d.score), str(d.band), str(BAND_LABELS[d.band])


@dataclass
class Dashboard:
    municipality: Area
    rows: list[DashboardRow]
    year: int | None
    base_year: int | None
    base_year_is_default: bool


def dashboard(municipality: Area) -> Dashboard:
    """Every district of a municipality: its three indices, Leefbaarometer class and how its
    plans' goals are doing."""
    from wijkaanpak.plans.models import ActionPlan, Goal

    districts = list(
        Area.objects.filter(kind=AreaKind.DISTRICT, parent=municipality).order_by("name")
    )
    indicators = {i.id: i for i in Indicator.objects.all()}
    by_code = indicators_by_code(indicators)
    reference = index_reference(districts[0], indicators) if districts else None
    ids = [i.id for i in indicators.values()]
    lbm = by_code.get(builtin.LEEFBAAROMETER_CODE)
    if reference is not None:
        member_codes = {m.code for m in reference.config.indicators}
        ids = [i.id for i in indicators.values() if i.code in member_codes]
    if lbm:
        ids.append(lbm.id)
    data = _series(observations_for(districts, ids))
    results: dict[int, index.AreaIndex | None] = {d.id: None for d in districts}
    year = None
    if reference is not None:
        code_of = {i.id: i.code for i in indicators.values()}
        members = {m.code for m in reference.config.indicators}
        series = {
            d.id: {
                c: v
                for c, v in _series_by_code(data.get(d.id, {}), code_of).items()
                if c in members
            }
            for d in districts
        }
        years = sorted({y for per in series.values() for by_year in per.values() for y in by_year})
        # One year for every district: the latest in which some district's index meets the
        # minimum coverage (headline_year); each value the latest within the window.
        scored = {
            y: {d.id: reference.score_year(series[d.id], y) for d in districts} for y in years
        }
        year = headline_year({y: list(per.values()) for y, per in scored.items()})
        if year is not None:
            results = {
                d_id: (r if any(x.indicators_scored for x in r.domains) else None)
                for d_id, r in scored[year].items()
            }
    plans = (
        ActionPlan.objects.filter(district__in=districts)
        .select_related("district")
        .order_by("-start_year")
    )
    goals = Goal.objects.filter(plan__in=plans).select_related(
        "indicator", "area", "plan__district"
    )
    statuses = goals_progress(goals)
    plans_by_district: dict[int, list] = defaultdict(list)
    for plan in plans:
        plans_by_district[plan.district_id].append(plan)
    rows = []
    for d in districts:
        all_statuses = [s for p in plans_by_district[d.id] for s in statuses.get(p.id, [])]
        rows.append(
            DashboardRow(
                district=d,
                index=results[d.id],
                lbm=_lbm(data.get(d.id, {}).get(lbm.id, {})) if lbm else None,
                summary=progress.summarise(s.progress for s in all_statuses)
                if all_statuses
                else None,
                plans=plans_by_district[d.id],
            )
        )
    return Dashboard(
        municipality,
        rows,
        year,
        reference.base_year if reference else None,
        reference.base_year_is_default if reference else False,
    )


def municipalities_with_figures():
    return (
        Area.objects.filter(kind=AreaKind.MUNICIPALITY)
        .filter(Exists(Observation.objects.filter(area=OuterRef("pk"))))
        .order_by("name")
    )


# --- CSV -------------------------------------------------------------------------------------


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csvexport.writer(out, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def observations_csv_rows(queryset) -> Iterable[list[object]]:
    """Long format (the same columns the long-format import reads)."""
    for code, indicator, period, value, status, source in queryset.values_list(
        "area__code", "indicator__code", "period", "value", "status", "source__name"
    ).iterator(chunk_size=5000):
        yield [
            code or "NL00",
            indicator,
            period,
            "" if value is None else repr(value),
            status,
            source,
        ]


OBSERVATION_CSV_HEADER = ["gebiedscode", "indicator", "jaar", "waarde", "status", "bron"]


def profile_csv(area: Area) -> str:
    municipality = area.municipality
    areas = [area, None] if municipality in (None, area) else [area, municipality, None]
    query = Observation.objects.filter(
        Q(area_id__in=[a.id for a in areas if a]) | Q(area__isnull=True)
    ).order_by("indicator__code", "period", "area__code")
    return _csv(OBSERVATION_CSV_HEADER, observations_csv_rows(query))


def plan_progress_csv(result: PlanProgressResult) -> str:
    rows = []
    for s in result.goals:
        p = s.progress
        rows.append(
            [
                s.goal.title,
                s.goal.indicator.code,
                s.area.code,
                str(s.goal.baseline_value),
                s.goal.baseline_year,
                str(s.goal.target_value),
                s.goal.target_year,
                p.latest_year,
                p.latest_value,
                None if p.expected is None else round(p.expected, 6),
                None if p.percent_achieved is None else round(p.percent_achieved, 2),
                str(p.light),
                "ja" if p.no_recent_data else "nee",
                "ja" if s.boundary_changed else "nee",
            ]
        )
    return _csv(
        [
            "doel",
            "indicator",
            "gebied",
            "nulmeting",
            "jaar_nulmeting",
            "streefwaarde",
            "doeljaar",
            "laatste_jaar",
            "laatste_waarde",
            "verwacht_volgens_lijn",
            "procent_bereikt",
            "stoplicht",
            "geen_recente_cijfers",
            "grens_gewijzigd",
        ],
        rows,
    )


def dashboard_csv(board: Dashboard) -> str:
    rows = []
    for r in board.rows:
        scores = []
        coverage = []
        for d in index.Domain:
            value = r.index[d].score if r.index else None
            scores.append(None if value is None else round(value, 2))
            # "2/10": indicators with a score of those in the index (no score below half)
            di = r.index[d] if r.index else None
            coverage.append(f"{di.indicators_scored}/{di.indicators_total}" if di else None)
        rows.append(
            [
                r.district.code,
                r.district.name,
                board.year,
                board.base_year,
                *scores,
                r.lbm[1] if r.lbm else None,
                r.summary.counts[progress.Light.GREEN] if r.summary else 0,
                r.summary.counts[progress.Light.AMBER] if r.summary else 0,
                r.summary.counts[progress.Light.RED] if r.summary else 0,
                r.summary.counts[progress.Light.GREY] if r.summary else 0,
                *coverage,
            ]
        )
    return _csv(
        [
            "gebiedscode",
            "naam",
            "jaar",
            "basisjaar",
            "fysieke_index",
            "veiligheidsindex",
            "sociale_index",
            "leefbaarometer_klasse",
            "doelen_op_koers",
            "doelen_let_op",
            "doelen_uit_koers",
            "doelen_zonder_gegevens",
            "fysieke_index_cijfers",
            "veiligheidsindex_cijfers",
            "sociale_index_cijfers",
        ],
        rows,
    )


def this_year() -> int:
    return dt.date.today().year
