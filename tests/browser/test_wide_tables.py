"""In a real Chromium: the district page's money table says that it scrolls (issue 7, D19).

On the desktop the table of a district with money in 2007–2028 was cut at 2027 with no hint
that more columns (and the total) lay behind the edge.
"""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.conftest import assert_no_axe_violations
from wijkaanpak.core.models import Domain

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_money_table_shows_that_it_scrolls_on_the_desktop(page, live_server):
    municipality = factories.AreaFactory(code="GM0344", name="Utrecht")
    district = factories.AreaFactory(district=True, parent=municipality, code="WK034403")
    project = factories.ProjectFactory(district=district)
    funder = factories.OrganisationFactory(name="Gemeente Utrecht")
    for year in range(2007, 2029):
        for domain in Domain.values:
            factories.BudgetLineFactory(
                project=project, funder=funder, domain=domain, year=year, amount=Decimal("625000")
            )
    page.goto(live_server.url + district.get_absolute_url())
    box = page.locator(".table-scroll.scroll-hint")
    expect(box).to_be_visible()
    expect(box.locator("caption")).to_contain_text("Schuif hem dan opzij")
    sizes = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
    assert sizes[0] > sizes[1], sizes  # it does scroll at 1280 px
    background = box.evaluate("b => getComputedStyle(b).backgroundImage")
    assert background.count("radial-gradient") == 2, background  # the edge shadows
    # Scrolled to the end, the last column (the total) is in view.
    box.evaluate("b => b.scrollTo(b.scrollWidth, 0)")
    inside = box.evaluate(
        """b => { const r = b.getBoundingClientRect();
                  const c = b.querySelector('thead th:last-child').getBoundingClientRect();
                  return c.left >= r.left && c.right <= r.right + 1; }"""
    )
    assert inside
    assert_no_axe_violations(page)
