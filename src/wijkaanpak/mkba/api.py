"""API for social cost-benefit analyses (MKBA): analyses, their cash flows and their results.

Reads are public (an analysis is part of the public account). Writes go through
``mkba.services``; who may write is asked of ``accounts.permissions``. Amounts are euros in
constant prices of the base year, always non-negative: ``kind`` says cost or benefit. The
discount rate is a fraction (``0.0225`` = 2.25 % a year).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkaanpak.accounts.permissions import can_create_analysis, can_edit_analysis
from wijkaanpak.api.errors import ServiceErrorsMixin
from wijkaanpak.api.filters import int_filter, int_param
from wijkaanpak.api.permissions import PublicReadSignedInWrite, deny_unless
from wijkaanpak.core.serializers import ModelSerializer
from wijkaanpak.mkba import selectors, services
from wijkaanpak.mkba.models import Analysis, CashFlow, Stakeholder

# --- permissions ------------------------------------------------------------------------------


class EditAnalysis(PublicReadSignedInWrite):
    """Anyone reads; a write needs ``can_edit_analysis`` (object: an analysis or a cash flow)."""

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        analysis = obj.analysis if isinstance(obj, CashFlow) else obj
        return can_edit_analysis(request.user, analysis)


# --- serializers: shapes only; the rules live in the services ---------------------------


class StakeholderSerializer(ModelSerializer):
    """A party; ``organisation`` is the partner organisation with the same name, if any."""

    class Meta:
        model = Stakeholder
        fields = ["name", "organisation"]
        read_only_fields = fields


class AnalysisSerializer(ModelSerializer):
    discount_rate = serializers.DecimalField(
        max_digits=8,
        decimal_places=6,
        required=False,
        help_text="Fractie per jaar; leeg: de standaard 0.0225 (2,25%, sinds 2021).",
    )
    end_year = serializers.IntegerField(read_only=True, help_text="Laatste jaar van de looptijd.")
    stakeholders = StakeholderSerializer(many=True, read_only=True)

    class Meta:
        model = Analysis
        fields = [
            "id",
            "project",
            "title",
            "description",
            "base_year",
            "horizon",
            "end_year",
            "discount_rate",
            "mc_seed",
            "mc_runs",
            "mc_distribution",
            "stakeholders",
            "is_demo",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["is_demo", "created_at", "updated_at"]


class StakeholderNameField(serializers.CharField):
    """The party as a name (``"bewoners"``); a new name makes a new party in the analysis."""

    def to_representation(self, value):
        return value.name


class CashFlowSerializer(ModelSerializer):
    stakeholder = StakeholderNameField(max_length=200, help_text="Naam van de partij.")
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    low = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    high = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )

    class Meta:
        model = CashFlow
        fields = [
            "id",
            "analysis",
            "stakeholder",
            "year",
            "kind",
            "amount",
            "low",
            "high",
            "description",
        ]
        read_only_fields = ["analysis"]


class TotalsSerializer(serializers.Serializer):
    pv_costs = serializers.FloatField(help_text="Contante waarde van de kosten (euro).")
    pv_benefits = serializers.FloatField(help_text="Contante waarde van de baten (euro).")
    npv = serializers.FloatField(help_text="Netto contante waarde: baten min kosten (euro).")
    bcr = serializers.FloatField(allow_null=True, help_text="Baten gedeeld door kosten.")
    payback_year = serializers.IntegerField(allow_null=True)
    has_inverdieneffect = serializers.BooleanField()


class BalanceSerializer(serializers.Serializer):
    stakeholder = serializers.CharField()
    pv_costs = serializers.FloatField()
    pv_benefits = serializers.FloatField()
    net = serializers.FloatField()
    role = serializers.ChoiceField(choices=["net_payer", "net_beneficiary", "neutral"])


class YearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    costs = serializers.FloatField()
    benefits = serializers.FloatField()
    discount_factor = serializers.FloatField()
    pv_costs = serializers.FloatField()
    pv_benefits = serializers.FloatField()
    pv_net = serializers.FloatField()
    cumulative_pv_net = serializers.FloatField()


class ScenarioSerializer(serializers.Serializer):
    pv_costs = serializers.FloatField()
    pv_benefits = serializers.FloatField()
    npv = serializers.FloatField()
    bcr = serializers.FloatField(allow_null=True)


class SensitivitySerializer(serializers.Serializer):
    pessimistic = ScenarioSerializer(help_text="Kosten op hun hoogste, baten op hun laagste.")
    central = ScenarioSerializer()
    optimistic = ScenarioSerializer(help_text="Kosten op hun laagste, baten op hun hoogste.")


class MonteCarloSerializer(serializers.Serializer):
    runs = serializers.IntegerField()
    seed = serializers.IntegerField()
    distribution = serializers.CharField()
    mean = serializers.FloatField()
    p5 = serializers.FloatField()
    p50 = serializers.FloatField()
    p95 = serializers.FloatField()
    probability_positive = serializers.FloatField(help_text="Deel van de runs (0..1) met NCW > 0.")


class ResultSerializer(serializers.Serializer):
    analysis = serializers.IntegerField()
    discount_rate = serializers.FloatField()
    base_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    explanation = serializers.ListField(
        child=serializers.CharField(), help_text="Korte zinnen in eenvoudig Nederlands."
    )
    totals = TotalsSerializer()
    stakeholders = BalanceSerializer(many=True, help_text="Wie betaalt, wie heeft voordeel.")
    years = YearSerializer(many=True)
    sensitivity = SensitivitySerializer()
    monte_carlo = MonteCarloSerializer(allow_null=True)


def _result_data(rep: selectors.Report) -> dict:
    r = rep.result
    assert r is not None and rep.sensitivity is not None
    mc = rep.monte_carlo

    def scenario(sc):
        return {
            "pv_costs": sc.pv_costs,
            "pv_benefits": sc.pv_benefits,
            "npv": sc.npv,
            "bcr": sc.bcr,
        }

    return {
        "analysis": rep.analysis.pk,
        "discount_rate": float(rep.analysis.discount_rate),
        "base_year": rep.analysis.base_year,
        "end_year": rep.analysis.end_year,
        "explanation": list(rep.explanation),
        "totals": {
            "pv_costs": r.pv_costs,
            "pv_benefits": r.pv_benefits,
            "npv": r.npv,
            "bcr": r.bcr,
            "payback_year": r.payback_year,
            "has_inverdieneffect": r.has_inverdieneffect,
        },
        "stakeholders": [
            {
                "stakeholder": s.stakeholder,
                "pv_costs": s.pv_costs,
                "pv_benefits": s.pv_benefits,
                "net": s.net,
                "role": s.role,
            }
            for s in r.stakeholders
        ],
        "years": [
            {
                "year": y.year,
                "costs": y.costs,
                "benefits": y.benefits,
                "discount_factor": y.discount_factor,
                "pv_costs": y.pv_costs,
                "pv_benefits": y.pv_benefits,
                "pv_net": y.pv_net,
                "cumulative_pv_net": y.cumulative_pv_net,
            }
            for y in r.years
        ],
        "sensitivity": {
            "pessimistic": scenario(rep.sensitivity.pessimistic),
            "central": scenario(rep.sensitivity.central),
            "optimistic": scenario(rep.sensitivity.optimistic),
        },
        "monte_carlo": None
        if mc is None
        else {
            "runs": mc.runs,
            "seed": mc.seed,
            "distribution": mc.distribution.value,
            "mean": mc.mean,
            "p5": mc.p5,
            "p50": mc.p50,
            "p95": mc.p95,
            "probability_positive": mc.probability_positive,
        },
    }


# --- analyses --------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(parameters=[int_filter("project", "Alleen MKBA's van dit project (id).")])
)
class AnalysisListView(ServiceErrorsMixin, generics.ListCreateAPIView):
    """Social cost-benefit analyses (public). Create: an admin, or whoever may edit the project."""

    permission_classes = [PublicReadSignedInWrite]
    serializer_class = AnalysisSerializer

    def get_queryset(self):
        analyses = Analysis.objects.prefetch_related("stakeholders").order_by("title", "id")
        if (project := int_param(self.request, "project")) is not None:
            analyses = analyses.filter(project_id=project)
        return analyses

    def perform_create(self, serializer):
        data = serializer.validated_data
        deny_unless(self, can_create_analysis(self.request.user, data.get("project")))
        serializer.instance = services.analysis_create(by=self.request.user, **data)


class AnalysisDetailView(ServiceErrorsMixin, generics.RetrieveUpdateDestroyAPIView):
    """One analysis (public). Update and delete: ``can_edit_analysis``."""

    permission_classes = [EditAnalysis]
    serializer_class = AnalysisSerializer
    queryset = Analysis.objects.select_related("project__district").prefetch_related("stakeholders")

    def perform_update(self, serializer):
        data = serializer.validated_data
        if "project" in data and data["project"] != serializer.instance.project:
            # Moving the analysis to another project needs the right on that project too.
            deny_unless(self, can_create_analysis(self.request.user, data["project"]))
        serializer.instance = services.analysis_update(
            analysis=serializer.instance, by=self.request.user, **data
        )

    def perform_destroy(self, instance):
        services.analysis_delete(analysis=instance, by=self.request.user)


class AnalysisResultView(APIView):
    """The computed result: totals, who pays / who benefits, per year, sensitivity (public)."""

    permission_classes = [PublicReadSignedInWrite]

    @extend_schema(responses=ResultSerializer)
    def get(self, request, pk: int):
        rep = selectors.report(get_object_or_404(Analysis, pk=pk))
        if rep.result is None:
            return Response({"detail": rep.problem}, status=409)
        return Response(ResultSerializer(_result_data(rep)).data)


# --- cash flows ------------------------------------------------------------------------------


class AnalysisFlowListView(ServiceErrorsMixin, generics.ListCreateAPIView):
    """The cash flows of one analysis (public). Create: ``can_edit_analysis``."""

    permission_classes = [PublicReadSignedInWrite]
    serializer_class = CashFlowSerializer
    pagination_class = None

    def _analysis(self) -> Analysis:
        return get_object_or_404(Analysis.objects.select_related("project"), pk=self.kwargs["pk"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CashFlow.objects.none()
        return selectors.flows_of(self._analysis())

    def perform_create(self, serializer):
        analysis = self._analysis()
        deny_unless(self, can_edit_analysis(self.request.user, analysis))
        serializer.instance = services.flow_create(
            analysis=analysis, by=self.request.user, **serializer.validated_data
        )


class FlowDetailView(ServiceErrorsMixin, generics.RetrieveUpdateDestroyAPIView):
    """One cash flow (public). Update and delete: ``can_edit_analysis``."""

    permission_classes = [EditAnalysis]
    serializer_class = CashFlowSerializer
    queryset = CashFlow.objects.select_related("stakeholder", "analysis__project")

    def perform_update(self, serializer):
        serializer.instance = services.flow_update(
            flow=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.flow_delete(flow=instance, by=self.request.user)
