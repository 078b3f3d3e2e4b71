"""E22: the plan history reads in words: field labels and names, not columns and ids."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from tests import factories
from wijkaanpak.plans import services
from wijkaanpak.plans.models import PlanChange


@pytest.fixture
def indicator(db):
    return factories.IndicatorFactory(
        name_nl="Bijstandsuitkeringen per 1.000 inwoners",
        name_en="Social assistance benefits per 1,000 inhabitants",
    )


@pytest.fixture
def owner(db):
    return factories.OrganisationFactory(name="Gemeente Utrecht")


def new_goal(plan, manager, indicator, owner):
    return services.goal_create(
        plan=plan,
        by=manager,
        title="Minder bewoners in de bijstand",
        description="",
        indicator=indicator,
        area=None,
        baseline_value=Decimal("76.8"),
        baseline_year=2023,
        target_value=Decimal("60"),
        target_year=2030,
        owner=owner,
    )


def history(client, user, plan, language="nl") -> str:
    client.force_login(user)
    url = reverse("plans:history", args=[plan.pk])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_history_names_indicator_and_owner(client, plan, manager, indicator, owner):
    goal = new_goal(plan, manager, indicator, owner)
    html = history(client, manager, plan)
    assert "<strong>Indicator</strong>: – → Bijstandsuitkeringen per 1.000 inwoners" in html
    assert "<strong>Eigenaar</strong>: – → Gemeente Utrecht" in html
    assert "Doel aangemaakt: Minder bewoners in de bijstand" in html
    assert f"→ {indicator.pk}<" not in html and "<strong>indicator</strong>" not in html
    change = PlanChange.objects.get(object_type="goal")
    assert change.labels["owner"] == [None, "Gemeente Utrecht"]
    assert change.changes["owner"] == [None, owner.pk]  # the ids stay for machines (API)
    assert goal.pk == change.object_id


def test_history_keeps_the_name_at_the_time_of_the_change(client, plan, manager, indicator, owner):
    goal = new_goal(plan, manager, indicator, owner)
    other = factories.OrganisationFactory(name="Mitros")
    services.goal_update(goal=goal, by=manager, owner=other)
    owner.name = "Gemeente Utrecht (nieuwe naam)"
    owner.save()
    html = history(client, manager, plan)
    assert "<strong>Eigenaar</strong>: Gemeente Utrecht → Mitros" in html
    assert "Doel gewijzigd" in html


def test_choices_and_labels_in_english(client, district, manager):
    plan = services.plan_create(
        by=manager,
        district=district,
        title="Plan",
        vision="Visie",
        priorities="",
        start_year=2024,
        end_year=2028,
        status="draft",
        is_demo=False,
    )
    services.plan_update(plan=plan, by=manager, status="adopted")
    html = history(client, manager, plan)
    assert "<strong>Status</strong>: concept → vastgesteld" in html
    html = history(client, manager, plan, "en")
    assert "<strong>Status</strong>: draft → adopted" in html
    assert "<strong>Wijk</strong>" not in html and "<strong>District</strong>: – → " in html


def test_older_rows_without_names_are_named_as_well_as_possible(
    client, plan, manager, indicator, owner
):
    gone = factories.OrganisationFactory(name="Opgeheven")
    gone_id = gone.pk
    gone.delete()
    PlanChange.objects.create(
        plan=plan,
        action="created",
        object_type="goal",
        object_id=1,
        object_label="Oud doel",
        changes={"indicator": [None, indicator.pk], "owner": [gone_id, owner.pk]},
    )
    html = history(client, manager, plan)
    assert "<strong>Indicator</strong>: – → Bijstandsuitkeringen per 1.000 inwoners" in html
    assert f"<strong>Eigenaar</strong>: #{gone_id} → Gemeente Utrecht" in html


def test_api_gives_the_names_too(plan, manager, indicator, owner):
    from rest_framework.test import APIClient

    new_goal(plan, manager, indicator, owner)
    api = APIClient()
    api.force_authenticate(manager)
    response = api.get(reverse("v1:plan-history", args=[plan.pk]))
    assert response.status_code == 200, response.content
    rows = response.json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert rows[0]["labels"]["indicator"] == [None, "Bijstandsuitkeringen per 1.000 inwoners"]
