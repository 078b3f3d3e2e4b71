"""API of the monitor: indicator catalogue, observations, index, goal progress, strengths,
imports, and CSV exports.

Reading is public (open data). Adding a strength needs a signed-in user; importing needs
an admin or a district manager (``can_import_figures``). Routes: ``api_urls.py``.
"""

from __future__ import annotations

from django.db.models import F, Q
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkaanpak.accounts.permissions import can_import_figures, import_scope
from wijkaanpak.api.errors import ServiceErrorsMixin
from wijkaanpak.api.filters import (
    choice_filter,
    code_filter,
    text_filter,
    text_param,
    year_filter,
    year_param,
)
from wijkaanpak.api.permissions import PublicReadSignedInWrite, deny_unless
from wijkaanpak.areas.forms import validate_import_size
from wijkaanpak.areas.models import Area, AreaKind
from wijkaanpak.core.serializers import ModelSerializer
from wijkaanpak.monitor import index, selectors, services
from wijkaanpak.monitor.models import (
    Indicator,
    Observation,
    Strength,
    StrengthKind,
    StrengthStatus,
    Theme,
)
from wijkaanpak.plans.models import ActionPlan, Goal

# --- indicators ------------------------------------------------------------------------------


class IndicatorSerializer(ModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name_nl",
            "name_en",
            "unit",
            "direction",
            "theme",
            "source",
            "is_subjective",
            "numerator",
            "denominator",
            "factor",
        ]
        read_only_fields = fields


@extend_schema_view(
    get=extend_schema(parameters=[choice_filter("theme", Theme.choices, "Only this theme.")])
)
class IndicatorListView(generics.ListAPIView):
    """The indicator catalogue: what is measured, in which unit, which way is good (public)."""

    permission_classes = [AllowAny]
    serializer_class = IndicatorSerializer

    def get_queryset(self):
        indicators = Indicator.objects.all()
        if theme := text_param(self.request, "theme"):
            indicators = indicators.filter(theme=theme)
        return indicators


class IndicatorDetailView(generics.RetrieveAPIView):
    """One indicator (public)."""

    permission_classes = [AllowAny]
    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.all()


class IndicatorCsvView(APIView):
    """The indicator catalogue as CSV (public)."""

    permission_classes = [AllowAny]

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request, *args, **kwargs):
        rows = Indicator.objects.values_list(
            "code", "name_nl", "name_en", "unit", "direction", "theme", "is_subjective", "source"
        )
        text = selectors._csv(
            ["code", "naam", "naam_en", "eenheid", "richting", "thema", "subjectief", "bron"],
            rows,
        )
        return _csv(text, "indicatoren.csv")


