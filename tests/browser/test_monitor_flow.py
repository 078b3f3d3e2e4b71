"""In a real Chromium: a district manager may not import the whole city's CBS figures, an
admin does; a resident adds a strength, anyone follows the goals and downloads the district report."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.conftest import assert_no_axe_violations, login
from tests.external import CBS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def utrecht_plan():
    """The areas come from the CBS file; a plan with a goal on a CBS figure is added here."""
    from wijkaanpak.areas.models import Area

    district = Area.objects.get(code="WK034403")
    plan = factories.ActionPlanFactory(district=district, title="Wijkactieplan Overvecht")
    indicator = factories.IndicatorFactory(code="bijstand_per_1000")
    factories.GoalFactory(
        plan=plan,
        title="Minder bewoners in de bijstand",
        indicator=indicator,
        baseline_value=Decimal("80"),
        baseline_year=2022,
        target_value=Decimal("60"),
        target_year=2030,
    )
    project = factories.ProjectFactory(district=district, title="Werkcoach Overvecht")
    factories.BudgetLineFactory(project=project)
    return district, plan


def test_admin_imports_cbs_figures_and_downloads_the_report(page, live_server):
    municipality = factories.AreaFactory(code="GM0344", name="Utrecht")
    manager = factories.UserFactory(role="district_manager")
    login(page, manager)
    page.goto(live_server.url + "/monitor/inlezen/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Inlezen").click()  # no file: field error
    expect(page.get_by_role("alert")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Bestand").set_input_files(str(CBS / "kwb-2023-gm0344-utrecht.csv"))
    page.get_by_role("button", name="Inlezen").click()
    # a district manager with no districts of their own: every row is someone else's area
    expect(page.get_by_text("hoort niet bij uw eigen wijken").first).to_be_visible()
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    login(page, factories.UserFactory(role="admin"))
    page.goto(live_server.url + "/monitor/inlezen/")
    page.get_by_label("Bestand").set_input_files(str(CBS / "kwb-2023-gm0344-utrecht.csv"))
    page.get_by_role("button", name="Inlezen").click()
    expect(page.get_by_text("Ingelezen (2023)")).to_be_visible()
    assert_no_axe_violations(page)

    district, plan = utrecht_plan()
    page.goto(live_server.url + f"/monitor/gemeente/{municipality.code}/")
    expect(page.get_by_role("link", name="Wijk 03 Overvecht", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Wijk 03 Overvecht", exact=True).click()
    expect(page.get_by_role("heading", name="Profiel van Wijk 03 Overvecht")).to_be_visible()
    expect(page.get_by_role("heading", name="Index: hoe staat het gebied ervoor?")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Voortgang van Wijkactieplan Overvecht").click()
    card = page.locator(
        "article", has=page.get_by_role("heading", name="Minder bewoners in de bijstand")
    )
    # 76.8 in 2023; the line from 80 (2022) to 60 (2030) is at 77.5 in 2023
    expect(card.get_by_text("op koers", exact=True)).to_be_visible()
    expect(card.get_by_role("img", name="Minder bewoners in de bijstand")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(live_server.url + f"/wijk/{district.code}/rapport/")
    assert_no_axe_violations(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als PDF").click()
    download = download_info.value
    assert download.suggested_filename.startswith("wijkrapport-WK034403")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_resident_adds_a_strength_to_the_profile(page, live_server):
    municipality = factories.AreaFactory(code="GM0344", name="Utrecht")
    district = factories.AreaFactory(
        district=True, parent=municipality, code="WK034408", name="Zuidwest"
    )
    resident = factories.UserFactory(username="bewoner")
    login(page, resident)
    page.goto(live_server.url + f"/gebied/{district.code}/profiel/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Sterkte toevoegen").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("ontmoetingsplekken").check()
    page.get_by_label("Naam (verplicht)").fill("Buurthuis De Boog")
    page.get_by_label("Beschrijving").fill("Elke dinsdag koffie en taalles.")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Bedankt! De sterkte staat nu op het profiel.")).to_be_visible()
    strengths = page.locator("section#sterkten")
    expect(strengths.get_by_text("Buurthuis De Boog")).to_be_visible()
    expect(strengths.get_by_text("toegevoegd door een bewoner")).to_be_visible()
    assert_no_axe_violations(page)


def test_monitor_pages_work_on_a_phone(phone_page, live_server):
    from wijkaanpak.monitor.services import observations_import

    path = CBS / "kwb-2023-gm0344-utrecht.csv"
    observations_import(content=path.read_bytes(), filename=path.name)
    district, plan = utrecht_plan()
    for url in [
        f"/gebied/{district.code}/profiel/",
        f"/plan/{plan.pk}/voortgang/",
        f"/wijk/{district.code}/rapport/",
        "/monitor/gemeente/GM0344/",
        "/monitor/indicatoren/",
        district.get_absolute_url(),
        plan.get_absolute_url(),
    ]:
        phone_page.goto(live_server.url + url)
        assert phone_page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth + 1"
        ), url
        assert_no_axe_violations(phone_page)
