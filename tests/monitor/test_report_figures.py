"""One source per figure (issue 7, D18).

The district report's first page gave 34,910 inhabitants in the text (the area, 2023) and
35,255 in the table (the monitor, 2024); the district page's "Geld in de wijk € 13.875.000"
added up 2007–2028 without saying so.
"""

from __future__ import annotations

import html
import re

import pytest

from tests import factories
from wijkaanpak.areas.models import Area
from wijkaanpak.areas.services import areas_import
from wijkaanpak.monitor.reports import district_report_context, district_report_html
from wijkaanpak.monitor.services import observations_import

pytestmark = pytest.mark.django_db

OVERVECHT = "WK034403"


def text_of(markup: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def summary_and_table(markup: str) -> tuple[str, str]:
    summary = markup.split('class="report-summary"', 1)[1].split("</ul>", 1)[0]
    table = markup.split('id="r-profile"', 1)[1].split("</table>", 1)[0]
    return text_of(summary), text_of(table)


@pytest.fixture
def overvecht(data_dir):
    """What the demo loads: the areas of 2023, then the figures of 2023 and 2024."""
    cbs = data_dir / "cbs"
    for name in ("kwb-2023-gm0344-utrecht.xlsx",):
        areas_import(content=(cbs / name).read_bytes(), filename=name)
    for name in ("kwb-2023-gm0344-utrecht.csv", "kwb-2024-gm0344-utrecht.csv"):
        observations_import(content=(cbs / name).read_bytes(), filename=name)
    return Area.objects.get(code=OVERVECHT)


def test_report_text_and_table_show_the_same_figure_with_the_same_year(overvecht):
    summary, table = summary_and_table(district_report_html(overvecht))
    # Inhabitants: 2024 is the latest known; homes are unknown in 2024, so 2023's figure.
    assert "Inwoners (2024): 35.255" in summary, summary
    assert "34.910" not in summary
    assert re.search(r"Inwoners \(aantal\) 35\.255 .*? 2024", table), table
    homes = overvecht.homes
    homes_text = f"{homes:,}".replace(",", ".")
    assert f"Woningen (2023): {homes_text}" in summary, summary
    assert re.search(rf"Woningen \(aantal\) {re.escape(homes_text)} .*? 2023", table), table


def test_a_long_format_figure_updates_the_one_source(overvecht, tmp_path):
    content = f"gebiedscode;indicator;jaar;waarde\n{OVERVECHT};a_inw;2025;36000\n".encode()
    report = observations_import(content=content, filename="inwoners-2025.csv")
    assert report.area_figures == {
        "inhabitants": {"added": 1, "changed": 0, "unchanged": 0, "kept": 0, "unknown": 0}
    }
    overvecht.refresh_from_db()
    summary, table = summary_and_table(district_report_html(overvecht))
    assert "Inwoners (2025): 36.000" in summary
    assert re.search(r"Inwoners \(aantal\) 36\.000 .*? 2025", table), table


def test_money_total_names_its_period_everywhere(client, district, goal):
    project = factories.ProjectFactory(district=district, goals=[goal])
    factories.BudgetLineFactory(project=project, year=2007, amount=1000)
    factories.BudgetLineFactory(project=project, year=2028, amount=2000)
    page = text_of(client.get(district.get_absolute_url()).content.decode())
    assert "Geld in de wijk 2007–2028 € 3.000" in page
    summary, _table = summary_and_table(district_report_html(district))
    assert "Geld in de wijk 2007–2028: € 3.000." in summary
    budget = text_of(client.get(f"/wijk/{district.code}/buurtbegroting/").content.decode())
    assert "in 2007–2028 naar projecten in uw wijk: € 3.000" in budget
    assert district_report_context(district)["matrix"].period == "2007–2028"