def _csv(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- observations ----------------------------------------------------------------------------


class ObservationSerializer(serializers.Serializer):
    area = serializers.CharField(help_text="CBS area code; NL00 for the Netherlands.")
    indicator = serializers.CharField(help_text="Indicator code.")
    period = serializers.IntegerField(help_text="Year.")
    value = serializers.FloatField(allow_null=True)
    status = serializers.CharField(
        help_text="ok, unknown ('.'), n/a (blank: cannot occur), secret, provisional, revised."
    )
    source = serializers.CharField()


OBSERVATION_FILTERS = [
    code_filter("area", "Area code(s), comma separated; NL00 = the Netherlands."),
    text_filter("indicator", "Indicator code(s), comma separated."),
    year_filter("period", "Only this year."),
    year_filter("period_from", "From this year."),
    year_filter("period_to", "Up to and including this year."),
]


def filtered_observations(request):
    query = Observation.objects.all()
    if areas := text_param(request, "area"):
        codes = [c.strip().upper() for c in areas.split(",") if c.strip()]
        national = any(c in {"NL", "NL00", "NL01"} for c in codes)
        area_ids = list(Area.objects.filter(code__in=codes).values_list("id", flat=True))
        rule = Q(area_id__in=area_ids)
        if national:
            rule |= Q(area__isnull=True)
        query = query.filter(rule)
    if indicators := text_param(request, "indicator"):
        codes = [c.strip() for c in indicators.split(",") if c.strip()]
        query = query.filter(indicator__code__in=codes)
    if (period := year_param(request, "period")) is not None:
        query = query.filter(period=period)
    if (start := year_param(request, "period_from")) is not None:
        query = query.filter(period__gte=start)
    if (end := year_param(request, "period_to")) is not None:
        query = query.filter(period__lte=end)
    return query


@extend_schema_view(get=extend_schema(parameters=OBSERVATION_FILTERS))
class ObservationListView(generics.ListAPIView):
    """Figures per area, indicator and year (public, paginated)."""

    permission_classes = [AllowAny]
    serializer_class = ObservationSerializer

    def get_queryset(self):
        return (
            filtered_observations(self.request)
            .order_by("area__code", "indicator__code", "period")
            .values(
                "period",
                "value",
                "status",
                area_code=F("area__code"),
                indicator_code=F("indicator__code"),
                source_name=F("source__name"),
            )
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        rows = [
            {
                "area": r["area_code"] or "NL00",
                "indicator": r["indicator_code"],
                "period": r["period"],
                "value": r["value"],
                "status": r["status"],
                "source": r["source_name"],
            }
            for r in page
        ]
        return self.get_paginated_response(ObservationSerializer(rows, many=True).data)


class ObservationCsvView(APIView):
    """The same figures as CSV, in the long format the import reads (public, unpaginated)."""

    permission_classes = [AllowAny]

    @extend_schema(parameters=OBSERVATION_FILTERS, responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request, *args, **kwargs):
        query = filtered_observations(request).order_by("area__code", "indicator__code", "period")

        def lines():
            yield selectors._csv(selectors.OBSERVATION_CSV_HEADER, [])
            batch = []
            for row in selectors.observations_csv_rows(query):
                batch.append(row)
                if len(batch) >= 2000:
                    yield selectors._csv([], batch).split("\r\n", 1)[1]
                    batch = []
            if batch:
                yield selectors._csv([], batch).split("\r\n", 1)[1]

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="waarnemingen.csv"'
        return response


class ImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(validators=[validate_import_size])
    year = serializers.IntegerField(required=False, min_value=1990, max_value=2100)
    source = serializers.CharField(required=False, max_length=200)


class ImportReportSerializer(serializers.Serializer):
    file_format = serializers.CharField()
    periods = serializers.ListField(child=serializers.IntegerField())
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    areas_created = serializers.IntegerField()
    indicators_created = serializers.IntegerField()
    national = serializers.IntegerField()
    skipped_columns = serializers.ListField(child=serializers.CharField())
    warnings = serializers.ListField(child=serializers.CharField())
    area_figures = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField()),
        help_text="Inhabitants and homes of the areas in the file, per figure: how many were "
        "added, changed, unchanged, kept (unknown in the file, an earlier value stays) and "
        "unknown.",
    )


class ImportProblemsSerializer(serializers.Serializer):
    problems = serializers.ListField(child=serializers.CharField())


