"""API for partner organisations (public) and their professionals (signed-in staff only)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.permissions import AllowAny

from wijkaanpak.api.fields import AreaCodeField
from wijkaanpak.api.filters import (
    choice_filter,
    int_filter,
    int_param,
    text_filter,
    text_param,
)
from wijkaanpak.api.permissions import StaffMembersOnly
from wijkaanpak.core.serializers import ModelSerializer
from wijkaanpak.partners.models import Organisation, OrganisationKind, Person


class OrganisationSerializer(ModelSerializer):
    municipality = AreaCodeField(read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "municipality", "website", "description"]
        read_only_fields = fields


class PersonSerializer(ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "organisation", "name", "job_title", "email"]
        read_only_fields = fields


@extend_schema_view(
    get=extend_schema(
        parameters=[
            choice_filter("kind", OrganisationKind.choices, "Only organisations of this kind."),
            text_filter("q", "Search in the name."),
        ]
    )
)
class OrganisationListView(generics.ListAPIView):
    """Partner organisations (public)."""

    permission_classes = [AllowAny]
    serializer_class = OrganisationSerializer

    def get_queryset(self):
        organisations = Organisation.objects.select_related("municipality")
        if kind := text_param(self.request, "kind"):
            organisations = organisations.filter(kind=kind)
        if q := text_param(self.request, "q"):
            organisations = organisations.filter(name__icontains=q)
        return organisations


class OrganisationDetailView(generics.RetrieveAPIView):
    """One partner organisation (public)."""

    permission_classes = [AllowAny]
    serializer_class = OrganisationSerializer
    queryset = Organisation.objects.select_related("municipality")


@extend_schema_view(
    get=extend_schema(parameters=[int_filter("organisation", "Only people of this organisation.")])
)
class PersonListView(generics.ListAPIView):
    """Professionals at partner organisations: names and e-mail, for signed-in staff only."""

    permission_classes = [StaffMembersOnly]
    serializer_class = PersonSerializer

    def get_queryset(self):
        people = Person.objects.all()
        if (organisation := int_param(self.request, "organisation")) is not None:
            people = people.filter(organisation_id=organisation)
        return people


class PersonDetailView(generics.RetrieveAPIView):
    """One professional (signed-in staff only)."""

    permission_classes = [StaffMembersOnly]
    serializer_class = PersonSerializer
    queryset = Person.objects.all()
