"""Catalogue of kwb variables: short name, Dutch label and unit.

:func:`load_variable_catalogue` reads a ``kwb-variabelen-YYYY.csv`` style file
(columns ``variabele``, ``omschrijving``, ``eenheid``). :data:`BUILTIN_VARIABLES`
covers the key variables so the platform works without that file; labels and
units follow CBS's "Toelichting Kerncijfers wijken en buurten 2023".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from .base import FileFormat, ProblemCode, ProblemLog, Severity, Source, SourceInfo
from .plain import PlainReader
from .reader import open_logged
from .tables import ColumnSpec, Table, load_source, open_table, source_filename

__all__ = [
    "BUILTIN_VARIABLES",
    "VARIABLE_COLUMNS",
    "KwbVariable",
    "VariablesReader",
    "load_variable_catalogue",
    "variable_info",
]


@dataclass(frozen=True, slots=True)
class KwbVariable:
    """``code`` e.g. ``g_wozbag``; ``label`` e.g. ``Gemiddelde WOZ-waarde van
    woningen``; ``unit`` e.g. ``x 1 000 euro``, ``%``, ``aantal`` (may be empty)."""

    code: str
    label: str
    unit: str


VARIABLE_COLUMNS: Final[tuple[ColumnSpec, ...]] = (
    ColumnSpec("code", ("variabele", "variable", "code", "naam", "name"), True, "variabele"),
    ColumnSpec(
        "label", ("omschrijving", "label", "description", "beschrijving"), True, "omschrijving"
    ),
    ColumnSpec("unit", ("eenheid", "unit"), False, "eenheid"),
)


def _builtin(rows: Sequence[tuple[str, str, str]]) -> Mapping[str, KwbVariable]:
    return MappingProxyType({code: KwbVariable(code, label, unit) for code, label, unit in rows})


#: Key variables, usable without a catalogue file.
BUILTIN_VARIABLES: Final[Mapping[str, KwbVariable]] = _builtin(
    [
        ("ind_wbi", "Indelingswijziging gemeente, wijk, buurt", "code"),
        ("a_inw", "Aantal inwoners", "aantal"),
        ("a_man", "Mannen", "aantal"),
        ("a_vrouw", "Vrouwen", "aantal"),
        ("a_00_14", "0 tot 15 jaar", "aantal"),
        ("a_15_24", "15 tot 25 jaar", "aantal"),
        ("a_25_44", "25 tot 45 jaar", "aantal"),
        ("a_45_64", "45 tot 65 jaar", "aantal"),
        ("a_65_oo", "65 jaar of ouder", "aantal"),
        ("a_nl_all", "Herkomstland Nederland", "aantal"),
        ("a_eur_al", "Herkomstland Europa (exclusief Nederland)", "aantal"),
        ("a_neu_al", "Herkomstland buiten Europa", "aantal"),
        ("a_hh", "Huishoudens totaal", "aantal"),
        ("a_1p_hh", "Eenpersoonshuishoudens", "aantal"),
        ("a_hh_z_k", "Huishoudens zonder kinderen", "aantal"),
        ("a_hh_m_k", "Huishoudens met kinderen", "aantal"),
        ("g_hhgro", "Gemiddelde huishoudensgrootte", "aantal"),
        ("bev_dich", "Bevolkingsdichtheid", "aantal inwoners per km2"),
        ("a_woning", "Woningvoorraad", "aantal"),
        ("g_wozbag", "Gemiddelde WOZ-waarde van woningen", "x 1 000 euro"),
        ("p_1gezw", "Percentage eengezinswoning", "%"),
        ("p_mgezw", "Percentage meergezinswoning", "%"),
        ("p_leegsw", "Percentage onbewoond", "%"),
        ("p_koopw", "Koopwoningen", "%"),
        ("p_huurw", "Huurwoningen totaal", "%"),
        ("p_wcorpw", "In bezit woningcorporatie", "%"),
        ("p_ov_hw", "In bezit overige verhuurders", "%"),
        ("g_ele", "Gemiddelde elektriciteitslevering totaal", "kWh"),
        ("g_gas", "Gemiddeld aardgasverbruik totaal", "m3"),
        ("p_stadsv", "Percentage woningen met stadsverwarming", "%"),
        ("p_arb_pp", "Nettoarbeidsparticipatie", "%"),
        ("a_inkont", "Aantal inkomensontvangers", "aantal"),
        ("g_ink_po", "Gemiddeld inkomen per inkomensontvanger", "x 1 000 euro"),
        ("g_ink_pi", "Gemiddeld inkomen per inwoner", "x 1 000 euro"),
        ("p_ink_li", "40% personen met laagste inkomen", "%"),
        ("p_ink_hi", "20% personen met hoogste inkomen", "%"),
        ("g_hh_sti", "Gemiddeld gestandaardiseerd inkomen van huishoudens", "x 1 000 euro"),
        ("p_hh_li", "40% huishoudens met laagste inkomen", "%"),
        ("p_hh_hi", "20% huishoudens met hoogste inkomen", "%"),
        ("p_hh_lkk", "Huishoudens met een laag inkomen", "%"),
        ("p_hh_osm", "Huishoudens onder of rond sociaal minimum", "%"),
        ("m_hh_ver", "Mediaan vermogen van particuliere huishoudens", "x 1 000 euro"),
        ("a_soz_wb", "Personen per soort uitkering; Bijstand", "aantal"),
        ("a_soz_ao", "Personen per soort uitkering; AO", "aantal"),
        ("a_soz_ww", "Personen per soort uitkering; WW", "aantal"),
        ("a_soz_ow", "Personen per soort uitkering; AOW", "aantal"),
        ("a_jz_tn", "Jongeren met jeugdzorg in natura", "aantal"),
        ("p_jz_tn", "Percentage jongeren met jeugdzorg", "%"),
        ("a_wmo_t", "Wmo-cliënten", "aantal"),
        ("p_wmo_t", "Wmo-cliënten relatief", "per 1 000 inwoners"),
        ("a_bedv", "Bedrijfsvestigingen totaal", "aantal"),
        ("a_pau", "Personenauto's totaal", "aantal"),
        ("g_pau_hh", "Personenauto's per huishouden", "per huishouden"),
        ("g_afs_hp", "Afstand tot huisartsenpraktijk", "km"),
        ("g_afs_gs", "Afstand tot grote supermarkt", "km"),
        ("g_afs_kv", "Afstand tot kinderdagverblijf", "km"),
        ("g_afs_sc", "Afstand tot school", "km"),
        ("a_opp_ha", "Oppervlakte totaal", "ha"),
        ("a_lan_ha", "Oppervlakte land", "ha"),
        ("a_wat_ha", "Oppervlakte water", "ha"),
        ("ste_mvs", "Mate van stedelijkheid", "code"),
        ("ste_oad", "Omgevingsadressendichtheid", "per km2"),
    ]
)


class VariablesReader(PlainReader[KwbVariable]):
    """Rows of a variable catalogue file. Create it with :func:`load_variable_catalogue`."""

    specs = VARIABLE_COLUMNS

    def read_row(self, line: int, cells: Sequence[object]) -> KwbVariable | None:
        code = self.text(cells, "code")
        label = self.text(cells, "label")
        if not code and not label:
            self.info.rows_skipped += 1
            return None
        if not code:
            self.missing(line, "code", "de naam van de variabele")
            return None
        if not label:
            self.missing(line, "label", "de omschrijving")
            return None
        previous = self.first_seen(code.lower(), line)
        if previous is not None:
            self.cell_problem(
                line,
                self.columns["code"],
                "code",
                ProblemCode.DUPLICATE_CODE,
                f"variabele {code} staat ook al op regel {previous}. We gebruiken die van regel "
                f"{previous}.",
                value=code,
                severity=Severity.WARNING,
            )
            return None
        return KwbVariable(code=code, label=label, unit=self.text(cells, "unit"))


def load_variable_catalogue(
    source: Source, filename: str | None = None, *, problems: ProblemLog | None = None
) -> dict[str, KwbVariable]:
    """Read a ``kwb-variabelen-*.csv`` style file into ``{code: KwbVariable}``
    (codes in lower case)."""
    name = source_filename(source, filename)

    def opener() -> Table:
        return open_table(load_source(source))

    table = open_logged(problems, opener)
    info = SourceInfo(
        format=FileFormat.VARIABLES_CSV,
        filename=name,
        container=table.container,
        encoding=table.encoding,
        delimiter=table.delimiter,
        decimal_comma=table.decimal_comma,
        sheet=table.sheet,
    )
    with VariablesReader(table, info, problems) as reader:
        return {v.code.lower(): v for v in reader}


def variable_info(
    code: str, catalogue: Mapping[str, KwbVariable] | None = None
) -> KwbVariable | None:
    """Look a variable up in ``catalogue`` (if given), then in the built-in list."""
    key = code.strip().lower()
    if catalogue is not None:
        found = catalogue.get(key)
        if found is not None:
            return found
    return BUILTIN_VARIABLES.get(key)
