from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from wijkaanpak.plans import services
from wijkaanpak.plans.models import ActionPlan, Goal, PlanChange


def goal_data(**overrides):
    data = {
        "title": "Meer bewoners bewegen genoeg",
        "description": "",
        "indicator": factories.IndicatorFactory(),
        "area": None,
        "baseline_value": Decimal("54"),
        "baseline_year": 2006,
        "target_value": Decimal("65"),
        "target_year": 2010,
        "owner": factories.OrganisationFactory(),
    }
    data.update(overrides)
    return data


def test_plan_create_records_history(district, manager):
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
    change = PlanChange.objects.get(plan=plan)
    assert (change.action, change.object_type, change.changed_by) == ("created", "plan", manager)
    assert change.changes["title"] == [None, "Plan"]


def test_plan_must_belong_to_a_district(municipality, manager):
    with pytest.raises(ValidationError) as exc:
        services.plan_create(
            by=manager, district=municipality, title="P", vision="V", start_year=2024, end_year=2028
        )
    assert "district" in exc.value.message_dict
    assert not ActionPlan.objects.exists()


def test_plan_end_before_start_is_refused(district, manager):
    with pytest.raises(ValidationError) as exc:
        services.plan_create(
            by=manager, district=district, title="P", vision="V", start_year=2028, end_year=2024
        )
    assert list(exc.value.message_dict) == ["end_year"]


def test_goal_target_year_before_baseline_year_names_the_field_and_stores_nothing(plan, manager):
    with pytest.raises(ValidationError) as exc:
        services.goal_create(
            plan=plan, by=manager, **goal_data(baseline_year=2020, target_year=2018)
        )
    assert exc.value.message_dict == {
        "target_year": ["Het doeljaar moet na het jaar van de nulmeting liggen."]
    }
    assert not Goal.objects.exists()
    assert not PlanChange.objects.filter(object_type="goal").exists()


def test_goal_area_must_lie_in_the_plan_district(plan, other_district, manager):
    with pytest.raises(ValidationError) as exc:
        services.goal_create(plan=plan, by=manager, **goal_data(area=other_district))
    assert "area" in exc.value.message_dict


def test_goal_may_be_measured_in_a_neighbourhood_of_the_district(plan, manager):
    neighbourhood = factories.AreaFactory(neighbourhood=True, parent=plan.district)
    goal = services.goal_create(plan=plan, by=manager, **goal_data(area=neighbourhood))
    assert goal.measured_area == neighbourhood


def test_goal_update_keeps_old_and_new_value(goal, manager):
    services.goal_update(goal=goal, by=manager, target_value=Decimal("70"))
    change = PlanChange.objects.get(object_type="goal", action="updated")
    assert change.changes == {"target_value": ["65.000", "70"]}
    assert change.changed_by == manager


def test_goal_update_without_change_writes_no_history(goal, manager):
    services.goal_update(goal=goal, by=manager, title=goal.title)
    assert not PlanChange.objects.filter(action="updated").exists()


def test_goal_delete_is_kept_in_history(goal, manager):
    plan = goal.plan
    services.goal_delete(goal=goal, by=manager)
    change = PlanChange.objects.get(plan=plan, action="deleted")
    assert change.object_label == goal.title
    assert change.changes["title"] == [goal.title, None]


def test_commitment_negative_amount_and_foreign_goal(plan, manager):
    foreign_goal = factories.GoalFactory()
    with pytest.raises(ValidationError) as exc:
        services.commitment_create(
            plan=plan,
            by=manager,
            partner=factories.OrganisationFactory(),
            goal=foreign_goal,
            contribution="Geld",
            amount=Decimal("-5"),
        )
    assert set(exc.value.message_dict) == {"amount", "goal"}


def test_commitment_signer_must_work_for_the_partner(plan, manager):
    partner = factories.OrganisationFactory()
    stranger = factories.PersonFactory()
    with pytest.raises(ValidationError) as exc:
        services.commitment_create(
            plan=plan, by=manager, partner=partner, contribution="x", signed_by=stranger
        )
    assert "signed_by" in exc.value.message_dict


def test_unknown_field_is_a_programming_error(plan, manager):
    with pytest.raises(TypeError):
        services.plan_update(plan=plan, by=manager, colour="red")
