"""Reads for social cost-benefit analyses: calc input from the tables, results, chart, CSV.

Other apps (the project page, the focus review) use :func:`project_summaries` and
:func:`summary`; they need not know the tables.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkaanpak.core import csvexport, formats
from wijkaanpak.mkba import calc
from wijkaanpak.mkba.models import Analysis, CashFlow, FlowKind

#: Groups that often pay or benefit, offered as suggestions when a cash flow is entered.
COMMON_STAKEHOLDERS = (
    "gemeente",
    "bewoners",
    "woningcorporatie",
    "zorgverzekeraar",
    "politie",
    "jeugdzorg",
    "werkgevers",
    "UWV",
    "Rijk",
)


def analyses_for_project(project) -> QuerySet[Analysis]:
    return Analysis.objects.filter(project=project).order_by("title", "id")


def flows_of(analysis: Analysis) -> list[CashFlow]:
    """The cash flows: parties in the order they were added, then by year, costs first."""
    return list(
        CashFlow.objects.filter(analysis=analysis)
        .select_related("stakeholder__organisation")
        .order_by("stakeholder_id", "year", "-kind", "id")  # "cost" > "benefit"
    )


def intervention_for(analysis: Analysis, flows: list[CashFlow] | None = None) -> calc.Intervention:
    """The calc input for this analysis. Raises ``calc.MkbaError`` on inconsistent data."""
    if flows is None:
        flows = flows_of(analysis)
    return calc.Intervention(
        name=analysis.title,
        base_year=analysis.base_year,
        horizon=analysis.horizon,
        discount_rate=float(analysis.discount_rate),
        flows=[
            calc.CashFlow(
                stakeholder=f.stakeholder.name,
                year=f.year,
                kind=calc.FlowKind(f.kind),
                amount=float(f.amount),
                low=None if f.low is None else float(f.low),
                high=None if f.high is None else float(f.high),
                description=f.description,
            )
            for f in flows
        ],
    )


# --- the who-pays / who-benefits chart -----------------------------------------------------


@dataclass(frozen=True)
class ChartRow:
    stakeholder: str
    label: str
    pv_costs: float
    pv_benefits: float
    net: float
    label_y: float
    bar_y: float
    cost_x: float
    cost_width: float
    benefit_x: float
    benefit_width: float


@dataclass(frozen=True)
class Chart:
    """Geometry for a diverging bar chart: costs to the left of zero, benefits to the right."""

    width: int
    height: int
    zero_x: float
    axis_top: float
    bar_height: int
    rows: tuple[ChartRow, ...]


CHART_WIDTH = 400
#: Longer names are shortened in the drawing; the table and the description keep them whole.
LABEL_CHARS = 26
_PAD = 8
_TOP = 40  # room for the legend
_ROW = 60
_BAR = 22


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def who_pays_chart(result: calc.MkbaResult) -> Chart | None:
    balances = result.stakeholders
    if not balances:
        return None
    max_cost = max(s.pv_costs for s in balances)
    max_benefit = max(s.pv_benefits for s in balances)
    usable = CHART_WIDTH - 2 * _PAD
    total = max_cost + max_benefit
    scale = usable / total if total > 0 else 0.0
    zero_x = _PAD + max_cost * scale if total > 0 else CHART_WIDTH / 2
    rows = []
    for i, s in enumerate(balances):
        top = _TOP + i * _ROW
        cost_w = s.pv_costs * scale
        benefit_w = s.pv_benefits * scale
        rows.append(
            ChartRow(
                stakeholder=s.stakeholder,
                label=_short(s.stakeholder),
                pv_costs=s.pv_costs,
                pv_benefits=s.pv_benefits,
                net=s.net,
                label_y=top + 18,
                bar_y=top + 26,
                cost_x=round(zero_x - cost_w, 2),
                cost_width=round(cost_w, 2),
                benefit_x=round(zero_x, 2),
                benefit_width=round(benefit_w, 2),
            )
        )
    return Chart(
        width=CHART_WIDTH,
        height=_TOP + len(rows) * _ROW + _PAD,
        zero_x=round(zero_x, 2),
        axis_top=_TOP - 4,
        bar_height=_BAR,
        rows=tuple(rows),
    )


# --- the report a page, the API and the CSV read ----------------------------------------


@dataclass(frozen=True)
class Report:
    analysis: Analysis
    flows: list[CashFlow]
    result: calc.MkbaResult | None
    sensitivity: calc.Sensitivity | None
    monte_carlo: calc.MonteCarloResult | None
    explanation: tuple[str, ...]
    chart: Chart | None
    #: Set when the stored data cannot be computed (e.g. edited around the services).
    problem: str = ""

    @property
    def inverdieneffect(self) -> str:
        """A Dutch sentence naming who pays and who benefits, or "" without the effect."""
        return inverdieneffect_sentence(self.result) if self.result is not None else ""

    @property
    def has_ranges(self) -> bool:
        return self.result is not None and any(
            f.is_uncertain for f in self.result.intervention.flows
        )


def _join(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def explanation_text(sentences: tuple[calc.Sentence, ...]) -> tuple[str, ...]:
    """``calc.explain_codes`` written out in the visitor's language (B1), numbers included."""
    out = []
    for sentence in sentences:
        code, amount, year, names = sentence.code, sentence.amount, sentence.year, sentence.names
        if code == "free_benefit":
            text = _("Deze aanpak kost niets en levert %(amount)s op voor de samenleving.") % {
                "amount": formats.euro(amount)
            }
        elif code == "nothing_yet":
            text = _("Er zijn nog geen kosten of opbrengsten ingevuld.")
        elif code == "bcr":
            text = _("Elke euro die we uitgeven levert %(amount)s op voor de samenleving.") % {
                "amount": formats.euro(amount, 2)
            }
        elif code == "break_even":
            text = _("De opbrengst is ongeveer even groot als de kosten.")
        elif code == "net_gain":
            text = _("Alles bij elkaar is de opbrengst %(amount)s hoger dan de kosten.") % {
                "amount": formats.euro(amount)
            }
        elif code == "net_loss":
            text = _("Alles bij elkaar zijn de kosten %(amount)s hoger dan de opbrengst.") % {
                "amount": formats.euro(amount)
            }
        elif code == "payback":
            text = _("In %(year)s zijn de kosten terugverdiend.") % {"year": year}
        elif code == "no_payback":
            text = _("In de %(years)s jaar die we bekijken, verdienen we de kosten niet terug.") % {
                "years": year
            }
        elif code == "payers":
            text = ngettext(
                "Deze partij betaalt meer dan zij terugkrijgt: %(names)s.",
                "Deze partijen betalen meer dan ze terugkrijgen: %(names)s.",
                len(names),
            ) % {"names": _join(list(names))}
        elif code == "gainers":
            text = ngettext(
                "Deze partij krijgt meer terug dan zij betaalt: %(names)s.",
                "Deze partijen krijgen meer terug dan ze betalen: %(names)s.",
                len(names),
            ) % {"names": _join(list(names))}
        elif code == "inverdieneffect":
            text = _("Wie betaalt, is dus niet altijd wie er voordeel van heeft.")
        elif code == "discount":
            text = _("Geld in latere jaren telt iets minder mee (%(rate)s per jaar).") % {
                "rate": formats.percent(amount)
            }
        elif code == "monte_carlo":
            text = _(
                "We hebben ook gerekend met hogere en lagere bedragen. In %(chance)s van de 100 "
                "berekeningen is de opbrengst hoger dan de kosten."
            ) % {"chance": formats.number(amount)}
        else:  # a code this page does not know yet: the Dutch text of the pure module
            text = calc.explain_sentence(sentence)
        out.append(str(text))
    return tuple(out)


