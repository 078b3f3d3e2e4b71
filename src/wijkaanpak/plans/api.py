"""API for action plans, their goals and commitments, and the plan history.

Reads are public (a plan is the district's charter). Writes go through ``plans.services``;
who may write is asked of ``accounts.permissions``.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.permissions import SAFE_METHODS

from wijkaanpak.accounts.permissions import (
    can_create_commitment,
    can_edit_plan,
    can_manage_district,
)
from wijkaanpak.api.errors import ServiceErrorsMixin
from wijkaanpak.api.fields import AreaCodeField
from wijkaanpak.api.filters import (
    choice_filter,
    code_filter,
    code_param,
    int_filter,
    int_param,
    text_param,
)
from wijkaanpak.api.permissions import (
    EditCommitment,
    EditGoal,
    EditPlan,
    PublicReadSignedInWrite,
    StaffMembersOnly,
    deny_unless,
)
from wijkaanpak.core.serializers import ModelSerializer
from wijkaanpak.plans import services
from wijkaanpak.plans.models import ActionPlan, Commitment, Goal, PlanChange, PlanStatus

# --- serializers: shapes only; the rules live in the services ---------------------------


class PlanSerializer(ModelSerializer):
    district = AreaCodeField(help_text="CBS code of the district, e.g. WK034401.")

    class Meta:
        model = ActionPlan
        fields = [
            "id",
            "district",
            "title",
            "vision",
            "priorities",
            "start_year",
            "end_year",
            "status",
            "created_at",
            "updated_at",
        ]


class PlanEditSerializer(PlanSerializer):
    """A plan stays in its district."""

    district = AreaCodeField(read_only=True)


class GoalSerializer(ModelSerializer):
    area = AreaCodeField(
        required=False,
        allow_null=True,
        help_text="CBS code of the plan's district or one of its neighbourhoods; empty: the whole district.",
    )

    class Meta:
        model = Goal
        fields = [
            "id",
            "plan",
            "title",
            "description",
            "indicator",
            "area",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "owner",
        ]


class GoalEditSerializer(GoalSerializer):
    """A goal stays in its plan."""

    class Meta(GoalSerializer.Meta):
        read_only_fields = ["plan"]


class CommitmentSerializer(ModelSerializer):
    class Meta:
        model = Commitment
        fields = [
            "id",
            "plan",
            "partner",
            "goal",
            "contribution",
            "amount",
            "hours_per_year",
            "signed_on",
            "signed_by",
        ]


class CommitmentEditSerializer(CommitmentSerializer):
    """A commitment stays in its plan."""

    class Meta(CommitmentSerializer.Meta):
        read_only_fields = ["plan"]


class PlanChangeSerializer(ModelSerializer):
    changed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = PlanChange
        fields = [
            "id",
            "changed_at",
            "changed_by",
            "action",
            "object_type",
            "object_id",
            "object_label",
            "changes",
            "labels",
        ]
        read_only_fields = fields


def _edit_or_read(view, read, edit):
    return read if view.request.method in SAFE_METHODS else edit


# --- plans ----------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        parameters=[
            code_filter("district", "CBS code of the district."),
            choice_filter("status", PlanStatus.choices, "Only plans with this status."),
        ]
    )
)
class PlanListView(ServiceErrorsMixin, generics.ListCreateAPIView):
    """Action plans (public). Create: an admin or the manager of the district."""

    permission_classes = [PublicReadSignedInWrite]
    serializer_class = PlanSerializer

    def get_queryset(self):
        plans = ActionPlan.objects.select_related("district")
        if district := code_param(self.request, "district"):
            plans = plans.filter(district__code=district)
        if status := text_param(self.request, "status"):
            plans = plans.filter(status=status)
        return plans

    def perform_create(self, serializer):
        data = serializer.validated_data
        deny_unless(self, can_manage_district(self.request.user, data["district"]))
        serializer.instance = services.plan_create(by=self.request.user, **data)


class PlanDetailView(ServiceErrorsMixin, generics.RetrieveUpdateAPIView):
    """One action plan (public). Update: ``can_edit_plan``."""

    permission_classes = [EditPlan]
    queryset = ActionPlan.objects.select_related("district")

    def get_serializer_class(self):
        return _edit_or_read(self, PlanSerializer, PlanEditSerializer)

    def perform_update(self, serializer):
        serializer.instance = services.plan_update(
            plan=serializer.instance, by=self.request.user, **serializer.validated_data
        )


class PlanHistoryView(generics.ListAPIView):
    """Who changed what in a plan, its goals and commitments, and when (signed-in staff only)."""

    permission_classes = [StaffMembersOnly]
    serializer_class = PlanChangeSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PlanChange.objects.none()
        plan = get_object_or_404(ActionPlan, pk=self.kwargs["pk"])
        return plan.changes.select_related("changed_by")


# --- goals ----------------------------------------------------------------------------------


@extend_schema_view(get=extend_schema(parameters=[int_filter("plan", "Only goals of this plan.")]))
class GoalListView(ServiceErrorsMixin, generics.ListCreateAPIView):
    """Goals of action plans (public). Create: whoever may edit the plan."""

    permission_classes = [PublicReadSignedInWrite]
    serializer_class = GoalSerializer

    def get_queryset(self):
        goals = Goal.objects.select_related("area")
        if (plan := int_param(self.request, "plan")) is not None:
            goals = goals.filter(plan_id=plan)
        return goals

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        plan = data.pop("plan")
        deny_unless(self, can_edit_plan(self.request.user, plan))
        serializer.instance = services.goal_create(plan=plan, by=self.request.user, **data)


class GoalDetailView(ServiceErrorsMixin, generics.RetrieveUpdateDestroyAPIView):
    """One goal (public). Update and delete: whoever may edit the plan."""

    permission_classes = [EditGoal]
    queryset = Goal.objects.select_related("area", "plan__district")

    def get_serializer_class(self):
        return _edit_or_read(self, GoalSerializer, GoalEditSerializer)

    def perform_update(self, serializer):
        serializer.instance = services.goal_update(
            goal=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.goal_delete(goal=instance, by=self.request.user)


# --- commitments ----------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        parameters=[
            int_filter("plan", "Only commitments in this plan."),
            int_filter("partner", "Only commitments of this organisation."),
        ]
    )
)
class CommitmentListView(ServiceErrorsMixin, generics.ListCreateAPIView):
    """Commitments of partners (public). Create: a plan editor, or the partner itself."""

    permission_classes = [PublicReadSignedInWrite]
    serializer_class = CommitmentSerializer

    def get_queryset(self):
        commitments = Commitment.objects.all()
        if (plan := int_param(self.request, "plan")) is not None:
            commitments = commitments.filter(plan_id=plan)
        if (partner := int_param(self.request, "partner")) is not None:
            commitments = commitments.filter(partner_id=partner)
        return commitments

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        plan = data.pop("plan")
        deny_unless(self, can_create_commitment(self.request.user, plan, data["partner"].id))
        serializer.instance = services.commitment_create(plan=plan, by=self.request.user, **data)


class CommitmentDetailView(ServiceErrorsMixin, generics.RetrieveUpdateDestroyAPIView):
    """One commitment (public). Update and delete: a plan editor, or the partner itself."""

    permission_classes = [EditCommitment]
    queryset = Commitment.objects.select_related("plan__district")

    def get_serializer_class(self):
        return _edit_or_read(self, CommitmentSerializer, CommitmentEditSerializer)

    def perform_update(self, serializer):
        commitment, data = serializer.instance, serializer.validated_data
        if "partner" in data:
            # Handing the commitment to another partner needs the right to commit for that one.
            deny_unless(
                self, can_create_commitment(self.request.user, commitment.plan, data["partner"].id)
            )
        serializer.instance = services.commitment_update(
            commitment=commitment, by=self.request.user, **data
        )

    def perform_destroy(self, instance):
        services.commitment_delete(commitment=instance, by=self.request.user)
