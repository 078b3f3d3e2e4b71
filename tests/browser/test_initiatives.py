"""In a real Chromium: a resident pledges on a phone, an official records spending with a
receipt, and the public page shows the progress. axe-core finds no WCAG 2.1 AA violations."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.conftest import assert_no_axe_violations, login
from wijkaanpak.initiatives.models import Pledge, SpendingEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def district():
    municipality = factories.AreaFactory(code="GM0344", name="Utrecht")
    return factories.AreaFactory(
        district=True, parent=municipality, code="WK034403", name="Overvecht"
    )


def test_resident_pledges_help_on_a_phone(phone_page, live_server, district):
    initiative = factories.InitiativeFactory(
        area=district, running=True, title="Jongeren runnen het buurthuis"
    )
    need = factories.NeedFactory(
        initiative=initiative, title="Begeleiders voor de huiswerkavond", quantity=20, unit="uur"
    )
    factories.NeedFactory(initiative=initiative, title="Verf", kind="materials", done=True)
    page = phone_page

    page.goto(live_server.url + initiative.get_absolute_url())
    expect(page.get_by_role("heading", name="Help mee")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_no_axe_violations(page)

    page.get_by_role("link", name=re.compile(r"^Ik help mee\s?: Begeleiders")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Begeleiders")
    assert_no_axe_violations(page)
    page.get_by_label("Hoeveel? (in uur)").fill("-2")
    page.get_by_role("button", name="Ik help mee").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_text("Vul een aantal groter dan nul in.").first).to_be_visible()
    assert_no_axe_violations(page)
    assert not Pledge.objects.exists()

    page.get_by_label("Hoeveel? (in uur)").fill("4")
    page.get_by_label("Uw naam").fill("Anja")
    page.get_by_role("button", name="Ik help mee").click()
    page.wait_for_url(f"**{initiative.get_absolute_url()}")
    expect(page.get_by_text("Dank u wel! Uw hulp is genoteerd.")).to_be_visible()
    expect(page.locator(f"#need-{need.pk}")).to_contain_text("4 van 20 uur toegezegd")
    # the name stays private: the public page only counts
    expect(page.locator("main")).not_to_contain_text("Anja")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_no_axe_violations(page)
    pledge = Pledge.objects.get()
    assert (pledge.quantity, pledge.name, pledge.user) == (Decimal("4.00"), "Anja", None)


def test_official_records_spending_with_a_receipt(page, live_server, district, tmp_path):
    goal = factories.GoalFactory(plan=factories.ActionPlanFactory(district=district))
    initiative = factories.InitiativeFactory(
        area=district, running=True, title="Bankjes aan het water", goals=[goal]
    )
    factories.VoucherFactory(initiative=initiative, amount=Decimal("2500"))
    manager = factories.UserFactory(role="district_manager", districts=[district])
    wrong = tmp_path / "bon.txt"
    wrong.write_text("geen bon")
    receipt = tmp_path / "bon-houthandel.pdf"
    receipt.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")

    login(page, manager)
    page.goto(live_server.url + initiative.get_absolute_url())
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Uitgave toevoegen").click()
    assert_no_axe_violations(page)
    page.get_by_label("Datum").fill("2025-03-01")
    page.get_by_label("Bedrag (euro)").fill("640,50".replace(",", "."))
    page.get_by_label("Waaraan").fill("Hout voor drie bankjes")
    page.get_by_label("Bon of factuur").set_input_files(str(wrong))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_text("Kies een bon als PDF, JPG of PNG.").first).to_be_visible()
    assert_no_axe_violations(page)
    assert not SpendingEntry.objects.exists()

    page.get_by_label("Bon of factuur").set_input_files(str(receipt))
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**{initiative.get_absolute_url()}")
    expect(page.get_by_text("De uitgave is opgeslagen.")).to_be_visible()
    spending = page.locator("table", has=page.get_by_text("Uitgaven", exact=True))
    expect(spending).to_contain_text("Hout voor drie bankjes")
    expect(spending).to_contain_text("640,50")
    expect(
        page.get_by_role("link", name=re.compile(r"^Bon bekijken\s?: Hout voor drie"))
    ).to_be_visible()
    assert_no_axe_violations(page)
    entry = SpendingEntry.objects.get()
    assert entry.receipt and "houthandel" not in entry.receipt.name

    # The receipt link works for the manager ...
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Bon bekijken\s?: Hout voor drie")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    # ... and a signed-out visitor sees the amount but no receipt link.
    page.context.clear_cookies()
    page.goto(live_server.url + initiative.get_absolute_url())
    expect(page.get_by_text("Hout voor drie bankjes")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Bon bekijken"))).to_have_count(0)


def test_public_page_shows_progress_flags_and_updates(page, live_server, district):
    initiative = factories.InitiativeFactory(area=district, running=True, title="Moestuin")
    factories.VoucherFactory(initiative=initiative, amount=Decimal("100"))
    factories.SpendingEntryFactory(initiative=initiative, amount=Decimal("150"))
    build = factories.MilestoneFactory(initiative=initiative, title="Bakken bouwen")
    factories.MilestoneFactory(initiative=initiative, parent=build, title="Hout", done=True)
    factories.MilestoneFactory(initiative=initiative, parent=build, title="Aarde", progress=0)
    factories.MilestoneFactory(initiative=initiative, title="Zaaien", progress=50)
    factories.InitiativeUpdateFactory(initiative=initiative, text="De eerste bak staat er.")
    need = factories.NeedFactory(initiative=initiative, money=True, title="Zaden")
    factories.PledgeFactory(need=need, quantity=Decimal("125"))

    page.goto(live_server.url + "/initiatieven/")
    expect(page.get_by_role("link", name="Moestuin")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Moestuin").click()
    # (100 + 0) / 2 = 50 for "Bakken bouwen", (50 + 50) / 2 = 50 overall
    expect(page.get_by_text(re.compile(r"Het initiatief is voor 50[,.]0% klaar"))).to_be_visible()
    expect(page.locator(".milestones")).to_contain_text("Hout")
    expect(page.get_by_text("De eerste bak staat er.")).to_be_visible()
    expect(page.locator(".flags")).to_contain_text("meer uit dan de voucher")
    expect(page.locator(f"#need-{need.pk}")).to_contain_text("125 van 500 euro toegezegd")
    assert_no_axe_violations(page)