def inverdieneffect_sentence(result: calc.MkbaResult) -> str:
    if not result.has_inverdieneffect:
        return ""
    payers = [s.stakeholder for s in result.net_payers]
    gainers = [s.stakeholder for s in result.net_beneficiaries]
    pays = ngettext(
        "%(names)s betaalt meer dan zij terugkrijgt,",
        "%(names)s betalen meer dan ze terugkrijgen,",
        len(payers),
    ) % {"names": _join(payers)}
    gains = ngettext(
        "maar %(names)s krijgt meer terug dan zij betaalt.",
        "maar %(names)s krijgen meer terug dan ze betalen.",
        len(gainers),
    ) % {"names": _join(gainers)}
    return f"{pays} {gains}"


#: The simulation is the only slow part (up to seconds for 50,000 runs over many flows), and
#: a public page is read far more often than it changes: keep results by their exact input.
MONTE_CARLO_CACHE_SECONDS = 24 * 3600


def simulate(analysis: Analysis, intervention: calc.Intervention) -> calc.MonteCarloResult:
    """``calc.monte_carlo`` with the analysis's settings, cached by a hash of the whole input."""
    params = (analysis.mc_runs, analysis.mc_seed, analysis.mc_distribution)
    fingerprint = repr(
        (params, intervention.discount_rate, intervention.base_year, intervention.flows)
    )
    key = "mkba-mc:" + hashlib.sha256(fingerprint.encode()).hexdigest()
    result = cache.get(key)
    if result is None:
        result = calc.monte_carlo(
            intervention,
            runs=analysis.mc_runs,
            seed=analysis.mc_seed,
            distribution=analysis.mc_distribution,
        )
        cache.set(key, result, MONTE_CARLO_CACHE_SECONDS)
    return result


