"""API for projects (with their carousel-risk flags), output measures and output periods.

Reads are public. Writes go through ``projects.services``; who may write is asked of
``accounts.permissions``.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.permissions import SAFE_METHODS

from wijkaanpak.accounts.permissions import can_create_project, can_edit_outputs, can_hold_project
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
    EditOutputs,
    EditProject,
    PublicReadSignedInWrite,
    deny_unless,
)
from wijkaanpak.core.serializers import ModelSerializer
from wijkaanpak.partners.models import Organisation, Person
from wijkaanpak.plans.models import Goal
from wijkaanpak.projects import services
from wijkaanpak.projects.models import OutputMeasure, OutputPeriod, Project, ProjectStatus
from wijkaanpak.projects.selectors import carousel_flags

# --- serializers: shapes only; the rules live in the services ---------------------------


class CarouselFlagSerializer(serializers.Serializer):
    """Why a project risks the 'project carousel'."""

    code = serializers.ChoiceField(choices=["no_goal", "no_output", "no_continuation"])
    message = serializers.CharField()


class ProjectSerializer(ModelSerializer):
    district = AreaCodeField(help_text="CBS code of the district, e.g. WK034401.")
    lead = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.select_related("organisation"),
        help_text="The lead ('best person'): id of a person.",
    )
    lead_organisation = serializers.IntegerField(source="lead.organisation_id", read_only=True)
    goals = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Goal.objects.select_related("plan"),
        help_text="The goals the project serves: at least one, from a plan of the project's district.",
    )
    partners = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Organisation.objects.all()
    )
    carousel_flags = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "district",
            "title",
            "description",
            "lead",
            "lead_organisation",
            "partners",
            "goals",
            "domain",
            "start_date",
            "end_date",
            "status",
            "continuation",
            "continuation_note",
            "carousel_flags",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(CarouselFlagSerializer(many=True))
    def get_carousel_flags(self, project: Project) -> list[dict]:
        return CarouselFlagSerializer(carousel_flags(project), many=True).data


class ProjectEditSerializer(ProjectSerializer):
    """A project stays in its district."""

    district = AreaCodeField(read_only=True)


class OutputPeriodSerializer(ModelSerializer):
    class Meta:
        model = OutputPeriod
        fields = ["id", "measure", "period", "planned", "realised"]
        validators = []  # saving a period again replaces its figures (the service decides)


class OutputPeriodEditSerializer(OutputPeriodSerializer):
    """Only the figures change; measure and period name the row."""

    class Meta(OutputPeriodSerializer.Meta):
        read_only_fields = ["measure", "period"]


class OutputMeasurePeriodSerializer(ModelSerializer):
    class Meta:
        model = OutputPeriod
        fields = ["id", "period", "planned", "realised"]
        read_only_fields = fields


class OutputMeasureSerializer(ModelSerializer):
    periods = OutputMeasurePeriodSerializer(many=True, read_only=True)

    class Meta:
        model = OutputMeasure
        fields = ["id", "project", "name", "unit", "periods"]


# --- projects -------------------------------------------------------------------------------


OWN_ORGANISATION = gettext_lazy(
    "Uw eigen organisatie moet trekker of partner van het project zijn."
)


def _projects():
    return (
        Project.objects.select_related("district", "lead")
        .prefetch_related("partners", "goals")
        .annotate(
            goal_count=Count("goals", distinct=True), output_count=Count("outputs", distinct=True)
        )
    )


@extend_schema_view(
    get=extend_schema(
        parameters=[
            code_filter("district", "CBS code of the district."),
            choice_filter("status", ProjectStatus.choices, "Only projects with this status."),
            int_filter("organisation", "Only projects this organisation leads or takes part in."),
            int_filter("goal", "Only projects serving this goal."),
        ]
    )
)
class ProjectListView(ServiceErrorsMixin, generics.ListCreateAPIView):
    """Projects with their carousel-risk flags (public). Create: ``can_create_project``; a
    partner only for a project their own organisation leads or joins."""

    permission_classes = [PublicReadSignedInWrite]
    serializer_class = ProjectSerializer

    def get_queryset(self):
        # Filter through subqueries: joins on goals would skew the goal/output counts.
        selected = Project.objects.all()
        if district := code_param(self.request, "district"):
            selected = selected.filter(district__code=district)
        if status_ := text_param(self.request, "status"):
            selected = selected.filter(status=status_)
        if (organisation := int_param(self.request, "organisation")) is not None:
            selected = selected.filter(
                Q(lead__organisation_id=organisation) | Q(partners=organisation)
            )
        if (goal := int_param(self.request, "goal")) is not None:
            selected = selected.filter(goals=goal)
        return _projects().filter(pk__in=selected.values("pk"))

    def perform_create(self, serializer):
        data, user = serializer.validated_data, self.request.user
        deny_unless(self, can_create_project(user, data["district"]))
        deny_unless(
            self,
            can_hold_project(user, data["lead"], data.get("partners", ())),
            str(OWN_ORGANISATION),
        )
        serializer.instance = services.project_create(by=user, **data)


class ProjectDetailView(ServiceErrorsMixin, generics.RetrieveUpdateAPIView):
    """One project (public). Update: ``can_edit_project``."""

    permission_classes = [EditProject]

    def get_queryset(self):
        return _projects()

    def get_serializer_class(self):
        return ProjectSerializer if self.request.method in SAFE_METHODS else ProjectEditSerializer

    def perform_update(self, serializer):
        project, data, user = serializer.instance, serializer.validated_data, self.request.user
        lead = data.get("lead", project.lead)
        partners = data["partners"] if "partners" in data else project.partners.all()
        deny_unless(self, can_hold_project(user, lead, partners), str(OWN_ORGANISATION))
        serializer.instance = services.project_update(project=project, by=user, **data)


# --- outputs --------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(parameters=[int_filter("project", "Only output measures of this project.")])
)
class OutputMeasureListView(ServiceErrorsMixin, generics.ListCreateAPIView):
    """What projects deliver, with planned and realised figures (public). Create:
    ``can_edit_outputs``."""

    permission_classes = [PublicReadSignedInWrite]
    serializer_class = OutputMeasureSerializer

    def get_queryset(self):
        measures = OutputMeasure.objects.prefetch_related("periods")
        if (project := int_param(self.request, "project")) is not None:
            measures = measures.filter(project_id=project)
        return measures

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        project = data.pop("project")
        deny_unless(self, can_edit_outputs(self.request.user, project))
        serializer.instance = services.output_measure_create(
            project=project, by=self.request.user, **data
        )


class OutputMeasureEditSerializer(OutputMeasureSerializer):
    """Name and unit change; the measure stays with its project."""

    class Meta(OutputMeasureSerializer.Meta):
        read_only_fields = ["project"]


class OutputMeasureDetailView(ServiceErrorsMixin, generics.RetrieveUpdateAPIView):
    """One output measure with its periods (public). Update name and unit: ``can_edit_outputs``."""

    permission_classes = [EditOutputs]
    queryset = OutputMeasure.objects.select_related(
        "project__district", "project__lead"
    ).prefetch_related("periods")

    def get_serializer_class(self):
        return (
            OutputMeasureSerializer
            if self.request.method in SAFE_METHODS
            else OutputMeasureEditSerializer
        )

    def perform_update(self, serializer):
        measure = serializer.instance
        data = {"name": measure.name, "unit": measure.unit, **serializer.validated_data}
        serializer.instance = services.output_measure_update(
            measure=measure, by=self.request.user, **data
        )


@extend_schema_view(
    get=extend_schema(
        parameters=[
            int_filter("measure", "Only periods of this output measure."),
            int_filter("project", "Only periods of this project's output measures."),
        ]
    ),
    post=extend_schema(
        description="Save the figures of one period. When the period exists, its figures are "
        "replaced (answer 200 instead of 201).",
        responses={201: OutputPeriodSerializer, 200: OutputPeriodSerializer},
    ),
)
class OutputPeriodListView(ServiceErrorsMixin, generics.ListCreateAPIView):
    """Planned and realised figures per period (public). Save: ``can_edit_outputs``."""

    permission_classes = [PublicReadSignedInWrite]
    serializer_class = OutputPeriodSerializer

    def get_queryset(self):
        periods = OutputPeriod.objects.all()
        if (measure := int_param(self.request, "measure")) is not None:
            periods = periods.filter(measure_id=measure)
        if (project := int_param(self.request, "project")) is not None:
            periods = periods.filter(measure__project_id=project)
        return periods

    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        if self._replaced:
            response.status_code = status.HTTP_200_OK
        return response

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        measure = data.pop("measure")
        deny_unless(self, can_edit_outputs(self.request.user, measure.project))
        self._replaced = measure.periods.filter(period=data["period"]).exists()
        serializer.instance = services.output_period_save(
            measure=measure, by=self.request.user, **data
        )


class OutputPeriodDetailView(ServiceErrorsMixin, generics.RetrieveUpdateAPIView):
    """One period's figures (public). Update: ``can_edit_outputs``."""

    permission_classes = [EditOutputs]
    queryset = OutputPeriod.objects.select_related(
        "measure__project__district", "measure__project__lead"
    )

    def get_serializer_class(self):
        return (
            OutputPeriodSerializer
            if self.request.method in SAFE_METHODS
            else OutputPeriodEditSerializer
        )

    def perform_update(self, serializer):
        row = serializer.instance
        figures = {"planned": row.planned, "realised": row.realised, **serializer.validated_data}
        serializer.instance = services.output_period_save(
            measure=row.measure, by=self.request.user, period=row.period, **figures
        )