class ObservationImportView(APIView):
    """Import a CBS kwb file (xlsx/csv), a StatLine CSV or a long-format CSV: all or nothing.

    Admins and district managers. On a problem: 400 with every problem (line and column)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": ImportRequestSerializer},
        responses={
            201: ImportReportSerializer,
            400: OpenApiResponse(ImportProblemsSerializer, description="Nothing was stored."),
        },
    )
    def post(self, request, *args, **kwargs):
        deny_unless(self, can_import_figures(request.user))
        data = ImportRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        try:
            report = services.observations_import(
                content=upload.read(),
                filename=upload.name,
                year=data.validated_data.get("year"),
                source=data.validated_data.get("source"),
                by=request.user,
                scope=import_scope(request.user),
            )
        except services.ObservationImportFailed as exc:
            return Response({"problems": exc.problems}, status=status.HTTP_400_BAD_REQUEST)
        payload = {
            "file_format": report.file_format,
            "periods": list(report.periods),
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "areas_created": report.areas_created,
            "indicators_created": report.indicators_created,
            "national": report.national,
            "skipped_columns": list(report.skipped_columns),
            "warnings": list(report.warnings),
            "area_figures": report.area_figures,
        }
        return Response(ImportReportSerializer(payload).data, status=status.HTTP_201_CREATED)


# --- index -----------------------------------------------------------------------------------


class IndicatorScoreSerializer(serializers.Serializer):
    code = serializers.CharField()
    value = serializers.FloatField()
    score = serializers.FloatField()
    year = serializers.IntegerField(
        allow_null=True, help_text="Year the value is from (within the index's window)."
    )


class ThemeScoreSerializer(serializers.Serializer):
    theme = serializers.CharField()
    score = serializers.FloatField(allow_null=True)
    band = serializers.CharField(allow_null=True)
    objective = serializers.FloatField(allow_null=True)
    subjective = serializers.FloatField(allow_null=True)
    indicators_scored = serializers.IntegerField(help_text="Indicators with a score.")
    indicators_total = serializers.IntegerField(help_text="Indicators configured in the theme.")
    sufficient = serializers.BooleanField(
        help_text="Meets the minimum coverage; false: no score (too few figures)."
    )
    indicators = IndicatorScoreSerializer(many=True)
    missing = serializers.ListField(
        child=serializers.CharField(), help_text="Configured indicators without a score."
    )


class DomainScoreSerializer(serializers.Serializer):
    domain = serializers.CharField(help_text="fysiek, veiligheid or sociaal.")
    score = serializers.FloatField(allow_null=True)
    band = serializers.CharField(
        allow_null=True, help_text="far_below (<70), below (70-90), around (90-110), above (>110)."
    )
    completeness = serializers.FloatField(help_text="Share (0-1) of indicators with a score.")
    indicators_scored = serializers.IntegerField(help_text="Indicators with a score.")
    indicators_total = serializers.IntegerField(help_text="Indicators configured in the index.")
    sufficient = serializers.BooleanField(
        help_text="Meets the minimum coverage (overall and in every theme); false: no score "
        "and no band."
    )
    themes = ThemeScoreSerializer(many=True)


class YearScoresSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    fysiek = serializers.FloatField(allow_null=True)
    veiligheid = serializers.FloatField(allow_null=True)
    sociaal = serializers.FloatField(allow_null=True)


class AreaIndexSerializer(serializers.Serializer):
    area = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    base_year = serializers.IntegerField(allow_null=True)
    reference_group = serializers.CharField()
    scaling = serializers.CharField()
    min_coverage = serializers.FloatField(
        allow_null=True,
        help_text="Minimum share (0-1) of indicators with a value, per theme and per index.",
    )
    window_years = serializers.IntegerField(
        allow_null=True, help_text="A value may be at most this many years older than `year`."
    )
    domains = DomainScoreSerializer(many=True)
    by_year = YearScoresSerializer(many=True)


def _domain_payload(d: index.DomainIndex) -> dict:
    return {
        "domain": str(d.domain),
        "score": d.score,
        "band": str(d.band) if d.band else None,
        "completeness": d.completeness,
        "indicators_scored": d.indicators_scored,
        "indicators_total": d.indicators_total,
        "sufficient": d.sufficient,
        "themes": [
            {
                "theme": t.theme,
                "score": t.score,
                "band": str(t.band) if t.band else None,
                "objective": t.objective,
                "subjective": t.subjective,
                "indicators_scored": t.indicators_scored,
                "indicators_total": t.indicators_total,
                "sufficient": t.sufficient,
                "indicators": [
                    {"code": s.indicator.code, "value": s.value, "score": s.score, "year": s.year}
                    for s in t.indicators
                ],
                "missing": [i.code for i in t.missing],
            }
            for t in d.themes
        ],
    }


def index_payload(area: Area, year: int | None = None) -> dict:
    result = selectors.area_index(area)
    if result is None:
        return {
            "area": area.code,
            "year": None,
            "base_year": None,
            "reference_group": str(selectors.peers_of(area).label),
            "scaling": "",
            "min_coverage": None,
            "window_years": None,
            "domains": [],
            "by_year": [],
        }
    shown = year if year in result.by_year else result.year
    current = result.by_year.get(shown) if shown else None
    return {
        "area": area.code,
        "year": shown,
        "base_year": result.base_year,
        "reference_group": str(result.reference.peers.label),
        "scaling": str(result.reference.config.scaling),
        "min_coverage": result.reference.config.min_coverage,
        "window_years": result.reference.config.window_years,
        "domains": [_domain_payload(d) for d in current.domains] if current else [],
        "by_year": [
            {"year": y, **{str(d): result.by_year[y][d].score for d in index.Domain}}
            for y in sorted(result.by_year)
        ],
    }


class AreaIndexView(APIView):
    """The composite index of an area (Rotterdam Wijkprofiel manner; public).

    ``year`` picks a year; default the latest year whose index meets the minimum coverage
    (else the year with the most figures). Each value is the latest within the window."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[year_filter("year", "Year of the figures.")],
        responses=AreaIndexSerializer,
    )
    def get(self, request, code: str, *args, **kwargs):
        area = get_object_or_404(Area.objects.select_related("parent__parent"), code=code.upper())
        return Response(AreaIndexSerializer(index_payload(area, year_param(request, "year"))).data)