def report(analysis: Analysis, *, with_monte_carlo: bool = True) -> Report:
    flows = flows_of(analysis)
    try:
        intervention = intervention_for(analysis, flows)
        result = calc.analyse(intervention)
        sensitivity = calc.scenarios(intervention)
        mc = simulate(analysis, intervention) if with_monte_carlo and flows else None
    except calc.MkbaError as exc:
        return Report(
            analysis,
            flows,
            None,
            None,
            None,
            (),
            None,
            problem=_("Deze MKBA kan niet worden berekend: %(detail)s") % {"detail": exc},
        )
    return Report(
        analysis=analysis,
        flows=flows,
        result=result,
        sensitivity=sensitivity,
        monte_carlo=mc,
        explanation=explanation_text(calc.explain_codes(result, mc)),
        chart=who_pays_chart(result),
    )


@dataclass(frozen=True)
class Summary:
    """The headline of an analysis, e.g. for the project page and the focus review."""

    analysis: Analysis
    pv_costs: float | None
    pv_benefits: float | None
    npv: float | None
    bcr: float | None
    payback_year: int | None
    has_inverdieneffect: bool
    flow_count: int

    @property
    def headline(self) -> str:
        """One Dutch sentence (the first of ``calc.explain``)."""
        if self.npv is None:
            return _("Deze MKBA kan niet worden berekend.")
        if self.bcr is not None:
            return _("Elke euro levert %(amount)s op.") % {"amount": formats.euro(self.bcr, 2)}
        if self.flow_count == 0:
            return _("Nog geen bedragen ingevuld.")
        return _("Saldo: %(amount)s.") % {"amount": formats.euro(self.npv)}


def summary(analysis: Analysis) -> Summary:
    """Totals without the Monte Carlo simulation (cheap enough for lists)."""
    flows = flows_of(analysis)
    try:
        result = calc.analyse(intervention_for(analysis, flows))
    except calc.MkbaError:
        return Summary(analysis, None, None, None, None, None, False, len(flows))
    return Summary(
        analysis=analysis,
        pv_costs=result.pv_costs,
        pv_benefits=result.pv_benefits,
        npv=result.npv,
        bcr=result.bcr,
        payback_year=result.payback_year,
        has_inverdieneffect=result.has_inverdieneffect,
        flow_count=len(flows),
    )


def project_summaries(project) -> list[Summary]:
    return [summary(a) for a in analyses_for_project(project)]


def stakeholder_suggestions(analysis: Analysis | None, project=None) -> list[str]:
    """Names to suggest: this analysis's parties, the project's partners, common groups."""
    names: list[str] = []
    if analysis is not None:
        names += list(analysis.stakeholders.values_list("name", flat=True))
        project = project or analysis.project
    if project is not None:
        names.append(project.lead.organisation.name)
        names += list(project.partners.values_list("name", flat=True))
    names += COMMON_STAKEHOLDERS
    seen: set[str] = set()
    unique = []
    for name in names:
        if name.lower() not in seen:
            seen.add(name.lower())
            unique.append(name)
    return unique


# --- CSV ---------------------------------------------------------------------------------


