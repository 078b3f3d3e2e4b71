"""The district report: profile, index, goal progress, projects and money, with charts.

One context, two renderings: a web page (``monitor/report.html``, inside the site) and a
PDF (``monitor/report_pdf.html``, a standalone print document rendered by WeasyPrint).
Both include ``monitor/_report_body.html``, so they cannot drift apart. Charts are the
same inline SVG strings as on the web pages.
"""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from wijkaanpak.areas.models import Area
from wijkaanpak.areas.selectors import area_figures, scale_check
from wijkaanpak.funding.selectors import money_matrix
from wijkaanpak.monitor import charts, selectors
from wijkaanpak.plans.models import ActionPlan
from wijkaanpak.projects.selectors import carousel_flags, district_projects

#: Years per money table in the PDF: with amounts up to tens of millions, this many year
#: columns plus two totals fit the width of a landscape A4 page (tests/monitor/test_report_pdf.py).
MONEY_YEARS_PER_PRINTED_TABLE = 8


def _money_charts(matrix) -> dict:
    if not matrix.cells:
        return {}
    years = charts.bar_chart(
        chart_id="money-years",
        title=_("Geld per jaar"),
        description="; ".join(f"{y}: € {selectors.fmt(float(t))}" for y, t in matrix.year_totals),
        bars=[charts.Bar(str(y), float(t), "", 0) for y, t in matrix.year_totals],
        unit="",
        fmt=lambda v: "€ " + selectors.fmt(v),
        empty_text=_("geen cijfer"),
    )
    funders = charts.bar_chart(
        chart_id="money-funders",
        title=_("Geld per financier"),
        description="; ".join(f"{f}: € {selectors.fmt(float(t))}" for f, t in matrix.funder_totals),
        bars=[charts.Bar(f, float(t), "", 1) for f, t in matrix.funder_totals],
        fmt=lambda v: "€ " + selectors.fmt(v),
        empty_text=_("geen cijfer"),
    )
    return {"years": selectors._svg(years), "funders": selectors._svg(funders)}


def district_report_context(district: Area) -> dict:
    plans = list(
        ActionPlan.objects.filter(district=district)
        .prefetch_related("goals__indicator")
        .order_by("-start_year")
    )
    goal_codes = sorted({g.indicator.code for p in plans for g in p.goals.all()})
    profile = selectors.profile(district, chart_codes=goal_codes)
    progress = [selectors.plan_progress(p) for p in plans]
    projects = list(district_projects(district))
    project_rows = [(p, carousel_flags(p)) for p in projects]
    matrix = money_matrix(district)
    check, check_message = scale_check(district)
    return {
        "district": district,
        "figures": area_figures(district),
        "profile": profile,
        "plans_progress": progress,
        "project_rows": project_rows,
        "carousel_count": sum(1 for _p, flags in project_rows if flags),
        "matrix": matrix,
        "matrix_parts": matrix.parts(MONEY_YEARS_PER_PRINTED_TABLE),
        "money_charts": _money_charts(matrix),
        "scale_message": check_message,
        "scale": check,
        "generated_on": dt.date.today(),
    }


def pdf_filename(district: Area) -> str:
    return f"wijkrapport-{district.code}-{dt.date.today():%Y%m%d}.pdf"


def district_report_html(district: Area, *, context: dict | None = None) -> str:
    """The standalone print document (what the PDF is made from)."""
    return render_to_string("monitor/report_pdf.html", context or district_report_context(district))


def district_report_pdf(
    district: Area, *, base_url: str | None = None, uncompressed: bool = False
) -> bytes:
    from weasyprint import HTML  # heavy import: only when a PDF is asked for

    html = district_report_html(district)
    # PDF/UA: a tagged PDF (headings, tables, figure alt texts, language) that screen readers
    # can follow, like the HTML page it is made from.
    return HTML(string=html, base_url=base_url or ".").write_pdf(
        pdf_variant="pdf/ua-1", uncompressed_pdf=uncompressed
    )
