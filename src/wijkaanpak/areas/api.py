"""API for areas: municipalities, districts and neighbourhoods by CBS code (public, read-only)."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from wijkaanpak.api.fields import AreaCodeField
from wijkaanpak.api.filters import choice_filter, code_filter, code_param, text_filter, text_param
from wijkaanpak.areas.models import Area, AreaKind
from wijkaanpak.areas.selectors import SCALE_MESSAGES, scale_check
from wijkaanpak.core.serializers import ModelSerializer


class ScaleCheckSerializer(serializers.Serializer):
    """The visitation committee's scale advice, as a check (not a rule)."""

    code = serializers.ChoiceField(choices=sorted(SCALE_MESSAGES))
    ok = serializers.BooleanField()
    message = serializers.CharField()


class AreaSerializer(ModelSerializer):
    parent = AreaCodeField(read_only=True)
    scale = serializers.SerializerMethodField()

    class Meta:
        model = Area
        # Each figure is the latest known one, with its own year (``inhabitants_year``,
        # ``homes_year``); ``figures_year`` is the newest of those years.
        fields = [
            "code",
            "name",
            "kind",
            "parent",
            "inhabitants",
            "inhabitants_year",
            "homes",
            "homes_year",
            "figures_year",
            "scale",
        ]
        read_only_fields = fields

    @extend_schema_field(ScaleCheckSerializer)
    def get_scale(self, area: Area) -> dict:
        check, message = scale_check(area)
        return {"code": check.code, "ok": check.ok, "message": message}


@extend_schema_view(
    get=extend_schema(
        parameters=[
            choice_filter("kind", AreaKind.choices, "Only areas of this kind."),
            code_filter("parent", "CBS code of the area they lie in (GM0344, WK034401)."),
            text_filter("q", "Search in name and code."),
        ]
    )
)
class AreaListView(generics.ListAPIView):
    """Municipalities, districts and neighbourhoods (public)."""

    permission_classes = [AllowAny]
    serializer_class = AreaSerializer

    def get_queryset(self):
        areas = Area.objects.select_related("parent")
        if kind := text_param(self.request, "kind"):
            areas = areas.filter(kind=kind)
        if parent := code_param(self.request, "parent"):
            areas = areas.filter(parent__code=parent)
        if q := text_param(self.request, "q"):
            areas = areas.filter(Q(name__icontains=q) | Q(code__icontains=q))
        return areas


class AreaDetailView(generics.RetrieveAPIView):
    """One area by its CBS code, with the scale check (public)."""

    permission_classes = [AllowAny]
    serializer_class = AreaSerializer
    queryset = Area.objects.select_related("parent")
    lookup_field = "code"

    def get_object(self) -> Area:
        return get_object_or_404(self.get_queryset(), code=self.kwargs["code"].upper())
