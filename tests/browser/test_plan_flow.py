"""In a real Chromium: a district manager creates a goal and a project serving it."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.conftest import assert_no_axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_creates_goal_and_project_and_sees_both_on_the_district_page(page, live_server):
    municipality = factories.AreaFactory(code="GM0344", name="Utrecht")
    district = factories.AreaFactory(
        district=True,
        parent=municipality,
        code="WK034409",
        name="Overvecht",
        inhabitants=35_000,
        homes=14_000,
    )
    plan = factories.ActionPlanFactory(district=district, title="Wijkactieplan Overvecht")
    indicator = factories.IndicatorFactory(name_nl="Volwassenen die voldoen aan de beweegnorm")
    factories.OrganisationFactory(name="GGD regio Utrecht")
    lead_org = factories.OrganisationFactory(name="Welzijn Overvecht")
    factories.PersonFactory(name="Fatima Bakker", organisation=lead_org)
    manager = factories.UserFactory(role="district_manager", districts=[district])

    login(page, manager)
    page.goto(live_server.url + plan.get_absolute_url())
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Doel toevoegen").click()
    assert_no_axe_violations(page)
    page.get_by_label("Doel (verplicht)", exact=True).fill("Meer bewoners bewegen genoeg")
    page.get_by_label("Indicator").select_option(label=str(indicator))
    page.get_by_label("Nulmeting (verplicht)", exact=True).fill("54")
    page.get_by_label("Jaar nulmeting").fill("2024")
    page.get_by_label("Streefwaarde").fill("65")
    page.get_by_label("Doeljaar").fill("2020")  # wrong on purpose: before the baseline year
    page.get_by_label("Eigenaar").select_option(label="GGD regio Utrecht")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(
        page.get_by_text("Het doeljaar moet na het jaar van de nulmeting liggen.").first
    ).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Doeljaar").fill("2028")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**{plan.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Meer bewoners bewegen genoeg")).to_be_visible()

    page.goto(live_server.url + district.get_absolute_url())
    page.get_by_role("link", name="Nieuw project").click()
    page.get_by_label("Naam (verplicht)", exact=True).fill("Beweegcoach in de buurt")
    page.get_by_label("Trekker").select_option(label="Fatima Bakker (Welzijn Overvecht)")
    page.get_by_label("Meer bewoners bewegen genoeg").check()
    page.get_by_label("Domein").select_option(label="sociaal")
    page.get_by_label("Begindatum").fill("2025-01-01")
    page.get_by_label("Einddatum").fill("2027-12-31")
    page.get_by_label("Vervolg na de looptijd").select_option(label="reguliere begroting")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/project/*/")

    # Money through htmx: the table updates in place.
    page.get_by_label("Financier").select_option(label="GGD regio Utrecht")
    page.get_by_label("Jaar").fill("2025")
    page.get_by_label("Bedrag (euro)").fill("-5")
    page.get_by_role("button", name="Toevoegen").first.click()
    expect(page.get_by_text("Een bedrag kan niet negatief zijn.")).to_be_visible()
    page.get_by_label("Bedrag (euro)").fill("12500")
    page.get_by_role("button", name="Toevoegen").first.click()
    expect(
        page.locator("#budget-lines table").get_by_role("rowheader", name="GGD regio Utrecht")
    ).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(live_server.url + district.get_absolute_url())
    goals_table = page.locator("section", has=page.get_by_role("heading", name="Wijkactieplan"))
    expect(goals_table.get_by_text("Meer bewoners bewegen genoeg")).to_be_visible()
    projects = page.locator("section", has=page.get_by_role("heading", name="Projecten"))
    expect(projects.get_by_role("link", name="Beweegcoach in de buurt")).to_be_visible()
    expect(page.get_by_text("12.500").first).to_be_visible()
    assert_no_axe_violations(page)


def test_public_pages_work_on_a_phone_without_violations(phone_page, live_server):
    district = factories.AreaFactory(
        district=True, parent=factories.AreaFactory(name="Utrecht"), name="Kanaleneiland"
    )
    goal = factories.GoalFactory(plan=factories.ActionPlanFactory(district=district))
    project = factories.ProjectFactory(district=district, goals=[goal])
    factories.BudgetLineFactory(project=project)
    for url in [
        "/",
        district.get_absolute_url(),
        f"/wijk/{district.code}/buurtbegroting/",
        project.get_absolute_url(),
        goal.plan.get_absolute_url(),
        "/inloggen/",
    ]:
        phone_page.goto(live_server.url + url)
        # Nothing wider than the screen: tables scroll inside their own box.
        assert phone_page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth + 1"
        ), url
        assert_no_axe_violations(phone_page)
