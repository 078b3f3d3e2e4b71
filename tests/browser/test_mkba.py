"""In a real Chromium: a district manager builds an MKBA from a project and reads the result."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.conftest import assert_no_axe_violations, login
from wijkaanpak.mkba.demo import load_demo_mkba
from wijkaanpak.mkba.models import Analysis

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def add_amount(page, party, kind, year, amount, *, until=None, low="", high=""):
    form = page.locator("form.mkba-flow-form")
    form.get_by_label("Partij").fill(party)
    form.get_by_label("Soort").select_option(label=kind)
    form.get_by_label("Jaar", exact=True).fill(str(year))
    form.get_by_label("Elk jaar tot en met (niet verplicht)").fill(
        "" if until is None else str(until)
    )
    form.get_by_label("Bedrag (euro)").fill(str(amount))
    form.get_by_label("Laagste schatting (euro, niet verplicht)").fill(str(low))
    form.get_by_label("Hoogste schatting (euro, niet verplicht)").fill(str(high))
    form.get_by_role("button", name="Bedrag toevoegen").click()


def test_manager_builds_an_mkba_and_reads_who_pays_and_who_benefits(page, live_server):
    district = factories.AreaFactory(
        district=True, parent=factories.AreaFactory(name="Leeuwarden"), name="Heechterp"
    )
    goal = factories.GoalFactory(plan=factories.ActionPlanFactory(district=district))
    project = factories.ProjectFactory(district=district, goals=[goal], title="Frontlijnteam")
    manager = factories.UserFactory(role="district_manager", districts=[district])

    login(page, manager)
    page.goto(live_server.url + project.get_absolute_url())
    page.get_by_role("link", name="Nieuwe MKBA").click()
    expect(page.get_by_label("Project")).to_have_value(str(project.pk))
    assert_no_axe_violations(page)
    page.get_by_label("Naam (verplicht)").fill("Frontlijnteam Heechterp")
    page.get_by_label("Beginjaar (verplicht)").fill("2024")
    page.get_by_label("Looptijd in jaren (verplicht)").fill("3")
    expect(page.get_by_label("Discontovoet (procent per jaar) (verplicht)")).to_have_value("2.25")
    page.get_by_role("button", name="MKBA maken").click()
    page.wait_for_url(re.compile(r"/mkba/\d+/#bedragen$"))
    expect(page.get_by_text("Er zijn nog geen kosten of baten ingevuld.")).to_be_visible()
    assert_no_axe_violations(page)

    # The municipality pays the team three years in a row: one entry, three amounts (htmx).
    add_amount(page, "gemeente", "kosten", 2024, 500000, until=2026)
    expect(
        page.get_by_text("3 bedragen toegevoegd. De uitkomsten zijn bijgewerkt.")
    ).to_be_visible()

    # Bad input: the error sits at the field, nothing is added.
    add_amount(page, "zorgverzekeraar", "baten", 2030, -5)
    expect(page.get_by_text("Een bedrag kan niet negatief zijn.").first).to_be_visible()
    expect(
        page.get_by_text("Kies een jaar van 2024 tot en met 2026 (de looptijd van de MKBA).")
    ).to_be_visible()
    assert_no_axe_violations(page)

    add_amount(
        page, "zorgverzekeraar", "baten", 2024, 1000000, until=2026, low=600000, high=1400000
    )
    expect(page.get_by_text("3 bedragen toegevoegd.")).to_be_visible()

    # The story, first: every euro returns two, and the payer is not the one who benefits.
    story = page.locator("section", has=page.get_by_role("heading", name="In het kort"))
    expect(story.get_by_text("Elke euro die we uitgeven levert € 2,00 op")).to_be_visible()
    expect(page.get_by_text("Inverdieneffect:")).to_be_visible()
    matrix = page.get_by_role("table", name="Kosten en baten per partij (contante waarde)")
    expect(matrix.get_by_role("row", name="gemeente")).to_contain_text("betaalt meer dan zij")
    expect(matrix.get_by_role("row", name="zorgverzekeraar")).to_contain_text(
        "krijgt meer dan zij betaalt"
    )
    expect(page.get_by_role("img", name="Kosten en baten per partij")).to_be_visible()
    expect(page.get_by_text("Kans dat de baten hoger zijn dan de kosten")).to_be_visible()
    assert_no_axe_violations(page)

    analysis = Analysis.objects.get()
    assert analysis.project == project and analysis.flows.count() == 6

    # The project page links to the result, for the focus review.
    page.goto(live_server.url + project.get_absolute_url())
    expect(page.get_by_role("link", name="Frontlijnteam Heechterp")).to_be_visible()
    expect(page.get_by_text("Elke euro levert € 2,00 op.")).to_be_visible()


def test_mkba_pages_fit_a_phone_without_violations(phone_page, live_server):
    analysis = load_demo_mkba(None)
    for url in ["/mkba/", analysis.get_absolute_url()]:
        phone_page.goto(live_server.url + url)
        # Nothing wider than the screen: tables scroll inside their own box.
        assert phone_page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth + 1"
        ), url
        assert_no_axe_violations(phone_page)
    expect(phone_page.get_by_role("img", name="Kosten en baten per partij")).to_be_visible()
