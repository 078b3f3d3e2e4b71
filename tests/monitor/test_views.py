"""Monitor pages: who may open what, forms with field errors, imports, CSV and PDF."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from tests.monitor.conftest import add
from wijkaanpak.monitor.models import (
    IndexSettings,
    Indicator,
    Observation,
    ObservationImport,
    Strength,
    StrengthStatus,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_role", "partner", "manager_other_district", "manager", "admin"]


@pytest.fixture
def users(district, other_district, partner_org):
    return {
        "anonymous": None,
        "no_role": factories.UserFactory(),
        "partner": factories.UserFactory(role="partner", organisation=partner_org),
        "manager_other_district": factories.UserFactory(
            role="district_manager", districts=[other_district]
        ),
        "manager": factories.UserFactory(role="district_manager", districts=[district]),
        "admin": factories.UserFactory(role="admin"),
    }


def as_user(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def figures(district, goal):
    """The goal runs from 54 (2024) to 65 (2028): 2024 is its baseline figure, 2025 the
    first measurement (the line is at 54 + 11 / 4 = 56.75 there, so 57 is on track)."""
    add(district, goal.indicator, 2024, 54)
    add(district, goal.indicator, 2025, 57)
    add(district.parent, goal.indicator, 2025, 60)
    return goal


def public_urls(district, plan):
    return [
        reverse("monitor:home"),
        reverse("monitor:indicators"),
        reverse("monitor:dashboard", args=[district.parent.code]),
        reverse("monitor:dashboard_csv", args=[district.parent.code]),
        reverse("monitor:profile", args=[district.code]),
        reverse("monitor:profile", args=[district.parent.code]),
        reverse("monitor:profile_csv", args=[district.code]),
        reverse("monitor:plan_progress", args=[plan.pk]),
        reverse("monitor:plan_progress_csv", args=[plan.pk]),
        reverse("monitor:report", args=[district.code]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_open_for_everybody(client, users, district, plan, figures, role):
    as_user(client, users[role])
    for url in public_urls(district, plan):
        assert client.get(url).status_code == 200, url


def test_wrong_codes_are_404(client, district):
    assert client.get(reverse("monitor:profile", args=["WK000000"])).status_code == 404
    # a district is not a municipality, a municipality has no district report
    assert client.get(reverse("monitor:dashboard", args=[district.code])).status_code == 404
    assert client.get(reverse("monitor:report", args=[district.parent.code])).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("no_role", 403),
        ("partner", 403),
        ("manager_other_district", 200),
        ("manager", 200),
        ("admin", 200),
    ],
)
def test_import_page_is_for_admins_and_district_managers(client, users, role, status):
    response = as_user(client, users[role]).get(reverse("monitor:import"))
    assert response.status_code == status


def test_import_through_the_page_reports_line_and_column_and_stores_nothing(
    client, users, district
):
    factories.IndicatorFactory(code="onveilig")
    as_user(client, users["manager"])
    bad = SimpleUploadedFile(
        "enquete.csv",
        f"gebiedscode;indicator;jaar;waarde\n{district.code};onveilig;2023;veel\n".encode(),
    )
    response = client.post(reverse("monitor:import"), {"file": bad})
    page = response.content.decode()
    assert response.status_code == 200
    assert "regel 2, kolom &#x27;waarde&#x27; (4)" in page
    assert "Er is niets opgeslagen" in page
    assert not Observation.objects.exists() and not ObservationImport.objects.exists()
    good = SimpleUploadedFile(
        "enquete.csv",
        f"gebiedscode;indicator;jaar;waarde\n{district.code};onveilig;2023;31\n".encode(),
    )
    response = client.post(reverse("monitor:import"), {"file": good, "source": "Enquête 2023"})
    assert response.status_code == 302
    obs = Observation.objects.get()
    assert obs.value == 31 and obs.source.name == "Enquête 2023"
    assert ObservationImport.objects.get().imported_by == users["manager"]


def test_import_form_shows_field_errors(client, users):
    as_user(client, users["admin"])
    response = client.post(reverse("monitor:import"), {"year": "1800"})
    page = response.content.decode()
    assert 'id="id_file_error"' in page and 'id="id_year_error"' in page


def test_adding_a_strength_needs_an_account(client, users, district):
    url = reverse("monitor:strength_add", args=[district.code])
    response = client.get(url)
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
    profile = client.get(reverse("monitor:profile", args=[district.code])).content.decode()
    assert "Log in om een sterkte toe te voegen" in profile


def test_a_resident_adds_a_strength_with_field_errors_first(client, users, district):
    as_user(client, users["no_role"])
    url = reverse("monitor:strength_add", args=[district.code])
    response = client.post(url, {"kind": "place", "title": "  ", "description": ""})
    assert response.status_code == 200
    assert 'id="id_title_error"' in response.content.decode()
    assert not Strength.objects.exists()
    response = client.post(
        url, {"kind": "place", "title": "Buurttuin De Klimop", "description": "Elke zaterdag open"}
    )
    assert response.status_code == 302
    strength = Strength.objects.get()
    assert (strength.area, strength.added_as, strength.added_by) == (
        district,
        "resident",
        users["no_role"],
    )
    page = client.get(reverse("monitor:profile", args=[district.code])).content.decode()
    assert "Buurttuin De Klimop" in page and "toegevoegd door een bewoner" in page


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("no_role", False),
        ("partner", False),
        ("manager_other_district", False),
        ("manager", True),
        ("admin", True),
    ],
)
def test_hiding_a_strength_is_for_the_districts_manager(client, users, district, role, allowed):
    neighbourhood = factories.AreaFactory(neighbourhood=True, parent=district)
    strength = Strength.objects.create(area=neighbourhood, kind="group", title="Koor")
    as_user(client, users[role])
    url = reverse("monitor:strength_moderate", args=[strength.pk])
    response = client.post(url, {"action": "hide", "note": "dubbel"})
    strength.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert strength.status == StrengthStatus.HIDDEN and strength.moderation_note == "dubbel"
        public = as_user(client, None).get(reverse("monitor:profile", args=[neighbourhood.code]))
        assert "Koor" not in public.content.decode()
    else:
        assert response.status_code == 403
        assert strength.status == StrengthStatus.PUBLISHED


def test_hiding_needs_a_reason(client, users, district):
    strength = Strength.objects.create(area=district, kind="group", title="Koor")
    as_user(client, users["manager"])
    client.post(reverse("monitor:strength_moderate", args=[strength.pk]), {"action": "hide"})
    strength.refresh_from_db()
    assert strength.status == StrengthStatus.PUBLISHED
    client.post(
        reverse("monitor:strength_moderate", args=[strength.pk]),
        {"action": "hide", "note": "reclame"},
    )
    strength.refresh_from_db()
    assert strength.status == StrengthStatus.HIDDEN
    page = client.get(reverse("monitor:profile", args=[district.code])).content.decode()
    assert "Koor" in page and "verborgen" in page  # the manager still sees it, marked


def test_profile_shows_figures_beside_city(client, district, figures):
    page = client.get(reverse("monitor:profile", args=[district.code])).content.decode()
    assert district.parent.name in page and "57" in page and "60" in page


def test_pdf_report_is_a_pdf_with_the_district_in_it(client, district, figures, project):
    response = client.get(reverse("monitor:report_pdf", args=[district.code]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"wijkrapport-{district.code}" in response["Content-Disposition"]


def test_report_html_has_every_part(client, district, figures, project):
    factories.BudgetLineFactory(project=project)
    page = client.get(reverse("monitor:report", args=[district.code])).content.decode()
    for heading in [
        "Profiel: kerncijfers",
        "Index",
        "Doelen: liggen we op koers?",
        "Projecten",
        "Geld",
    ]:
        assert heading in page
    assert project.title in page and figures.title in page
    assert 'role="img"' in page  # the money chart at least


def test_csv_exports(client, district, plan, figures):
    text = client.get(reverse("monitor:profile_csv", args=[district.code])).content.decode()
    assert text.splitlines()[0] == "gebiedscode;indicator;jaar;waarde;status;bron"
    assert f"{district.code};{figures.indicator.code};2025;57.0;ok;test" in text
    progress = client.get(reverse("monitor:plan_progress_csv", args=[plan.pk])).content.decode()
    assert progress.splitlines()[1].startswith(f"{figures.title};{figures.indicator.code}")


def test_district_and_plan_pages_show_the_goal_lights(client, district, plan, figures):
    district_page = client.get(district.get_absolute_url()).content.decode()
    assert "light light-green" in district_page  # 57 in 2025: ahead of the line (56.75)
    assert reverse("monitor:profile", args=[district.code]) in district_page
    plan_page = client.get(plan.get_absolute_url()).content.decode()
    assert "Liggen de doelen op koers?" in plan_page and "light light-green" in plan_page


# --- D15: a light needs a measurement after the baseline; D16: index coverage -------------


def test_plan_page_with_only_baselines_is_grey_and_claims_no_share(client, city):
    """The Overvecht case: every figure is the baseline year's own; the page said "op
    koers: 100%". Now every light is grey and the share is not given."""
    plan = factories.ActionPlanFactory(district=city.a)
    factories.GoalFactory(
        plan=plan,
        title="Minder bijstand",
        indicator=city.y,
        baseline_value=Decimal("5"),
        baseline_year=2021,
        target_value=Decimal("4"),
        target_year=2030,
    )  # A's y in 2021 is 5: the baseline itself
    page = client.get(reverse("monitor:plan_progress", args=[plan.pk])).content.decode()
    # the summary lists every light once (0 green); the goal's own light is the second grey
    assert page.count("light light-grey") == 2 and page.count("light light-green") == 1
    assert "nog geen meting" in page
    assert "100%" not in page
    assert "Op koers: nog niet te zeggen" in page
    assert "1 doel heeft nog geen meting na de nulmeting en telt daarom niet mee." in page
    # the chart shows the measured baseline as a marker beside the planned line
    assert 'class="point" data-series="0" data-year="2021" data-value="5.0"' in page
    assert "Nog geen meting na de nulmeting." in page
    # the plan page (plans app) uses the same summary
    plan_page = client.get(plan.get_absolute_url()).content.decode()
    assert "light light-grey" in plan_page and "Op koers: nog niet te zeggen" in plan_page


