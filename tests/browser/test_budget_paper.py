"""In a real Chromium: two officials enter a paper ballot; it counts only when both agree.
The staff pages (paper ballots, voting codes) have no WCAG 2.1 AA violations either."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.conftest import assert_no_axe_violations, login
from wijkaanpak.budgets.models import Ballot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_officials_enter_a_paper_ballot(page, live_server):
    district = factories.AreaFactory(
        district=True, parent=factories.AreaFactory(code="GM0344"), code="WK034409"
    )
    process = factories.BudgetProcessFactory(area=district, voting=True, budget=Decimal("10000"))
    factories.BudgetIdeaFactory(
        process=process, accepted=True, title="Bankjes", estimated_cost=Decimal("2500")
    )
    factories.BudgetIdeaFactory(
        process=process, accepted=True, title="Bomen", estimated_cost=Decimal("4000")
    )
    code = factories.VotingCodeFactory(process=process).code
    first, second = factories.UserFactory(role="official"), factories.UserFactory(role="official")
    paper_url = live_server.url + f"/bewonersbudget/{process.pk}/papier/"

    login(page, first)
    page.goto(paper_url)
    assert_no_axe_violations(page)
    page.get_by_label("Stemcode op de brief").fill(code)
    page.get_by_role("button", name="Brief innemen").click()
    expect(page.get_by_text("De brief is ingenomen.")).to_be_visible()
    page.get_by_label("Nummer van het stembiljet").fill("12")
    page.get_by_label("Bankjes").check()
    page.get_by_role("button", name="Invoer opslaan").click()
    expect(page.get_by_text("Het stembiljet is ingevoerd.")).to_be_visible()
    assert not Ballot.objects.exists()

    page.context.clear_cookies()
    login(page, second)
    page.goto(paper_url)
    page.get_by_label("Nummer van het stembiljet").fill("12")
    page.get_by_label("Bomen").check()  # reads the sheet differently
    page.get_by_role("button", name="Invoer opslaan").click()
    expect(page.get_by_role("heading", name="Verschillen: derde controle nodig")).to_be_visible()
    assert_no_axe_violations(page)
    assert not Ballot.objects.exists()

    page.context.clear_cookies()
    login(page, factories.UserFactory(role="official"))
    page.goto(paper_url)
    page.get_by_label("Nummer van het stembiljet").fill("12")
    page.get_by_label("Bankjes").check()
    page.get_by_role("button", name="Invoer opslaan").click()
    expect(page.get_by_text("Het stembiljet is ingevoerd.")).to_be_visible()
    assert Ballot.objects.get().paper_number == 12

    page.context.clear_cookies()
    login(page, factories.UserFactory(role="district_manager", districts=[district]))
    page.goto(live_server.url + f"/bewonersbudget/{process.pk}/stemcodes/")
    assert_no_axe_violations(page)
