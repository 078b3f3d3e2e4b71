"""Reader for CBS StatLine open-data tables "Kerncijfers wijken en buurten"
(e.g. 85984NED for 2024) downloaded as CSV.

StatLine names columns ``<Name>_<running number>``: ``ID``, ``WijkenEnBuurten``
(the code, padded with spaces: ``"BU03440101  "``), ``Gemeentenaam_1``,
``SoortRegio_2``, ``Codering_3``, ``IndelingswijzigingWijkenEnBuurten_4``,
``AantalInwoners_5``, ``Mannen_6``, ... The running numbers differ between
years, so columns are matched on the name without the number and mapped to the
short names of CBS's kwb files (``a_inw``, ``a_woning``, ...). Columns we cannot
map keep their StatLine name without the ``_N`` suffix (with the suffix if that
name occurs more than once).

Records are :class:`~wijkaanpak.areas.cbs.kwb.KwbRecord`. The TypedDataSet has
codes but no area names: ``name`` is then ``None`` (when ``WijkenEnBuurten``
holds names, as in "labels" downloads, they are used).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Final

from .base import FileFormat, ImportProblem, ProblemCode, ProblemLog, Source, SourceInfo
from .codes import AreaCodeError, parse_area_code
from .kwb import AreaFiguresReader, KwbRecord, year_problems
from .reader import cell_text, is_blank_row, open_logged, year_from_text
from .tables import Table, load_source, open_table, source_filename

__all__ = [
    "STATLINE_KWB_NAMES",
    "STATLINE_TABLE_YEARS",
    "StatLineReader",
    "is_statline_header",
    "read_statline",
    "split_statline_name",
    "statline_variable_names",
]

#: StatLine table id -> statistical year, used when no year is given.
STATLINE_TABLE_YEARS: Final[dict[str, int]] = {"85984NED": 2024}

#: StatLine column name (lower case, without ``_N``) -> kwb short name(s). Names
#: that occur more than once in a table are handled separately (see below).
STATLINE_KWB_NAMES: Final[dict[str, str]] = {
    # Bevolking
    "aantalinwoners": "a_inw",
    "mannen": "a_man",
    "vrouwen": "a_vrouw",
    "k_0tot15jaar": "a_00_14",
    "k_15tot25jaar": "a_15_24",
    "k_25tot45jaar": "a_25_44",
    "k_45tot65jaar": "a_45_64",
    "k_65jaarofouder": "a_65_oo",
    "ongehuwd": "a_ongeh",
    "gehuwd": "a_gehuwd",
    "gescheiden": "a_gesch",
    "verweduwd": "a_verwed",
    "westerstotaal": "a_w_all",  # migratieachtergrond, tables up to 2021
    "nietwesterstotaal": "a_nw_all",
    "marokko": "a_marok",
    "nederlandseantillenenaruba": "a_antaru",
    "suriname": "a_surina",
    "turkije": "a_turk",
    "overignietwesters": "a_ov_nw",
    "geboortetotaal": "a_geb",
    "geboorterelatief": "p_geb",
    "sterftetotaal": "a_ste",
    "sterfterelatief": "p_ste",
    "huishoudenstotaal": "a_hh",
    "eenpersoonshuishoudens": "a_1p_hh",
    "huishoudenszonderkinderen": "a_hh_z_k",
    "huishoudensmetkinderen": "a_hh_m_k",
    "gemiddeldehuishoudensgrootte": "g_hhgro",
    "bevolkingsdichtheid": "bev_dich",
    # Wonen
    "woningvoorraad": "a_woning",
    "woningvoorraadtotaal": "a_woning",
    "gemiddeldewozwaardevanwoningen": "g_wozbag",
    "gemiddeldewoningwaarde": "g_wozbag",
    "percentageeengezinswoning": "p_1gezw",
    "percentagemeergezinswoning": "p_mgezw",
    "percentagebewoond": "p_bewndw",
    "percentageonbewoond": "p_leegsw",
    "percentageleegstaand": "p_leegsw",
    "koopwoningen": "p_koopw",
    "huurwoningentotaal": "p_huurw",
    "inbezitwoningcorporatie": "p_wcorpw",
    "inbezitoverigeverhuurders": "p_ov_hw",
    "eigendomonbekend": "p_e_o_w",
    "bouwjaarvoor2000": "p_bjj2k",
    "bouwjaarvanaf2000": "p_bjo2k",
    # Energie (totals; the per-dwelling-type columns are below)
    "gemiddeldeelektriciteitsleveringtotaal": "g_ele",
    "gemiddeldeelektriciteitslevering": "g_ele",
    "gemiddeldelektriciteitsverbruiktotaal": "g_ele",
    "gemiddeldaardgasverbruiktotaal": "g_gas",
    "gemiddeldaardgasverbruik": "g_gas",
    "percentagewoningenmetstadsverwarming": "p_stadsv",
    # Onderwijs en arbeid
    "opleidingsniveaulaag": "a_opl_lg",
    "opleidingsniveaumiddelbaar": "a_opl_md",
    "opleidingsniveauhoog": "a_opl_hg",
    "nettoarbeidsparticipatie": "p_arb_pp",
    "percentagewerknemers": "p_arb_wn",
    "percentagezelfstandigen": "p_arb_zs",
    # Inkomen
    "aantalinkomensontvangers": "a_inkont",
    "gemiddeldinkomenperinkomensontvanger": "g_ink_po",
    "gemiddeldinkomenperinwoner": "g_ink_pi",
    "k_40personenmetlaagsteinkomen": "p_ink_li",
    "k_20personenmethoogsteinkomen": "p_ink_hi",
    "gemgestandaardiseerdinkomenvanhuish": "g_hh_sti",
    "gemgestandaardiseerdinkomen": "g_hh_sti",
    "k_40huishoudensmetlaagsteinkomen": "p_hh_li",
    "k_20huishoudensmethoogsteinkomen": "p_hh_hi",
    "huishoudensmeteenlaaginkomen": "p_hh_lkk",
    "huishonderofrondsociaalminimum": "p_hh_osm",
    "mediaanvermogenvanparticulierehuish": "m_hh_ver",
    # Sociale zekerheid en zorg
    "personenpersoortuitkeringbijstand": "a_soz_wb",
    "personenpersoortuitkeringao": "a_soz_ao",
    "personenpersoortuitkeringww": "a_soz_ww",
    "personenpersoortuitkeringaow": "a_soz_ow",
    "jongerenmetjeugdzorginnatura": "a_jz_tn",
    "percentagejongerenmetjeugdzorg": "p_jz_tn",
    "wmoclienten": "a_wmo_t",
    "wmoclientenrelatief": "p_wmo_t",
    # Bedrijfsvestigingen
    "bedrijfsvestigingentotaal": "a_bedv",
    "alandbouwbosbouwenvisserij": "a_bed_a",
    "bfnijverheidenenergie": "a_bed_bf",
    "gihandelenhoreca": "a_bed_gi",
    "hjvervoerinformatieencommunicatie": "a_bed_hj",
    "klfinancieledienstenonroerendgoed": "a_bed_kl",
    "mnzakelijkedienstverlening": "a_bed_mn",
    "oqoverheidonderwijsenzorg": "a_bed_oq",
    "rucultuurrecreatieoverigediensten": "a_bed_ru",
    # Motorvoertuigen
    "personenautostotaal": "a_pau",
    "personenautosbrandstofbenzine": "a_bst_b",
    "personenautosoverigebrandstof": "a_bst_nb",
    "personenautosperhuishouden": "g_pau_hh",
    "personenautosnaaroppervlakte": "g_pau_km",
    "motorfietsen": "a_m2w",
    # Nabijheid van voorzieningen
    "afstandtothuisartsenpraktijk": "g_afs_hp",
    "afstandtotgrotesupermarkt": "g_afs_gs",
    "afstandtotkinderdagverblijf": "g_afs_kv",
    "afstandtotschool": "g_afs_sc",
    "scholenbinnen3km": "g_3km_sc",
    # Oppervlakte, postcode, stedelijkheid
    "oppervlaktetotaal": "a_opp_ha",
    "oppervlakteland": "a_lan_ha",
    "oppervlaktewater": "a_wat_ha",
    "meestvoorkomendepostcode": "pst_mvp",
    "dekkingspercentage": "pst_dekp",
    "matevanstedelijkheid": "ste_mvs",
    "omgevingsadressendichtheid": "ste_oad",
}

# Per dwelling type, once under electricity and once under gas. Mapped only
# when the group's total column is present just before them (same block).
_ENERGY_HEADS: Final[dict[str, int]] = {
    "gemiddeldeelektriciteitsleveringtotaal": 0,
    "gemiddeldeelektriciteitslevering": 0,
    "gemiddeldelektriciteitsverbruiktotaal": 0,
    "gemiddeldaardgasverbruiktotaal": 1,
    "gemiddeldaardgasverbruik": 1,
}
_ENERGY_TYPES: Final[dict[str, tuple[str, str]]] = {
    "appartement": ("g_ele_ap", "g_gas_ap"),
    "tussenwoning": ("g_ele_tw", "g_gas_tw"),
    "hoekwoning": ("g_ele_hw", "g_gas_hw"),
    "tweeondereenkapwoning": ("g_ele_2w", "g_gas_2w"),
    "vrijstaandewoning": ("g_ele_vw", "g_gas_vw"),
    "huurwoning": ("g_ele_hu", "g_gas_hu"),
    "eigenwoning": ("g_ele_ko", "g_gas_ko"),
    "koopwoning": ("g_ele_ko", "g_gas_ko"),
}
_ENERGY_BLOCK: Final = 8

# Herkomst (tables since 2022): by origin, then born in NL, then born abroad.
# Numbers 17-24 are the same in the 2023-2025 tables; otherwise the order of
# occurrence is used, but only when all eight columns are present.
_ORIGIN_BY_NUMBER: Final[dict[tuple[str, int], str]] = {
    ("nederland", 17): "a_nl_all",
    ("europaexclusiefnederland", 18): "a_eur_al",
    ("buiteneuropa", 19): "a_neu_al",
    ("nederland", 20): "a_geb_nl",
    ("europaexclusiefnederland", 21): "a_geb_eu",
    ("buiteneuropa", 22): "a_geb_ne",
    ("europaexclusiefnederland", 23): "a_gbl_eu",
    ("buiteneuropa", 24): "a_gbl_ne",
}
_ORIGIN_ORDER: Final[dict[str, tuple[str, ...]]] = {
    "nederland": ("a_nl_all", "a_geb_nl"),
    "europaexclusiefnederland": ("a_eur_al", "a_geb_eu", "a_gbl_eu"),
    "buiteneuropa": ("a_neu_al", "a_geb_ne", "a_gbl_ne"),
}

# Identifying columns (lower case, without number) -> role.
_IDENTITY: Final[dict[str, str]] = {
    "id": "id",
    "wijkenenbuurten": "key",
    "gemeentenaam": "municipality_name",
    "soortregio": "kind",
    "codering": "code",
    "indelingswijzigingwijkenenbuurten": "ind_wbi",
    "indelingswijziginggemeentewijkbuurt": "ind_wbi",
    "perioden": "period",
}

_NUMBERED = re.compile(r"(.+?)_([0-9]+)")
_TABLE_ID = re.compile(r"(?<![0-9])([0-9]{5}NED)", re.IGNORECASE)
_PERIOD = re.compile(r"((?:19|20)[0-9]{2})(?:JJ00)?", re.IGNORECASE)


def split_statline_name(name: str) -> tuple[str, int | None]:
    """``"AantalInwoners_5"`` -> ``("AantalInwoners", 5)``; ``"ID"`` -> ``("ID", None)``."""
    text = name.strip().strip('"').strip()
    m = _NUMBERED.fullmatch(text)
    if m:
        return m.group(1), int(m.group(2))
    return text, None


def is_statline_header(header: Sequence[str]) -> bool:
    bases = {split_statline_name(h)[0].lower() for h in header}
    return "wijkenenbuurten" in bases or ("codering" in bases and "soortregio" in bases)


def statline_variable_names(header: Sequence[str]) -> dict[int, str]:
    """Column index -> variable name for every measure column of a StatLine header
    (identifying columns such as ``WijkenEnBuurten`` are left out)."""
    columns: list[tuple[int, str, str, int | None]] = []
    for i, name in enumerate(header):
        base, number = split_statline_name(name)
        lower = base.lower()
        if not base or lower in _IDENTITY:
            continue
        columns.append((i, name.strip(), lower, number))
    counts = Counter(lower for _, _, lower, _ in columns)
    origin_complete = all(counts[b] == len(names) for b, names in _ORIGIN_ORDER.items())
    seen: Counter[str] = Counter()
    used: set[str] = set()
    result: dict[int, str] = {}
    head: tuple[int, int | None] | None = None
    for i, name, lower, number in columns:
        occurrence = seen[lower]
        seen[lower] += 1
        target: str | None
        if lower in _ENERGY_TYPES:
            target = None
            if head is not None and (
                number is None or head[1] is None or 0 < number - head[1] <= _ENERGY_BLOCK
            ):
                target = _ENERGY_TYPES[lower][head[0]]
        elif lower in _ORIGIN_ORDER:
            target = _ORIGIN_BY_NUMBER.get((lower, number)) if number is not None else None
            if target is None and origin_complete:
                target = _ORIGIN_ORDER[lower][occurrence]
        else:
            target = STATLINE_KWB_NAMES.get(lower)
        if lower in _ENERGY_HEADS:
            head = (_ENERGY_HEADS[lower], number)
        elif lower not in _ENERGY_TYPES:
            head = None
        if target is None or target in used:
            base = split_statline_name(name)[0]
            target = base if counts[lower] == 1 and base not in used else name
        used.add(target)
        result[i] = target
    return result


def _table_year(filename: str | None) -> int | None:
    if not filename:
        return None
    m = _TABLE_ID.search(filename)
    if m:
        return STATLINE_TABLE_YEARS.get(m.group(1).upper())
    return None


class StatLineReader(AreaFiguresReader):
    """Records from a StatLine CSV. Create it with :func:`read_statline`."""

    def __init__(
        self, table: Table, info: SourceInfo, problems: ProblemLog | None, *, year: int | None
    ) -> None:
        super().__init__(table, info, problems)
        header = table.header
        roles: dict[str, int] = {}
        fatal: list[ImportProblem] = []
        for i, name in enumerate(header):
            role = _IDENTITY.get(split_statline_name(name)[0].lower())
            if role is None:
                continue
            if role in roles:
                fatal.append(
                    ImportProblem(
                        table.header_line,
                        None,
                        role,
                        f"De kolom '{name}' staat twee keer in de kopregel (kolom "
                        f"{table.column_label(roles[role])} en {table.column_label(i)}). "
                        "Haal de dubbele weg.",
                        ProblemCode.DUPLICATE_COLUMN,
                        header=name,
                    )
                )
            else:
                roles[role] = i
        if "key" not in roles and "code" not in roles:
            fatal.append(
                ImportProblem(
                    table.header_line,
                    None,
                    None,
                    "Dit is geen StatLine-tabel met wijken en buurten. De kolom "
                    "'WijkenEnBuurten' of 'Codering' ontbreekt.",
                    ProblemCode.MISSING_COLUMNS,
                    details={"missing": ("WijkenEnBuurten",), "found": tuple(header)},
                )
            )
        resolved = year
        if resolved is None:
            resolved = _table_year(info.filename) or year_from_text(info.filename)
        if "period" not in roles:
            fatal.extend(year_problems(resolved))
        if fatal:
            self.fail(fatal)
        self.year = resolved or 0
        self._year_from_rows = year is None and "period" in roles
        info.year = None if self._year_from_rows else resolved

        self._i_key = roles.get("key")
        self._i_code_col = roles.get("code")
        self._i_kind_col = roles.get("kind")
        self._i_gm_col = roles.get("municipality_name")
        self._i_wbi_col = roles.get("ind_wbi")
        self._i_period = roles.get("period")
        names = statline_variable_names(header)
        self._variables = sorted(names.items())
        info.columns = {header[i]: role for role, i in roles.items()}
        info.columns.update({header[i]: v for i, v in names.items()})

    def read_row(self, line: int, cells: Sequence[object]) -> KwbRecord | None:
        if not self.check_row_length(line, cells):
            return None
        n = len(cells)

        def text(index: int | None) -> str:
            return cell_text(cells[index]) if index is not None and index < n else ""

        key = text(self._i_key)
        coded = text(self._i_code_col)
        code_text = coded or key
        code_index = self._i_code_col if coded else self._i_key
        kind_text = text(self._i_kind_col)
        if not code_text:
            if is_blank_row(cells):
                self.info.rows_skipped += 1
            else:
                index = self._i_code_col if self._i_code_col is not None else self._i_key
                assert index is not None
                self.cell_problem(
                    line, index, "code", ProblemCode.MISSING_VALUE, "de gebiedscode ontbreekt."
                )
            return None
        if code_text[:2].upper() == "NL" or kind_text.lower() == "land":
            self.info.rows_skipped += 1  # the row for the whole country
            return None
        assert code_index is not None
        try:
            code = parse_area_code(code_text)
        except AreaCodeError as exc:
            self.cell_problem(
                line, code_index, "code", ProblemCode.INVALID_CODE, exc.message, value=code_text
            )
            return None
        if not self.check_kind(line, self._i_kind_col, kind_text, code):
            return None
        year = self.year
        if self._year_from_rows:
            assert self._i_period is not None
            period = text(self._i_period)
            m = _PERIOD.fullmatch(period)
            if m is None:
                self.cell_problem(
                    line,
                    self._i_period,
                    "period",
                    ProblemCode.INVALID_PERIOD,
                    f"'{period}' is geen jaar. Hier hoort een jaar te staan, bijvoorbeeld 2024JJ00.",
                    value=period,
                )
                return None
            year = int(m.group(1))
        # One record per code (and year, when the table holds several years).
        if not self.check_unique(
            line, code_index, code.code, year if self._year_from_rows else None
        ):
            return None
        name = key if key and not _is_code(key) else None
        ind_wbi = self.read_ind_wbi(line, cells, self._i_wbi_col)
        values, flags = self.read_values(line, cells, self._variables)
        return KwbRecord(
            line=line,
            code=code,
            name=name,
            kind=code.kind,
            municipality_name=text(self._i_gm_col) or None,
            ind_wbi=ind_wbi,
            year=year,
            values=values,
            flags=flags,
        )


def _is_code(text: str) -> bool:
    if text[:2].upper() == "NL":
        return True
    try:
        parse_area_code(text)
    except AreaCodeError:
        return False
    return True


def read_statline(
    source: Source,
    filename: str | None = None,
    *,
    year: int | None = None,
    problems: ProblemLog | None = None,
) -> StatLineReader:
    """Open a StatLine "Kerncijfers wijken en buurten" CSV for reading.

    The year is ``year``, else the ``Perioden`` column (per row), else the table
    id in the file name (``85984NED`` = 2024), else a year in the file name.
    """
    name = source_filename(source, filename)

    def opener() -> Table:
        return open_table(load_source(source), is_header=is_statline_header)

    table = open_logged(problems, opener)
    info = SourceInfo(
        format=FileFormat.STATLINE_CSV,
        filename=name,
        container=table.container,
        encoding=table.encoding,
        delimiter=table.delimiter,
        decimal_comma=table.decimal_comma,
        sheet=table.sheet,
    )
    return StatLineReader(table, info, problems, year=year)
