"""Accessibility in the HTML the server sends (issue 7, F26–F31); the browser checks are in
tests/browser/test_a11y.py."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from tests import factories
from wijkaanpak.core.i18n import PACKAGE_DIR

TEMPLATES = PACKAGE_DIR / "templates"
STATIC = PACKAGE_DIR / "static" / "wijkaanpak"


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each element with an id."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text_by_id: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag not in ("input", "br", "img", "meta", "link", "hr", "source", "col"):
            self._open.append(attributes.get("id"))
            if attributes.get("id"):
                self.text_by_id[attributes["id"]] = ""

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()

    def handle_data(self, data):
        for element_id in self._open:
            if element_id:
                self.text_by_id[element_id] += data


def parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def assert_scroll_boxes_named(html: str) -> int:
    page = parse(html)
    boxes = [a for tag, a in page.tags if "table-scroll" in a.get("class", "").split()]
    for box in boxes:
        assert box.get("role") == "region" and box.get("tabindex") == "0", box
        name = " ".join(page.text_by_id.get(i, "") for i in box["aria-labelledby"].split())
        assert name.strip(), box
    return len(boxes)


# --- F31: one kind of table scroll box -------------------------------------------------------


def _template_sources():
    return sorted(TEMPLATES.rglob("*.html"))


def test_every_table_in_every_template_is_in_a_named_scroll_box():
    """No hand-made scroll boxes (they lost their role and name on 17 page types); every
    {% tablescroll %} block names its box with the table's caption."""
    assert _template_sources()
    for path in _template_sources():
        source = path.read_text()
        assert 'class="table-scroll"' not in source, path
        blocks = re.findall(r"\{% tablescroll .*?\{% endtablescroll %\}", source, re.S)
        for block in blocks:
            assert block.count("<table") == 1, (path, block[:80])
            assert re.search(r'<caption id="\{\{ caption_id \}\}"', block), (path, block[:80])
        outside = re.sub(r"\{% tablescroll .*?\{% endtablescroll %\}", "", source, flags=re.S)
        if path.name.endswith("_print.html"):
            # Rendered only into the PDF (paper does not scroll; its tables are split to fit
            # the page, tests/monitor/test_report_pdf.py).
            continue
        assert "<table" not in outside, f"{path}: a table outside {{% tablescroll %}}"


def test_tablescroll_tag_makes_a_named_focusable_region():
    html = Template(
        '{% load a11y %}{% for x in "ab" %}{% tablescroll "theme" forloop.counter %}'
        '<table><caption id="{{ caption_id }}">Cijfers {{ x }}</caption></table>'
        "{% endtablescroll %}{% endfor %}"
    ).render(Context())
    assert html.count('role="region"') == 2
    assert 'aria-labelledby="theme-1-caption"' in html and 'id="theme-2-caption"' in html
    assert assert_scroll_boxes_named(html) == 2


def test_pages_with_tables_name_their_scroll_boxes(client, project, manager):
    factories.BudgetLineFactory(project=project)
    factories.CommitmentFactory(plan=project.goals.get().plan)
    client.force_login(manager)
    district = project.district
    urls = [
        reverse("core:home"),
        district.get_absolute_url(),
        project.goals.get().plan.get_absolute_url(),
        project.get_absolute_url(),
        f"/wijk/{district.code}/rapport/",
    ]
    total = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        total += assert_scroll_boxes_named(response.content.decode())
    assert total >= 5


def test_report_tables_scroll_inside_their_box(client, project):
    """The district report's tables were not in a scroll box (357 px too wide on a phone)."""
    body = client.get(f"/wijk/{project.district.code}/rapport/").content.decode()
    assert 'aria-labelledby="report-projects-caption"' in body


# --- F26/F27: the style sheet -----------------------------------------------------------------


def test_hidden_text_cannot_escape_a_scroll_box_and_focus_ring_is_two_toned():
    css = (STATIC / "site.css").read_text()
    assert re.search(r"\.table-scroll \{[^}]*position: relative", css)
    assert re.search(r"\.visually-hidden \{[^}]*clip-path: inset\(50%\)", css)
    ring = re.search(r":focus-visible \{([^}]*)\}", css).group(1)
    assert "outline: 3px solid #f5a300" not in css  # orange: 2.07:1 on white, 1.9:1 on the footer
    assert "outline: 3px solid #1b1b1b" in ring and "box-shadow: 0 0 0 3px #fff" in ring


# --- F28: the receipt check -------------------------------------------------------------------


@pytest.fixture
def results_process(district):
    return factories.BudgetProcessFactory(area=district, voting=True)


