"""Demo MKBA: the front-line team (Frontlijnteam) of Heechterp-Schieringen, Leeuwarden.

The facts come from the seed texts (kept outside the repository; check them with ``grep``):

* 002 (notitie over de actualiteit van de wijkaanpak), chapter 4 "Wat werkt in de
  wijkenaanpak", lesson 2: the team in "de Leeuwarder wijk Heechterp Schieringen" started
  "als eerste team in 2008"; its MKBA showed "een positief maatschappelijk saldo ... van
  ruim € 2 miljoen euro. Anders gezegd: iedere per jaar geïnvesteerde euro levert ruim € 2
  euro op"; the largest gain is avoided specialised help; supervision orders by Jeugdzorg
  fell 40 % from 2008, and evictions fell as much.
* 004 (eindrapport Visitatiecommissie Wijkenaanpak, 2011), § 2.3 "Doordecentraliseren naar
  de wijk": "De wijkcoaches in Enschede en de frontlijnteams in Leeuwarden gelden hier als
  aansprekende voorbeelden."

The amounts per party and year are invented (the study itself is not in the sources). They
are chosen so that the result resembles the reported one: at 2.25 % every euro returns
€ 2.15 and the net present value is € 2.34 million. ``load_demo_mkba`` writes through the
services, like every other demo loader.
"""

from __future__ import annotations

from decimal import Decimal

from wijkaanpak.mkba import services
from wijkaanpak.mkba.models import Analysis, FlowKind

TITLE = "Frontlijnteam Heechterp-Schieringen (Leeuwarden)"
BASE_YEAR = 2008
HORIZON = 4

DESCRIPTION = """\
Voorbeeld. Het Frontlijnteam in de Leeuwarder wijk Heechterp-Schieringen begon in 2008 als \
eerste team dat werkte met ‘één gezin, één plan, één professional’: dicht bij de mensen, \
om dure hulp later te voorkomen. De gemeente betaalt het team; anderen hebben er voordeel van.

Wat de bronnen zeggen: „Uit de Maatschappelijke Kosten Baten Analyse blijkt dat hun werk een \
positief maatschappelijk saldo heeft opgeleverd van ruim € 2 miljoen euro. Anders gezegd: \
iedere per jaar geïnvesteerde euro levert ruim € 2 euro op.” De grootste winst zit in minder \
inzet van gespecialiseerde, dure hulpverleners. Het aantal ondertoezichtstellingen door \
Jeugdzorg daalde vanaf 2008 met 40 procent; het aantal huisuitzettingen evenveel. \
(Bron: notitie over de actualiteit van de wijkaanpak, tekst 002, hoofdstuk 4, les 2.) \
De Visitatiecommissie Wijkenaanpak noemt de frontlijnteams in Leeuwarden een aansprekend \
voorbeeld (eindrapport 2011, tekst 004, § 2.3).

Let op: de bedragen per partij en per jaar zijn bedacht voor deze demo; de echte studie staat \
niet in de bronnen. Ze zijn zo gekozen dat de uitkomst lijkt op die van de echte MKBA. We \
rekenen met de discontovoet van nu (2,25% per jaar)."""

COST, BENEFIT = FlowKind.COST, FlowKind.BENEFIT

#: (party, year, kind, amount, low, high, note)
FLOWS: list[tuple[str, int, str, int, int, int, str]] = []
for _year in range(BASE_YEAR, BASE_YEAR + HORIZON):
    FLOWS += [
        ("gemeente", _year, COST, 400_000, 360_000, 440_000, "het frontlijnteam (personeel)"),
        ("woningcorporatie", _year, COST, 100_000, 90_000, 110_000, "bijdrage aan het team"),
    ]
FLOWS.append(("gemeente", BASE_YEAR, COST, 100_000, 80_000, 130_000, "opstart en scholing"))

#: Avoided costs per year: the team needs time before prevention pays off.
_SAVINGS = {
    "jeugdzorg": ("minder ondertoezichtstellingen", (100_000, 400_000, 520_000, 580_000)),
    "woningcorporatie": ("minder huisuitzettingen", (60_000, 230_000, 300_000, 330_000)),
    "zorgverzekeraar": ("minder dure specialistische hulp", (60_000, 230_000, 300_000, 330_000)),
    "gemeente": ("minder schuldhulp en opvang", (50_000, 170_000, 220_000, 240_000)),
    "politie": ("minder meldingen en inzet", (30_000, 110_000, 150_000, 160_000)),
}
for _party, (_note, _amounts) in _SAVINGS.items():
    for _offset, _amount in enumerate(_amounts):
        # Prevention is uncertain: a range of 60 % to 140 % of the estimate.
        FLOWS.append(
            (
                _party,
                BASE_YEAR + _offset,
                BENEFIT,
                _amount,
                _amount * 6 // 10,
                _amount * 14 // 10,
                _note,
            )
        )


def delete_demo_mkba() -> int:
    """Delete the demo analyses (their parties and cash flows go with them)."""
    count = 0
    for analysis in Analysis.objects.filter(is_demo=True):
        services.analysis_delete(analysis=analysis, by=None)
        count += 1
    return count


def load_demo_mkba(project=None, *, by=None) -> Analysis:
    """Create the Leeuwarden analysis (replacing an earlier demo copy), linked to ``project``."""
    for old in Analysis.objects.filter(is_demo=True, title=TITLE):
        services.analysis_delete(analysis=old, by=by)
    analysis = services.analysis_create(
        by=by,
        project=project,
        title=TITLE,
        description=DESCRIPTION,
        base_year=BASE_YEAR,
        horizon=HORIZON,
        is_demo=True,
    )
    for party, year, kind, amount, low, high, note in FLOWS:
        services.flow_create(
            analysis=analysis,
            by=by,
            stakeholder=party,
            year=year,
            kind=kind,
            amount=Decimal(amount),
            low=Decimal(low),
            high=Decimal(high),
            description=note,
        )
    return analysis
