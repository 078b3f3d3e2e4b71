"""Who may read and who may change an MKBA, per role, on the rules and on every page.

Reading is public (an analysis is part of the public account). Creating and changing: an
admin and the manager of the project's district; partners read only, also when they lead or
join the project (issue 7: a partner could edit the MKBA of its project). An analysis without
a project: only an admin.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from tests import factories
from wijkaanpak.accounts.permissions import (
    can_create_analysis,
    can_edit_analysis,
    can_start_analysis,
    projects_for_analysis,
)
from wijkaanpak.mkba import services
from wijkaanpak.mkba.models import Analysis, CashFlow, FlowKind

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "no_role",
    "partner_other_org",
    "partner_own_org",
    "partner_lead_org",
    "manager_other_district",
    "manager",
    "admin",
]
EDITORS = {"manager", "admin"}
STARTERS = {"manager_other_district", "manager", "admin"}


@pytest.fixture
def users(district, other_district, partner_org, project):
    lead_org = project.lead.organisation
    project.partners.add(partner_org)
    return {
        "anonymous": None,
        "no_role": factories.UserFactory(),
        "partner_other_org": factories.UserFactory(
            role="partner", organisation=factories.OrganisationFactory()
        ),
        "partner_own_org": factories.UserFactory(role="partner", organisation=partner_org),
        "partner_lead_org": factories.UserFactory(role="partner", organisation=lead_org),
        "manager_other_district": factories.UserFactory(
            role="district_manager", districts=[other_district]
        ),
        "manager": factories.UserFactory(role="district_manager", districts=[district]),
        "admin": factories.UserFactory(role="admin"),
    }


@pytest.fixture
def analysis(project, admin_user):
    analysis = services.analysis_create(
        by=admin_user, project=project, title="Buurtcoach", base_year=2024, horizon=3
    )
    services.flow_create(
        analysis=analysis,
        by=admin_user,
        stakeholder="gemeente",
        year=2024,
        kind=FlowKind.COST,
        amount=Decimal(100),
    )
    return analysis


@pytest.fixture
def loose_analysis(admin_user):
    """An analysis without a project."""
    return services.analysis_create(by=admin_user, title="Los", base_year=2024, horizon=1)


# --- the rules ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_rules_per_role(users, role, project, analysis, loose_analysis):
    user = users[role]
    assert can_create_analysis(user, project) is (role in EDITORS)
    assert can_edit_analysis(user, analysis) is (role in EDITORS)
    assert can_create_analysis(user, None) is (role == "admin")
    assert can_edit_analysis(user, loose_analysis) is (role == "admin")
    assert can_start_analysis(user) is (role in STARTERS)


@pytest.mark.parametrize("role", ROLES)
def test_projects_for_analysis_is_the_rule_as_a_query(users, role, project, other_district):
    elsewhere = factories.ProjectFactory(district=other_district)
    user = users[role]
    found = set(projects_for_analysis(user))
    for candidate in (project, elsewhere):
        assert (candidate in found) is can_create_analysis(user, candidate), candidate


def test_a_partner_on_many_projects_may_analyse_none(users, project, partner_org):
    factories.ProjectFactory(district=project.district, partners=[partner_org])
    assert list(projects_for_analysis(users["partner_own_org"])) == []
    assert list(projects_for_analysis(users["partner_lead_org"])) == []


# --- the pages ------------------------------------------------------------------------------


def status_for(client, user, url, method="get", data=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    return getattr(client, method)(url, data or {}).status_code


@pytest.mark.parametrize("role", ROLES)
def test_reading_is_public(client, users, role, analysis, project):
    for url in [
        reverse("mkba:list"),
        reverse("mkba:list") + f"?project={project.pk}",
        analysis.get_absolute_url(),
        reverse("mkba:flows_csv", args=[analysis.pk]),
        reverse("mkba:results_csv", args=[analysis.pk]),
    ]:
        assert status_for(client, users[role], url) == 200, url


@pytest.mark.parametrize("role", ROLES)
def test_edit_pages_per_role(client, users, role, analysis):
    flow = analysis.flows.get()
    pages = {
        reverse("mkba:create"): STARTERS,
        reverse("mkba:edit", args=[analysis.pk]): EDITORS,
        reverse("mkba:delete", args=[analysis.pk]): EDITORS,
        reverse("mkba:flow_edit", args=[flow.pk]): EDITORS,
    }
    for url, allowed in pages.items():
        status = status_for(client, users[role], url)
        if role == "anonymous":
            assert status == 302, url  # to the login page
        else:
            assert status == (200 if role in allowed else 403), url


@pytest.mark.parametrize("role", ROLES)
def test_adding_a_flow_per_role(client, users, role, analysis):
    status = status_for(
        client,
        users[role],
        reverse("mkba:flow_add", args=[analysis.pk]),
        "post",
        {"stakeholder": "bewoners", "kind": "benefit", "year": "2025", "amount": "50"},
    )
    stored = CashFlow.objects.filter(stakeholder__name="bewoners").exists()
    if role in EDITORS:
        assert (status, stored) == (302, True)
    else:
        assert (status, stored) == (302 if role == "anonymous" else 403, False)


@pytest.mark.parametrize("role", ROLES)
def test_deleting_a_flow_or_the_analysis_per_role(client, users, role, analysis):
    flow = analysis.flows.get()
    flow_status = status_for(
        client, users[role], reverse("mkba:flow_delete", args=[flow.pk]), "post"
    )
    assert CashFlow.objects.filter(pk=flow.pk).exists() is (role not in EDITORS)
    analysis_status = status_for(
        client, users[role], reverse("mkba:delete", args=[analysis.pk]), "post"
    )
    assert Analysis.objects.filter(pk=analysis.pk).exists() is (role not in EDITORS)
    if role == "anonymous":
        assert (flow_status, analysis_status) == (302, 302)
    elif role not in EDITORS:
        assert (flow_status, analysis_status) == (403, 403)


@pytest.mark.parametrize("role", ROLES)
def test_changing_an_analysis_without_project_is_for_admins(client, users, role, loose_analysis):
    status = status_for(client, users[role], reverse("mkba:edit", args=[loose_analysis.pk]))
    expected = 302 if role == "anonymous" else 200 if role == "admin" else 403
    assert status == expected


def _create_post(project=None):
    return {
        "project": "" if project is None else project.pk,
        "title": "Nieuwe analyse",
        "base_year": "2025",
        "horizon": "3",
        "discount_rate": "2.25",
        "mc_runs": "1000",
        "mc_seed": "1",
        "mc_distribution": "triangular",
    }


@pytest.mark.parametrize("role", ["partner_other_org", "partner_own_org", "partner_lead_org"])
def test_partner_cannot_create_an_analysis_even_for_its_own_project(client, users, role, project):
    client.force_login(users[role])
    response = client.post(reverse("mkba:create"), _create_post(project))
    assert response.status_code == 403
    assert not Analysis.objects.exists()


def test_manager_of_another_district_cannot_create_for_this_project(client, users, project):
    client.force_login(users["manager_other_district"])
    response = client.post(reverse("mkba:create"), _create_post(project))
    assert response.status_code == 200
    assert "project" in response.context["form"].errors
    assert not Analysis.objects.exists()


def test_only_an_admin_creates_an_analysis_without_project(client, users):
    client.force_login(users["manager"])
    response = client.post(reverse("mkba:create"), _create_post())
    assert response.context["form"].errors == {
        "project": ["Kies het project waar deze MKBA bij hoort."]
    }
    assert not Analysis.objects.exists()
    client.force_login(users["admin"])
    assert client.post(reverse("mkba:create"), _create_post()).status_code == 302
    assert Analysis.objects.get().project is None


def test_editor_cannot_move_an_analysis_to_a_project_of_someone_else(
    client, users, analysis, other_district
):
    elsewhere = factories.ProjectFactory(district=other_district)
    client.force_login(users["manager"])
    response = client.post(
        reverse("mkba:edit", args=[analysis.pk]), {**_create_post(elsewhere), "title": "Weg"}
    )
    assert response.status_code == 200 and "project" in response.context["form"].errors
    analysis.refresh_from_db()
    assert analysis.project_id != elsewhere.pk and analysis.title == "Buurtcoach"


def test_new_analysis_link_on_the_project_page_per_role(client, users, project):
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        html = client.get(project.get_absolute_url()).content.decode()
        assert ("Nieuwe MKBA" in html) is (role in EDITORS), role
