"""The district report as PDF: wide tables fit the page (issue 7, D19).

The money table of a district with money in 2007–2028 lost 2026–2028 and the total on page 6:
the columns ran off the right edge of the page. No PDF text extractor is installed (pypdf,
pdftotext), so the test reads WeasyPrint's own layout of the PDF: every text box on every
page with its position, the same boxes that are drawn into the PDF.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests import factories
from wijkaanpak.core.models import Domain
from wijkaanpak.monitor.reports import district_report_html

pytestmark = pytest.mark.django_db

YEARS = range(2007, 2029)


def page_texts(html: str) -> list[tuple[float, list[tuple[str, float, float]]]]:
    """Per page: its width and every text box as (text, left, right) in CSS pixels."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    def walk(box, found: list[tuple[str, float, float]]) -> None:
        if isinstance(box, boxes.TextBox):
            found.append((box.text, box.position_x, box.position_x + box.width))
        for child in getattr(box, "children", ()):
            walk(child, found)

    pages = []
    for page in HTML(string=html, base_url=".").render().pages:
        found: list[tuple[str, float, float]] = []
        walk(page._page_box, found)
        pages.append((page.width, found))
    return pages


@pytest.fixture
def rich_district(district, goal):
    """Two funders with long names, four domains, 22 years of amounts in the millions."""
    project = factories.ProjectFactory(district=district, goals=[goal])
    funders = [
        factories.OrganisationFactory(name="Gemeente Utrecht, afdeling Wijken"),
        factories.OrganisationFactory(name="Woningcorporatie Mitros Utrecht"),
    ]
    for funder in funders:
        for domain in Domain.values:
            for year in YEARS:
                factories.BudgetLineFactory(
                    project=project,
                    funder=funder,
                    domain=domain,
                    year=year,
                    amount=Decimal("12345678"),
                )
    return district


def test_every_column_of_the_money_table_is_on_the_page(rich_district):
    pages = page_texts(district_report_html(rich_district))
    money_pages = [
        (width, texts)
        for width, texts in pages
        if any("Geld per financier" in text for text, _l, _r in texts)
    ]
    assert money_pages, "the money table is missing from the PDF"
    headers = {str(year) for year in YEARS} | {"Totaal"}
    seen: set[str] = set()
    for width, texts in money_pages:
        for text, _left, right in texts:
            # Nothing is drawn past the right edge of the page (where it would be cut off).
            assert right <= width, (text, right, width)
            for header in headers:
                if text.strip() == header or text.startswith(header + " "):
                    seen.add(header)
    assert seen == headers, sorted(headers - seen)
    # Landscape: the named page "money" is wider than it is tall.
    assert all(width > 1000 for width, _texts in money_pages)
    # The grand total over all years is printed, once, with its period.
    all_text = " ".join(t for _w, texts in money_pages for t, _l, _r in texts)
    assert "2007–2028" in all_text
    total = 2 * len(Domain.values) * len(YEARS) * 12345678
    assert f"{total:,}".replace(",", ".") in all_text


def test_other_sections_stay_portrait(rich_district):
    pages = page_texts(district_report_html(rich_district))

    def width_of_page_with(text: str) -> float:
        return next(w for w, texts in pages if any(text in t for t, _l, _r in texts))

    # A4 portrait is 794 CSS px wide: before and after the money section.
    assert width_of_page_with("In het kort") < 1000
    assert width_of_page_with("Sterke kanten") < 1000


def test_district_page_says_that_the_money_table_scrolls(client, rich_district):
    page = client.get(rich_district.get_absolute_url()).content.decode()
    box = page.split('class="table-scroll scroll-hint"', 1)
    assert len(box) == 2, "the money table has no scroll hint"
    table = box[1].split("</table>", 1)[0]
    assert "2007–2028. Past de tabel niet op uw scherm? Schuif hem dan opzij" in table
    for year in YEARS:
        assert f'<th scope="col" class="num">{year}</th>' in table