def test_plan_page_share_counts_only_measured_goals_and_chart_marks_each_point(client, city):
    plan = factories.ActionPlanFactory(district=city.a)
    # x in A: 10 (2020, baseline) -> 20 (2021); line from 10 to 30 in 2030 is at 12: green
    factories.GoalFactory(
        plan=plan,
        title="Meer werk",
        indicator=city.x,
        baseline_value=Decimal("10"),
        baseline_year=2020,
        target_value=Decimal("30"),
        target_year=2030,
    )
    factories.GoalFactory(
        plan=plan,
        title="Nog niet gemeten",
        indicator=city.s,
        baseline_value=Decimal("30"),
        baseline_year=2021,
        target_value=Decimal("20"),
        target_year=2030,
    )
    page = client.get(reverse("monitor:plan_progress", args=[plan.pk])).content.decode()
    assert "Op koers: 100% van de doelen met een meting na de nulmeting (1 van 1)." in page
    assert "1 doel heeft nog geen meting na de nulmeting" in page
    assert 'data-series="0" data-year="2020" data-value="10.0"' in page  # the baseline
    assert 'data-series="0" data-year="2021" data-value="20.0"' in page  # the measurement
    assert 'data-series="1"' not in page  # the planned line has no markers


def _index_members(*extra):
    return [
        {"code": "x_werk", "domain": "sociaal", "theme": "werk"},
        {"code": "y_bijstand", "domain": "sociaal", "theme": "werk"},
        {"code": "s_zorgen", "domain": "sociaal", "theme": "werk"},
        *extra,
    ]


