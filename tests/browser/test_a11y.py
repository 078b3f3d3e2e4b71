"""Accessibility beyond what axe-core sees (issue 7, F26–F32), in a real Chromium.

- every page type of the Utrecht demo fits a phone at 390 and 320 px without sideways
  scrolling, and every table scroll box is a named region;
- the focus ring has 3:1 against what is next to it, on every focusable element;
- the receipt check answers at the form, takes the focus and keeps the code (with and
  without JavaScript), and links its error to the field;
- after an invalid submit, focus is on the error summary, on every kind of form.
"""

from __future__ import annotations

import io
import re
from urllib.parse import urljoin, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import (
    assert_focus_on_error_summary,
    assert_focus_ring_contrast,
    assert_no_sideways_scroll,
    assert_table_scroll_regions_named,
)
from tests.conftest import assert_no_axe_violations, login
from wijkaanpak.budgets.models import Process
from wijkaanpak.initiatives.models import Initiative
from wijkaanpak.mkba.models import Analysis
from wijkaanpak.plans.models import ActionPlan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Downloads, the admin site (Django's own, at /beheer/), the API and logging out are not
# pages to crawl.
SKIP = re.compile(
    r"(/admin/|/beheer/|/uitloggen|\.csv|\.pdf|\.pb$|/api/|/static/|/media/|/i18n/|/pdf/)"
)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())


def _shape(path: str) -> str:
    """One page per page type: ids and CBS codes replaced."""
    return re.sub(r"\d+", "N", re.sub(r"\b(WK|BU|GM)\d+", r"\1N", path))


def _issue_pages() -> list[str]:
    """The pages the audit measured (demo ids in the issue; looked up, not assumed)."""
    plan = ActionPlan.objects.filter(district__code="WK034403").first()
    initiative = Initiative.objects.filter(needs__pledges__isnull=False).distinct().first()
    analysis = Analysis.objects.order_by("pk").first()
    project = analysis.project if analysis.project_id else plan.district.projects.first()
    return [
        analysis.get_absolute_url(),
        "/monitor/gemeente/GM0344/",
        plan.get_absolute_url(),
        f"/initiatief/{initiative.pk}/toezeggingen/",
        "/wijk/WK034403/rapport/",
        project.get_absolute_url(),
    ]


def test_every_demo_page_type_fits_a_phone_and_names_its_scroll_boxes(page, live_server, demo):
    """F26, F27, F31, F32: crawl the demo as the admin (who sees every table and form), one page
    per page type; check each at 390 and 320 px, its scroll boxes, and the focus ring of every
    focusable element; axe-core on the pages the audit named."""
    login(page, get_user_model().objects.get(username="beheer"), "wijkaanpak-demo")
    issue_pages = _issue_pages()
    queue, seen_shapes, problems, boxes, rings = ["/", *issue_pages], set(), [], 0, 0
    while queue:
        path = queue.pop(0)
        if _shape(path) in seen_shapes:
            continue
        seen_shapes.add(_shape(path))
        response = page.goto(live_server.url + path)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url = urlparse(urljoin(page.url, href))
            if url.netloc == urlparse(live_server.url).netloc and not SKIP.search(url.path):
                queue.append(url.path)
        try:
            assert_no_sideways_scroll(page)
            boxes += len(assert_table_scroll_regions_named(page))
            rings += len(assert_focus_ring_contrast(page))
        except AssertionError as error:
            problems.append(str(error))
    assert not problems, "\n".join(problems)
    assert len(seen_shapes) > 50, sorted(seen_shapes)  # the crawl really went round the site
    assert boxes > 30 and rings > 1000
    for path in issue_pages:
        page.goto(live_server.url + path)
        assert_no_axe_violations(page)


def test_focus_ring_has_three_to_one_everywhere(page, live_server, district):
    """F27: header (dark blue), body (white), panels and footer (light grey); links, buttons,
    fields, a summary and a table scroll box."""
    factories.ActionPlanFactory(district=district)
    page.goto(live_server.url + "/")
    rings = assert_focus_ring_contrast(page)
    kinds = {ring["what"].split(" ")[0].split(">")[0] for ring in rings}
    assert {"<a", "<select", "<button", "<div"} <= kinds, kinds
    page.goto(live_server.url + "/inloggen/")
    rings = assert_focus_ring_contrast(page)
    assert any(ring["what"].startswith("<input") for ring in rings)


def _results_page(live_server) -> str:
    process = Process.objects.get(phase="results")
    return live_server.url + f"/bewonersbudget/{process.pk}/uitslag/"


