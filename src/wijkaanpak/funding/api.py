"""API for money: budget lines of projects, and the money matrix of a district (public).

Writes go through ``funding.services``; who may write is asked of ``accounts.permissions``.
"""

from __future__ import annotations

import json

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, renderers, serializers
from rest_framework.permissions import SAFE_METHODS, AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkaanpak.accounts.permissions import can_book_money
from wijkaanpak.api.errors import ServiceErrorsMixin
from wijkaanpak.api.filters import int_filter, int_param, year_filter, year_param
from wijkaanpak.api.permissions import EditBudgetLine, PublicReadSignedInWrite, deny_unless
from wijkaanpak.areas.models import Area, AreaKind
from wijkaanpak.core.models import Domain
from wijkaanpak.core.serializers import ModelSerializer
from wijkaanpak.funding import services
from wijkaanpak.funding.models import BudgetLine
from wijkaanpak.funding.selectors import MoneyMatrix, money_matrix, money_matrix_csv

# --- budget lines ---------------------------------------------------------------------------


def _own_money_only() -> str:
    return _("U mag alleen begrotingsregels vastleggen die uw eigen organisatie betaalt.")


class BudgetLineSerializer(ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["id", "project", "funder", "year", "amount", "domain", "note"]
        extra_kwargs = {
            "domain": {"required": False, "help_text": "Omitted: the project's domain."}
        }


class BudgetLineEditSerializer(BudgetLineSerializer):
    """A budget line stays with its project."""

    class Meta(BudgetLineSerializer.Meta):
        read_only_fields = ["project"]


@extend_schema_view(
    get=extend_schema(
        parameters=[
            int_filter("project", "Only lines of this project."),
            int_filter("funder", "Only money from this funder."),
            year_filter("year", "Only this year."),
        ]
    )
)
class BudgetLineListView(ServiceErrorsMixin, generics.ListCreateAPIView):
    """Money per project, funder, year and domain (public). Create: ``can_book_money`` (a
    partner on the project books only money its own organisation gives)."""

    permission_classes = [PublicReadSignedInWrite]
    serializer_class = BudgetLineSerializer

    def get_queryset(self):
        lines = BudgetLine.objects.all()
        if (project := int_param(self.request, "project")) is not None:
            lines = lines.filter(project_id=project)
        if (funder := int_param(self.request, "funder")) is not None:
            lines = lines.filter(funder_id=funder)
        if (year := year_param(self.request, "year")) is not None:
            lines = lines.filter(year=year)
        return lines

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        project = data.pop("project")
        deny_unless(
            self,
            can_book_money(self.request.user, project, data["funder"].pk),
            _own_money_only(),
        )
        serializer.instance = services.budget_line_create(
            project=project, by=self.request.user, **data
        )


class BudgetLineDetailView(ServiceErrorsMixin, generics.RetrieveUpdateDestroyAPIView):
    """One budget line (public). Update and delete: ``can_edit_budget_line`` (a partner only
    lines its own organisation funds, and it cannot hand a line to another funder)."""

    permission_classes = [EditBudgetLine]
    queryset = BudgetLine.objects.select_related("project__district", "project__lead")

    def get_serializer_class(self):
        return (
            BudgetLineSerializer
            if self.request.method in SAFE_METHODS
            else BudgetLineEditSerializer
        )

    def perform_update(self, serializer):
        funder = serializer.validated_data.get("funder")
        if funder is not None:
            deny_unless(
                self,
                can_book_money(self.request.user, serializer.instance.project, funder.pk),
                _own_money_only(),
            )
        serializer.instance = services.budget_line_update(
            line=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.budget_line_delete(line=instance, by=self.request.user)


# --- the money matrix of a district ---------------------------------------------------------


class _DomainSerializer(serializers.Serializer):
    domain = serializers.ChoiceField(choices=Domain.choices)
    label = serializers.CharField()


class _CellSerializer(serializers.Serializer):
    funder = serializers.CharField()
    domain = serializers.ChoiceField(choices=Domain.choices)
    year = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)


class _YearTotalSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)


class _DomainTotalSerializer(serializers.Serializer):
    domain = serializers.ChoiceField(choices=Domain.choices)
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)


class _FunderTotalSerializer(serializers.Serializer):
    funder = serializers.CharField()
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)


class MoneyMatrixSerializer(serializers.Serializer):
    """All money in a district by funder × domain × year: the neighbourhood budget."""

    district = serializers.CharField(help_text="CBS code of the district.")
    district_name = serializers.CharField()
    years = serializers.ListField(child=serializers.IntegerField())
    domains = _DomainSerializer(many=True)
    funders = serializers.ListField(child=serializers.CharField())
    cells = _CellSerializer(
        many=True, help_text="One cell per funder × domain × year that has money."
    )
    by_year = _YearTotalSerializer(many=True)
    by_domain = _DomainTotalSerializer(many=True)
    by_funder = _FunderTotalSerializer(many=True)
    total = serializers.DecimalField(max_digits=16, decimal_places=2)


def _matrix_data(district: Area, matrix: MoneyMatrix) -> dict:
    return {
        "district": district.code,
        "district_name": district.name,
        "years": matrix.years,
        "domains": [{"domain": code, "label": str(label)} for code, label in matrix.domains],
        "funders": matrix.funders,
        "cells": [
            {"funder": f, "domain": d, "year": y, "amount": amount}
            for (f, d, y), amount in sorted(matrix.cells.items())
        ],
        "by_year": [{"year": y, "amount": amount} for y, amount in matrix.year_totals],
        "by_domain": [
            {"domain": code, "amount": matrix.domain_total(code)} for code, _label in matrix.domains
        ],
        "by_funder": [{"funder": f, "amount": amount} for f, amount in matrix.funder_totals],
        "total": matrix.total,
    }


def _district(code: str) -> Area:
    return get_object_or_404(Area, code=code.upper(), kind=AreaKind.DISTRICT)


class DistrictMoneyView(APIView):
    """All money in a district by funder × domain × year (public)."""

    permission_classes = [AllowAny]

    @extend_schema(responses=MoneyMatrixSerializer)
    def get(self, request, code: str):
        district = _district(code)
        return Response(MoneyMatrixSerializer(_matrix_data(district, money_matrix(district))).data)


class CSVRenderer(renderers.BaseRenderer):
    """Plain CSV text; an error body (a dict) is written as its JSON text."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
        return text.encode(self.charset)


class DistrictMoneyCsvView(APIView):
    """The same figures as CSV, one row per funder × domain × year (public open data)."""

    permission_classes = [AllowAny]
    renderer_classes = [CSVRenderer]

    @extend_schema(
        operation_id="districts_money_csv",
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description="CSV separated by `;`: funder, domain, year, amount in euro.",
            )
        },
    )
    def get(self, request, code: str):
        district = _district(code)
        return Response(
            money_matrix_csv(money_matrix(district)),
            headers={
                "Content-Disposition": f'attachment; filename="buurtbegroting-{district.code}.csv"'
            },
        )
