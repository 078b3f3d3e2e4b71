"""In a real Chromium: the pages of issue 7 part E (start page per role, phase form, plan
history, neighbourhood page, API key) work and pass axe-core (WCAG 2.1 AA)."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.conftest import assert_no_axe_violations, login
from wijkaanpak.plans import services as plan_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    municipality = factories.AreaFactory(code="GM0344", name="Utrecht")
    district = factories.AreaFactory(
        district=True, parent=municipality, code="WK034403", name="Overvecht"
    )
    neighbourhood = factories.AreaFactory(
        neighbourhood=True, parent=district, code="BU03440301", name="Zambesidreef"
    )
    manager = factories.UserFactory(role="district_manager", districts=[district])
    plan = factories.ActionPlanFactory(district=district, title="Wijkactieplan Overvecht")
    owner = factories.OrganisationFactory(name="Gemeente Utrecht")
    indicator = factories.IndicatorFactory(name_nl="Bijstandsuitkeringen per 1.000 inwoners")
    plan_services.goal_create(
        plan=plan,
        by=manager,
        title="Minder bewoners in de bijstand",
        description="",
        indicator=indicator,
        area=None,
        baseline_value=Decimal("76.8"),
        baseline_year=2023,
        target_value=Decimal("60"),
        target_year=2030,
        owner=owner,
    )
    factories.ProjectFactory(district=district, title="Buurtcoaches")
    process = factories.BudgetProcessFactory(
        area=district,
        review=True,
        title="Bewonersbudget Overvecht",
        ideas_close_on=dt.date(2026, 3, 1),
    )
    factories.BudgetIdeaFactory(process=process, neighbourhood=neighbourhood, title="Bankjes")
    return {
        "district": district,
        "neighbourhood": neighbourhood,
        "manager": manager,
        "plan": plan,
        "process": process,
    }


def test_manager_lands_on_my_districts_and_works_from_there(page, live_server, world):
    login(page, world["manager"])
    expect(page.get_by_role("heading", name="Mijn wijken", level=1)).to_be_visible()
    expect(page.get_by_text("1 idee wacht op uw toets")).to_be_visible()
    expect(page.get_by_role("link", name="Buurtcoaches")).to_be_visible()  # no goal, no output
    assert_no_axe_violations(page)

    page.goto(live_server.url + f"/bewonersbudget/{world['process'].pk}/fase/")
    expect(page.get_by_label("stemmen", exact=True)).to_be_checked()
    assert_no_axe_violations(page)

    page.goto(live_server.url + f"/plan/{world['plan'].pk}/geschiedenis/")
    expect(
        page.get_by_text("Indicator: – → Bijstandsuitkeringen per 1.000 inwoners")
    ).to_be_visible()
    expect(page.get_by_text("Eigenaar: – → Gemeente Utrecht")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(live_server.url + "/start/")
    page.get_by_role("link", name="API-sleutel voor programma's").click()
    page.get_by_role("button", name="API-sleutel maken").click()
    expect(page.get_by_text("Kopieer hem nu")).to_be_visible()
    assert_no_axe_violations(page)


def test_neighbourhood_page_shows_what_happens_there(page, live_server, world):
    page.goto(live_server.url + world["neighbourhood"].get_absolute_url())
    expect(page.get_by_role("heading", name="Wat er gebeurt in Zambesidreef")).to_be_visible()
    expect(page.get_by_role("link", name="Bankjes")).to_be_visible()
    expect(page.get_by_role("link", name="Buurtcoaches")).to_be_visible()
    page.get_by_text("Wat betekenen fysiek, sociaal, economisch en veiligheid?").click()
    expect(page.get_by_text("Wat je kunt zien en aanraken")).to_be_visible()
    assert_no_axe_violations(page)


def test_start_page_on_a_phone(phone_page, live_server, world):
    login(phone_page, world["manager"])
    expect(phone_page.get_by_role("heading", name="Mijn wijken", level=1)).to_be_visible()
    assert_no_axe_violations(phone_page)
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
