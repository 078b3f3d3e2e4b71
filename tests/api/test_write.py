"""Writes through the API: happy paths end to end, and the services' rules as 400 field errors
with nothing stored."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from tests import factories
from wijkaanpak.funding.models import BudgetLine
from wijkaanpak.plans.models import ActionPlan, Commitment, Goal, PlanChange
from wijkaanpak.projects.models import OutputMeasure, OutputPeriod, Project


def url(name: str, *args) -> str:
    return reverse(f"v1:{name}", args=args)


@pytest.fixture
def as_manager(api, manager):
    api.force_authenticate(manager)
    return api


@pytest.fixture
def goal_body(plan, partner_org, goal):
    return {
        "plan": plan.pk,
        "title": "Minder schooluitval",
        "indicator": goal.indicator_id,
        "baseline_value": "8.5",
        "baseline_year": 2024,
        "target_value": "6",
        "target_year": 2028,
        "owner": partner_org.pk,
    }


@pytest.fixture
def project_body(district, goal, lead):
    return {
        "district": district.code,
        "title": "Huiswerkklas",
        "lead": lead.pk,
        "goals": [goal.pk],
        "domain": "social",
        "start_date": "2025-01-01",
        "end_date": "2027-12-31",
        "continuation": "regular_budget",
    }


# --- happy paths ----------------------------------------------------------------------------


def test_plan_create_read_update_and_history(as_manager, district, manager):
    response = as_manager.post(
        url("plan-list"),
        {
            "district": district.code.lower(),
            "title": "Samen sterk",
            "vision": "Een wijk waar iedereen meedoet.",
            "priorities": "Werk\nVeiligheid",
            "start_year": 2025,
            "end_year": 2029,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["district"] == district.code and created["status"] == "draft"

    plan_url = url("plan-detail", created["id"])
    assert as_manager.get(plan_url).json()["title"] == "Samen sterk"

    response = as_manager.patch(
        plan_url, {"status": "adopted", "district": "GM0000"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "adopted"
    assert response.json()["district"] == district.code  # a plan stays in its district

    history = as_manager.get(url("plan-history", created["id"])).json()["results"]
    assert [(c["action"], c["changed_by"]) for c in history] == [
        ("updated", manager.username),
        ("created", manager.username),
    ]
    assert history[0]["changes"] == {"status": ["draft", "adopted"]}


def test_goal_create_update_delete(as_manager, plan, goal_body, district):
    neighbourhood = factories.AreaFactory(neighbourhood=True, parent=district)
    response = as_manager.post(
        url("goal-list"), {**goal_body, "area": neighbourhood.code}, format="json"
    )
    assert response.status_code == 201, response.content
    goal_id = response.json()["id"]
    assert response.json()["area"] == neighbourhood.code

    response = as_manager.put(
        url("goal-detail", goal_id), {**goal_body, "target_value": "5", "area": None}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["target_value"] == "5.000" and response.json()["area"] is None

    assert as_manager.delete(url("goal-detail", goal_id)).status_code == 204
    assert not Goal.objects.filter(pk=goal_id).exists()
    assert list(
        PlanChange.objects.filter(object_type="goal", object_id=goal_id).values_list(
            "action", flat=True
        )
    ) == ["deleted", "updated", "created"]


def test_partner_commits_signs_and_withdraws(api, partner_user, plan, goal, partner_org, lead):
    api.force_authenticate(partner_user)
    response = api.post(
        url("commitment-list"),
        {
            "plan": plan.pk,
            "partner": partner_org.pk,
            "goal": goal.pk,
            "contribution": "Twee opbouwwerkers",
            "hours_per_year": 1600,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    commitment_url = url("commitment-detail", response.json()["id"])

    response = api.patch(
        commitment_url, {"signed_on": "2025-03-01", "signed_by": lead.pk}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["signed_by"] == lead.pk

    assert api.delete(commitment_url).status_code == 204
    assert not Commitment.objects.filter(partner=partner_org).exists()


def test_project_create_and_update(as_manager, project_body, goal, partner_org, other_org):
    response = as_manager.post(url("project-list"), project_body, format="json")
    assert response.status_code == 201, response.content
    project = response.json()
    assert project["goals"] == [goal.pk] and project["partners"] == []
    assert project["lead_organisation"] == partner_org.pk
    assert {f["code"] for f in project["carousel_flags"]} == {"no_output"}

    response = as_manager.patch(
        url("project-detail", project["id"]),
        {"partners": [other_org.pk], "status": "running"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["partners"] == [other_org.pk]
    assert response.json()["goals"] == [goal.pk]  # untouched by a partial update


def test_budget_line_create_update_delete(as_manager, own_project, partner_org):
    response = as_manager.post(
        url("budget-line-list"),
        {"project": own_project.pk, "funder": partner_org.pk, "year": 2026, "amount": "2500.50"},
        format="json",
    )
    assert response.status_code == 201, response.content
    line = response.json()
    assert line["domain"] == own_project.domain  # the service's default
    line_url = url("budget-line-detail", line["id"])

    response = as_manager.patch(line_url, {"amount": "3000", "domain": "safety"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["amount"] == "3000.00" and response.json()["domain"] == "safety"

    assert as_manager.delete(line_url).status_code == 204
    assert not BudgetLine.objects.exists()


def test_outputs_measure_then_periods(api, partner_user, own_project):
    api.force_authenticate(partner_user)
    response = api.post(
        url("output-measure-list"),
        {"project": own_project.pk, "name": "Deelnemers", "unit": "kinderen"},
        format="json",
    )
    assert response.status_code == 201, response.content
    measure_id = response.json()["id"]

    body = {"measure": measure_id, "period": "2025-Q1", "planned": "20"}
    response = api.post(url("output-period-list"), body, format="json")
    assert response.status_code == 201, response.content
    period_id = response.json()["id"]

    # saving the same period again replaces its figures
    response = api.post(url("output-period-list"), {**body, "planned": "25"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["id"] == period_id
    assert OutputPeriod.objects.get().planned == Decimal("25")

    response = api.patch(url("output-period-detail", period_id), {"realised": "18"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["planned"] == "25.00" and response.json()["realised"] == "18.00"

    measure = api.get(url("output-measure-detail", measure_id)).json()
    assert [p["period"] for p in measure["periods"]] == ["2025-Q1"]


# --- bad input: 400 with the field, nothing stored -------------------------------------------


def counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (
            ActionPlan,
            Goal,
            Commitment,
            PlanChange,
            Project,
            BudgetLine,
            OutputMeasure,
            OutputPeriod,
        )
    )


def assert_field_error(response, field: str) -> None:
    assert response.status_code == 400, response.content
    body = response.json()
    assert isinstance(body[field], list) and all(isinstance(m, str) for m in body[field]), body


def test_target_year_before_baseline_year(as_manager, goal_body):
    before = counts()
    response = as_manager.post(
        url("goal-list"), {**goal_body, "baseline_year": 2026, "target_year": 2025}, format="json"
    )
    assert_field_error(response, "target_year")
    assert counts() == before


def test_goal_update_with_target_year_before_baseline_changes_nothing(as_manager, goal):
    before = counts()
    response = as_manager.patch(url("goal-detail", goal.pk), {"target_year": 2020}, format="json")
    assert_field_error(response, "target_year")
    assert counts() == before
    goal.refresh_from_db()
    assert goal.target_year == 2028


def test_goal_area_outside_the_plan_district(as_manager, goal_body, other_district):
    elsewhere = factories.AreaFactory(neighbourhood=True, parent=other_district)
    before = counts()
    for area in (other_district, elsewhere):
        response = as_manager.post(
            url("goal-list"), {**goal_body, "area": area.code}, format="json"
        )
        assert_field_error(response, "area")
    assert counts() == before


def test_negative_budget_amount(as_manager, own_project, partner_org):
    before = counts()
    response = as_manager.post(
        url("budget-line-list"),
        {"project": own_project.pk, "funder": partner_org.pk, "year": 2026, "amount": "-1"},
        format="json",
    )
    assert_field_error(response, "amount")
    assert counts() == before


def test_negative_commitment_amount_comes_from_the_service(as_manager, plan, partner_org):
    before = counts()
    response = as_manager.post(
        url("commitment-list"),
        {"plan": plan.pk, "partner": partner_org.pk, "contribution": "Geld", "amount": "-10"},
        format="json",
    )
    assert_field_error(response, "amount")
    assert counts() == before


def test_commitment_goal_of_another_plan(as_manager, plan, partner_org):
    foreign_goal = factories.GoalFactory()
    response = as_manager.post(
        url("commitment-list"),
        {"plan": plan.pk, "partner": partner_org.pk, "goal": foreign_goal.pk, "contribution": "X"},
        format="json",
    )
    assert_field_error(response, "goal")


@pytest.mark.parametrize("goals", [[], None])
def test_project_without_goal(as_manager, project_body, goals):
    body = {**project_body, "goals": goals} if goals is not None else dict(project_body)
    if goals is None:
        del body["goals"]
    before = counts()
    response = as_manager.post(url("project-list"), body, format="json")
    assert_field_error(response, "goals")
    assert counts() == before


def test_project_goal_from_another_district(as_manager, project_body):
    foreign_goal = factories.GoalFactory()
    before = counts()
    response = as_manager.post(
        url("project-list"), {**project_body, "goals": [foreign_goal.pk]}, format="json"
    )
    assert_field_error(response, "goals")
    assert counts() == before


def test_project_update_to_no_goals_keeps_the_goals(as_manager, own_project, goal):
    response = as_manager.patch(url("project-detail", own_project.pk), {"goals": []}, format="json")
    assert_field_error(response, "goals")
    assert list(own_project.goals.all()) == [goal]


def test_project_ends_before_it_starts(as_manager, project_body):
    response = as_manager.post(
        url("project-list"), {**project_body, "end_date": "2024-01-01"}, format="json"
    )
    assert_field_error(response, "end_date")


def test_plan_end_year_before_start_year(as_manager, district):
    before = counts()
    response = as_manager.post(
        url("plan-list"),
        {
            "district": district.code,
            "title": "Achterstevoren",
            "vision": "-",
            "start_year": 2030,
            "end_year": 2025,
        },
        format="json",
    )
    assert_field_error(response, "end_year")
    assert counts() == before


def test_plan_for_a_municipality_is_refused_by_the_service(api, admin_user, municipality):
    api.force_authenticate(admin_user)
    response = api.post(
        url("plan-list"),
        {
            "district": municipality.code,
            "title": "Te groot",
            "vision": "-",
            "start_year": 2025,
            "end_year": 2029,
        },
        format="json",
    )
    assert_field_error(response, "district")


def test_unknown_district_code_is_a_field_error(as_manager):
    response = as_manager.post(
        url("plan-list"),
        {"district": "WK999999", "title": "X", "vision": "-", "start_year": 2025, "end_year": 2026},
        format="json",
    )
    assert_field_error(response, "district")


def test_output_period_in_a_bad_format(api, partner_user, world):
    api.force_authenticate(partner_user)
    before = counts()
    response = api.post(
        url("output-period-list"),
        {"measure": world.measure.pk, "period": "Q1-2025", "planned": "3"},
        format="json",
    )
    assert_field_error(response, "period")
    response = api.post(
        url("output-period-list"),
        {"measure": world.measure.pk, "period": "2026", "planned": "-3"},
        format="json",
    )
    assert_field_error(response, "planned")
    assert counts() == before


def test_a_year_beyond_the_database_column_is_a_field_error_on_every_database(
    as_manager, goal_body
):
    # A PostgreSQL smallint ends at 32767; SQLite would store more. The API refuses it on both,
    # with a field message instead of a database error.
    before = counts()
    response = as_manager.post(url("goal-list"), {**goal_body, "target_year": 40000}, format="json")
    assert_field_error(response, "target_year")
    assert counts() == before
