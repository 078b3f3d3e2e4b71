"""Shared fixtures: users per role, a small district with a plan, and a live browser."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests import external, factories


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def data_dir() -> Path:
    """``tests/data``: the real files the tests read (copies, each folder with a SOURCES.md)."""
    return external.DATA


@pytest.fixture
def municipality(db):
    return factories.AreaFactory(municipality=True)


@pytest.fixture
def district(municipality):
    return factories.AreaFactory(district=True, parent=municipality)


@pytest.fixture
def other_district(municipality):
    return factories.AreaFactory(district=True, parent=municipality)


@pytest.fixture
def admin_user(db):
    return factories.UserFactory(role="admin")


@pytest.fixture
def manager(district):
    return factories.UserFactory(role="district_manager", districts=[district])


@pytest.fixture
def partner_org(db):
    return factories.OrganisationFactory()


@pytest.fixture
def partner_user(partner_org):
    return factories.UserFactory(role="partner", organisation=partner_org)


@pytest.fixture
def plan(district):
    return factories.ActionPlanFactory(district=district)


@pytest.fixture
def goal(plan):
    return factories.GoalFactory(plan=plan)


@pytest.fixture
def project(goal):
    return factories.ProjectFactory(district=goal.plan.district, goals=[goal])


# --- browser -----------------------------------------------------------------------------

CHROMIUM = os.environ.get("WIJKAANPAK_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; Django's ORM use in the same
    # thread (fixtures, asserts) is still synchronous and safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.tracing.start(screenshots=True, snapshots=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    yield page
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        out = Path(__file__).resolve().parents[1] / "test-results"
        out.mkdir(exist_ok=True)
        context.tracing.stop(path=str(out / f"{request.node.name}.zip"))
    else:
        context.tracing.stop()
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


def login(page, user, password: str = factories.PASSWORD) -> None:
    page.goto(page.base_url + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/inloggen/" not in url)


def assert_no_axe_violations(page) -> None:
    """Run axe-core (bundled with axe-playwright-python) in the page; WCAG 2.1 A and AA rules.
    Then what axe does not see: no sideways scrolling at 390 and 320 px, and every table
    scroll box a named region (tests/browser/conftest.py)."""
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser.conftest import assert_no_sideways_scroll, assert_table_scroll_regions_named

    assert_no_sideways_scroll(page)
    assert_table_scroll_regions_named(page)

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    violations = results.response["violations"]
    assert violations == [], results.generate_report()
