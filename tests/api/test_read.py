"""Public reads, the staff-only reads, filters, and the money of a district."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tests import factories
from wijkaanpak.plans.models import PlanChange


def url(name: str, *args) -> str:
    return reverse(f"v1:{name}", args=args)


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.parametrize(
    "name",
    [
        "area-list",
        "organisation-list",
        "indicator-list",
        "plan-list",
        "goal-list",
        "commitment-list",
        "project-list",
        "budget-line-list",
        "output-measure-list",
        "output-period-list",
    ],
)
def test_public_lists_are_open_to_anonymous_readers(name, api, world):
    response = api.get(url(name))
    assert response.status_code == 200
    assert "results" in response.json() and "count" in response.json()


def test_areas_filter_by_kind_parent_and_text(api, municipality, district, other_district):
    neighbourhood = factories.AreaFactory(neighbourhood=True, parent=district, name="Oosterpark")

    districts = results(api.get(url("area-list"), {"kind": "district"}))
    assert {a["code"] for a in districts} == {district.code, other_district.code}

    children = results(api.get(url("area-list"), {"parent": district.code.lower()}))
    assert [a["code"] for a in children] == [neighbourhood.code]
    assert children[0]["parent"] == district.code

    found = results(api.get(url("area-list"), {"q": "ooster"}))
    assert [a["code"] for a in found] == [neighbourhood.code]


def test_area_detail_by_code_has_the_scale_check(api, municipality):
    big = factories.AreaFactory(district=True, parent=municipality, inhabitants=40_000)
    body = api.get(url("area-detail", big.code.lower())).json()
    assert body["code"] == big.code and body["kind"] == "district"
    assert body["scale"]["code"] == "large" and body["scale"]["ok"] is False
    assert "25.000" in body["scale"]["message"]


def test_unknown_area_is_404(api, db):
    assert api.get(url("area-detail", "WK999999")).status_code == 404


def test_plans_filter_by_district(api, plan, other_district):
    factories.ActionPlanFactory(district=other_district)
    listed = results(api.get(url("plan-list"), {"district": plan.district.code}))
    assert [p["id"] for p in listed] == [plan.pk]
    assert listed[0]["district"] == plan.district.code


def test_goals_and_commitments_filter_by_plan(api, world):
    factories.GoalFactory()  # in another plan
    factories.CommitmentFactory()
    goals = results(api.get(url("goal-list"), {"plan": world.plan.pk}))
    assert [g["id"] for g in goals] == [world.goal.pk]
    commitments = results(api.get(url("commitment-list"), {"plan": world.plan.pk}))
    assert [c["id"] for c in commitments] == [world.commitment.pk]


def test_a_filter_that_is_not_a_number_is_400(api, db):
    response = api.get(url("goal-list"), {"plan": "eerste"})
    assert response.status_code == 400
    assert "plan" in response.json()


def test_projects_show_their_carousel_flags(api, district, goal):
    risky = factories.ProjectFactory(
        district=district, continuation="", end_date=dt.date.today() + dt.timedelta(days=30)
    )
    healthy = factories.ProjectFactory(district=district, goals=[goal])
    factories.OutputMeasureFactory(project=healthy)

    listed = {
        p["id"]: p for p in results(api.get(url("project-list"), {"district": district.code}))
    }
    assert {f["code"] for f in listed[risky.pk]["carousel_flags"]} == {
        "no_goal",
        "no_output",
        "no_continuation",
    }
    assert listed[healthy.pk]["carousel_flags"] == []
    assert listed[healthy.pk]["goals"] == [goal.pk]

    detail = api.get(url("project-detail", risky.pk)).json()
    assert len(detail["carousel_flags"]) == 3


def test_projects_filter_by_organisation_and_goal(api, world, other_org):
    joined = factories.ProjectFactory(district=world.district, partners=[other_org])
    by_org = results(api.get(url("project-list"), {"organisation": other_org.pk}))
    assert [p["id"] for p in by_org] == [joined.pk]
    by_goal = results(api.get(url("project-list"), {"goal": world.goal.pk}))
    assert [p["id"] for p in by_goal] == [world.project.pk]
    # the goal filter does not change the counts behind the flags
    assert by_goal[0]["carousel_flags"] == []


def test_output_measures_include_their_periods(api, world):
    body = api.get(url("output-measure-detail", world.measure.pk)).json()
    assert body["periods"] == [
        {"id": world.period.pk, "period": "2025", "planned": "10.00", "realised": None}
    ]


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 401), ("nobody", 403), ("own_partner", 200), ("manager", 200), ("admin", 200)],
)
def test_people_are_for_signed_in_staff_only(role, status, api, users, lead):
    if role == "nobody":
        api.force_authenticate(factories.UserFactory())
    elif users[role] is not None:
        api.force_authenticate(users[role])
    response = api.get(url("person-list"))
    assert response.status_code == status
    if status == 200:
        assert response.json()["results"][0]["email"] == lead.email
        assert api.get(url("person-detail", lead.pk)).status_code == 200


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 401), ("nobody", 403), ("other_partner", 200), ("manager", 200)],
)
def test_plan_history_is_for_signed_in_staff_only(role, status, api, users, plan, manager):
    PlanChange.objects.create(
        plan=plan,
        changed_by=manager,
        action="updated",
        object_type="plan",
        object_id=plan.pk,
        object_label=str(plan),
        changes={"title": ["Oud", "Nieuw"]},
    )
    if role == "nobody":
        api.force_authenticate(factories.UserFactory())
    elif users[role] is not None:
        api.force_authenticate(users[role])
    response = api.get(url("plan-history", plan.pk))
    assert response.status_code == status
    if status == 200:
        [change] = response.json()["results"]
        assert change["changed_by"] == manager.username
        assert change["changes"] == {"title": ["Oud", "Nieuw"]}


def test_organisations_and_indicators_are_public_and_read_only(api, admin_user, goal):
    assert api.get(url("organisation-detail", goal.owner_id)).json()["name"] == goal.owner.name
    assert api.get(url("indicator-detail", goal.indicator_id)).json()["code"] == goal.indicator.code
    api.force_authenticate(admin_user)
    response = api.post(url("organisation-list"), {"name": "X", "kind": "care"}, format="json")
    assert response.status_code == 405


def _money(district, goal):
    project = factories.ProjectFactory(district=district, goals=[goal], domain="social")
    gemeente = factories.OrganisationFactory(name="Gemeente")
    corporatie = factories.OrganisationFactory(name="Corporatie")
    factories.BudgetLineFactory(project=project, funder=gemeente, year=2025, amount=Decimal("100"))
    factories.BudgetLineFactory(project=project, funder=gemeente, year=2026, amount=Decimal("50"))
    factories.BudgetLineFactory(
        project=project, funder=corporatie, year=2025, amount=Decimal("20"), domain="physical"
    )


def test_district_money_matrix_as_json(api, district, goal):
    _money(district, goal)
    body = api.get(url("district-money", district.code.lower())).json()
    assert body["district"] == district.code
    assert body["years"] == [2025, 2026]
    assert body["funders"] == ["Corporatie", "Gemeente"]
    assert body["total"] == "170.00"
    assert {"funder": "Gemeente", "domain": "social", "year": 2026, "amount": "50.00"} in body[
        "cells"
    ]
    assert body["by_year"] == [
        {"year": 2025, "amount": "120.00"},
        {"year": 2026, "amount": "50.00"},
    ]
    assert {"domain": "physical", "amount": "20.00"} in body["by_domain"]


def test_district_money_as_csv(api, district, goal):
    _money(district, goal)
    response = api.get(url("district-money-csv", district.code))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert district.code in response["Content-Disposition"]
    lines = response.content.decode().splitlines()
    assert lines[0] == "financier;domein;jaar;bedrag_euro"
    assert "Gemeente;sociaal;2026;50.00" in lines


def test_money_of_an_unknown_district_is_404(api, municipality):
    assert api.get(url("district-money", "WK000000")).status_code == 404
    assert api.get(url("district-money-csv", "WK000000")).status_code == 404
    # a municipality has no money matrix of its own
    assert api.get(url("district-money", municipality.code)).status_code == 404


def test_lists_do_not_query_per_row(api, district, goal, django_assert_max_num_queries):
    for _ in range(5):
        project = factories.ProjectFactory(district=district, goals=[goal], partners=[goal.owner])
        factories.OutputMeasureFactory(project=project)
        factories.BudgetLineFactory(project=project)
        factories.GoalFactory(plan=goal.plan, area=district)
    for name, most in [
        ("project-list", 4),
        ("plan-list", 2),
        ("goal-list", 2),
        ("output-measure-list", 3),
        ("budget-line-list", 2),
    ]:
        with django_assert_max_num_queries(most):
            assert api.get(url(name)).status_code == 200


def test_budget_lines_filter_by_project_funder_and_year(api, world):
    other = factories.BudgetLineFactory(year=2031)
    line = world.budget_line
    query = {"project": line.project_id, "funder": line.funder_id, "year": line.year}
    assert [b["id"] for b in results(api.get(url("budget-line-list"), query))] == [line.pk]
    assert [b["id"] for b in results(api.get(url("budget-line-list"), {"year": 2031}))] == [
        other.pk
    ]
