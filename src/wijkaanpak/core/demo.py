"""The Utrecht demo: partners, people, accounts, indicators, action plans and projects.

Plain Python data, read by ``wijk load_demo``. The areas themselves come from the real CBS
file (Kerncijfers wijken en buurten 2023, gemeente Utrecht).

Every fact taken from the source texts carries a ``source``: the seed file id (five Dutch
texts the team keeps outside the repository: not ours to redistribute) and a short, literal
quote, so a reader can check it with ``grep`` (``tests/test_demo.py`` does, marked
``external_data``). Baselines taken from the CBS file say so in ``baseline_source`` (and ``cbs`` says
how to recompute them: area code, variable, optional per-1,000 denominator). Everything
else (names of people, amounts, most targets) is invented for the demo; the UI marks all
of it with a "voorbeeld" badge through ``is_demo``.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Source(NamedTuple):
    seed: str  # "000".."004": the file id prefix of the seed text
    quote: str  # literal text from that file (line breaks and spacing may differ)


#: The seed files, by id, with a title a resident understands.
SEEDS: dict[str, tuple[str, str]] = {
    "000": ("000_30c846a01b5a6c93.txt", "artikelen over de wijkaanpak (vouchers, participatie)"),
    "001": ("001_606c4efb6c816dc9.txt", "magazine van het congres ‘Vooruit met de wijk!’"),
    "002": ("002_8a2b392c3c312ca7.txt", "notitie over de actualiteit van de wijkaanpak"),
    "003": ("003_0c81fe461bfe4cee.txt", "essays over de balans van het wijkenbeleid"),
    "004": ("004_8b1d84519761371f.txt", "eindrapport Visitatiecommissie Wijkenaanpak (2011)"),
}

PASSWORD = "wijkaanpak-demo"
#: Demo accounts are recognised by this e-mail domain (``--reset`` deletes only these).
EMAIL_DOMAIN = "demo.wijkaanpak.invalid"
MUNICIPALITY_CODE = "GM0344"
CBS_FILE_NAME = "kwb-2023-gm0344-utrecht.xlsx"

#: The districts the demo uses: key -> (CBS code, a word the CBS name must contain).
DISTRICTS: dict[str, tuple[str, str]] = {
    "overvecht": ("WK034403", "Overvecht"),
    "zuidwest": ("WK034408", "Zuidwest"),  # Kanaleneiland lies in Wijk 08 Zuidwest
    "noordwest": ("WK034402", "Noordwest"),  # Zuilen, Ondiep and Pijlsweerd
}

# --- facts from the seeds -------------------------------------------------------------------

S = {
    "overvecht_health": Source(
        "002",
        "het initiatief dat de gemeente Utrecht en zorgverzekeraar Achmea genomen hebben om in "
        "de wijk Overvecht de gezondheid van de bewoners te verbeteren",
    ),
    "overvecht_network": Source(
        "002",
        "Alle eerstelijns zorgverleners hebben hier de handen ineengeslagen in een actief netwerk",
    ),
    "overvecht_exercise": Source(
        "002",
        "Het percentage Overvechters van 19 jaar en ouder dat de beweegnorm haalt is in deze "
        "periode gestegen van 54% naar 65%.",
    ),
    "overvecht_care_costs": Source(
        "002",
        "De cijfers laten in de periode 2006-2010 een vermindering van zorgkosten zien van 4%.",
    ),
    "scale": Source(
        "002",
        "de optimale omvang ongeveer tussen de tien- en vijfentwintigduizend bewoners zou bevatten",
    ),
    "one_plan": Source(
        "002",
        "‘een probleem(gezin), een plan, een professional’, tegenwoordig het motto van elk "
        "sociaal wijkteam",
    ),
    "ten_helpers": Source("004", "meer dan tien hulpverleners actief bij hetzelfde gezin"),
    "leeuwarden_return": Source(
        "002", "iedere per jaar geïnvesteerde euro levert ruim € 2 euro op"
    ),
    "leeuwarden_ots": Source(
        "002",
        "Het aantal ondertoezichtstellingen door Jeugdzorg is vanaf 2008 (start van het "
        "Frontlijnteam) gedaald met 40 procent",
    ),
    "al_amal": Source(
        "004",
        "vrouwenorganisatie Al Amal in Kanaleneiland in Utrecht, waar men met vrijwilligers er in "
        "slaagt om opvoedingsondersteuning en praktische hulp te bieden",
    ),
    "employers": Source(
        "004",
        "verbindingen tussen de aandachtswijken en grote werkgevers in de stad / regio op een "
        "enkele uitzondering na (Kanaleneiland in Utrecht strekt tot voorbeeld)",
    ),
    "district_managers": Source(
        "004",
        "in Utrecht Kanaleneiland werd duidelijk dat de langdurige inzet van wijkmanagers veel "
        "verschil kan maken",
    ),
    "vouchers": Source(
        "000",
        "Het vouchersysteem dat het ministerie heeft ontwikkeld, geeft bewoners de mogelijkheid "
        "om zelf meer te bepalen wat er in hun buurt of wijk moet gebeuren",
    ),
    "youth_centre": Source(
        "000",
        "In Utrecht kregen jonge Marokkanen die allerlei rottigheid uithaalden een plek en "
        "begeleiding om zelf een buurthuis te runnen",
    ),
    "budgets_carousel": Source(
        "004",
        "draagt het echter ook het risico in zich van een versterking van de projectencarrousel",
    ),
    "carousel_lost": Source(
        "003",
        "maar waar succesvolle projecten verdwijnen omdat het hen niet lukt om te verduurzamen",
    ),
    "no_continuation": Source(
        "004",
        "Aan het begin van een project is meestal niet nagedacht hoe het project aan het eind "
        "te continueren",
    ),
    "no_output": Source(
        "004",
        "Bij de vaak met subsidie opgestarte projecten is het opstellen van een output meting en "
        "het creëren van een structureel verdienmodel afwezig",
    ),
    "best_person": Source(
        "004",
        "Juist zij slagen er als projectleider in projecten tegen de stroom in voort te zetten",
    ),
    "homestart": Source("004", "Homestart in Utrecht"),
    "charters_signed": Source("004", "alle wijkcharters in juli 2008 waren getekend"),
    "partners_signed": Source("004", "Ze hebben hun handtekening onder het wijkactieplan gezet"),
    "liaison": Source("004", "meer overleg in plaats van meer resultaat"),
    "focus": Source(
        "004",
        "heldere keuzes met betrekking tot de vraag welke initiatieven moeten worden voortgezet, "
        "en welke beëindigd",
    ),
    "funds": Source(
        "004", "bijvoorbeeld in het bedrijfsleven, (zorg)verzekeraars, of het benaderen van fondsen"
    ),
    "clean_safe": Source(
        "004",
        "Schoon, heel, veilig en integratie zijn terreinen waar bewoners in toenemende mate in "
        "praktische zin medeverantwoordelijkheid voor nemen",
    ),
    "police_residents": Source(
        "004",
        "tot het bepalen in welke delen van de wijk bij voorrang wijkagenten zouden moeten "
        "worden ingezet",
    ),
    "accountable": Source("004", "wat is je bijdrage als partner en waarop ben je aanspreekbaar"),
    "welfare_money": Source("004", "de bijstandsuitkeringen voor bewoners in een bepaalde wijk"),
    "problems": Source("002", "werkeloosheid, criminaliteit, jongerenoverlast en schooluitval"),
    "pdca": Source("004", "bleef steken in plan / do, plan / do, plan / do"),
}

# --- indicator catalogue -------------------------------------------------------------------
# Codes in lower case with an underscore are CBS variables (Kerncijfers wijken en buurten).

INDICATORS: list[dict[str, Any]] = [
    {
        "code": "beweegnorm",
        "name_nl": "Volwassenen die de beweegnorm halen",
        "name_en": "Adults meeting the exercise guideline",
        "unit": "%",
        "direction": "higher",
        "theme": "health",
        "source": "GGD Gezondheidsmonitor (enquête, 19 jaar en ouder)",
        "is_subjective": True,
    },
    {
        "code": "zorgkosten_index",
        "name_nl": "Zorgkosten per inwoner (index, 2006 = 100)",
        "name_en": "Health care costs per inhabitant (index, 2006 = 100)",
        "unit": "index",
        "direction": "lower",
        "theme": "health",
        "source": "zorgverzekeraar (declaraties)",
        "is_subjective": False,
    },
    {
        "code": "een_regisseur",
        "name_nl": "Huishoudens met meerdere problemen met één plan en één regisseur",
        "name_en": "Multi-problem households with one plan and one coordinator",
        "unit": "%",
        "direction": "higher",
        "theme": "health",
        "source": "registratie sociaal wijkteam",
        "is_subjective": False,
    },
    {
        "code": "bijstand_per_1000",
        "name_nl": "Inwoners met een bijstandsuitkering per 1.000 inwoners",
        "name_en": "Social assistance recipients per 1,000 inhabitants",
        "unit": "per 1.000",
        "direction": "lower",
        "theme": "work",
        "source": "CBS Kerncijfers wijken en buurten (a_soz_wb / a_inw × 1.000)",
        "is_subjective": False,
    },
    {
        "code": "a_soz_wb",
        "name_nl": "Personen met een bijstandsuitkering",
        "name_en": "Persons receiving social assistance",
        "unit": "aantal",
        "direction": "lower",
        "theme": "work",
        "source": "CBS Kerncijfers wijken en buurten (a_soz_wb)",
        "is_subjective": False,
    },
    {
        "code": "werkloosheid",
        "name_nl": "Werkloze beroepsbevolking",
        "name_en": "Unemployment rate",
        "unit": "%",
        "direction": "lower",
        "theme": "work",
        "source": "CBS / gemeente Utrecht, afdeling Onderzoek",
        "is_subjective": False,
    },
    {
        "code": "p_wcorpw",
        "name_nl": "Woningen in bezit van een woningcorporatie",
        "name_en": "Homes owned by housing corporations",
        "unit": "%",
        "direction": "lower",
        "theme": "housing",
        "source": "CBS Kerncijfers wijken en buurten (p_wcorpw)",
        "is_subjective": False,
    },
    {
        "code": "p_huurw",
        "name_nl": "Huurwoningen",
        "name_en": "Rented homes",
        "unit": "%",
        "direction": "lower",
        "theme": "housing",
        "source": "CBS Kerncijfers wijken en buurten (p_huurw)",
        "is_subjective": False,
    },
    {
        "code": "g_wozbag",
        "name_nl": "Gemiddelde WOZ-waarde van woningen",
        "name_en": "Average assessed value of homes",
        "unit": "× € 1.000",
        "direction": "higher",
        "theme": "housing",
        "source": "CBS Kerncijfers wijken en buurten (g_wozbag)",
        "is_subjective": False,
    },
    {
        "code": "onveilig",
        "name_nl": "Bewoners die zich weleens onveilig voelen in de buurt",
        "name_en": "Residents who sometimes feel unsafe in the neighbourhood",
        "unit": "%",
        "direction": "lower",
        "theme": "safety",
        "source": "Veiligheidsmonitor / inwonersenquête",
        "is_subjective": True,
    },
    {
        "code": "vsv",
        "name_nl": "Voortijdig schoolverlaters (jongeren zonder startkwalificatie)",
        "name_en": "Early school leavers",
        "unit": "%",
        "direction": "lower",
        "theme": "learning",
        "source": "DUO / RMC-regio Utrecht",
        "is_subjective": False,
    },
    {
        "code": "bewoners_actief",
        "name_nl": "Bewoners die zich inzetten voor de buurt",
        "name_en": "Residents who volunteer for their neighbourhood",
        "unit": "%",
        "direction": "higher",
        "theme": "liveability",
        "source": "inwonersenquête",
        "is_subjective": True,
    },
]

# --- composite index (monitor) ------------------------------------------------------------
# The index of the demo is built only from CBS kwb variables that have a value for every
# district of Utrecht in the 2023 file the demo loads (core/demo_data/cbs/, checked by
# tests/test_demo.py). That file has no figures on income, education, labour participation,
# youth care, Wmo, distances to amenities (all "." at district level) nor on crime (the
# police figures are not part of kwb 2023), and the 2024 first release only has
# population figures. What is left with a good and a bad side:
#
# * fysiek / wonen: average WOZ value (higher is better) and empty homes (lower);
# * sociaal / werk en inkomen: social assistance and WW benefits per 1,000 inhabitants;
# * sociaal / gezondheid: disability (AO) benefits per 1,000 inhabitants (long-term illness);
# * veiligheid: nothing; the safety index says "geen cijfers gekozen" rather than pretend.
#
# The base year is 2023: 100 is the average of Utrecht's districts in that year. The
# general default (monitor/catalogue.py DEFAULT_INDEX_MEMBERS) asks for 20 indicators, of
# which only 4 are in this file: with the minimum coverage no index would get a score.

INDEX_BASE_YEAR = 2023
INDEX_MEMBERS: list[dict[str, Any]] = [
    {"code": "g_wozbag", "domain": "fysiek", "theme": "wonen"},
    {"code": "p_leegsw", "domain": "fysiek", "theme": "wonen"},
    {"code": "bijstand_per_1000", "domain": "sociaal", "theme": "werk en inkomen"},
    {"code": "ww_per_1000", "domain": "sociaal", "theme": "werk en inkomen"},
    {"code": "ao_per_1000", "domain": "sociaal", "theme": "gezondheid"},
]

#: Measurements the seed texts report (not invented): they let the archived Krachtwijkplan's
#: goals be judged against a figure *after* their 2006 baseline. The 2010 exercise figure is
#: also the baseline of the current plan, where it is (rightly) no measurement of progress.
MEASUREMENTS: list[dict[str, Any]] = [
    {
        "area": "WK034403",
        "indicator": "beweegnorm",
        "year": 2010,
        "value": 65,
        "source": S["overvecht_exercise"],
    },
    {
        "area": "WK034403",
        "indicator": "zorgkosten_index",
        "year": 2010,
        "value": 96,  # 4 % lower than in 2006 (= 100)
        "source": S["overvecht_care_costs"],
    },
]

# --- partners and their people -------------------------------------------------------------
# Real organisation types; the gemeente, corporations, GGD, police, ROC, Achmea and Al Amal
# are real Utrecht organisations, their commitments and amounts here are invented.
# People are obviously fictional.

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "key": "gemeente_overvecht",
        "name": "Gemeente Utrecht, wijkbureau Overvecht",
        "kind": "municipality",
        "website": "https://www.utrecht.nl",
        "description": "Het wijkbureau van de gemeente in Overvecht. De wijkmanager houdt het wijkactieplan bij.",
        "people": [
            {
                "key": "wim",
                "name": "Wim Wijkhuis",
                "job_title": "wijkmanager Overvecht en Zuidwest",
            },
            {"key": "saskia", "name": "Saskia Dreefsma", "job_title": "wijkadviseur"},
        ],
    },
    {
        "key": "gemeente_zuidwest",
        "name": "Gemeente Utrecht, wijkbureau Zuidwest",
        "kind": "municipality",
        "website": "https://www.utrecht.nl",
        "description": "Het wijkbureau van de gemeente voor Kanaleneiland, Transwijk en Rivierenwijk.",
        "source": S["district_managers"],
        "people": [
            {"key": "karim", "name": "Karim Kanaalzicht", "job_title": "wijkadviseur Kanaleneiland"}
        ],
    },
    {
        "key": "gemeente_noordwest",
        "name": "Gemeente Utrecht, wijkbureau Noordwest",
        "kind": "municipality",
        "website": "https://www.utrecht.nl",
        "description": "Het wijkbureau van de gemeente voor Zuilen, Ondiep en Pijlsweerd.",
        "people": [{"key": "els", "name": "Els Elinkhuis", "job_title": "wijkmanager Noordwest"}],
    },
    {
        "key": "gemeente_werk",
        "name": "Gemeente Utrecht, Werk en Inkomen",
        "kind": "municipality",
        "website": "https://www.utrecht.nl",
        "description": "Betaalt de bijstand en helpt mensen aan werk. Heeft dus baat bij minder bijstand.",
        "source": S["welfare_money"],
        "people": [
            {"key": "ruud", "name": "Ruud Werkman", "job_title": "accountmanager werkgevers"}
        ],
    },
    {
        "key": "mitros",
        "name": "Mitros",
        "kind": "housing",
        "website": "https://www.mitros.nl",
        "description": "Woningcorporatie in Utrecht, met veel huurwoningen in Overvecht.",
        "people": [
            {"key": "mirjam", "name": "Mirjam Muurman", "job_title": "gebiedsmanager Overvecht"},
            {"key": "tom", "name": "Tom Trapgevel", "job_title": "projectleider renovatie"},
        ],
    },
    {
        "key": "portaal",
        "name": "Portaal",
        "kind": "housing",
        "website": "https://www.portaal.nl",
        "description": "Woningcorporatie met huurwoningen in onder meer Zuilen, Ondiep en Kanaleneiland.",
        "people": [
            {"key": "pieter", "name": "Pieter Portiek", "job_title": "wijkconsulent Noordwest"}
        ],
    },
    {
        "key": "boex",
        "name": "Bo-Ex",
        "kind": "housing",
        "website": "https://www.bo-ex.nl",
        "description": "Woningcorporatie in Utrecht, actief in Kanaleneiland.",
        "people": [
            {"key": "bianca", "name": "Bianca Balkon", "job_title": "wijkconsulent Kanaleneiland"}
        ],
    },
    {
        "key": "welzijn",
        "name": "Wijkplaats Welzijn",
        "kind": "welfare",
        "description": "Welzijnsorganisatie met opbouwwerk, jongerenwerk en het sociaal wijkteam.",
        "people": [
            {
                "key": "fatma",
                "name": "Fatma Buurtkracht",
                "job_title": "coördinator sociaal wijkteam",
            },
            {"key": "jesse", "name": "Jesse Jeugdhonk", "job_title": "jongerenwerker Noordwest"},
            {"key": "lisa", "name": "Lisa Taalhuis", "job_title": "opbouwwerker Pijlsweerd"},
        ],
    },
    {
        "key": "eerstelijn",
        "name": "Eerstelijnsnetwerk Gezond Overvecht",
        "kind": "care",
        "description": "Huisartsen, fysiotherapeuten, apotheken en wijkverpleging in Overvecht werken samen.",
        "source": S["overvecht_network"],
        "people": [
            {
                "key": "hanneke",
                "name": "Hanneke Heelmeester",
                "job_title": "huisarts en netwerkvoorzitter",
            }
        ],
    },
    {
        "key": "achmea",
        "name": "Achmea (Zilveren Kruis)",
        "kind": "care",
        "website": "https://www.achmea.nl",
        "description": "Zorgverzekeraar. Nam samen met de gemeente het initiatief voor een gezonder Overvecht.",
        "source": S["overvecht_health"],
        "people": [
            {"key": "gert", "name": "Gert Gezondveld", "job_title": "zorginkoper regio Utrecht"}
        ],
    },
    {
        "key": "ggd",
        "name": "GGD regio Utrecht",
        "kind": "care",
        "website": "https://www.ggdru.nl",
        "description": "Meet de gezondheid van bewoners met de Gezondheidsmonitor.",
        "people": [{"key": "monique", "name": "Monique Meetlat", "job_title": "epidemioloog"}],
    },
    {
        "key": "politie",
        "name": "Politie Midden-Nederland",
        "kind": "police",
        "website": "https://www.politie.nl",
        "description": "De wijkagenten van Overvecht, Zuidwest en Noordwest.",
        "people": [{"key": "orhan", "name": "Orhan Wijkwacht", "job_title": "wijkagent Ondiep"}],
    },
    {
        "key": "roc",
        "name": "ROC Midden Nederland",
        "kind": "school",
        "website": "https://www.rocmn.nl",
        "description": "Mbo-school. Helpt jongeren een diploma te halen.",
        "people": [
            {"key": "ingrid", "name": "Ingrid Instroom", "job_title": "teamleider loopbaan"}
        ],
    },
    {
        "key": "school_dreef",
        "name": "Brede School De Dreef",
        "kind": "school",
        "description": "Basisschool in Overvecht met een ouderkamer.",
        "people": [{"key": "mieke", "name": "Mieke Krijtbord", "job_title": "directeur"}],
    },
    {
        "key": "school_kanaal",
        "name": "Basisschool Het Kanaal",
        "kind": "school",
        "description": "Basisschool in Kanaleneiland.",
        "people": [{"key": "youssef", "name": "Youssef Schoolplein", "job_title": "directeur"}],
    },
    {
        "key": "al_amal",
        "name": "Vrouwenorganisatie Al Amal",
        "kind": "residents",
        "description": "Vrijwilligers in Kanaleneiland geven opvoedingssteun en praktische hulp aan gezinnen.",
        "source": S["al_amal"],
        "people": [
            {"key": "amina", "name": "Amina Hoopvol", "job_title": "coördinator vrijwilligers"}
        ],
    },
    {
        "key": "bewoners_overvecht",
        "name": "Bewonersplatform Overvecht",
        "kind": "residents",
        "description": "Bewoners die meedenken en zelf dingen doen in hun buurt.",
        "people": [{"key": "henk", "name": "Henk Plantsoen", "job_title": "voorzitter"}],
    },
    {
        "key": "bewoners_ondiep",
        "name": "Bewonersgroep Ondiep",
        "kind": "residents",
        "description": "Bewoners van Ondiep die zich inzetten voor een schone, hele en veilige buurt.",
        "source": S["clean_safe"],
        "people": [{"key": "ria", "name": "Ria Stoepkrijt", "job_title": "voorzitter"}],
    },
    {
        "key": "werkgevers",
        "name": "Werkgeversnetwerk Utrecht Zuidwest",
        "kind": "company",
        "description": "Grote werkgevers in stad en regio die werk bieden aan bewoners van Kanaleneiland.",
        "source": S["employers"],
        "people": [
            {"key": "sander", "name": "Sander Loonstrook", "job_title": "netwerkcoördinator"}
        ],
    },
    {
        "key": "homestart",
        "name": "Home-Start Utrecht",
        "kind": "welfare",
        "description": "Vrijwilligers bezoeken gezinnen met jonge kinderen en helpen bij opvoedvragen.",
        "source": S["homestart"],
        "people": [{"key": "greet", "name": "Greet Gastvrij", "job_title": "coördinator"}],
    },
]

# --- accounts ------------------------------------------------------------------------------

USERS: list[dict[str, Any]] = [
    {
        "username": "beheer",
        "first_name": "Demo",
        "last_name": "Beheerder",
        "is_superuser": True,
        "role": "admin",
        "what": "beheerder: mag alles",
    },
    {
        "username": "wijkmanager",
        "person": "wim",
        "role": "district_manager",
        "districts": ["overvecht", "zuidwest"],
        "what": "wijkmanager van Overvecht en Zuidwest (Kanaleneiland)",
    },
    {
        "username": "corporatie",
        "person": "mirjam",
        "role": "partner",
        "organisation": "mitros",
        "what": "partner: woningcorporatie Mitros",
    },
    {
        "username": "bewoner",
        "first_name": "Demo",
        "last_name": "Bewoner",
        "role": None,
        "what": "bewoner zonder rol: leest de openbare pagina's",
    },
]

# --- action plans, goals and commitments (the charter) -------------------------------------

PLANS: list[dict[str, Any]] = [
    {
        "key": "overvecht_2007",
        "district": "overvecht",
        "title": "Krachtwijkplan Overvecht",
        "vision": (
            "Overvecht wordt een gezonde wijk. Huisartsen, andere zorgverleners, de gemeente en de "
            "zorgverzekeraar werken samen. Zij zoeken bewoners eerder op en helpen hen meer te "
            "bewegen. Zo blijven mensen langer gezond en dalen de zorgkosten."
        ),
        "priorities": "Gezond leven en bewegen\nSamenwerking in de eerste lijn\nLagere zorgkosten",
        "start_year": 2007,
        "end_year": 2017,
        "status": "archived",
        "source": S["overvecht_health"],
        "goals": [
            {
                "key": "ov_beweeg_2010",
                "title": "Meer volwassenen halen de beweegnorm",
                "description": (
                    "Dit doel is gehaald. Van 2006 tot 2010 steeg het aandeel volwassenen dat genoeg "
                    "beweegt van 54% naar 65%."
                ),
                "indicator": "beweegnorm",
                "baseline_value": 54,
                "baseline_year": 2006,
                "target_value": 65,
                "target_year": 2010,
                "owner": "gemeente_overvecht",
                "source": S["overvecht_exercise"],
                "baseline_source": "seed 002 (nulmeting 2006)",
            },
            {
                "key": "ov_zorgkosten_2010",
                "title": "De zorgkosten per inwoner dalen",
                "description": (
                    "Van 2006 tot 2010 daalden de zorgkosten in Overvecht met 4%. Dat is een index van "
                    "96 als 2006 100 is. De streefwaarde is voor de demo gelijk gezet aan wat is bereikt."
                ),
                "indicator": "zorgkosten_index",
                "baseline_value": 100,
                "baseline_year": 2006,
                "target_value": 96,
                "target_year": 2010,
                "owner": "achmea",
                "source": S["overvecht_care_costs"],
                "baseline_source": "index: 2006 = 100",
            },
        ],
        "commitments": [
            {
                "partner": "achmea",
                "goal": "ov_zorgkosten_2010",
                "contribution": "Betaalt mee aan de samenwerking van de zorgverleners en deelt de cijfers over zorgkosten.",
                "amount": 800_000,
                "signed_on": "2008-07-01",
                "signed_by": "gert",
                "source": S["charters_signed"],
            },
            {
                "partner": "eerstelijn",
                "goal": "ov_beweeg_2010",
                "contribution": "Alle eerstelijns zorgverleners benaderen bewoners actief en verwijzen naar beweegprogramma's.",
                "hours_per_year": 2_000,
                "signed_on": "2008-07-01",
                "signed_by": "hanneke",
                "source": S["overvecht_network"],
            },
            {
                "partner": "gemeente_overvecht",
                "goal": "ov_beweeg_2010",
                "contribution": "Regelt sportaanbod in de buurt en betaalt de coördinatie.",
                "amount": 600_000,
                "signed_on": "2008-07-01",
                "signed_by": "wim",
                "source": S["charters_signed"],
            },
        ],
    },
    {
        "key": "overvecht_2025",
        "district": "overvecht",
        "title": "Wijkactieplan Overvecht",
        "vision": (
            "In 2030 leven de bewoners van Overvecht gezonder. Meer mensen hebben werk of een "
            "zinvolle dag. Gezinnen met veel problemen hebben één plan en één vaste hulpverlener. "
            "De woningen zijn beter en de wijk is meer gemengd. We bouwen voort op wat werkte: "
            "de gezondheidsaanpak van 2006 tot 2010. Overvecht heeft bijna 35.000 inwoners. Dat is "
            "meer dan de 10.000 tot 25.000 die de visitatiecommissie aanraadt. Daarom werken we "
            "per buurt."
        ),
        "priorities": (
            "Gezond leven en bewegen\n"
            "Eén huishouden, één plan, één regisseur\n"
            "Werk en inkomen\n"
            "Betere en meer gemengde woningen\n"
            "Bewoners beslissen mee over geld"
        ),
        "start_year": 2025,
        "end_year": 2030,
        "status": "adopted",
        "source": S["scale"],
        "goals": [
            {
                "key": "ov_beweeg_2030",
                "title": "Nog meer volwassenen halen de beweegnorm",
                "description": (
                    "In 2010 haalde 65% van de volwassenen de beweegnorm. We willen naar 70%. "
                    "De GGD meet opnieuw met de Gezondheidsmonitor."
                ),
                "indicator": "beweegnorm",
                "baseline_value": 65,
                "baseline_year": 2010,
                "target_value": 70,
                "target_year": 2030,
                "owner": "ggd",
                "source": S["overvecht_exercise"],
                "baseline_source": "seed 002 (gemeten in 2010)",
            },
            {
                "key": "ov_regie",
                "title": "Eén huishouden, één plan, één regisseur",
                "description": (
                    "Soms werken meer dan tien hulpverleners bij hetzelfde gezin. Wij willen dat "
                    "bijna elk huishouden met meerdere problemen één plan en één vaste regisseur heeft."
                ),
                "indicator": "een_regisseur",
                "baseline_value": 35,
                "baseline_year": 2024,
                "target_value": 90,
                "target_year": 2029,
                "owner": "welzijn",
                "source": S["ten_helpers"],
                "baseline_source": "voorbeeldwaarde (verzonnen)",
            },
            {
                "key": "ov_bijstand",
                "title": "Minder bewoners in de bijstand",
                "description": "Meer bewoners vinden werk. Dan hebben minder mensen een bijstandsuitkering nodig.",
                "indicator": "bijstand_per_1000",
                "baseline_value": 76.8,
                "baseline_year": 2023,
                "target_value": 65,
                "target_year": 2030,
                "owner": "gemeente_werk",
                "baseline_source": "CBS kwb 2023: a_soz_wb 2.680 / a_inw 34.910 × 1.000",
                "cbs": ("WK034403", "a_soz_wb", "a_inw"),
            },
            {
                "key": "ov_corporatie",
                "title": "Een meer gemengde woningvoorraad",
                "description": (
                    "Nu is 61% van de woningen van een corporatie. Door verkoop aan bewoners en "
                    "nieuwbouw van middenhuur komen er meer soorten woningen."
                ),
                "indicator": "p_wcorpw",
                "baseline_value": 61,
                "baseline_year": 2023,
                "target_value": 55,
                "target_year": 2030,
                "owner": "mitros",
                "baseline_source": "CBS kwb 2023: p_wcorpw",
                "cbs": ("WK034403", "p_wcorpw", None),
            },
        ],
        "commitments": [
            {
                "partner": "mitros",
                "goal": "ov_corporatie",
                "contribution": "Renoveert 600 woningen rond de Tigrisdreef en verkoopt 150 huurwoningen aan bewoners.",
                "amount": 9_000_000,
                "signed_on": "2025-03-12",
                "signed_by": "mirjam",
                "source": S["partners_signed"],
            },
            {
                "partner": "ggd",
                "goal": "ov_beweeg_2030",
                "contribution": "Meet elke twee jaar de beweegnorm in Overvecht en bespreekt de cijfers met de wijk.",
                "hours_per_year": 300,
                "signed_on": "2025-03-12",
                "signed_by": "monique",
            },
            {
                "partner": "achmea",
                "goal": "ov_beweeg_2030",
                "contribution": "Betaalt mee aan beweegprogramma's, omdat lagere zorgkosten ook de verzekeraar helpen.",
                "amount": 360_000,
                "signed_on": "2025-03-12",
                "signed_by": "gert",
                "source": S["funds"],
            },
            {
                "partner": "eerstelijn",
                "goal": "ov_beweeg_2030",
                "contribution": "Huisartsen en fysiotherapeuten verwijzen bewoners naar Overvecht Beweegt.",
                "hours_per_year": 1_200,
                "signed_on": "2025-03-12",
                "signed_by": "hanneke",
            },
            {
                "partner": "welzijn",
                "goal": "ov_regie",
                "contribution": "Levert de regisseurs van het sociaal wijkteam.",
                "hours_per_year": 12_000,
                "signed_on": "2025-03-12",
                "signed_by": "fatma",
                "source": S["one_plan"],
            },
            {
                "partner": "gemeente_werk",
                "goal": "ov_bijstand",
                "contribution": "Een vaste werkcoach per buurt; werkgevers zoeken samen met het wijkbureau.",
                "amount": 750_000,
                "signed_on": "2025-03-12",
                "signed_by": "ruud",
                "source": S["welfare_money"],
            },
            {
                "partner": "bewoners_overvecht",
                "goal": None,
                "contribution": "Bewoners kiezen mee welke ideeën geld krijgen uit het bewonersbudget.",
                "signed_on": "2025-03-12",
                "signed_by": "henk",
                "source": S["vouchers"],
            },
            {
                "partner": "politie",
                "goal": None,
                "contribution": "Een wijkagent per buurt; bewoners bepalen mee waar de agent vaker komt.",
                "signed_on": None,  # not yet signed: shows an open commitment
                "source": S["police_residents"],
            },
        ],
    },
    {
        "key": "zuidwest_2025",
        "district": "zuidwest",
        "title": "Wijkactieplan Kanaleneiland",
        "vision": (
            "In Kanaleneiland groeien kinderen veilig op en halen jongeren een diploma. "
            "Volwassenen vinden werk, ook bij grote werkgevers in de stad en de regio. "
            "Gezinnen met problemen hebben één vast aanspreekpunt. We bouwen op wat al werkt: "
            "de vrijwilligers van Al Amal, de band met grote werkgevers en wijkmanagers die "
            "lang blijven."
        ),
        "priorities": (
            "Werk bij werkgevers in stad en regio\n"
            "Opvoedingssteun dichtbij, met vrijwilligers\n"
            "Minder schooluitval\n"
            "Eén huishouden, één plan, één regisseur"
        ),
        "start_year": 2025,
        "end_year": 2030,
        "status": "adopted",
        "source": S["employers"],
        "goals": [
            {
                "key": "zw_bijstand",
                "title": "Minder bijstand in Kanaleneiland-Zuid",
                "description": "In Kanaleneiland-Zuid hebben veel bewoners bijstand. Met werk bij grote werkgevers moet dat minder worden.",
                "indicator": "bijstand_per_1000",
                "area": "BU03440831",
                "baseline_value": 80.2,
                "baseline_year": 2023,
                "target_value": 68,
                "target_year": 2030,
                "owner": "gemeente_werk",
                "baseline_source": "CBS kwb 2023: a_soz_wb 720 / a_inw 8.980 × 1.000",
                "cbs": ("BU03440831", "a_soz_wb", "a_inw"),
            },
            {
                "key": "zw_werkloosheid",
                "title": "Minder werkloosheid",
                "description": "Werkgevers bieden leerwerkplekken en banen aan bewoners van Kanaleneiland.",
                "indicator": "werkloosheid",
                "baseline_value": 9,
                "baseline_year": 2024,
                "target_value": 6,
                "target_year": 2030,
                "owner": "gemeente_zuidwest",
                "source": S["employers"],
                "baseline_source": "voorbeeldwaarde (verzonnen)",
            },
            {
                "key": "zw_vsv",
                "title": "Minder jongeren verlaten school zonder diploma",
                "description": "Schooluitval is een van de hardnekkige problemen in de wijk.",
                "indicator": "vsv",
                "baseline_value": 4.5,
                "baseline_year": 2024,
                "target_value": 3,
                "target_year": 2029,
                "owner": "roc",
                "source": S["problems"],
                "baseline_source": "voorbeeldwaarde (verzonnen)",
            },
            {
                "key": "zw_regie",
                "title": "Gezinnen met problemen krijgen één plan en één regisseur",
                "description": "Vrijwilligers van Al Amal helpen gezinnen op weg; het sociaal wijkteam regelt één plan.",
                "indicator": "een_regisseur",
                "area": "BU03440832",
                "baseline_value": 30,
                "baseline_year": 2024,
                "target_value": 85,
                "target_year": 2029,
                "owner": "welzijn",
                "source": S["one_plan"],
                "baseline_source": "voorbeeldwaarde (verzonnen)",
            },
        ],
        "commitments": [
            {
                "partner": "al_amal",
                "goal": "zw_regie",
                "contribution": "Vrijwilligers geven opvoedingssteun en praktische hulp aan gezinnen met veel problemen.",
                "hours_per_year": 2_500,
                "signed_on": "2025-04-08",
                "signed_by": "amina",
                "source": S["al_amal"],
            },
            {
                "partner": "werkgevers",
                "goal": "zw_werkloosheid",
                "contribution": "Elk jaar 60 leerwerkplekken en 20 vaste banen voor bewoners van Kanaleneiland.",
                "signed_on": "2025-04-08",
                "signed_by": "sander",
                "source": S["employers"],
            },
            {
                "partner": "roc",
                "goal": "zw_vsv",
                "contribution": "Een loopbaancoach voor elke jongere die dreigt uit te vallen.",
                "hours_per_year": 1_600,
                "signed_on": "2025-04-08",
                "signed_by": "ingrid",
            },
            {
                "partner": "boex",
                "goal": "zw_regie",
                "contribution": "Meldt huurachterstand vroeg bij het sociaal wijkteam en geeft Al Amal een ruimte.",
                "amount": 30_000,
                "signed_on": "2025-04-08",
                "signed_by": "bianca",
            },
            {
                "partner": "gemeente_werk",
                "goal": "zw_bijstand",
                "contribution": "Werkcoaches in de wijk en een vast contact voor werkgevers.",
                "amount": 730_000,
                "signed_on": "2025-04-08",
                "signed_by": "ruud",
                "source": S["accountable"],
            },
            {
                "partner": "school_kanaal",
                "goal": "zw_vsv",
                "contribution": "Een ouderkamer en huiswerkbegeleiding op school.",
                "hours_per_year": 400,
                "signed_on": "2025-04-08",
                "signed_by": "youssef",
            },
        ],
    },
    {
        "key": "noordwest_2025",
        "district": "noordwest",
        "title": "Wijkactieplan Zuilen, Ondiep en Pijlsweerd",
        "vision": (
            "Zuilen, Ondiep en Pijlsweerd zijn buurten waar bewoners zelf de handen uit de mouwen "
            "steken. Ze houden hun buurt schoon, heel en veilig. Jongeren hebben een eigen plek. "
            "Wie hulp nodig heeft, vindt die dichtbij."
        ),
        "priorities": "Schoon, heel en veilig\nJongeren een eigen plek\nBewoners aan zet",
        "start_year": 2025,
        "end_year": 2029,
        "status": "adopted",
        "source": S["clean_safe"],
        "goals": [
            {
                "key": "nw_onveilig",
                "title": "Bewoners van Ondiep voelen zich veiliger",
                "description": "Buurtpreventie en een bekende wijkagent maken de buurt veiliger.",
                "indicator": "onveilig",
                "area": "BU03440222",
                "baseline_value": 35,
                "baseline_year": 2024,
                "target_value": 28,
                "target_year": 2029,
                "owner": "gemeente_noordwest",
                "source": S["clean_safe"],
                "baseline_source": "voorbeeldwaarde (verzonnen)",
            },
            {
                "key": "nw_bijstand",
                "title": "Minder bijstand in Ondiep",
                "description": "Meer bewoners van Ondiep vinden werk.",
                "indicator": "bijstand_per_1000",
                "area": "BU03440222",
                "baseline_value": 47.8,
                "baseline_year": 2023,
                "target_value": 42,
                "target_year": 2029,
                "owner": "gemeente_werk",
                "baseline_source": "CBS kwb 2023: a_soz_wb 240 / a_inw 5.025 × 1.000",
                "cbs": ("BU03440222", "a_soz_wb", "a_inw"),
            },
            {
                "key": "nw_actief",
                "title": "Meer bewoners zetten zich in voor de buurt",
                "description": "Bewoners nemen zelf initiatief. Het welzijnswerk helpt hen daarbij.",
                "indicator": "bewoners_actief",
                "baseline_value": 18,
                "baseline_year": 2024,
                "target_value": 25,
                "target_year": 2029,
                "owner": "welzijn",
                "source": S["clean_safe"],
                "baseline_source": "voorbeeldwaarde (verzonnen)",
            },
        ],
        "commitments": [
            {
                "partner": "portaal",
                "goal": "nw_onveilig",
                "contribution": "Betere verlichting en sloten in portieken; een ruimte voor het jongerenbuurthuis.",
                "amount": 120_000,
                "signed_on": "2025-05-20",
                "signed_by": "pieter",
            },
            {
                "partner": "politie",
                "goal": "nw_onveilig",
                "contribution": "De wijkagent loopt mee met de buurtpreventie en komt naar de bewonersavond.",
                "hours_per_year": 200,
                "signed_on": "2025-05-20",
                "signed_by": "orhan",
                "source": S["police_residents"],
            },
            {
                "partner": "bewoners_ondiep",
                "goal": "nw_actief",
                "contribution": "Organiseert buurtschouwen en de buurtpreventie.",
                "hours_per_year": 600,
                "signed_on": "2025-05-20",
                "signed_by": "ria",
                "source": S["clean_safe"],
            },
            {
                "partner": "homestart",
                "goal": "nw_actief",
                "contribution": "Werft en traint vrijwilligers uit de buurt voor gezinnen met jonge kinderen.",
                "hours_per_year": 900,
                "signed_on": "2025-05-20",
                "signed_by": "greet",
                "source": S["homestart"],
            },
        ],
    },
]

# --- projects ------------------------------------------------------------------------------
# budget: (funder, year, amount in euro, note); outputs: name, unit, periods of
# (period, planned, realised or None). Projects marked ``carousel_risk`` are meant to show
# the flag on the district page: no output measure, or ending within a year without a plan.

PROJECTS: list[dict[str, Any]] = [
    {
        "key": "sociaal_wijkteam_overvecht",
        "district": "overvecht",
        "title": "Sociaal wijkteam Overvecht: één huishouden, één plan, één regisseur",
        "description": (
            "Eén team in de wijk in plaats van tien losse hulpverleners. Elk huishouden met meerdere "
            "problemen krijgt één plan en één regisseur. Het team deelt informatie alleen met "
            "toestemming van het huishouden. Het Frontlijnteam in Leeuwarden werkt zo: elke euro "
            "leverde daar ruim twee euro op."
        ),
        "lead": "fatma",
        "partners": ["gemeente_overvecht", "mitros", "ggd", "eerstelijn"],
        "goals": ["ov_regie", "ov_bijstand"],
        "domain": "social",
        "start_date": "2025-01-01",
        "end_date": "2028-12-31",
        "status": "running",
        "continuation": "regular_budget",
        "continuation_note": "Vanaf 2029 betaalt de gemeente het team uit de vaste begroting voor buurtteams.",
        "source": S["leeuwarden_return"],
        "budget": [
            ("gemeente_overvecht", 2025, 420_000, "regisseurs en teamleider"),
            ("gemeente_overvecht", 2026, 440_000, "regisseurs en teamleider"),
            ("gemeente_overvecht", 2027, 450_000, "regisseurs en teamleider"),
            ("gemeente_overvecht", 2028, 460_000, "regisseurs en teamleider"),
            ("mitros", 2025, 60_000, "minder huisuitzettingen"),
            ("mitros", 2026, 60_000, "minder huisuitzettingen"),
            ("mitros", 2027, 60_000, "minder huisuitzettingen"),
            ("achmea", 2025, 50_000, "minder dure zorg"),
            ("achmea", 2026, 50_000, "minder dure zorg"),
        ],
        "outputs": [
            {
                "name": "Huishoudens met één plan en één regisseur",
                "unit": "huishoudens",
                "periods": [
                    ("2025", 150, 138),
                    ("2026", 220, 190),
                    ("2027", 260, None),
                    ("2028", 280, None),
                ],
            },
            {
                "name": "Huisuitzettingen voorkomen",
                "unit": "huishoudens",
                "periods": [("2025", 20, 24), ("2026", 25, 19)],
            },
        ],
    },
    {
        "key": "overvecht_beweegt",
        "district": "overvecht",
        "title": "Overvecht Beweegt",
        "description": (
            "Huisartsen en fysiotherapeuten verwijzen bewoners naar sport en bewegen in hun eigen "
            "buurt. Van 2006 tot 2010 steeg zo het aandeel volwassenen dat genoeg beweegt van 54% "
            "naar 65%. Dit project gaat door op die weg."
        ),
        "lead": "hanneke",
        "partners": ["achmea", "ggd", "bewoners_overvecht", "gemeente_overvecht"],
        "goals": ["ov_beweeg_2030"],
        "domain": "social",
        "start_date": "2025-03-01",
        "end_date": "2027-12-31",
        "status": "running",
        "continuation": "earning_model",
        "continuation_note": (
            "De zorgverzekeraar betaalt daarna mee uit de lagere zorgkosten, zoals in 2006–2010."
        ),
        "source": S["overvecht_care_costs"],
        "budget": [
            ("achmea", 2025, 120_000, "beweegcoaches"),
            ("achmea", 2026, 120_000, "beweegcoaches"),
            ("achmea", 2027, 120_000, "beweegcoaches"),
            ("gemeente_overvecht", 2025, 80_000, "sportaanbod in de buurt"),
            ("gemeente_overvecht", 2026, 80_000, "sportaanbod in de buurt"),
            ("gemeente_overvecht", 2027, 60_000, "sportaanbod in de buurt"),
        ],
        "outputs": [
            {
                "name": "Bewoners in een beweegprogramma",
                "unit": "bewoners",
                "periods": [("2025", 600, 640), ("2026", 800, 710), ("2027", 900, None)],
            },
        ],
    },
    {
        "key": "tigrisdreef",
        "district": "overvecht",
        "title": "Woningen rond de Tigrisdreef vernieuwen",
        "description": (
            "Mitros knapt 600 flatwoningen op: nieuwe ramen, isolatie en veilige portieken. "
            "Een deel van de woningen gaat in de verkoop voor bewoners. De gemeente vernieuwt de "
            "straten en het groen."
        ),
        "lead": "tom",
        "partners": ["mitros", "gemeente_overvecht"],
        "goals": ["ov_corporatie"],
        "domain": "physical",
        "start_date": "2024-01-01",
        "end_date": "2029-12-31",
        "status": "running",
        "continuation": "regular_budget",
        "continuation_note": "Na de oplevering vallen onderhoud en beheer onder de gewone begroting van Mitros.",
        "budget": [
            ("mitros", 2024, 1_800_000, "renovatie"),
            ("mitros", 2025, 2_400_000, "renovatie"),
            ("mitros", 2026, 2_600_000, "renovatie"),
            ("mitros", 2027, 2_200_000, "renovatie"),
            ("gemeente_overvecht", 2025, 250_000, "straten en groen"),
            ("gemeente_overvecht", 2026, 300_000, "straten en groen"),
        ],
        "outputs": [
            {
                "name": "Woningen gerenoveerd",
                "unit": "woningen",
                "periods": [
                    ("2024", 120, 96),
                    ("2025", 150, 152),
                    ("2026", 150, 90),
                    ("2027", 180, None),
                ],
            },
            {
                "name": "Huurwoningen verkocht aan bewoners",
                "unit": "woningen",
                "periods": [("2025", 40, 28), ("2026", 50, 31)],
            },
        ],
    },
    {
        "key": "buurtfeesten_overvecht",
        "district": "overvecht",
        "title": "Buurtfeesten en ontmoeting Overvecht-Noord",
        "description": (
            "Bewoners organiseren met geld uit het bewonersbudget feesten en ontmoetingen. "
            "Leuk en goed bezocht, maar niemand telt wat het oplevert en na maart 2027 is er geen geld "
            "meer. De visitatiecommissie waarschuwde: bewonersbudgetten kunnen de projectencarrousel "
            "versterken."
        ),
        "lead": "henk",
        "partners": ["bewoners_overvecht", "welzijn"],
        "goals": ["ov_beweeg_2030"],
        "domain": "social",
        "start_date": "2026-04-01",
        "end_date": "2027-03-31",
        "status": "running",
        "continuation": "",
        "continuation_note": "",
        "carousel_risk": True,
        "source": S["budgets_carousel"],
        "budget": [("gemeente_overvecht", 2026, 25_000, "bewonersbudget")],
        "outputs": [],
    },
    {
        "key": "schakelfunctionaris",
        "district": "overvecht",
        "title": "Schakelfunctionaris hulpverlening Overvecht",
        "description": (
            "Een schakelfunctionaris stemde het werk van alle hulpverleners rond gezinnen af. "
            "Bij de focusronde van 2024 bleek: veel overleg, weinig resultaat voor gezinnen. "
            "Het project is gestopt; het werk gaat op in het sociaal wijkteam."
        ),
        "lead": "saskia",
        "partners": ["welzijn", "gemeente_overvecht"],
        "goals": ["ov_regie"],
        "domain": "social",
        "start_date": "2022-01-01",
        "end_date": "2024-12-31",
        "status": "stopped",
        "continuation": "none",
        "continuation_note": "Gestopt na de focusronde: het sociaal wijkteam neemt de gezinnen over.",
        "source": S["liaison"],
        "budget": [
            ("gemeente_overvecht", 2022, 90_000, "schakelfunctionaris"),
            ("gemeente_overvecht", 2023, 90_000, "schakelfunctionaris"),
            ("gemeente_overvecht", 2024, 90_000, "schakelfunctionaris"),
        ],
        "outputs": [
            {
                "name": "Gezinnen met een afgestemd plan",
                "unit": "gezinnen",
                "periods": [("2022", 60, 22), ("2023", 80, 31), ("2024", 80, 27)],
            },
        ],
    },
    {
        "key": "gezond_overvecht_2006",
        "district": "overvecht",
        "title": "Gezond Overvecht: zorgverleners werken samen",
        "description": (
            "De gemeente Utrecht en zorgverzekeraar Achmea namen het initiatief. Alle eerstelijns "
            "zorgverleners werkten samen in één netwerk en zochten bewoners eerder op. Van 2006 tot "
            "2010 daalden de zorgkosten met 4% en steeg het aandeel volwassenen dat genoeg beweegt "
            "van 54% naar 65%."
        ),
        "lead": "hanneke",
        "partners": ["achmea", "gemeente_overvecht", "eerstelijn"],
        "goals": ["ov_beweeg_2010", "ov_zorgkosten_2010"],
        "domain": "social",
        "start_date": "2006-01-01",
        "end_date": "2010-12-31",
        "status": "embedded",
        "continuation": "regular_budget",
        "continuation_note": "De samenwerking hoort nu bij het gewone werk van de zorgverleners.",
        "source": S["overvecht_exercise"],
        "budget": [
            ("gemeente_overvecht", 2007, 150_000, "coördinatie en sportaanbod"),
            ("gemeente_overvecht", 2008, 150_000, "coördinatie en sportaanbod"),
            ("gemeente_overvecht", 2009, 150_000, "coördinatie en sportaanbod"),
            ("gemeente_overvecht", 2010, 150_000, "coördinatie en sportaanbod"),
            ("achmea", 2007, 200_000, "netwerk eerstelijnszorg"),
            ("achmea", 2008, 200_000, "netwerk eerstelijnszorg"),
            ("achmea", 2009, 200_000, "netwerk eerstelijnszorg"),
            ("achmea", 2010, 200_000, "netwerk eerstelijnszorg"),
        ],
        "outputs": [
            {
                "name": "Bewoners actief benaderd door hun zorgverlener",
                "unit": "bewoners",
                "periods": [
                    ("2007", 1_500, 1_320),
                    ("2008", 2_000, 2_150),
                    ("2009", 2_500, 2_610),
                    ("2010", 2_500, 2_580),
                ],
            },
        ],
    },
    {
        "key": "al_amal_gezinnen",
        "district": "zuidwest",
        "title": "Al Amal: vrouwen helpen gezinnen",
        "description": (
            "Vrijwilligers van vrouwenorganisatie Al Amal geven opvoedingssteun en praktische hulp "
            "aan gezinnen met veel problemen. Zij bereiken gezinnen die niet naar een loket komen. "
            "De visitatiecommissie noemde dit een voorbeeld voor heel Nederland."
        ),
        "lead": "amina",
        "partners": ["al_amal", "welzijn", "boex"],
        "goals": ["zw_regie"],
        "domain": "social",
        "start_date": "2024-09-01",
        "end_date": "2028-08-31",
        "status": "running",
        "continuation": "regular_budget",
        "continuation_note": "De vergoeding voor vrijwilligers komt vanaf 2028 in de vaste begroting jeugd.",
        "source": S["al_amal"],
        "budget": [
            ("gemeente_zuidwest", 2024, 15_000, "vrijwilligersvergoeding en training"),
            ("gemeente_zuidwest", 2025, 45_000, "vrijwilligersvergoeding en training"),
            ("gemeente_zuidwest", 2026, 45_000, "vrijwilligersvergoeding en training"),
            ("gemeente_zuidwest", 2027, 45_000, "vrijwilligersvergoeding en training"),
            ("gemeente_zuidwest", 2028, 30_000, "vrijwilligersvergoeding en training"),
            ("boex", 2025, 10_000, "ruimte in de wijk"),
            ("boex", 2026, 10_000, "ruimte in de wijk"),
            ("boex", 2027, 10_000, "ruimte in de wijk"),
        ],
        "outputs": [
            {
                "name": "Gezinnen met opvoedingssteun",
                "unit": "gezinnen",
                "periods": [
                    ("2024", 25, 31),
                    ("2025", 70, 76),
                    ("2026", 80, 61),
                    ("2027", 80, None),
                ],
            },
            {
                "name": "Actieve vrijwilligers",
                "unit": "vrijwilligers",
                "periods": [("2025", 30, 34), ("2026", 35, 33)],
            },
        ],
    },
    {
        "key": "werk_in_de_regio",
        "district": "zuidwest",
        "title": "Werk in de regio: bewoners van Kanaleneiland bij grote werkgevers",
        "description": (
            "Grote werkgevers in stad en regio bieden leerwerkplekken en banen. De gemeente zoekt "
            "samen met het ROC bewoners die passen. Kanaleneiland was een van de weinige wijken met "
            "zulke banden met grote werkgevers."
        ),
        "lead": "ruud",
        "partners": ["werkgevers", "roc", "gemeente_werk"],
        "goals": ["zw_werkloosheid", "zw_bijstand"],
        "domain": "economic",
        "start_date": "2025-01-01",
        "end_date": "2028-12-31",
        "status": "running",
        "continuation": "other_partner",
        "continuation_note": "Vanaf 2029 betalen de werkgevers de begeleiding zelf; zij krijgen er personeel voor terug.",
        "source": S["employers"],
        "budget": [
            ("gemeente_werk", 2025, 180_000, "werkcoaches"),
            ("gemeente_werk", 2026, 200_000, "werkcoaches"),
            ("gemeente_werk", 2027, 200_000, "werkcoaches"),
            ("gemeente_werk", 2028, 150_000, "werkcoaches"),
            ("werkgevers", 2025, 50_000, "begeleiding op de werkplek"),
            ("werkgevers", 2026, 80_000, "begeleiding op de werkplek"),
            ("werkgevers", 2027, 100_000, "begeleiding op de werkplek"),
            ("werkgevers", 2028, 120_000, "begeleiding op de werkplek"),
        ],
        "outputs": [
            {
                "name": "Bewoners op een leerwerkplek",
                "unit": "bewoners",
                "periods": [("2025", 40, 37), ("2026", 60, 48), ("2027", 60, None)],
            },
            {
                "name": "Bewoners met een vaste baan",
                "unit": "bewoners",
                "periods": [("2025", 15, 12), ("2026", 20, 17), ("2027", 20, None)],
            },
        ],
    },
    {
        "key": "schoolcoach_kanaleneiland",
        "district": "zuidwest",
        "title": "Schoolcoach Kanaleneiland",
        "description": (
            "Coaches van het ROC helpen jongeren die dreigen uit te vallen. Het werkt: bijna alle "
            "leerlingen met een coach blijven op school. Maar in juli 2027 stopt het geld en er is "
            "nog geen plan voor daarna. Zo verdwijnen ook goede projecten."
        ),
        "lead": "ingrid",
        "partners": ["roc", "school_kanaal", "welzijn"],
        "goals": ["zw_vsv"],
        "domain": "social",
        "start_date": "2025-08-01",
        "end_date": "2027-07-31",
        "status": "running",
        "continuation": "",
        "continuation_note": "",
        "carousel_risk": True,
        "source": S["carousel_lost"],
        "budget": [
            ("gemeente_zuidwest", 2025, 60_000, "tijdelijk wijkgeld"),
            ("gemeente_zuidwest", 2026, 90_000, "tijdelijk wijkgeld"),
            ("gemeente_zuidwest", 2027, 50_000, "tijdelijk wijkgeld"),
            ("roc", 2025, 20_000, "uren docenten"),
            ("roc", 2026, 20_000, "uren docenten"),
            ("roc", 2027, 20_000, "uren docenten"),
        ],
        "outputs": [
            {
                "name": "Leerlingen met een coach",
                "unit": "leerlingen",
                "periods": [("2025", 80, 85), ("2026", 120, 118), ("2027", 60, None)],
            },
        ],
    },
    {
        "key": "jongerenbuurthuis_ondiep",
        "district": "noordwest",
        "title": "Jongeren runnen zelf het buurthuis in Ondiep",
        "description": (
            "Jongeren die eerst overlast gaven, runnen nu zelf een buurthuis, met begeleiding van "
            "een jongerenwerker. Zo gebeurde het al eerder in Utrecht. Portaal geeft de ruimte."
        ),
        "lead": "jesse",
        "partners": ["welzijn", "portaal", "gemeente_noordwest"],
        "goals": ["nw_actief", "nw_onveilig"],
        "domain": "social",
        "start_date": "2025-06-01",
        "end_date": "2028-05-31",
        "status": "running",
        "continuation": "earning_model",
        "continuation_note": "De jongeren verhuren de zaal en runnen een koffiebar; Portaal rekent een lage huur.",
        "source": S["youth_centre"],
        "budget": [
            ("gemeente_noordwest", 2025, 40_000, "jongerenwerker"),
            ("gemeente_noordwest", 2026, 60_000, "jongerenwerker"),
            ("gemeente_noordwest", 2027, 50_000, "jongerenwerker"),
            ("gemeente_noordwest", 2028, 20_000, "jongerenwerker"),
            ("portaal", 2025, 12_000, "korting op de huur"),
            ("portaal", 2026, 12_000, "korting op de huur"),
            ("portaal", 2027, 12_000, "korting op de huur"),
        ],
        "outputs": [
            {
                "name": "Dagen dat het buurthuis open is",
                "unit": "dagen",
                "periods": [("2025", 120, 134), ("2026", 220, 190), ("2027", 240, None)],
            },
            {
                "name": "Jongeren die het buurthuis mee runnen",
                "unit": "jongeren",
                "periods": [("2025", 12, 15), ("2026", 15, 14)],
            },
        ],
    },
    {
        "key": "homestart_zuilen",
        "district": "noordwest",
        "title": "Home-Start Zuilen: vrijwilligers bij jonge gezinnen",
        "description": (
            "Een vrijwilliger uit de buurt komt één keer per week bij een gezin met jonge kinderen. "
            "Zij helpt bij opvoedvragen en praktische zaken. De visitatiecommissie noemde Home-Start "
            "in Utrecht als goed voorbeeld van burgerkracht."
        ),
        "lead": "greet",
        "partners": ["homestart", "welzijn"],
        "goals": ["nw_actief"],
        "domain": "social",
        "start_date": "2024-01-01",
        "end_date": "2027-12-31",
        "status": "running",
        "continuation": "regular_budget",
        "continuation_note": "Hoort vanaf 2028 bij de vaste inkoop van jeugdhulp door de gemeente.",
        "source": S["homestart"],
        "budget": [
            ("gemeente_noordwest", 2024, 35_000, "coördinatie en training"),
            ("gemeente_noordwest", 2025, 38_000, "coördinatie en training"),
            ("gemeente_noordwest", 2026, 40_000, "coördinatie en training"),
            ("gemeente_noordwest", 2027, 40_000, "coördinatie en training"),
        ],
        "outputs": [
            {
                "name": "Gezinnen met een vrijwilliger",
                "unit": "gezinnen",
                "periods": [
                    ("2024", 40, 42),
                    ("2025", 50, 47),
                    ("2026", 55, 49),
                    ("2027", 55, None),
                ],
            },
        ],
    },
    {
        "key": "buurtpreventie_ondiep",
        "district": "noordwest",
        "title": "Buurtpreventie en wijkagent Ondiep",
        "description": (
            "Bewoners lopen samen met de wijkagent door de buurt. Zij melden kapotte lampen, afval "
            "en onveilige plekken. Bewoners bepalen mee waar de wijkagent vaker komt."
        ),
        "lead": "orhan",
        "partners": ["politie", "bewoners_ondiep", "portaal", "gemeente_noordwest"],
        "goals": ["nw_onveilig"],
        "domain": "safety",
        "start_date": "2025-01-01",
        "end_date": "2029-12-31",
        "status": "running",
        "continuation": "regular_budget",
        "continuation_note": "De wijkagent is vast werk van de politie; de gemeente betaalt de buurtpreventie door.",
        "source": S["police_residents"],
        "budget": [
            ("gemeente_noordwest", 2025, 30_000, "buurtpreventie"),
            ("gemeente_noordwest", 2026, 30_000, "buurtpreventie"),
            ("gemeente_noordwest", 2027, 30_000, "buurtpreventie"),
            ("portaal", 2025, 15_000, "verlichting portieken", "physical"),
        ],
        "outputs": [
            {
                "name": "Buurtschouwen met bewoners",
                "unit": "schouwen",
                "periods": [("2025", 12, 10), ("2026", 12, 9), ("2027", 12, None)],
            },
            {
                "name": "Actieve buurtpreventieteams",
                "unit": "teams",
                "periods": [("2025", 4, 5), ("2026", 5, 5)],
            },
        ],
    },
    {
        "key": "taalcafe_pijlsweerd",
        "district": "noordwest",
        "title": "Taalcafé Pijlsweerd",
        "description": (
            "Bewoners oefenen elke week Nederlands met vrijwilligers. Het project begon met tijdelijk "
            "geld. Er is geen afspraak over wat het moet opleveren en geen plan voor als het geld op "
            "is: een bekend probleem uit de wijkenaanpak."
        ),
        "lead": "lisa",
        "partners": ["welzijn"],
        "goals": ["nw_actief"],
        "domain": "social",
        "start_date": "2026-03-01",
        "end_date": "2027-02-28",
        "status": "running",
        "continuation": "",
        "continuation_note": "",
        "carousel_risk": True,
        "source": S["no_output"],
        "budget": [("gemeente_noordwest", 2026, 18_000, "tijdelijk wijkgeld")],
        "outputs": [],
    },
]