def test_receipt_answer_is_under_the_form_with_an_anchor_and_the_code_kept(client, results_process):
    url = reverse("budgets:results", args=[results_process.pk])
    body = client.post(url, {"receipt": "ABCD-EFGH-JKLM"}).content.decode()
    assert "{#" not in body and "#}" not in body  # no template comment leaks as text
    section = body[body.index('<section id="receipt-check"') :]
    form_end = section.index("</form>")
    answer = section.index('id="receipt-result"')
    assert form_end < answer < section.index("</section>")
    assert 'action="#receipt-check"' in section
    assert "data-focus-on-load" in section[section.rindex("<p", 0, answer) : answer + 80]
    field = next(a for tag, a in parse(section).tags if a.get("name") == "receipt")
    assert field["value"] == "ABCD-EFGH-JKLM"


def test_empty_receipt_error_is_linked_to_the_field(client, results_process):
    url = reverse("budgets:results", args=[results_process.pk])
    body = client.post(url, {"receipt": ""}).content.decode()
    page = parse(body)
    field = next(a for tag, a in page.tags if a.get("name") == "receipt")
    assert field.get("aria-invalid") == "true"
    described = field["aria-describedby"].split()
    assert "id_receipt_error" in described and "id_receipt_helptext" in described
    assert page.text_by_id["id_receipt_error"].strip()


# --- F29: one focus rule for every error summary ----------------------------------------------


def test_every_error_summary_can_take_focus_and_one_script_moves_it():
    summaries = 0
    for path in _template_sources():
        for tag in re.findall(r'<div class="error-summary"[^>]*>', path.read_text()):
            summaries += 1
            assert 'tabindex="-1"' in tag, path
    assert summaries >= 6
    base = (TEMPLATES / "base.html").read_text()
    assert "wijkaanpak/site.js" in base
    script = (STATIC / "site.js").read_text()
    assert ".error-summary" in script and "htmx:afterSettle" in script
    vote_js = (PACKAGE_DIR / "budgets" / "static" / "budgets" / "vote.js").read_text()
    assert ".focus()" not in vote_js  # no second, form-specific rule


# --- F30: autocomplete, language of parts -----------------------------------------------------


def test_residents_own_name_and_email_have_autocomplete(client, district):
    process = factories.BudgetProcessFactory(area=district, ideas=True)
    need = factories.NeedFactory(
        initiative=factories.InitiativeFactory(area=district, running=True)
    )
    for url, name_field, email_field in (
        (reverse("budgets:idea_submit", args=[process.pk]), "author_name", "author_email"),
        (reverse("initiatives:pledge", args=[need.pk]), "name", "email"),
    ):
        tags = {a.get("name"): a for tag, a in parse(client.get(url).content.decode()).tags}
        assert tags[name_field]["autocomplete"] == "name", url
        assert tags[email_field]["autocomplete"] == "email", url


def test_english_pages_mark_dutch_content_and_translate_units(client, district):
    process = factories.BudgetProcessFactory(area=district, ideas=True)
    idea = factories.BudgetIdeaFactory(
        process=process, title="Bankjes bij de speeltuin", description="Drie bankjes."
    )
    initiative = factories.InitiativeFactory(area=district, running=True, title="Buurtmoestuin")
    need = factories.NeedFactory(initiative=initiative, unit="uur", quantity=Decimal("20"))
    odd = factories.NeedFactory(initiative=initiative, unit="kratten", quantity=Decimal("3"))
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}

    body = client.get(idea.get_absolute_url(), **english).content.decode()
    assert '<html lang="en">' in body
    assert '<h1><span lang="nl">Bankjes bij de speeltuin</span></h1>' in body
    assert '<span lang="nl">Drie bankjes.</span>' in body
    assert re.search(r'<option value="nl" lang="nl"[^>]*>Nederlands</option>', body)
    assert re.search(r'<option value="en" lang="en"[^>]*>English</option>', body)

    body = client.get(reverse("initiatives:pledge", args=[need.pk]), **english).content.decode()
    assert "How much? (in hours)" in body and "in uur" not in body
    body = client.get(reverse("initiatives:pledge", args=[odd.pk]), **english).content.decode()
    assert 'How much? (in <span lang="nl">kratten</span>)' in body
    body = client.get(initiative.get_absolute_url(), **english).content.decode()
    assert '<span lang="nl">Buurtmoestuin</span>' in body

    # On Dutch pages nothing extra.
    body = client.get(idea.get_absolute_url()).content.decode()
    assert 'lang="nl">Bankjes' not in body and "<h1>Bankjes bij de speeltuin</h1>" in body
    with translation.override("nl"):
        assert (
            "Hoeveel? (in uur)"
            in client.get(reverse("initiatives:pledge", args=[need.pk])).content.decode()
        )
