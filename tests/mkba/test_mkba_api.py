"""The MKBA API: public reads, writes per role, field errors as 400, results, OpenAPI."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests import factories
from wijkaanpak.mkba import services
from wijkaanpak.mkba.models import Analysis, CashFlow, FlowKind, Stakeholder

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "other_partner", "own_partner", "other_manager", "manager", "admin")
# issue 7: the MKBA weighs every party's costs and benefits; partners (also on the project) read
EDITORS = {"manager", "admin"}


@pytest.fixture
def users(admin_user, manager, other_district, partner_user, project, partner_org):
    project.partners.add(partner_org)
    return {
        "anonymous": None,
        "other_partner": factories.UserFactory(
            role="partner", organisation=factories.OrganisationFactory()
        ),
        "own_partner": partner_user,
        "other_manager": factories.UserFactory(role="district_manager", districts=[other_district]),
        "manager": manager,
        "admin": admin_user,
    }


@pytest.fixture
def client_as(users):
    def make(role: str) -> APIClient:
        client = APIClient()
        if users[role] is not None:
            client.force_authenticate(users[role])
        return client

    return make


@pytest.fixture
def analysis(project, admin_user):
    analysis = services.analysis_create(
        by=admin_user, project=project, title="Frontlijnteam", base_year=2024, horizon=3
    )
    for year in (2024, 2025, 2026):
        for party, kind, amount in [
            ("gemeente", FlowKind.COST, 500_000),
            ("zorgverzekeraar", FlowKind.BENEFIT, 400_000),
            ("politie", FlowKind.BENEFIT, 250_000),
            ("woningcorporatie", FlowKind.BENEFIT, 150_000),
            ("gemeente", FlowKind.BENEFIT, 200_000),
        ]:
            services.flow_create(
                analysis=analysis,
                by=admin_user,
                stakeholder=party,
                year=year,
                kind=kind,
                amount=Decimal(amount),
            )
    return analysis


def url(name, *args):
    return reverse(f"v1:{name}", args=args)


def denied(role: str) -> int:
    return 401 if role == "anonymous" else 403


# --- reading -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_reading_is_public(client_as, role, analysis, project):
    api = client_as(role)
    listing = api.get(url("mkba-analysis-list"), {"project": project.pk})
    assert listing.status_code == 200 and listing.json()["count"] == 1
    detail = api.get(url("mkba-analysis-detail", analysis.pk)).json()
    assert detail["discount_rate"] == "0.022500"
    assert detail["end_year"] == 2026
    assert [s["name"] for s in detail["stakeholders"]] == [
        "gemeente",
        "zorgverzekeraar",
        "politie",
        "woningcorporatie",
    ]
    flows = api.get(url("mkba-analysis-flows", analysis.pk)).json()
    assert len(flows) == 15
    assert flows[0] == {
        "id": flows[0]["id"],
        "analysis": analysis.pk,
        "stakeholder": "gemeente",
        "year": 2024,
        "kind": "cost",
        "amount": "500000.00",
        "low": None,
        "high": None,
        "description": "",
    }
    assert api.get(url("mkba-flow-detail", flows[0]["id"])).status_code == 200


def test_results_are_the_hand_checked_numbers(client_as, analysis):
    data = client_as("anonymous").get(url("mkba-analysis-results", analysis.pk)).json()
    totals = data["totals"]
    assert totals["pv_costs"] == pytest.approx(1_467_234.77, abs=0.01)
    assert totals["pv_benefits"] == pytest.approx(2_934_469.55, abs=0.01)
    assert totals["bcr"] == pytest.approx(2.0)
    assert totals["payback_year"] == 2024 and totals["has_inverdieneffect"] is True
    gemeente = data["stakeholders"][0]
    assert gemeente["stakeholder"] == "gemeente" and gemeente["role"] == "net_payer"
    assert gemeente["net"] == pytest.approx(-880_340.86, abs=0.01)
    assert data["years"][1]["discount_factor"] == pytest.approx(1 / 1.0225)
    assert data["sensitivity"]["central"]["npv"] == pytest.approx(totals["npv"])
    assert data["monte_carlo"]["runs"] == 10_000 and data["monte_carlo"]["seed"] == 2021
    assert (
        data["explanation"][0] == "Elke euro die we uitgeven levert € 2,00 op voor de samenleving."
    )


def test_results_of_an_empty_analysis_have_no_simulation(client_as, admin_user):
    empty = services.analysis_create(by=admin_user, title="Leeg", base_year=2024, horizon=1)
    data = client_as("anonymous").get(url("mkba-analysis-results", empty.pk)).json()
    assert data["monte_carlo"] is None and data["totals"]["bcr"] is None
    assert data["explanation"] == ["Er zijn nog geen kosten of opbrengsten ingevuld."]


# --- writing, per role ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_create_analysis_per_role(client_as, role, project):
    response = client_as(role).post(
        url("mkba-analysis-list"),
        {"project": project.pk, "title": "Nieuw", "base_year": 2025, "horizon": 4},
        format="json",
    )
    if role in EDITORS:
        assert response.status_code == 201, response.json()
        assert response.json()["discount_rate"] == "0.022500"
        assert Analysis.objects.get().created_by is not None
    else:
        assert response.status_code == denied(role)
        assert not Analysis.objects.exists()


@pytest.mark.parametrize("role", ["manager", "own_partner", "admin"])
def test_analysis_without_project_only_by_admin(client_as, role):
    response = client_as(role).post(
        url("mkba-analysis-list"), {"title": "Los", "base_year": 2025, "horizon": 4}, format="json"
    )
    assert response.status_code == (201 if role == "admin" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_add_flow_per_role(client_as, role, analysis):
    response = client_as(role).post(
        url("mkba-analysis-flows", analysis.pk),
        {
            "stakeholder": "bewoners",
            "year": 2025,
            "kind": "benefit",
            "amount": "1000",
            "low": "500",
        },
        format="json",
    )
    stored = CashFlow.objects.filter(stakeholder__name="bewoners").exists()
    if role in EDITORS:
        assert response.status_code == 201 and stored
        assert response.json()["stakeholder"] == "bewoners" and response.json()["low"] == "500.00"
    else:
        assert response.status_code == denied(role) and not stored


@pytest.mark.parametrize("role", ROLES)
def test_update_and_delete_per_role(client_as, role, analysis):
    api = client_as(role)
    flow = analysis.flows.get(kind="cost", year=2024)
    patched = api.patch(url("mkba-flow-detail", flow.pk), {"amount": "1"}, format="json")
    flow.refresh_from_db()
    renamed = api.patch(url("mkba-analysis-detail", analysis.pk), {"title": "Ander"}, format="json")
    analysis.refresh_from_db()
    deleted = api.delete(url("mkba-flow-detail", flow.pk))
    if role in EDITORS:
        assert (patched.status_code, renamed.status_code, deleted.status_code) == (200, 200, 204)
        assert analysis.title == "Ander"
        assert not CashFlow.objects.filter(pk=flow.pk).exists()
    else:
        code = denied(role)
        assert (patched.status_code, renamed.status_code, deleted.status_code) == (code,) * 3
        assert flow.amount == Decimal("500000") and analysis.title == "Frontlijnteam"
        assert CashFlow.objects.filter(pk=flow.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_delete_analysis_per_role(client_as, role, analysis):
    response = client_as(role).delete(url("mkba-analysis-detail", analysis.pk))
    assert response.status_code == (204 if role in EDITORS else denied(role))
    assert Analysis.objects.exists() is (role not in EDITORS)


def test_moving_to_a_project_of_another_district_is_refused(client_as, analysis, other_district):
    elsewhere = factories.ProjectFactory(district=other_district)
    response = client_as("manager").patch(
        url("mkba-analysis-detail", analysis.pk), {"project": elsewhere.pk}, format="json"
    )
    assert response.status_code == 403
    analysis.refresh_from_db()
    assert analysis.project_id != elsewhere.pk


# --- bad input: 400 with field errors, nothing stored --------------------------------------


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"amount": "-5"},
            "amount",
            "Een bedrag kan niet negatief zijn. Kies bij ‘soort’ of het kosten of baten zijn.",
        ),
        (
            {"amount": "5", "low": "9", "high": "3"},
            "low",
            "De laagste schatting mag niet hoger zijn dan de hoogste schatting.",
        ),
        (
            {"year": 2030},
            "year",
            "Kies een jaar van 2024 tot en met 2026 (de looptijd van de MKBA).",
        ),
    ],
)
def test_bad_flow_is_a_400_field_error_and_nothing_is_stored(
    client_as, analysis, data, field, message
):
    before = CashFlow.objects.count(), Stakeholder.objects.count()
    response = client_as("manager").post(
        url("mkba-analysis-flows", analysis.pk),
        {"stakeholder": "bewoners", "year": 2025, "kind": "benefit", "amount": "10", **data},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert (CashFlow.objects.count(), Stakeholder.objects.count()) == before


def test_shrinking_the_horizon_is_a_400_on_horizon(client_as, analysis):
    response = client_as("manager").patch(
        url("mkba-analysis-detail", analysis.pk), {"horizon": 1}, format="json"
    )
    assert response.status_code == 400 and "horizon" in response.json()
    analysis.refresh_from_db()
    assert analysis.horizon == 3


def test_wrong_discount_rate_is_a_400(client_as, project):
    response = client_as("manager").post(
        url("mkba-analysis-list"),
        {
            "project": project.pk,
            "title": "x",
            "base_year": 2025,
            "horizon": 3,
            "discount_rate": "2.25",
        },
        format="json",
    )
    assert response.status_code == 400 and "discount_rate" in response.json()
    assert not Analysis.objects.exists()


# --- OpenAPI ---------------------------------------------------------------------------------


def test_openapi_schema_describes_the_routes():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = schema["paths"]
    for route in [
        "/api/v1/mkba/analyses/",
        "/api/v1/mkba/analyses/{id}/",
        "/api/v1/mkba/analyses/{id}/results/",
        "/api/v1/mkba/analyses/{id}/flows/",
        "/api/v1/mkba/flows/{id}/",
    ]:
        assert route in paths, route
    assert "Result" in schema["components"]["schemas"]
    assert set(paths["/api/v1/mkba/flows/{id}/"]) >= {"get", "put", "patch", "delete"}


def test_routes_are_included_in_the_real_api():
    assert reverse("v1:mkba-analysis-list") == "/api/v1/mkba/analyses/"
