"""The built-in indicator catalogue and the default index configuration.

Pure data and small functions, no Django: the import service creates the catalogue entries
it needs, the index selector falls back to :data:`DEFAULT_INDEX_MEMBERS`.

Codes in lower case with underscores are CBS short names from "Kerncijfers wijken en
buurten" (``g_wozbag``), or derived from them (``bijstand_per_1000`` = ``a_soz_wb`` /
``a_inw`` x 1,000). A derived value is ``sum(numerator) / sum(denominator) * factor``; the
parts are read from the same row of the same file, so they always belong to the same area
and year. Directions: ``higher`` or ``lower`` is better, ``neutral`` for descriptive figures
(population, type of homes) on which the platform passes no judgement.

Themes are the seven of the wijkenaanpak (wonen, werken, leren en opgroeien, integreren,
veiligheid, gezondheid, leefbaarheid) plus ``population`` for descriptive figures.
Income is counted under ``work`` ("werk en inkomen").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

__all__ = [
    "CBS_KWB_SOURCE",
    "CATALOGUE",
    "DEFAULT_INDEX_MEMBERS",
    "KEY_FIGURES",
    "LEEFBAAROMETER_CODE",
    "CatalogueEntry",
    "IndexMember",
    "derive",
    "parse_parts",
]

CBS_KWB_SOURCE: Final = "CBS Kerncijfers wijken en buurten"
LEEFBAAROMETER_CODE: Final = "lbm_klasse"


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    name_nl: str
    name_en: str
    unit: str
    direction: str
    theme: str
    source: str = CBS_KWB_SOURCE
    is_subjective: bool = False
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    factor: float = 1.0

    @property
    def is_derived(self) -> bool:
        return bool(self.denominator)

    @property
    def variables(self) -> tuple[str, ...]:
        """The file columns this entry is read from."""
        if self.is_derived:
            return self.numerator + self.denominator
        return (self.code,)


def _ratio(
    code: str,
    name_nl: str,
    name_en: str,
    unit: str,
    direction: str,
    theme: str,
    numerator: Sequence[str],
    denominator: Sequence[str],
    factor: float,
) -> CatalogueEntry:
    parts = f"{'+'.join(numerator)} / {'+'.join(denominator)}"
    times = f" x {factor:g}" if factor != 1 else ""
    return CatalogueEntry(
        code,
        name_nl,
        name_en,
        unit,
        direction,
        theme,
        source=f"{CBS_KWB_SOURCE} ({parts}{times})",
        numerator=tuple(numerator),
        denominator=tuple(denominator),
        factor=factor,
    )


_EDU = ("a_opl_lg", "a_opl_md", "a_opl_hg")

_ENTRIES: tuple[CatalogueEntry, ...] = (
    # population (descriptive)
    CatalogueEntry("a_inw", "Inwoners", "Inhabitants", "aantal", "neutral", "population"),
    CatalogueEntry("a_hh", "Huishoudens", "Households", "aantal", "neutral", "population"),
    CatalogueEntry(
        "g_hhgro",
        "Gemiddelde grootte van een huishouden",
        "Average household size",
        "personen",
        "neutral",
        "population",
    ),
    CatalogueEntry(
        "bev_dich",
        "Bevolkingsdichtheid",
        "Population density",
        "inwoners per km²",
        "neutral",
        "population",
    ),
    _ratio(
        "p_00_14",
        "Kinderen tot 15 jaar",
        "Children under 15",
        "%",
        "neutral",
        "population",
        ["a_00_14"],
        ["a_inw"],
        100,
    ),
    _ratio(
        "p_65_oo",
        "Inwoners van 65 jaar of ouder",
        "Inhabitants aged 65 or over",
        "%",
        "neutral",
        "population",
        ["a_65_oo"],
        ["a_inw"],
        100,
    ),
    _ratio(
        "p_1p_hh",
        "Eenpersoonshuishoudens",
        "Single-person households",
        "%",
        "neutral",
        "population",
        ["a_1p_hh"],
        ["a_hh"],
        100,
    ),
    _ratio(
        "p_hh_m_k",
        "Huishoudens met kinderen",
        "Households with children",
        "%",
        "neutral",
        "population",
        ["a_hh_m_k"],
        ["a_hh"],
        100,
    ),
    # integration (descriptive)
    _ratio(
        "p_neu_al",
        "Inwoners met een herkomst buiten Europa",
        "Inhabitants with a non-European background",
        "%",
        "neutral",
        "integration",
        ["a_neu_al"],
        ["a_inw"],
        100,
    ),
    _ratio(
        "p_eur_al",
        "Inwoners met een herkomst elders in Europa",
        "Inhabitants with another European background",
        "%",
        "neutral",
        "integration",
        ["a_eur_al"],
        ["a_inw"],
        100,
    ),
    # housing
    CatalogueEntry("a_woning", "Woningen", "Homes", "aantal", "neutral", "housing"),
    CatalogueEntry(
        "g_wozbag",
        "Gemiddelde WOZ-waarde van woningen",
        "Average assessed value of homes",
        "× € 1.000",
        "higher",
        "housing",
    ),
    CatalogueEntry("p_koopw", "Koopwoningen", "Owner-occupied homes", "%", "neutral", "housing"),
    CatalogueEntry("p_huurw", "Huurwoningen", "Rented homes", "%", "neutral", "housing"),
    CatalogueEntry(
        "p_wcorpw",
        "Woningen van een woningcorporatie",
        "Homes owned by housing corporations",
        "%",
        "neutral",
        "housing",
    ),
    CatalogueEntry(
        "p_leegsw", "Woningen zonder bewoners", "Unoccupied homes", "%", "lower", "housing"
    ),
    CatalogueEntry(
        "p_bjo2k",
        "Woningen gebouwd vanaf 2000",
        "Homes built since 2000",
        "%",
        "neutral",
        "housing",
    ),
    CatalogueEntry(
        "g_gas",
        "Gemiddeld aardgasverbruik per woning",
        "Average gas use per home",
        "m³",
        "lower",
        "housing",
    ),
    CatalogueEntry(
        "g_ele",
        "Gemiddeld elektriciteitsverbruik per woning",
        "Average electricity use per home",
        "kWh",
        "lower",
        "housing",
    ),
    CatalogueEntry(
        "p_stadsv",
        "Woningen met stadsverwarming",
        "Homes with district heating",
        "%",
        "neutral",
        "housing",
    ),
    # work and income
    CatalogueEntry(
        "p_arb_pp", "Nettoarbeidsparticipatie", "Net labour participation", "%", "higher", "work"
    ),
    CatalogueEntry(
        "p_arb_zs",
        "Zelfstandigen onder de werkenden",
        "Self-employed among the working",
        "%",
        "neutral",
        "work",
    ),
    _ratio(
        "bijstand_per_1000",
        "Inwoners met een bijstandsuitkering per 1.000 inwoners",
        "Social assistance recipients per 1,000 inhabitants",
        "per 1.000",
        "lower",
        "work",
        ["a_soz_wb"],
        ["a_inw"],
        1000,
    ),
    _ratio(
        "ww_per_1000",
        "Inwoners met een WW-uitkering per 1.000 inwoners",
        "Unemployment benefit recipients per 1,000 inhabitants",
        "per 1.000",
        "lower",
        "work",
        ["a_soz_ww"],
        ["a_inw"],
        1000,
    ),
    _ratio(
        "ao_per_1000",
        "Inwoners met een arbeidsongeschiktheidsuitkering per 1.000 inwoners",
        "Disability benefit recipients per 1,000 inhabitants",
        "per 1.000",
        "lower",
        "work",
        ["a_soz_ao"],
        ["a_inw"],
        1000,
    ),
    CatalogueEntry(
        "a_soz_wb",
        "Personen met een bijstandsuitkering",
        "Persons receiving social assistance",
        "aantal",
        "lower",
        "work",
    ),
    _ratio(
        "bedrijven_per_1000",
        "Bedrijfsvestigingen per 1.000 inwoners",
        "Business establishments per 1,000 inhabitants",
        "per 1.000",
        "higher",
        "work",
        ["a_bedv"],
        ["a_inw"],
        1000,
    ),
    CatalogueEntry(
        "g_ink_pi",
        "Gemiddeld inkomen per inwoner",
        "Average income per inhabitant",
        "× € 1.000",
        "higher",
        "work",
    ),
    CatalogueEntry(
        "g_hh_sti",
        "Gemiddeld gestandaardiseerd inkomen van huishoudens",
        "Average standardised household income",
        "× € 1.000",
        "higher",
        "work",
    ),
    CatalogueEntry(
        "p_hh_lkk",
        "Huishoudens met een laag inkomen",
        "Households with a low income",
        "%",
        "lower",
        "work",
    ),
    CatalogueEntry(
        "p_hh_osm",
        "Huishoudens onder of rond het sociaal minimum",
        "Households at or below the social minimum",
        "%",
        "lower",
        "work",
    ),
    CatalogueEntry(
        "p_ink_li",
        "Inwoners met een inkomen bij de laagste 40% van Nederland",
        "Persons in the lowest 40% of incomes nationally",
        "%",
        "lower",
        "work",
    ),
    CatalogueEntry(
        "m_hh_ver",
        "Mediaan vermogen van huishoudens",
        "Median household wealth",
        "× € 1.000",
        "higher",
        "work",
    ),
    # learning and growing up
    _ratio(
        "p_opl_lg",
        "Inwoners (15-75 jaar) met een laag opleidingsniveau",
        "Inhabitants (15-75) with a low level of education",
        "%",
        "lower",
        "learning",
        ["a_opl_lg"],
        _EDU,
        100,
    ),
    _ratio(
        "p_opl_hg",
        "Inwoners (15-75 jaar) met een hoog opleidingsniveau",
        "Inhabitants (15-75) with a high level of education",
        "%",
        "higher",
        "learning",
        ["a_opl_hg"],
        _EDU,
        100,
    ),
    CatalogueEntry(
        "p_jz_tn", "Jongeren met jeugdzorg", "Young people in youth care", "%", "lower", "learning"
    ),
    CatalogueEntry(
        "g_afs_sc",
        "Afstand tot een basisschool",
        "Distance to a primary school",
        "km",
        "lower",
        "learning",
    ),
    CatalogueEntry(
        "g_afs_kv",
        "Afstand tot een kinderdagverblijf",
        "Distance to a day nursery",
        "km",
        "lower",
        "learning",
    ),
    CatalogueEntry(
        "g_3km_sc",
        "Basisscholen binnen 3 km",
        "Primary schools within 3 km",
        "aantal",
        "higher",
        "learning",
    ),
    # health
    CatalogueEntry(
        "p_wmo_t",
        "Inwoners met hulp uit de Wmo per 1.000 inwoners",
        "Social support (Wmo) clients per 1,000 inhabitants",
        "per 1.000",
        "lower",
        "health",
    ),
    CatalogueEntry(
        "g_afs_hp",
        "Afstand tot een huisartsenpraktijk",
        "Distance to a GP practice",
        "km",
        "lower",
        "health",
    ),
    # liveability
    CatalogueEntry(
        "g_afs_gs",
        "Afstand tot een grote supermarkt",
        "Distance to a large supermarket",
        "km",
        "lower",
        "liveability",
    ),
    CatalogueEntry(
        "g_pau_hh",
        "Personenauto's per huishouden",
        "Cars per household",
        "per huishouden",
        "neutral",
        "liveability",
    ),
    CatalogueEntry(
        "ste_oad",
        "Omgevingsadressendichtheid",
        "Address density",
        "adressen per km²",
        "neutral",
        "liveability",
    ),
    CatalogueEntry(
        LEEFBAAROMETER_CODE,
        "Leefbaarometer: klasse (1 = zeer onvoldoende, 9 = uitstekend)",
        "Leefbaarometer class (1 = very insufficient, 9 = excellent)",
        "klasse",
        "higher",
        "liveability",
        source="Leefbaarometer (ministerie van BZK)",
    ),
    CatalogueEntry(
        "bewoners_actief",
        "Bewoners die zich inzetten voor de buurt",
        "Residents who volunteer for their neighbourhood",
        "%",
        "higher",
        "liveability",
        source="inwonersenquête",
        is_subjective=True,
    ),
    # safety (kwb files up to 2017 carried registered crime; newer figures come from the police)
    CatalogueEntry(
        "g_wodief",
        "Diefstal uit woning, schuur en dergelijke per 1.000 inwoners",
        "Burglaries per 1,000 inhabitants",
        "per 1.000",
        "lower",
        "safety",
    ),
    CatalogueEntry(
        "g_vernoo",
        "Vernielingen en misdrijven tegen de openbare orde per 1.000 inwoners",
        "Vandalism and public order offences per 1,000 inhabitants",
        "per 1.000",
        "lower",
        "safety",
    ),
    CatalogueEntry(
        "g_gewsek",
        "Geweldsmisdrijven en seksuele misdrijven per 1.000 inwoners",
        "Violent and sexual offences per 1,000 inhabitants",
        "per 1.000",
        "lower",
        "safety",
    ),
    CatalogueEntry(
        "onveilig",
        "Bewoners die zich weleens onveilig voelen in de buurt",
        "Residents who sometimes feel unsafe in the neighbourhood",
        "%",
        "lower",
        "safety",
        source="Veiligheidsmonitor / inwonersenquête",
        is_subjective=True,
    ),
)

#: code -> entry, in catalogue order.
CATALOGUE: Final[Mapping[str, CatalogueEntry]] = MappingProxyType({e.code: e for e in _ENTRIES})

#: The figures a profile shows first, with a trend chart each.
KEY_FIGURES: Final[tuple[str, ...]] = (
    "a_inw",
    "a_woning",
    "g_wozbag",
    "p_arb_pp",
    "g_ink_pi",
    "p_hh_osm",
    "bijstand_per_1000",
    "p_jz_tn",
)


@dataclass(frozen=True)
class IndexMember:
    """An indicator's place in the composite index: domain (``fysiek``, ``veiligheid``,
    ``sociaal``), theme (free text, one domain per theme) and weight within its part."""

    code: str
    domain: str
    theme: str
    weight: float = 1.0


#: The default index: Rotterdam-Wijkprofiel-like themes filled with what CBS publishes
#: (objective) plus the survey indicators of the demo (subjective).
DEFAULT_INDEX_MEMBERS: Final[tuple[IndexMember, ...]] = (
    IndexMember("g_wozbag", "fysiek", "wonen"),
    IndexMember("p_leegsw", "fysiek", "wonen"),
    IndexMember("g_afs_hp", "fysiek", "voorzieningen"),
    IndexMember("g_afs_gs", "fysiek", "voorzieningen"),
    IndexMember("g_afs_sc", "fysiek", "voorzieningen"),
    IndexMember("g_afs_kv", "fysiek", "voorzieningen"),
    IndexMember("g_wodief", "veiligheid", "inbraak en diefstal"),
    IndexMember("g_vernoo", "veiligheid", "vernieling"),
    IndexMember("g_gewsek", "veiligheid", "geweld"),
    IndexMember("onveilig", "veiligheid", "veiligheidsbeleving"),
    IndexMember("p_arb_pp", "sociaal", "werk"),
    IndexMember("bijstand_per_1000", "sociaal", "werk"),
    IndexMember("ww_per_1000", "sociaal", "werk"),
    IndexMember("p_hh_osm", "sociaal", "inkomen"),
    IndexMember("p_hh_lkk", "sociaal", "inkomen"),
    IndexMember("g_hh_sti", "sociaal", "inkomen"),
    IndexMember("p_opl_lg", "sociaal", "opleiding"),
    IndexMember("p_jz_tn", "sociaal", "zorg en jeugd"),
    IndexMember("p_wmo_t", "sociaal", "zorg en jeugd"),
    IndexMember("bewoners_actief", "sociaal", "meedoen"),
)


def parse_parts(text: str) -> tuple[str, ...]:
    """``"a_opl_lg + a_opl_md"`` -> ``("a_opl_lg", "a_opl_md")`` (lower case, no blanks)."""
    return tuple(p.strip().lower() for p in text.split("+") if p.strip())


def derive(
    values: Mapping[str, float | None],
    numerator: Sequence[str],
    denominator: Sequence[str],
    factor: float,
) -> float | None:
    """``sum(numerator) / sum(denominator) * factor``; ``None`` when a part is missing or
    the denominator is 0."""
    num = 0.0
    for code in numerator:
        v = values.get(code)
        if v is None:
            return None
        num += v
    den = 0.0
    for code in denominator:
        v = values.get(code)
        if v is None:
            return None
        den += v
    if den == 0:
        return None
    return num / den * factor