def _money(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def flows_csv(analysis: Analysis) -> str:
    """One row per cash flow; amounts in euro with a decimal point, separated by ``;``."""
    out = io.StringIO()
    writer = csvexport.writer(out, delimiter=";")
    writer.writerow(
        [
            "partij",
            "organisatie",
            "jaar",
            "soort",
            "bedrag_euro",
            "laag_euro",
            "hoog_euro",
            "toelichting",
        ]
    )
    for f in flows_of(analysis):
        writer.writerow(
            [
                f.stakeholder.name,
                f.stakeholder.organisation.name if f.stakeholder.organisation else "",
                f.year,
                "kosten" if f.kind == FlowKind.COST else "baten",
                f"{f.amount:.2f}",
                "" if f.low is None else f"{f.low:.2f}",
                "" if f.high is None else f"{f.high:.2f}",
                f.description,
            ]
        )
    return out.getvalue()


def results_csv(rep: Report) -> str:
    """Long format ``onderdeel;partij;jaar;grootheid;waarde``: easy to filter and pivot.

    Present values (``contante_waarde_*``) are discounted to the base year.
    """
    out = io.StringIO()
    writer = csvexport.writer(out, delimiter=";")
    writer.writerow(["onderdeel", "partij", "jaar", "grootheid", "waarde"])
    a = rep.analysis
    writer.writerow(["analyse", "", "", "beginjaar", a.base_year])
    writer.writerow(["analyse", "", "", "looptijd_jaren", a.horizon])
    writer.writerow(["analyse", "", "", "discontovoet", f"{float(a.discount_rate):.6f}"])
    r = rep.result
    if r is None:
        return out.getvalue()
    writer.writerow(["totaal", "", "", "contante_waarde_kosten", _money(r.pv_costs)])
    writer.writerow(["totaal", "", "", "contante_waarde_baten", _money(r.pv_benefits)])
    writer.writerow(["totaal", "", "", "netto_contante_waarde", _money(r.npv)])
    writer.writerow(
        ["totaal", "", "", "baten_kostenverhouding", "" if r.bcr is None else f"{r.bcr:.4f}"]
    )
    writer.writerow(["totaal", "", "", "terugverdiend_in", r.payback_year or ""])
    writer.writerow(["totaal", "", "", "inverdieneffect", "ja" if r.has_inverdieneffect else "nee"])
    for s in r.stakeholders:
        name = s.stakeholder
        writer.writerow(["partij", name, "", "contante_waarde_kosten", _money(s.pv_costs)])
        writer.writerow(["partij", name, "", "contante_waarde_baten", _money(s.pv_benefits)])
        writer.writerow(["partij", name, "", "saldo", _money(s.net)])
    for y in r.years:
        writer.writerow(["jaar", "", y.year, "kosten", _money(y.costs)])
        writer.writerow(["jaar", "", y.year, "baten", _money(y.benefits)])
        writer.writerow(["jaar", "", y.year, "weegfactor", f"{y.discount_factor:.6f}"])
        writer.writerow(["jaar", "", y.year, "contante_waarde_saldo", _money(y.pv_net)])
        writer.writerow(["jaar", "", y.year, "opgeteld_saldo", _money(y.cumulative_pv_net)])
    if rep.sensitivity is not None:
        for key, sc in (
            ("voorzichtig", rep.sensitivity.pessimistic),
            ("verwacht", rep.sensitivity.central),
            ("gunstig", rep.sensitivity.optimistic),
        ):
            writer.writerow(["scenario", "", "", f"{key}_netto_contante_waarde", _money(sc.npv)])
            writer.writerow(
                [
                    "scenario",
                    "",
                    "",
                    f"{key}_baten_kostenverhouding",
                    "" if sc.bcr is None else f"{sc.bcr:.4f}",
                ]
            )
    mc = rep.monte_carlo
    if mc is not None:
        for key, value in (
            ("runs", mc.runs),
            ("seed", mc.seed),
            ("verdeling", mc.distribution.value),
            ("gemiddelde", _money(mc.mean)),
            ("p5", _money(mc.p5)),
            ("p50", _money(mc.p50)),
            ("p95", _money(mc.p95)),
            ("kans_saldo_positief", f"{mc.probability_positive:.4f}"),
        ):
            writer.writerow(["montecarlo", "", "", key, value])
    return out.getvalue()
