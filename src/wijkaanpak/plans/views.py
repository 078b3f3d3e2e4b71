from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkaanpak.accounts.permissions import (
    can_choose_commitment_partner,
    can_commit_to_plan,
    can_create_commitment,
    can_edit_commitment,
    can_edit_plan,
    can_manage_district,
    is_staff_member,
    organisation_id_of,
)
from wijkaanpak.areas.models import Area, AreaKind
from wijkaanpak.core.views import require, run_service
from wijkaanpak.partners.models import Organisation
from wijkaanpak.plans import services
from wijkaanpak.plans.forms import CommitmentForm, GoalForm, PlanForm
from wijkaanpak.plans.models import ActionPlan, Commitment, Goal


@require_GET
def plan_detail(request, pk: int):
    """Public: an action plan is a public document (the charter of a district)."""
    from wijkaanpak.monitor import selectors as monitor

    plan = get_object_or_404(ActionPlan.objects.select_related("district"), pk=pk)
    goals = list(
        plan.goals.select_related("indicator", "owner", "area").prefetch_related("projects")
    )
    for goal in goals:
        goal.plan = plan  # the monitor reads goal.plan.district
    # The monitor's traffic light per goal, and the plan's summary.
    statuses = monitor.goals_progress(goals).get(plan.id, [])
    for status in statuses:
        status.goal.monitor = status
    commitments = list(plan.commitments.select_related("partner", "goal", "signed_by"))
    for commitment in commitments:
        commitment.plan = plan  # the permission reads commitment.plan.district
        commitment.editable = can_edit_commitment(request.user, commitment)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "goals": goals,
            "progress": monitor.plan_summary(plan, statuses) if statuses else None,
            "commitments": commitments,
            "can_edit": can_edit_plan(request.user, plan),
            "can_commit": can_commit_to_plan(request.user, plan),
        },
    )


@login_required
@require_GET
def plan_history(request, pk: int):
    """Who changed what, when: for the people who work on plans, not for the public."""
    plan = get_object_or_404(ActionPlan, pk=pk)
    require(is_staff_member(request.user))
    from wijkaanpak.plans.selectors import history_rows

    rows = history_rows(plan.changes.select_related("changed_by"))
    return render(request, "plans/plan_history.html", {"plan": plan, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, code: str):
    district = get_object_or_404(Area, code=code.upper(), kind=AreaKind.DISTRICT)
    require(can_manage_district(request.user, district))
    form = PlanForm(request.POST or None)
    if request.method == "POST":
        plan = run_service(
            form, lambda data: services.plan_create(by=request.user, district=district, **data)
        )
        if plan:
            messages.success(request, _("Het wijkactieplan is gemaakt."))
            return redirect("plans:detail", pk=plan.pk)
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Nieuw wijkactieplan voor %s") % district.name,
            "back": district.get_absolute_url(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk: int):
    plan = get_object_or_404(ActionPlan.objects.select_related("district"), pk=pk)
    require(can_edit_plan(request.user, plan))
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST":
        if run_service(form, lambda data: services.plan_update(plan=plan, by=request.user, **data)):
            messages.success(request, _("Het plan is bijgewerkt."))
            return redirect("plans:detail", pk=plan.pk)
    return render(
        request, "core/form.html", {"form": form, "title": _("Plan bewerken: %s") % plan.title}
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request, pk: int):
    plan = get_object_or_404(ActionPlan.objects.select_related("district"), pk=pk)
    require(can_edit_plan(request.user, plan))
    form = GoalForm(request.POST or None, plan=plan)
    if request.method == "POST":
        goal = run_service(
            form, lambda data: services.goal_create(plan=plan, by=request.user, **data)
        )
        if goal:
            messages.success(request, _("Het doel is toegevoegd."))
            return redirect("plans:detail", pk=plan.pk)
    return render(
        request, "core/form.html", {"form": form, "title": _("Nieuw doel voor %s") % plan.title}
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk: int):
    goal = get_object_or_404(Goal.objects.select_related("plan__district"), pk=pk)
    require(can_edit_plan(request.user, goal.plan))
    form = GoalForm(request.POST or None, instance=goal, plan=goal.plan)
    if request.method == "POST":
        if run_service(form, lambda data: services.goal_update(goal=goal, by=request.user, **data)):
            messages.success(request, _("Het doel is bijgewerkt."))
            return redirect("plans:detail", pk=goal.plan_id)
    return render(
        request, "core/form.html", {"form": form, "title": _("Doel bewerken: %s") % goal.title}
    )


@login_required
@require_POST
def goal_delete(request, pk: int):
    goal = get_object_or_404(Goal.objects.select_related("plan__district"), pk=pk)
    require(can_edit_plan(request.user, goal.plan))
    plan_id = goal.plan_id
    services.goal_delete(goal=goal, by=request.user)
    messages.success(request, _("Het doel is verwijderd."))
    return redirect("plans:detail", pk=plan_id)


@login_required
@require_http_methods(["GET", "POST"])
def commitment_create(request, pk: int):
    plan = get_object_or_404(ActionPlan.objects.select_related("district"), pk=pk)
    require(can_commit_to_plan(request.user, plan))
    locked = (
        None
        if can_choose_commitment_partner(request.user, plan)
        else get_object_or_404(Organisation, pk=organisation_id_of(request.user))
    )
    form = CommitmentForm(request.POST or None, plan=plan, partner_locked=locked)
    if request.method == "POST":

        def save(data):
            require(can_create_commitment(request.user, plan, data["partner"].id))
            return services.commitment_create(plan=plan, by=request.user, **data)

        if run_service(form, save):
            messages.success(request, _("De afspraak is vastgelegd."))
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "core/form.html", {"form": form, "title": _("Nieuwe prestatieafspraak")})


@login_required
@require_http_methods(["GET", "POST"])
def commitment_edit(request, pk: int):
    commitment = get_object_or_404(
        Commitment.objects.select_related("plan__district", "partner"), pk=pk
    )
    require(can_edit_commitment(request.user, commitment))
    locked = (
        None if can_choose_commitment_partner(request.user, commitment.plan) else commitment.partner
    )
    form = CommitmentForm(
        request.POST or None, instance=commitment, plan=commitment.plan, partner_locked=locked
    )
    if request.method == "POST":
        if run_service(
            form,
            lambda data: services.commitment_update(commitment=commitment, by=request.user, **data),
        ):
            messages.success(request, _("De afspraak is bijgewerkt."))
            return redirect("plans:detail", pk=commitment.plan_id)
    return render(
        request, "core/form.html", {"form": form, "title": _("Prestatieafspraak bewerken")}
    )
