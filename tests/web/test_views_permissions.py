"""Every page checks its role: public pages for everybody, edit pages for the right people only."""

import pytest
from django.urls import reverse

from tests import factories
from wijkaanpak.funding.models import BudgetLine
from wijkaanpak.plans.models import Goal


@pytest.fixture
def users(district, other_district, partner_org):
    return {
        "anonymous": None,
        "no_role": factories.UserFactory(),
        "partner_other_org": factories.UserFactory(
            role="partner", organisation=factories.OrganisationFactory()
        ),
        "partner_own_org": factories.UserFactory(role="partner", organisation=partner_org),
        "manager_other_district": factories.UserFactory(
            role="district_manager", districts=[other_district]
        ),
        "manager": factories.UserFactory(role="district_manager", districts=[district]),
        "admin": factories.UserFactory(role="admin"),
    }


@pytest.fixture
def world(project, partner_org):
    project.partners.add(partner_org)
    commitment = factories.CommitmentFactory(plan=project.goals.get().plan, partner=partner_org)
    measure = factories.OutputMeasureFactory(project=project)
    return {
        "project": project,
        "plan": commitment.plan,
        "goal": project.goals.get(),
        "commitment": commitment,
        "measure": measure,
    }


def status_for(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


PUBLIC = ["home", "district", "plan", "project", "budget", "budget_csv", "partners", "partner"]
# page -> the roles that may open it (everybody else: 403, anonymous: redirect to login)
RESTRICTED = {
    "plan_create": {"manager", "admin"},
    "plan_edit": {"manager", "admin"},
    "goal_create": {"manager", "admin"},
    "goal_edit": {"manager", "admin"},
    "commitment_create": {"manager", "admin", "partner_own_org", "partner_other_org"},
    "commitment_edit": {"manager", "admin", "partner_own_org"},
    "project_create": {"manager", "admin", "partner_own_org", "partner_other_org"},
    "project_edit": {"manager", "admin", "partner_own_org"},
    "output_period": {"manager", "admin", "partner_own_org"},
    "history": {
        "manager",
        "admin",
        "partner_own_org",
        "partner_other_org",
        "manager_other_district",
    },
    "area_import": {"manager", "admin", "manager_other_district"},
    "partner_create": {"manager", "admin", "manager_other_district"},
    "person_create": {"manager", "admin", "manager_other_district", "partner_own_org"},
}


def url_of(name, w):
    d = w["project"].district
    return {
        "home": reverse("core:home"),
        "district": d.get_absolute_url(),
        "plan": w["plan"].get_absolute_url(),
        "project": w["project"].get_absolute_url(),
        "budget": reverse("funding:neighbourhood_budget", args=[d.code]),
        "budget_csv": reverse("funding:neighbourhood_budget_csv", args=[d.code]),
        "plan_create": reverse("plans:create", args=[d.code]),
        "plan_edit": reverse("plans:edit", args=[w["plan"].pk]),
        "goal_create": reverse("plans:goal_create", args=[w["plan"].pk]),
        "goal_edit": reverse("plans:goal_edit", args=[w["goal"].pk]),
        "commitment_create": reverse("plans:commitment_create", args=[w["plan"].pk]),
        "commitment_edit": reverse("plans:commitment_edit", args=[w["commitment"].pk]),
        "project_create": reverse("projects:create", args=[d.code]),
        "project_edit": reverse("projects:edit", args=[w["project"].pk]),
        "output_period": reverse("projects:output_period", args=[w["measure"].pk]),
        "history": reverse("plans:history", args=[w["plan"].pk]),
        "area_import": reverse("areas:import"),
        "partners": reverse("partners:list"),
        "partner": reverse("partners:detail", args=[w["commitment"].partner_id]),
        "partner_create": reverse("partners:create"),
        "person_create": reverse("partners:person_create", args=[w["commitment"].partner_id]),
    }[name]


@pytest.mark.parametrize("page", PUBLIC)
@pytest.mark.parametrize("role", ["anonymous", "no_role", "partner_other_org", "manager", "admin"])
def test_public_pages_open_for_everybody(client, users, world, page, role):
    assert status_for(client, users[role], url_of(page, world)) == 200


@pytest.mark.parametrize("page", sorted(RESTRICTED))
@pytest.mark.parametrize(
    "role",
    [
        "anonymous",
        "no_role",
        "partner_other_org",
        "partner_own_org",
        "manager_other_district",
        "manager",
        "admin",
    ],
)
def test_restricted_pages(client, users, world, page, role):
    status = status_for(client, users[role], url_of(page, world))
    if role == "anonymous":
        assert status == 302  # to the login page
    elif role in RESTRICTED[page]:
        assert status == 200
    else:
        assert status == 403


def test_partner_cannot_delete_budget_line_of_a_project_it_is_not_in(client, project):
    line = factories.BudgetLineFactory(project=project)
    outsider = factories.UserFactory(role="partner", organisation=factories.OrganisationFactory())
    client.force_login(outsider)
    response = client.post(reverse("projects:budget_line_delete", args=[line.pk]))
    assert response.status_code == 403
    assert BudgetLine.objects.filter(pk=line.pk).exists()


def test_post_without_csrf_token_is_refused(project, manager):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(manager)
    response = strict.post(reverse("plans:goal_delete", args=[project.goals.get().pk]))
    assert response.status_code == 403
    assert Goal.objects.exists()


def test_contact_people_are_hidden_from_the_public(client, partner_org):
    factories.PersonFactory(organisation=partner_org, name="Jan Contact", email="jan@example.org")
    url = reverse("partners:detail", args=[partner_org.pk])
    assert "jan@example.org" not in client.get(url).content.decode()
    client.force_login(
        factories.UserFactory(role="partner", organisation=factories.OrganisationFactory())
    )
    assert "jan@example.org" in client.get(url).content.decode()