def test_receipt_check_answers_at_the_form_and_keeps_the_code(phone_page, live_server, demo):
    """F28 with JavaScript (htmx): the answer appears under the form, in view, with focus; the
    typed code stays; an empty field gets an error linked to it and the focus."""
    page = phone_page
    page.goto(_results_page(live_server))
    field = page.get_by_label("Uw bewijscode")
    field.fill("ABCD-EFGH-JKLM")
    page.get_by_role("button", name="Controleren").click()
    answer = page.locator("#receipt-result")
    expect(answer).to_contain_text("Deze bewijscode kennen we niet")
    expect(answer).to_be_focused()
    expect(answer).to_be_in_viewport()
    expect(field).to_have_value("ABCD-EFGH-JKLM")
    assert "#receipt-check" not in page.url  # htmx answered in place, no page load
    form_box = page.locator("#receipt-check form").bounding_box()
    answer_box = answer.bounding_box()
    assert 0 <= answer_box["y"] - (form_box["y"] + form_box["height"]) < 50
    assert_no_axe_violations(page)

    field.fill("")
    page.get_by_role("button", name="Controleren").click()
    error = page.locator("#id_receipt_error")
    expect(error).to_be_visible()
    expect(field).to_have_attribute("aria-invalid", "true")
    assert "id_receipt_error" in field.get_attribute("aria-describedby").split()
    expect(field).to_be_focused()
    expect(field).to_be_in_viewport()
    assert_no_axe_violations(page)


def test_receipt_check_without_javascript(browser, live_server, demo):
    """F28 without JavaScript: the server renders the answer under the form and the browser
    lands on it (the form posts to #receipt-check); the code stays in the field."""
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(_results_page(live_server))
        page.get_by_label("Uw bewijscode").fill("ABCD-EFGH-JKLM")
        page.get_by_role("button", name="Controleren").click()
        page.wait_for_load_state()
        assert page.url.endswith("#receipt-check")
        answer = page.locator("#receipt-result")
        expect(answer).to_contain_text("Deze bewijscode kennen we niet")
        expect(answer).to_be_in_viewport()
        expect(page.get_by_label("Uw bewijscode")).to_have_value("ABCD-EFGH-JKLM")
        assert_no_sideways_scroll(page)
    finally:
        context.close()


@pytest.fixture
def district():
    municipality = factories.AreaFactory(code="GM0344", name="Utrecht")
    return factories.AreaFactory(
        district=True, parent=municipality, code="WK034403", name="Overvecht"
    )


def test_error_summary_takes_the_focus_on_every_form(page, live_server, district):
    """F29: resident forms (idea, pledge, strength), login, and a staff form (goal)."""
    hood = factories.AreaFactory(neighbourhood=True, parent=district, code="BU03440301")
    process = factories.BudgetProcessFactory(area=district, ideas=True)
    need = factories.NeedFactory(
        initiative=factories.InitiativeFactory(area=district, running=True), unit="uur"
    )
    manager = factories.UserFactory(role="district_manager", districts=[district])
    plan = factories.ActionPlanFactory(district=district)

    page.goto(live_server.url + "/inloggen/")
    page.get_by_role("button", name="Inloggen").click()
    assert_focus_on_error_summary(page)

    for url, button in (
        (f"/bewonersbudget/{process.pk}/idee/nieuw/", "Idee indienen"),
        (f"/hulpvraag/{need.pk}/helpen/", "Ik help mee"),
    ):
        page.goto(live_server.url + url)
        expect(page.locator(".error-summary")).to_have_count(0)
        expect(page.locator("body")).to_be_focused()
        page.get_by_role("button", name=button).click()
        assert_focus_on_error_summary(page)
        assert_no_axe_violations(page)

    login(page, manager)
    page.goto(live_server.url + f"/gebied/{hood.code}/sterkte/nieuw/")
    page.get_by_role("button", name="Toevoegen").click()
    assert_focus_on_error_summary(page)
    page.goto(live_server.url + f"/plan/{plan.pk}/doel/nieuw/")
    page.get_by_role("button", name="Opslaan").click()
    assert_focus_on_error_summary(page)
    assert_no_axe_violations(page)
    # Following a link in the summary moves focus to the field.
    page.locator(".error-summary a").first.click()
    expect(page.locator("[aria-invalid=true]").first).to_be_focused()

    # A form that htmx swaps in place (422 with its errors): focus on the first invalid field.
    project = factories.ProjectFactory(district=district)
    page.goto(live_server.url + project.get_absolute_url())
    lines = page.locator("#budget-lines")
    lines.get_by_label("Bedrag (euro)").fill("-100")
    lines.get_by_role("button", name="Toevoegen").click()
    expect(lines.locator("[aria-invalid=true]").first).to_be_focused()
    assert_no_axe_violations(page)


def test_english_pages_mark_dutch_content_and_name_languages_in_themselves(
    page, live_server, district
):
    """F30 in the browser: user content is lang=nl on English pages (axe checks valid lang)."""
    process = factories.BudgetProcessFactory(area=district, ideas=True)
    idea = factories.BudgetIdeaFactory(process=process, title="Bankjes bij de speeltuin")
    page.goto(live_server.url + idea.get_absolute_url())
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Kies").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1 [lang=nl]")).to_have_text("Bankjes bij de speeltuin")
    expect(page.locator("#language-select option[value=nl]")).to_have_text("Nederlands")
    expect(page.locator("#language-select option[value=nl]")).to_have_attribute("lang", "nl")
    assert_no_axe_violations(page)
