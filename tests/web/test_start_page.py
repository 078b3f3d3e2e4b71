"""E20: after login each role lands on its own start page."""

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import PASSWORD
from tests.monitor.conftest import add


def login(client, user):
    return client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}, follow=True
    )


@pytest.fixture
def signals(district, other_district, plan, goal):
    """A district with one signal of each kind, and another district with its own signal."""
    plan.status = "adopted"
    plan.save()
    add(district, goal.indicator, 2024, 54)
    add(district, goal.indicator, 2025, 40)  # moving away from 65: off course
    factories.ProjectFactory(district=district, title="Project zonder doel")
    initiative = factories.InitiativeFactory(area=district, title="Initiatief te veel uitgegeven")
    factories.VoucherFactory(initiative=initiative, amount=100)
    factories.SpendingEntryFactory(initiative=initiative, amount=250)
    process = factories.BudgetProcessFactory(area=district, review=True, title="Budget Wijk")
    idea = factories.BudgetIdeaFactory(process=process, title="Bankje bij de speeltuin")
    factories.ProjectFactory(district=other_district, title="Project elders zonder doel")
    goal.idea = idea
    return goal


def test_district_manager_lands_on_my_districts(client, manager, district, signals):
    response = login(client, manager)
    assert response.redirect_chain[-1][0] == reverse("core:start")
    html = response.content.decode()
    assert "Mijn wijken" in html
    assert district.name in html
    assert signals.title in html  # goal off course
    assert "uit koers" in html
    assert "Project zonder doel" in html  # carousel risk
    assert "Initiatief te veel uitgegeven" in html  # flagged initiative
    assert "Bankje bij de speeltuin" in html  # idea awaiting review
    assert reverse("budgets:idea_review", args=[signals.idea.pk]) in html
    assert "Project elders zonder doel" not in html  # not my district


def test_partner_lands_on_their_organisation(client, partner_user, partner_org, project, plan):
    project.partners.add(partner_org)
    factories.CommitmentFactory(plan=plan, partner=partner_org, contribution="Wij leveren koffie")
    factories.ProjectFactory(title="Project van een ander")
    response = login(client, partner_user)
    assert response.redirect_chain[-1][0] == reverse("core:start")
    html = response.content.decode()
    assert partner_org.name in html
    assert project.title in html
    assert "Wij leveren koffie" in html
    assert "Project van een ander" not in html


def test_admin_lands_on_overview(client, admin_user, district, other_district, signals):
    response = login(client, admin_user)
    assert response.redirect_chain[-1][0] == reverse("core:start")
    html = response.content.decode()
    assert "Signalen per wijk" in html
    assert district.name in html and other_district.name in html
    assert "Project elders zonder doel" in html


@pytest.mark.parametrize("role", [None, "moderator", "official"])
def test_others_land_on_public_pages(client, db, role):
    user = factories.UserFactory(role=role)
    response = login(client, user)
    expected = reverse("budgets:list") if role else reverse("core:home")
    assert response.redirect_chain[-1][0] == expected
    assert response.status_code == 200


def test_start_page_needs_login(client, db):
    response = client.get(reverse("core:start"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_start_page_in_english(client, manager, district, signals):
    client.force_login(manager)
    response = client.get(reverse("core:start"), HTTP_ACCEPT_LANGUAGE="en")
    assert "My districts" in response.content.decode()


def test_manager_sees_paper_ballots_waiting(client, manager, district):
    from wijkaanpak.budgets import services as budgets

    process = factories.BudgetProcessFactory(area=district, voting=True, title="Papier")
    a = factories.BudgetIdeaFactory(process=process, accepted=True, estimated_cost=1000)
    b = factories.BudgetIdeaFactory(process=process, accepted=True, estimated_cost=1000)
    one, two = (factories.UserFactory(role="official") for _ in range(2))
    for _ in range(2):
        code = factories.VotingCodeFactory(process=process).code
        budgets.paper_slip_register(process=process, by=one, code=code)
    budgets.paper_entry_add(process=process, by=one, number=1, choices=[a.pk])
    budgets.paper_entry_add(process=process, by=one, number=2, choices=[a.pk])
    budgets.paper_entry_add(process=process, by=two, number=2, choices=[b.pk])
    client.force_login(manager)
    html = client.get(reverse("core:start")).content.decode()
    assert "Papieren stembiljetten die wachten" in html
    assert "1 biljet is één keer ingevoerd; 1 biljet met een verschil" in html
    assert reverse("budgets:paper", args=[process.pk]) in html