def test_profile_shows_coverage_years_and_no_band_below_the_minimum(client, city):
    # Two more social themes whose figures nobody has: "inkomen" (an indicator in the
    # catalogue without values) and "opleiding" (not even in the catalogue).
    factories.IndicatorFactory(code="z_inkomen", name_nl="Laag inkomen", direction="lower")
    IndexSettings.objects.update(
        members=_index_members(
            {"code": "z_inkomen", "domain": "sociaal", "theme": "inkomen"},
            {"code": "q_opleiding", "domain": "sociaal", "theme": "opleiding"},
        )
    )
    page = client.get(reverse("monitor:profile", args=[city.a.code])).content.decode()
    # 3 of 5 social figures are known, but two themes have none: no score, no band
    assert "onvoldoende cijfers: 3 van 5; inkomen: 0 van 1; opleiding: 0 van 1" in page
    assert "3 van 5 cijfers bekend (uit 2021)" in page
    assert "band band-" not in page  # no index gets a band
    # each value with its year; what is missing is named
    assert f"{city.x.name_nl} 2021: 20" in page
    assert "ontbreekt: Laag inkomen" in page and "ontbreekt: q_opleiding" in page
    # with the figures of the base year only the werk theme could be scored before
    # (92.6 "rond gemiddeld"); with an income figure for A the index is back
    add(city.a, Indicator.objects.get(code="z_inkomen"), 2020, 1.0)
    for area, value in [(city.b, 2.0), (city.c, 3.0), (city.municipality, 2.0)]:
        add(area, Indicator.objects.get(code="z_inkomen"), 2020, value)
    IndexSettings.objects.update(
        members=_index_members({"code": "z_inkomen", "domain": "sociaal", "theme": "inkomen"})
    )
    page = client.get(reverse("monitor:profile", args=[city.a.code])).content.decode()
    assert "onvoldoende cijfers:" not in page
    assert "4 van 4 cijfers bekend (uit 2020–2021)" in page  # z is from 2020, in the window
    assert "Laag inkomen 2020: 1" in page


def test_dashboard_says_insufficient_instead_of_a_band(client, city):
    IndexSettings.objects.update(
        members=_index_members(
            {"code": "q1", "domain": "sociaal", "theme": "inkomen"},
            {"code": "q2", "domain": "sociaal", "theme": "inkomen"},
            {"code": "q3", "domain": "sociaal", "theme": "inkomen"},
        )
    )
    page = client.get(reverse("monitor:dashboard", args=[city.municipality.code])).content
    text = page.decode()
    assert text.count("onvoldoende cijfers: 3 van 6") == 3  # every district
    assert "band-around" not in text
