"""Fixtures for the API tests: one client per role around a district with a plan and project."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from tests import factories
from wijkaanpak.projects.models import OutputPeriod

#: The roles of the permission matrix, from least to most rights.
ROLES = ("anonymous", "other_partner", "own_partner", "other_manager", "manager", "admin")


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def other_org(db):
    return factories.OrganisationFactory()


@pytest.fixture
def other_partner_user(other_org):
    return factories.UserFactory(role="partner", organisation=other_org)


@pytest.fixture
def other_manager(other_district):
    return factories.UserFactory(role="district_manager", districts=[other_district])


@pytest.fixture
def users(admin_user, manager, other_manager, partner_user, other_partner_user) -> dict:
    return {
        "anonymous": None,
        "other_partner": other_partner_user,
        "own_partner": partner_user,
        "other_manager": other_manager,
        "manager": manager,
        "admin": admin_user,
    }


@pytest.fixture
def client_as(users):
    """``client_as("manager")``: an API client signed in as that role (or anonymous)."""

    def make(role: str) -> APIClient:
        client = APIClient()
        if users[role] is not None:
            client.force_authenticate(users[role])
        return client

    return make


@pytest.fixture
def lead(partner_org):
    """A professional of the partner organisation, who leads the project."""
    return factories.PersonFactory(organisation=partner_org)


@pytest.fixture
def own_project(goal, lead):
    """A project in the plan's district led by the partner organisation (``partner_user``)."""
    return factories.ProjectFactory(district=goal.plan.district, goals=[goal], lead=lead)


@dataclass
class World:
    """Everything a permission-matrix request may point at."""

    district: object
    plan: object
    goal: object
    project: object
    partner_org: object
    lead: object
    commitment: object
    budget_line: object
    measure: object
    period: object


@pytest.fixture
def world(district, plan, goal, own_project, partner_org, lead) -> World:
    measure = factories.OutputMeasureFactory(project=own_project)
    return World(
        district=district,
        plan=plan,
        goal=goal,
        project=own_project,
        partner_org=partner_org,
        lead=lead,
        commitment=factories.CommitmentFactory(plan=plan, partner=partner_org, goal=goal),
        budget_line=factories.BudgetLineFactory(project=own_project, funder=partner_org),
        measure=measure,
        period=OutputPeriod.objects.create(measure=measure, period="2025", planned=10),
    )
