"""The permission matrix: every write of the API, tried by every role.

Plans and goals are written by the admin and the district's manager. Commitments, projects,
budget lines and outputs also by a partner whose own organisation is involved. Anonymous
writers get 401, refused signed-in users 403, and a refused request stores nothing.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.api.conftest import ROLES
from wijkaanpak.funding.models import BudgetLine
from wijkaanpak.plans.models import ActionPlan, Commitment, Goal, PlanChange
from wijkaanpak.projects.models import OutputMeasure, OutputPeriod, Project

PLAN_EDITORS = {"manager", "admin"}
PLAN_EDITORS_AND_OWN_PARTNER = {"manager", "admin", "own_partner"}


def url(name: str, pk: int | None = None) -> str:
    return reverse(f"v1:{name}", args=[] if pk is None else [pk])


# Each case: (request builder, roles that may). A builder gets the World and returns
# (method, url, body, status on success).
CASES = {
    "plan create": (
        lambda w: (
            "post",
            url("plan-list"),
            {
                "district": w.district.code,
                "title": "Nieuw plan",
                "vision": "Iedereen doet mee.",
                "start_year": 2025,
                "end_year": 2029,
            },
            201,
        ),
        PLAN_EDITORS,
    ),
    "plan update": (
        lambda w: ("patch", url("plan-detail", w.plan.pk), {"title": "Anders"}, 200),
        PLAN_EDITORS,
    ),
    "goal create": (
        lambda w: (
            "post",
            url("goal-list"),
            {
                "plan": w.plan.pk,
                "title": "Meer mensen aan het werk",
                "indicator": w.goal.indicator_id,
                "baseline_value": "50",
                "baseline_year": 2024,
                "target_value": "60",
                "target_year": 2028,
                "owner": w.partner_org.pk,
            },
            201,
        ),
        PLAN_EDITORS,
    ),
    "goal update": (
        lambda w: ("patch", url("goal-detail", w.goal.pk), {"title": "Anders"}, 200),
        PLAN_EDITORS,
    ),
    "goal delete": (
        lambda w: ("delete", url("goal-detail", w.goal.pk), None, 204),
        PLAN_EDITORS,
    ),
    "commitment create": (
        lambda w: (
            "post",
            url("commitment-list"),
            {"plan": w.plan.pk, "partner": w.partner_org.pk, "contribution": "Een huismeester"},
            201,
        ),
        PLAN_EDITORS_AND_OWN_PARTNER,
    ),
    "commitment update": (
        lambda w: (
            "patch",
            url("commitment-detail", w.commitment.pk),
            {"contribution": "Twee huismeesters"},
            200,
        ),
        PLAN_EDITORS_AND_OWN_PARTNER,
    ),
    "commitment delete": (
        lambda w: ("delete", url("commitment-detail", w.commitment.pk), None, 204),
        PLAN_EDITORS_AND_OWN_PARTNER,
    ),
    "project create": (
        lambda w: (
            "post",
            url("project-list"),
            {
                "district": w.district.code,
                "title": "Huiswerkklas",
                "lead": w.lead.pk,
                "goals": [w.goal.pk],
                "domain": "social",
                "start_date": "2025-01-01",
                "end_date": "2027-12-31",
            },
            201,
        ),
        PLAN_EDITORS_AND_OWN_PARTNER,
    ),
    "project update": (
        lambda w: ("patch", url("project-detail", w.project.pk), {"title": "Anders"}, 200),
        PLAN_EDITORS_AND_OWN_PARTNER,
    ),
    "budget line create": (
        lambda w: (
            "post",
            url("budget-line-list"),
            {"project": w.project.pk, "funder": w.partner_org.pk, "year": 2026, "amount": "500.00"},
            201,
        ),
        PLAN_EDITORS_AND_OWN_PARTNER,
    ),
    "budget line update": (
        lambda w: ("patch", url("budget-line-detail", w.budget_line.pk), {"amount": "1.00"}, 200),
        PLAN_EDITORS_AND_OWN_PARTNER,
    ),
    "budget line delete": (
        lambda w: ("delete", url("budget-line-detail", w.budget_line.pk), None, 204),
        PLAN_EDITORS_AND_OWN_PARTNER,
    ),
    "output measure create": (
        lambda w: (
            "post",
            url("output-measure-list"),
            {"project": w.project.pk, "name": "Deelnemers", "unit": "personen"},
            201,
        ),
        PLAN_EDITORS_AND_OWN_PARTNER,
    ),
    "output period create": (
        lambda w: (
            "post",
            url("output-period-list"),
            {"measure": w.measure.pk, "period": "2026", "planned": "12"},
            201,
        ),
        PLAN_EDITORS_AND_OWN_PARTNER,
    ),
    "output period update": (
        lambda w: ("patch", url("output-period-detail", w.period.pk), {"realised": "9"}, 200),
        PLAN_EDITORS_AND_OWN_PARTNER,
    ),
}


def stored_state(w) -> tuple:
    """Counts of everything the API writes, plus the fields the update cases change."""
    counts = tuple(
        model.objects.count()
        for model in (
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
    values = (
        ActionPlan.objects.get(pk=w.plan.pk).title,
        Goal.objects.get(pk=w.goal.pk).title,
        Commitment.objects.get(pk=w.commitment.pk).contribution,
        Project.objects.get(pk=w.project.pk).title,
        BudgetLine.objects.get(pk=w.budget_line.pk).amount,
        OutputPeriod.objects.get(pk=w.period.pk).realised,
    )
    return counts + values


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES)
def test_permission_matrix(case, role, world, client_as):
    build, allowed_roles = CASES[case]
    method, path, body, success = build(world)
    before = stored_state(world)

    response = getattr(client_as(role), method)(path, body, format="json")

    if role in allowed_roles:
        assert response.status_code == success, response.content
        return
    expected = 401 if role == "anonymous" else 403
    assert response.status_code == expected, response.content
    assert stored_state(world) == before


def test_user_without_role_may_not_write(world, api):
    api.force_authenticate(factories.UserFactory())
    response = api.patch(url("plan-detail", world.plan.pk), {"title": "Anders"}, format="json")
    assert response.status_code == 403


def test_partner_may_not_hand_a_commitment_to_another_organisation(world, client_as, other_org):
    response = client_as("own_partner").patch(
        url("commitment-detail", world.commitment.pk), {"partner": other_org.pk}, format="json"
    )
    assert response.status_code == 403
    assert Commitment.objects.get(pk=world.commitment.pk).partner_id == world.partner_org.pk


def test_partner_may_not_create_a_project_for_another_organisation(world, client_as, other_org):
    other_lead = factories.PersonFactory(organisation=other_org)
    response = client_as("own_partner").post(
        url("project-list"),
        {
            "district": world.district.code,
            "title": "Niet van ons",
            "lead": other_lead.pk,
            "goals": [world.goal.pk],
            "domain": "social",
            "start_date": "2025-01-01",
            "end_date": "2027-12-31",
        },
        format="json",
    )
    assert response.status_code == 403
    assert not Project.objects.filter(title="Niet van ons").exists()


def test_partner_joining_as_partner_may_create_the_project(world, client_as, other_org):
    other_lead = factories.PersonFactory(organisation=other_org)
    response = client_as("own_partner").post(
        url("project-list"),
        {
            "district": world.district.code,
            "title": "Samen",
            "lead": other_lead.pk,
            "partners": [world.partner_org.pk],
            "goals": [world.goal.pk],
            "domain": "social",
            "start_date": "2025-01-01",
            "end_date": "2027-12-31",
        },
        format="json",
    )
    assert response.status_code == 201, response.content


def test_partner_may_not_write_itself_out_of_a_project(world, client_as, other_org):
    project = factories.ProjectFactory(
        district=world.district,
        goals=[world.goal],
        lead=factories.PersonFactory(organisation=other_org),
        partners=[world.partner_org],
    )
    response = client_as("own_partner").patch(
        url("project-detail", project.pk), {"partners": []}, format="json"
    )
    assert response.status_code == 403
    assert list(project.partners.all()) == [world.partner_org]


def test_manager_may_not_create_a_plan_in_a_district_they_do_not_manage(
    world, client_as, other_district
):
    response = client_as("manager").post(
        url("plan-list"),
        {
            "district": other_district.code,
            "title": "Elders",
            "vision": "Elders.",
            "start_year": 2025,
            "end_year": 2029,
        },
        format="json",
    )
    assert response.status_code == 403
    assert not ActionPlan.objects.filter(title="Elders").exists()