class MunicipalityIndexCsvView(APIView):
    """Index and goal lights of every district of a municipality, as CSV (public)."""

    permission_classes = [AllowAny]

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request, code: str, *args, **kwargs):
        municipality = get_object_or_404(Area, code=code.upper(), kind=AreaKind.MUNICIPALITY)
        board = selectors.dashboard(municipality)
        return _csv(selectors.dashboard_csv(board), f"index-{municipality.code}.csv")


# --- goal progress ---------------------------------------------------------------------------


class GoalProgressSerializer(serializers.Serializer):
    goal = serializers.IntegerField()
    title = serializers.CharField()
    indicator = serializers.CharField()
    area = serializers.CharField()
    baseline_value = serializers.FloatField()
    baseline_year = serializers.IntegerField()
    target_value = serializers.FloatField()
    target_year = serializers.IntegerField()
    as_of = serializers.IntegerField()
    latest_year = serializers.IntegerField(
        allow_null=True, help_text="Year of the latest measurement after the baseline year."
    )
    latest_value = serializers.FloatField(allow_null=True)
    expected = serializers.FloatField(allow_null=True, help_text="Value on the straight line.")
    percent_achieved = serializers.FloatField(allow_null=True)
    light = serializers.CharField(
        help_text="green, amber, red or grey (grey: no measurement after the baseline year)."
    )
    on_track = serializers.BooleanField()
    target_met = serializers.BooleanField()
    no_recent_data = serializers.BooleanField()
    boundary_changed = serializers.BooleanField()


class PlanSummarySerializer(serializers.Serializer):
    total = serializers.IntegerField()
    green = serializers.IntegerField()
    amber = serializers.IntegerField()
    red = serializers.IntegerField()
    grey = serializers.IntegerField()
    no_recent_data = serializers.IntegerField()
    target_met = serializers.IntegerField()
    with_measurement = serializers.IntegerField(
        help_text="Goals with a figure after their baseline year."
    )
    without_measurement = serializers.IntegerField(
        help_text="Goals with no figure after their baseline year yet (grey)."
    )
    share_on_track = serializers.FloatField(
        allow_null=True,
        help_text="Green goals as a share (0-1) of the goals with a measurement; null if none.",
    )


