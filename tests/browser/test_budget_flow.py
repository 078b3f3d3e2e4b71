"""In a real Chromium: a resident submits an idea, a moderator accepts it, a resident votes
with a code on a phone, and everybody sees the results. axe-core: no WCAG 2.1 AA violations."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_focus_on_error_summary
from tests.conftest import assert_no_axe_violations, login
from wijkaanpak.budgets import services
from wijkaanpak.budgets.models import Ballot, Idea, Phase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_idea_review_vote_on_a_phone_and_results(page, phone_page, live_server):
    municipality = factories.AreaFactory(code="GM0344", name="Utrecht")
    district = factories.AreaFactory(
        district=True, parent=municipality, code="WK034409", name="Overvecht"
    )
    hood = factories.AreaFactory(
        neighbourhood=True, parent=district, code="BU03440901", name="Zamenhofdreef"
    )
    manager = factories.UserFactory(role="district_manager", districts=[district])
    moderator = factories.UserFactory(role="moderator")
    process = factories.BudgetProcessFactory(
        area=district, ideas=True, title="Bewonersbudget Overvecht 2026", budget=Decimal("10000")
    )
    other = factories.BudgetIdeaFactory(
        process=process, title="Buurtfeest", estimated_cost=Decimal("8000")
    )

    # 1. A resident (no account) submits an idea; a mistake first, then right.
    page.goto(live_server.url + process.get_absolute_url())
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Idee indienen").click()
    assert_no_axe_violations(page)
    page.get_by_label("Titel (verplicht)").fill("Bankjes bij de speeltuin")
    page.get_by_label("Omschrijving (verplicht)").fill("Drie bankjes, zodat ouders kunnen zitten.")
    page.get_by_label("Geschatte kosten (euro) (verplicht)").fill("25000")
    page.get_by_label("Buurt").select_option(label=str(hood))
    page.get_by_label("Uw naam (verplicht)").fill("Sanne")
    page.get_by_role("button", name="Idee indienen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_focus_on_error_summary(page)
    expect(page.get_by_text("Dit is meer dan het hele budget").first).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Geschatte kosten (euro) (verplicht)").fill("1500")
    page.get_by_role("button", name="Idee indienen").click()
    expect(page.get_by_role("heading", name="Bankjes bij de speeltuin")).to_be_visible()
    assert_no_axe_violations(page)
    idea = Idea.objects.get(title="Bankjes bij de speeltuin")

    # 2. The municipality checks feasibility; a moderator accepts the idea with a cost.
    process = services.process_set_phase(process=process, by=manager, phase=Phase.REVIEW)
    services.idea_review(idea=other, by=manager, status="accepted", cost=Decimal("8000"))
    login(page, moderator)
    page.goto(live_server.url + idea.get_absolute_url())
    page.get_by_role("link", name="Toetsen").click()
    assert_no_axe_violations(page)
    page.get_by_label("Ja, haalbaar: het komt op het stembiljet").check()
    page.get_by_label("Kosten volgens de gemeente (euro)").fill("2500")
    page.get_by_role("button", name="Toets opslaan").click()
    expect(page.get_by_text("De toets is opgeslagen.")).to_be_visible()
    idea.refresh_from_db()
    assert idea.status == "accepted" and idea.cost == Decimal("2500")

    # 3. Voting opens; a resident votes with the code from the letter, on a phone.
    code = factories.VotingCodeFactory(process=process).code
    process = services.process_set_phase(process=process, by=manager, phase=Phase.VOTING)
    phone = phone_page
    phone.goto(live_server.url + process.get_absolute_url())
    phone.get_by_role("link", name="Stemmen", exact=True).click()
    assert_no_axe_violations(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_label("Stemcode").fill(code.lower().replace("-", " "))
    phone.get_by_label("Bankjes bij de speeltuin").check()
    phone.get_by_label("Buurtfeest").check()  # together 10.500: over the budget
    expect(phone.get_by_text("Dat is te veel")).to_be_visible()
    phone.get_by_role("button", name="Stem uitbrengen").click()
    expect(phone.get_by_role("alert")).to_be_visible()
    assert_focus_on_error_summary(phone)
    expect(phone.get_by_text("meer dan het budget").first).to_be_visible()
    assert_no_axe_violations(phone)
    assert not Ballot.objects.exists()
    phone.get_by_label("Buurtfeest").uncheck()
    phone.get_by_role("button", name="Stem uitbrengen").click()
    expect(phone.get_by_role("heading", name="Dank u wel voor uw stem")).to_be_visible()
    assert_no_axe_violations(phone)
    receipt = phone.locator(".receipt-code").inner_text().strip()
    assert Ballot.objects.count() == 1

    # 4. Results: hidden while voting, then winners, explanation and chart.
    phone.goto(live_server.url + f"/bewonersbudget/{process.pk}/uitslag/")
    expect(phone.get_by_text("geen tussenstand")).to_be_visible()
    process = services.process_set_phase(process=process, by=manager, phase=Phase.COUNTING)
    services.process_set_phase(process=process, by=manager, phase=Phase.RESULTS)
    phone.reload()
    expect(phone.get_by_role("img", name="Stemmen per idee")).to_be_visible()
    expect(phone.locator(".budget-result.is-winner")).to_contain_text("Bankjes bij de speeltuin")
    expect(phone.locator(".budget-result").last).to_contain_text("Niet gekozen")
    assert_no_axe_violations(phone)
    phone.get_by_label("Uw bewijscode").fill(receipt)
    phone.get_by_role("button", name="Controleren").click()
    expect(phone.get_by_text("Ja. Uw stem is meegeteld.")).to_be_visible()
    assert_no_axe_violations(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
