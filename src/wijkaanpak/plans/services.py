"""The one write path for action plans, goals and commitments. Every change is kept in history."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from wijkaanpak.areas.models import AreaKind
from wijkaanpak.core.services import apply_fields, changed, clean_or_raise, snapshot
from wijkaanpak.plans.models import ActionPlan, Commitment, Goal, PlanChange

PLAN_FIELDS = (
    "district",
    "title",
    "vision",
    "priorities",
    "start_year",
    "end_year",
    "status",
    "is_demo",
)
GOAL_FIELDS = (
    "title",
    "description",
    "indicator",
    "area",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "owner",
)
COMMITMENT_FIELDS = (
    "partner",
    "goal",
    "contribution",
    "amount",
    "hours_per_year",
    "signed_on",
    "signed_by",
)


def reference_name(obj) -> str | None:
    """How the history names a referenced object: an indicator by its (Dutch) name, a goal by
    its title, an organisation or area by its name."""
    if obj is None:
        return None
    for attr in ("name_nl", "title", "name"):
        if value := getattr(obj, attr, None):
            return str(value)[:200]
    return str(obj)[:200]


def names(instance, fields) -> dict[str, str | None]:
    """The names of the objects that ``instance``'s foreign keys among ``fields`` point to."""
    out = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.is_relation and field.many_to_one:
            out[name] = reference_name(getattr(instance, name))
    return out