class PlanProgressSerializer(serializers.Serializer):
    plan = serializers.IntegerField()
    as_of = serializers.IntegerField(allow_null=True)
    summary = PlanSummarySerializer()
    goals = GoalProgressSerializer(many=True)


def goal_payload(s: selectors.GoalStatus) -> dict:
    p = s.progress
    return {
        "goal": s.goal.pk,
        "title": s.goal.title,
        "indicator": s.goal.indicator.code,
        "area": s.area.code,
        "baseline_value": float(s.goal.baseline_value),
        "baseline_year": s.goal.baseline_year,
        "target_value": float(s.goal.target_value),
        "target_year": s.goal.target_year,
        "as_of": p.as_of,
        "latest_year": p.latest_year,
        "latest_value": p.latest_value,
        "expected": p.expected,
        "percent_achieved": p.percent_achieved,
        "light": str(p.light),
        "on_track": p.on_track,
        "target_met": p.target_met,
        "no_recent_data": p.no_recent_data,
        "boundary_changed": s.boundary_changed,
    }


class PlanProgressView(APIView):
    """Every goal of a plan against the line from baseline to target, with a summary."""

    permission_classes = [AllowAny]

    @extend_schema(responses=PlanProgressSerializer)
    def get(self, request, pk: int, *args, **kwargs):
        plan = get_object_or_404(ActionPlan.objects.select_related("district"), pk=pk)
        result = selectors.plan_progress(plan, with_charts=False)
        summary = result.summary
        payload = {
            "plan": plan.pk,
            "as_of": result.as_of,
            "summary": {
                "total": summary.total,
                **{str(light): count for light, count in summary.counts.items()},
                "no_recent_data": summary.no_recent_data,
                "target_met": summary.target_met,
                "with_measurement": summary.with_measurement,
                "without_measurement": summary.without_measurement,
                "share_on_track": summary.share_on_track,
            },
            "goals": [goal_payload(s) for s in result.goals],
        }
        return Response(PlanProgressSerializer(payload).data)


class PlanProgressCsvView(APIView):
    """The progress of a plan's goals as CSV (public)."""

    permission_classes = [AllowAny]

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request, pk: int, *args, **kwargs):
        plan = get_object_or_404(ActionPlan, pk=pk)
        result = selectors.plan_progress(plan, with_charts=False)
        return _csv(selectors.plan_progress_csv(result), f"voortgang-plan-{plan.pk}.csv")


class GoalProgressView(APIView):
    """One goal against its line (judged at the plan's latest year, like the plan view)."""

    permission_classes = [AllowAny]

    @extend_schema(responses=GoalProgressSerializer)
    def get(self, request, pk: int, *args, **kwargs):
        goal = get_object_or_404(Goal.objects.select_related("plan__district"), pk=pk)
        result = selectors.plan_progress(goal.plan, with_charts=False)
        status_ = next(s for s in result.goals if s.goal.pk == goal.pk)
        return Response(GoalProgressSerializer(goal_payload(status_)).data)


# --- strengths -------------------------------------------------------------------------------


class StrengthSerializer(ModelSerializer):
    kind = serializers.ChoiceField(choices=StrengthKind.choices)

    class Meta:
        model = Strength
        fields = ["id", "kind", "title", "description", "added_as", "created_at"]
        read_only_fields = ["id", "added_as", "created_at"]


class AreaStrengthsView(ServiceErrorsMixin, generics.ListCreateAPIView):
    """Strengths of an area (ABCD). Anyone reads the published ones; a signed-in user adds."""

    permission_classes = [PublicReadSignedInWrite]
    serializer_class = StrengthSerializer

    def area(self) -> Area:
        return get_object_or_404(Area, code=self.kwargs["code"].upper())

    def get_queryset(self):
        return Strength.objects.filter(area=self.area(), status=StrengthStatus.PUBLISHED)

    def perform_create(self, serializer):
        serializer.instance = services.strength_create(
            area=self.area(), by=self.request.user, **serializer.validated_data
        )
