"""Bad input on the forms: a clear message at the field, and nothing stored."""

from django.urls import reverse

from tests import factories
from wijkaanpak.funding.models import BudgetLine
from wijkaanpak.plans.models import Goal, PlanChange


def test_goal_form_target_year_before_baseline(client, plan, manager):
    client.force_login(manager)
    indicator = factories.IndicatorFactory()
    owner = factories.OrganisationFactory()
    response = client.post(
        reverse("plans:goal_create", args=[plan.pk]),
        {
            "title": "Meer werk",
            "indicator": indicator.pk,
            "baseline_value": "10",
            "baseline_year": "2024",
            "target_value": "8",
            "target_year": "2020",
            "owner": owner.pk,
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "target_year": ["Het doeljaar moet na het jaar van de nulmeting liggen."]
    }
    assert "Het doeljaar moet na het jaar van de nulmeting liggen." in response.content.decode()
    assert not Goal.objects.exists() and not PlanChange.objects.exists()


def test_goal_form_creates_goal(client, plan, manager):
    client.force_login(manager)
    response = client.post(
        reverse("plans:goal_create", args=[plan.pk]),
        {
            "title": "Meer werk",
            "indicator": factories.IndicatorFactory().pk,
            "baseline_value": "10",
            "baseline_year": "2024",
            "target_value": "8",
            "target_year": "2028",
            "owner": factories.OrganisationFactory().pk,
        },
    )
    assert response.status_code == 302
    assert Goal.objects.get().title == "Meer werk"


def test_budget_line_negative_amount_with_htmx(client, project, manager):
    client.force_login(manager)
    response = client.post(
        reverse("projects:budget_line_add", args=[project.pk]),
        {"funder": factories.OrganisationFactory().pk, "year": "2025", "amount": "-100"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "Een bedrag kan niet negatief zijn." in response.content.decode()
    assert not BudgetLine.objects.exists()


def test_budget_line_added_with_htmx_returns_the_table(client, project, manager):
    client.force_login(manager)
    funder = factories.OrganisationFactory(name="Woonstichting Test")
    response = client.post(
        reverse("projects:budget_line_add", args=[project.pk]),
        {"funder": funder.pk, "year": "2025", "amount": "2500"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="budget-lines">')
    assert "Woonstichting Test" in body
    assert BudgetLine.objects.get().amount == 2500


def test_partner_must_take_part_in_the_project_it_creates(client, goal):
    org = factories.OrganisationFactory()
    user = factories.UserFactory(role="partner", organisation=org)
    client.force_login(user)
    response = client.post(
        reverse("projects:create", args=[goal.plan.district.code]),
        {
            "title": "Niet van ons",
            "lead": factories.PersonFactory().pk,
            "goals": [goal.pk],
            "domain": "social",
            "start_date": "2025-01-01",
            "end_date": "2026-01-01",
            "status": "planned",
            "continuation": "",
        },
    )
    assert response.status_code == 200
    assert "partners" in response.context["form"].errors


def test_english_is_available(client, district):
    response = client.get(district.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