def _record(
    plan: ActionPlan,
    by,
    action: str,
    obj,
    object_type: str,
    changes: dict,
    before_names: dict | None = None,
    after_names: dict | None = None,
) -> None:
    before_names, after_names = before_names or {}, after_names or {}
    labels = {
        field: [before_names.get(field), after_names.get(field)]
        for field in changes
        if field in before_names or field in after_names
    }
    PlanChange.objects.create(
        plan=plan,
        changed_by=by if getattr(by, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=obj.pk,
        object_label=str(obj)[:200],
        changes=changes,
        labels=labels,
    )


def _plan_rules(plan: ActionPlan) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if plan.district_id and plan.district.kind != AreaKind.DISTRICT:
        errors["district"] = [
            _("Een wijkactieplan hoort bij een wijk, niet bij een %(kind)s.")
            % {"kind": plan.district.get_kind_display()}
        ]
    if plan.start_year and plan.end_year and plan.end_year < plan.start_year:
        errors["end_year"] = [_("Het eindjaar mag niet vóór het beginjaar liggen.")]
    return errors


def _goal_rules(goal: Goal) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if goal.baseline_year and goal.target_year and goal.target_year <= goal.baseline_year:
        errors["target_year"] = [_("Het doeljaar moet na het jaar van de nulmeting liggen.")]
    if goal.area_id and goal.plan_id:
        area, district = goal.area, goal.plan.district
        if area.id != district.id and area.parent_id != district.id:
            errors["area"] = [_("Kies de wijk van het plan of een buurt in die wijk.")]
    return errors


def _commitment_rules(commitment: Commitment) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if commitment.goal_id and commitment.goal.plan_id != commitment.plan_id:
        errors["goal"] = [_("Dit doel hoort bij een ander plan.")]
    if commitment.amount is not None and commitment.amount < 0:
        errors["amount"] = [_("Een bedrag kan niet negatief zijn.")]
    if (
        commitment.signed_by_id
        and commitment.partner_id
        and commitment.signed_by.organisation_id != commitment.partner_id
    ):
        errors["signed_by"] = [_("De ondertekenaar werkt niet bij deze partner.")]
    return errors


@transaction.atomic(durable=True)
def plan_create(*, by, **data: Any) -> ActionPlan:
    plan = ActionPlan()
    apply_fields(plan, data, PLAN_FIELDS)
    clean_or_raise(plan, _plan_rules(plan))
    plan.save()
    _record(
        plan,
        by,
        "created",
        plan,
        "plan",
        changed({}, snapshot(plan, PLAN_FIELDS)),
        after_names=names(plan, PLAN_FIELDS),
    )
    return plan


@transaction.atomic(durable=True)
def plan_update(*, plan: ActionPlan, by, **data: Any) -> ActionPlan:
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    before, before_names = snapshot(plan, PLAN_FIELDS), names(plan, PLAN_FIELDS)
    apply_fields(plan, data, PLAN_FIELDS)
    clean_or_raise(plan, _plan_rules(plan))
    diff = changed(before, snapshot(plan, PLAN_FIELDS))
    if diff:
        plan.save()
        _record(plan, by, "updated", plan, "plan", diff, before_names, names(plan, PLAN_FIELDS))
    return plan


@transaction.atomic(durable=True)
def goal_create(*, plan: ActionPlan, by, **data: Any) -> Goal:
    goal = Goal(plan=plan)
    apply_fields(goal, data, GOAL_FIELDS)
    clean_or_raise(goal, _goal_rules(goal))
    goal.save()
    _record(
        plan,
        by,
        "created",
        goal,
        "goal",
        changed({}, snapshot(goal, GOAL_FIELDS)),
        after_names=names(goal, GOAL_FIELDS),
    )
    return goal


@transaction.atomic(durable=True)
def goal_update(*, goal: Goal, by, **data: Any) -> Goal:
    goal = Goal.objects.select_for_update().select_related("plan__district").get(pk=goal.pk)
    before, before_names = snapshot(goal, GOAL_FIELDS), names(goal, GOAL_FIELDS)
    apply_fields(goal, data, GOAL_FIELDS)
    clean_or_raise(goal, _goal_rules(goal))
    diff = changed(before, snapshot(goal, GOAL_FIELDS))
    if diff:
        goal.save()
        after_names = names(goal, GOAL_FIELDS)
        _record(goal.plan, by, "updated", goal, "goal", diff, before_names, after_names)
    return goal


@transaction.atomic(durable=True)
def goal_delete(*, goal: Goal, by) -> None:
    _record(
        goal.plan,
        by,
        "deleted",
        goal,
        "goal",
        changed(snapshot(goal, GOAL_FIELDS), {}),
        before_names=names(goal, GOAL_FIELDS),
    )
    goal.delete()


@transaction.atomic(durable=True)
def commitment_create(*, plan: ActionPlan, by, **data: Any) -> Commitment:
    commitment = Commitment(plan=plan)
    apply_fields(commitment, data, COMMITMENT_FIELDS)
    clean_or_raise(commitment, _commitment_rules(commitment))
    commitment.save()
    _record(
        plan,
        by,
        "created",
        commitment,
        "commitment",
        changed({}, snapshot(commitment, COMMITMENT_FIELDS)),
        after_names=names(commitment, COMMITMENT_FIELDS),
    )
    return commitment


@transaction.atomic(durable=True)
def commitment_update(*, commitment: Commitment, by, **data: Any) -> Commitment:
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    before = snapshot(commitment, COMMITMENT_FIELDS)
    before_names = names(commitment, COMMITMENT_FIELDS)
    apply_fields(commitment, data, COMMITMENT_FIELDS)
    clean_or_raise(commitment, _commitment_rules(commitment))
    diff = changed(before, snapshot(commitment, COMMITMENT_FIELDS))
    if diff:
        commitment.save()
        after_names = names(commitment, COMMITMENT_FIELDS)
        _record(
            commitment.plan,
            by,
            "updated",
            commitment,
            "commitment",
            diff,
            before_names,
            after_names,
        )
    return commitment


@transaction.atomic(durable=True)
def commitment_delete(*, commitment: Commitment, by) -> None:
    _record(
        commitment.plan,
        by,
        "deleted",
        commitment,
        "commitment",
        changed(snapshot(commitment, COMMITMENT_FIELDS), {}),
        before_names=names(commitment, COMMITMENT_FIELDS),
    )
    commitment.delete()
