"""API for initiatives: public reads and pledges, and separate staff write routes.

Public routes (``initiatives/...``, no account): initiatives with money, rolled-up progress,
updates, needs with pledge totals and flags; anyone may pledge (throttled per address).
Staff routes (``staff/initiatives/...``, signed in): create and edit initiatives, issue
vouchers, record spending with receipts, post updates, keep parts and needs, see who pledged.
Who may write is asked of ``accounts.permissions``; the rules live in ``services``.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from wijkaanpak.accounts.permissions import (
    can_create_initiative,
    can_edit_initiative,
    can_issue_voucher,
    can_pledge,
    can_report_on_initiative,
    can_see_initiative_contacts,
    can_view_receipts,
)
from wijkaanpak.api.errors import ServiceErrorsMixin
from wijkaanpak.api.fields import AreaCodeField
from wijkaanpak.api.filters import choice_filter, code_filter, code_param, text_param
from wijkaanpak.api.permissions import deny_unless
from wijkaanpak.areas.models import AreaKind
from wijkaanpak.core.serializers import ModelSerializer
from wijkaanpak.initiatives import selectors, services
from wijkaanpak.initiatives.models import (
    RECEIPT_TYPES,
    Initiative,
    InitiativeStatus,
    Milestone,
    Need,
    Pledge,
    SpendingEntry,
    Update,
    Voucher,
    receipt_extension,
)
from wijkaanpak.plans.models import Goal

# --- serializers: shapes only ----------------------------------------------------------------


class FlagSerializer(serializers.Serializer):
    """Why an initiative risks feeding the project carousel."""

    code = serializers.ChoiceField(choices=list(selectors.FLAG_CODES))
    message = serializers.CharField()


class MoneySerializer(serializers.Serializer):
    granted = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="Vouchers.")
    spent = serializers.DecimalField(max_digits=14, decimal_places=2)
    remaining = serializers.DecimalField(max_digits=14, decimal_places=2)
    percent_spent = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    overspent = serializers.BooleanField()


class VoucherSerializer(ModelSerializer):
    class Meta:
        model = Voucher
        fields = ["id", "code", "amount", "issued_on", "note"]
        read_only_fields = ["id", "code"]
        extra_kwargs = {"issued_on": {"required": False}}


class SpendingSerializer(ModelSerializer):
    """Public: date, amount and what for. The receipt is uploaded here but never shown."""

    receipt = serializers.FileField(
        write_only=True,
        required=False,
        help_text="PDF, JPG or PNG, at most 5 MB (multipart/form-data). Staff only can read it.",
    )
    has_receipt = serializers.SerializerMethodField()

    class Meta:
        model = SpendingEntry
        fields = ["id", "spent_on", "amount", "description", "receipt", "has_receipt"]
        read_only_fields = ["id"]

    def get_has_receipt(self, entry: SpendingEntry) -> bool:
        return bool(entry.receipt)


class UpdateSerializer(ModelSerializer):
    class Meta:
        model = Update
        fields = ["id", "published_on", "text"]
        read_only_fields = ["id"]
        extra_kwargs = {"published_on": {"required": False}}


class MilestoneSerializer(ModelSerializer):
    """``progress`` is the part's own figure; ``rolled_up_progress`` what the page shows."""

    rolled_up_progress = serializers.SerializerMethodField()

    class Meta:
        model = Milestone
        fields = [
            "id",
            "parent",
            "title",
            "status",
            "progress",
            "rolled_up_progress",
            "budget",
            "due_on",
        ]
        read_only_fields = ["id"]

    @extend_schema_field(OpenApiTypes.DECIMAL)
    def get_rolled_up_progress(self, milestone: Milestone):
        rolled = self.context.get("rolled_up", {})
        value = rolled.get(milestone.pk)
        return None if value is None else str(value)


class NeedSerializer(ModelSerializer):
    class Meta:
        model = Need
        fields = ["id", "kind", "title", "description", "quantity", "unit", "is_open", "is_done"]
        read_only_fields = ["id"]
        extra_kwargs = {"unit": {"required": False}}


class NeedProgressSerializer(NeedSerializer):
    pledged = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    fulfilled = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    pledge_count = serializers.IntegerField(read_only=True)
    percent = serializers.DecimalField(
        max_digits=8, decimal_places=1, read_only=True, allow_null=True
    )
    accepts_pledges = serializers.BooleanField(read_only=True)

    class Meta(NeedSerializer.Meta):
        fields = [
            *NeedSerializer.Meta.fields,
            "pledged",
            "fulfilled",
            "pledge_count",
            "percent",
            "accepts_pledges",
        ]


class CrowdSupportSerializer(serializers.Serializer):
    tasks_total = serializers.IntegerField()
    tasks_done = serializers.IntegerField()
    money_asked = serializers.DecimalField(max_digits=14, decimal_places=2)
    money_pledged = serializers.DecimalField(max_digits=14, decimal_places=2)
    money_percent = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    percent = serializers.DecimalField(
        max_digits=8,
        decimal_places=1,
        allow_null=True,
        help_text="Mean of each need's pledged %, each capped at 100.",
    )


class InitiativeSerializer(ModelSerializer):
    """Public: no contact e-mail, no names of people who pledged, no receipts."""

    area = AreaCodeField(read_only=True)
    district = serializers.SerializerMethodField()
    money = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    flags = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            "id",
            "area",
            "district",
            "title",
            "description",
            "initiator_name",
            "status",
            "idea",
            "goals",
            "money",
            "progress",
            "flags",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_district(self, initiative: Initiative) -> str:
        return initiative.district.code

    @extend_schema_field(MoneySerializer)
    def get_money(self, initiative: Initiative) -> dict:
        return MoneySerializer(selectors.money_of(initiative)).data

    @extend_schema_field(serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True))
    def get_progress(self, initiative: Initiative):
        overall = selectors.progress_of(initiative).overall
        return None if overall is None else str(overall)

    @extend_schema_field(FlagSerializer(many=True))
    def get_flags(self, initiative: Initiative) -> list[dict]:
        return FlagSerializer(selectors.accountability_flags(initiative), many=True).data


class InitiativeDetailSerializer(InitiativeSerializer):
    vouchers = VoucherSerializer(many=True, read_only=True)
    spending = serializers.SerializerMethodField()
    milestones = serializers.SerializerMethodField()
    updates = UpdateSerializer(many=True, read_only=True)
    needs = serializers.SerializerMethodField()
    crowd_support = serializers.SerializerMethodField()

    class Meta(InitiativeSerializer.Meta):
        fields = [
            *InitiativeSerializer.Meta.fields,
            "vouchers",
            "spending",
            "milestones",
            "updates",
            "needs",
            "crowd_support",
        ]
        read_only_fields = fields

    @extend_schema_field(SpendingSerializer(many=True))
    def get_spending(self, initiative: Initiative) -> list[dict]:
        return SpendingSerializer(selectors.public_spending(initiative), many=True).data

    @extend_schema_field(MilestoneSerializer(many=True))
    def get_milestones(self, initiative: Initiative) -> list[dict]:
        progress = selectors.progress_of(initiative)
        nodes = progress.flat()
        rolled = {node.milestone.pk: node.progress for node in nodes}
        return MilestoneSerializer(
            [node.milestone for node in nodes], many=True, context={"rolled_up": rolled}
        ).data

    @extend_schema_field(NeedProgressSerializer(many=True))
    def get_needs(self, initiative: Initiative) -> list[dict]:
        rows = selectors.crowd_support_of(initiative).rows
        out = []
        for row in rows:
            data = dict(NeedSerializer(row.need).data)
            data.update(
                pledged=f"{row.pledged:.2f}",
                fulfilled=f"{row.fulfilled:.2f}",
                pledge_count=row.pledge_count,
                percent=None if row.percent is None else str(row.percent),
                accepts_pledges=row.need.accepts_pledges,
            )
            out.append(data)
        return out

    @extend_schema_field(CrowdSupportSerializer)
    def get_crowd_support(self, initiative: Initiative) -> dict:
        return CrowdSupportSerializer(selectors.crowd_support_of(initiative)).data


class InitiativeStaffSerializer(ModelSerializer):
    """Staff: the fields they write, including the initiator's contact e-mail."""

    area = AreaCodeField(help_text="CBS code of the district or neighbourhood.")
    goals = serializers.PrimaryKeyRelatedField(
        many=True,
        required=False,
        queryset=Goal.objects.select_related("plan"),
        help_text="Goals of a plan of the initiative's district.",
    )
    coordinator = serializers.PrimaryKeyRelatedField(
        required=False,
        allow_null=True,
        queryset=get_user_model().objects.filter(is_active=True),
        help_text="The user account that may keep spending, updates, parts and needs.",
    )

    class Meta:
        model = Initiative
        fields = [
            "id",
            "area",
            "title",
            "description",
            "initiator_name",
            "contact_email",
            "goals",
            "coordinator",
            "status",
            "idea",
        ]
        read_only_fields = ["id", "idea"]


class PledgeCreateSerializer(ModelSerializer):
    name = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        write_only=True,
        help_text="Optional; only staff and the coordinator see it.",
    )
    email = serializers.EmailField(
        required=False,
        allow_blank=True,
        write_only=True,
        help_text="Optional; only staff and the coordinator see it.",
    )

    class Meta:
        model = Pledge
        fields = ["id", "need", "quantity", "name", "email", "created_at"]
        read_only_fields = ["id", "need", "created_at"]


class PledgeStaffSerializer(ModelSerializer):
    class Meta:
        model = Pledge
        fields = ["id", "need", "quantity", "name", "email", "is_fulfilled", "created_at"]
        read_only_fields = ["id", "need", "quantity", "name", "email", "created_at"]


# --- public ----------------------------------------------------------------------------------


def _initiatives():
    return selectors.initiatives_in().prefetch_related("goals")


@extend_schema_view(
    get=extend_schema(
        parameters=[
            code_filter("district", "CBS code of a district: its own and its neighbourhoods'."),
            choice_filter("status", InitiativeStatus.choices, "Only initiatives with this status."),
            OpenApiParameter(
                "flagged",
                OpenApiTypes.BOOL,
                description="true: only initiatives with a flag (no update, overspent, no goal).",
            ),
        ]
    )
)
class InitiativeListView(generics.ListAPIView):
    """Initiatives with money, progress and flags (public)."""

    permission_classes = [AllowAny]
    serializer_class = InitiativeSerializer

    def get_queryset(self):
        initiatives = _initiatives()
        if district := code_param(self.request, "district"):
            initiatives = initiatives.filter(
                Q(area__code=district) | Q(area__parent__code=district)
            )
        if status_ := text_param(self.request, "status"):
            initiatives = initiatives.filter(status=status_)
        flagged = text_param(self.request, "flagged")
        if flagged in ("true", "1", "false", "0"):
            wanted = flagged in ("true", "1")
            ids = [i.pk for i in initiatives if bool(selectors.accountability_flags(i)) == wanted]
            initiatives = initiatives.filter(pk__in=ids)
        return initiatives.order_by("title", "id")


class InitiativeDetailView(generics.RetrieveAPIView):
    """One initiative with vouchers, spending, parts, updates and crowd support (public)."""

    permission_classes = [AllowAny]
    serializer_class = InitiativeDetailSerializer

    def get_queryset(self):
        return _initiatives().prefetch_related("vouchers", "updates")


class PledgeThrottle(AnonRateThrottle):
    """Minimal abuse protection for anonymous pledges through the API (per IP address)."""

    rate = "120/hour"


@extend_schema(
    request=PledgeCreateSerializer,
    responses={201: PledgeCreateSerializer, 400: OpenApiResponse(description="Field errors.")},
)
class PledgeCreateView(ServiceErrorsMixin, generics.CreateAPIView):
    """Offer help for a need: anyone, with or without an account (public). A closed need
    answers 400 with an error on ``need``."""

    permission_classes = [AllowAny]
    throttle_classes = [PledgeThrottle]
    serializer_class = PledgeCreateSerializer

    def perform_create(self, serializer):
        need = get_object_or_404(Need.objects.select_related("initiative"), pk=self.kwargs["pk"])
        deny_unless(self, can_pledge(self.request.user, need))
        serializer.instance = services.pledge_create(
            need=need, by=self.request.user, **serializer.validated_data
        )


# --- staff -----------------------------------------------------------------------------------


def _district_of(area):
    """The district that answers for an area (a neighbourhood's parent)."""
    return area.parent if area.kind == AreaKind.NEIGHBOURHOOD else area


def _initiative_for(view, pk, rule) -> Initiative:
    initiative = get_object_or_404(Initiative.objects.select_related("area__parent"), pk=pk)
    deny_unless(view, rule(view.request.user, initiative))
    return initiative


class InitiativeStaffCreateView(ServiceErrorsMixin, generics.CreateAPIView):
    """Create an initiative: ``can_create_initiative`` for the district of its area."""

    permission_classes = [IsAuthenticated]
    serializer_class = InitiativeStaffSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        area = data["area"]
        district = _district_of(area)
        deny_unless(
            self, district is not None and can_create_initiative(self.request.user, district)
        )
        serializer.instance = services.initiative_create(by=self.request.user, **data)


class InitiativeStaffDetailView(ServiceErrorsMixin, generics.RetrieveUpdateAPIView):
    """Read (with contact e-mail): ``can_see_initiative_contacts``. Update:
    ``can_edit_initiative``; the status follows the transition table."""

    permission_classes = [IsAuthenticated]
    serializer_class = InitiativeStaffSerializer
    http_method_names = ["get", "patch", "put", "head", "options"]

    def get_object(self):
        rule = can_see_initiative_contacts if self.request.method == "GET" else can_edit_initiative
        return _initiative_for(self, self.kwargs["pk"], rule)

    def perform_update(self, serializer):
        initiative, data = serializer.instance, dict(serializer.validated_data)
        if "area" in data:  # a move to another district needs the right to edit there too
            area = data["area"]
            district = _district_of(area)
            deny_unless(
                self, district is not None and can_create_initiative(self.request.user, district)
            )
        serializer.instance = services.initiative_update(
            initiative=initiative, by=self.request.user, **data
        )


class _InitiativeChildCreate(ServiceErrorsMixin, generics.CreateAPIView):
    """POST a child of an initiative through a service, after asking ``rule``."""

    permission_classes = [IsAuthenticated]
    rule = staticmethod(can_report_on_initiative)

    def call(self, initiative: Initiative, data: dict):
        raise NotImplementedError

    def perform_create(self, serializer):
        initiative = _initiative_for(self, self.kwargs["pk"], self.rule)
        serializer.instance = self.call(initiative, dict(serializer.validated_data))


class VoucherCreateView(_InitiativeChildCreate):
    """Issue a voucher: ``can_issue_voucher``. The voucher number is made by the server."""

    serializer_class = VoucherSerializer
    rule = staticmethod(can_issue_voucher)

    def call(self, initiative, data):
        return services.voucher_issue(initiative=initiative, by=self.request.user, **data)


class SpendingCreateView(_InitiativeChildCreate):
    """Record spending with an optional receipt (multipart): ``can_report_on_initiative``.
    Over-spending is stored and flagged, not refused."""

    serializer_class = SpendingSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def call(self, initiative, data):
        return services.spending_add(initiative=initiative, by=self.request.user, **data)


class UpdateCreateView(_InitiativeChildCreate):
    """Post a dated public update: ``can_report_on_initiative``."""

    serializer_class = UpdateSerializer

    def call(self, initiative, data):
        return services.update_post(initiative=initiative, by=self.request.user, **data)


class MilestoneCreateView(_InitiativeChildCreate):
    """Add a part (optionally under another part): ``can_report_on_initiative``."""

    serializer_class = MilestoneSerializer

    def call(self, initiative, data):
        return services.milestone_create(initiative=initiative, by=self.request.user, **data)


class NeedCreateView(_InitiativeChildCreate):
    """Ask for money, time, space or materials: ``can_report_on_initiative``."""

    serializer_class = NeedSerializer

    def call(self, initiative, data):
        return services.need_create(initiative=initiative, by=self.request.user, **data)


class MilestoneStaffDetailView(ServiceErrorsMixin, generics.UpdateAPIView):
    """Change a part's status, progress or budget: ``can_report_on_initiative``."""

    permission_classes = [IsAuthenticated]
    serializer_class = MilestoneSerializer
    queryset = Milestone.objects.select_related("initiative__area__parent")

    def perform_update(self, serializer):
        milestone = serializer.instance
        deny_unless(self, can_report_on_initiative(self.request.user, milestone.initiative))
        serializer.instance = services.milestone_update(
            milestone=milestone, by=self.request.user, **serializer.validated_data
        )


class NeedStaffDetailView(ServiceErrorsMixin, generics.UpdateAPIView):
    """Change a need, close it or mark it done: ``can_report_on_initiative``."""

    permission_classes = [IsAuthenticated]
    serializer_class = NeedSerializer
    queryset = Need.objects.select_related("initiative__area__parent")

    def perform_update(self, serializer):
        need = serializer.instance
        deny_unless(self, can_report_on_initiative(self.request.user, need.initiative))
        serializer.instance = services.need_update(
            need=need, by=self.request.user, **serializer.validated_data
        )


class PledgeStaffListView(generics.ListAPIView):
    """Who pledged what, with names and e-mail: ``can_see_initiative_contacts``."""

    permission_classes = [IsAuthenticated]
    serializer_class = PledgeStaffSerializer

    def get_queryset(self):
        initiative = _initiative_for(self, self.kwargs["pk"], can_see_initiative_contacts)
        return selectors.pledges_for_staff(initiative)


class PledgeStaffDetailView(ServiceErrorsMixin, generics.UpdateAPIView, generics.DestroyAPIView):
    """Mark a pledge fulfilled (PATCH ``is_fulfilled``) or remove it (DELETE):
    ``can_report_on_initiative``."""

    permission_classes = [IsAuthenticated]
    serializer_class = PledgeStaffSerializer
    queryset = Pledge.objects.select_related("need__initiative__area__parent")
    http_method_names = ["patch", "delete", "options"]

    def perform_update(self, serializer):
        pledge = serializer.instance
        deny_unless(self, can_report_on_initiative(self.request.user, pledge.need.initiative))
        serializer.instance = services.pledge_set_fulfilled(
            pledge=pledge,
            by=self.request.user,
            fulfilled=serializer.validated_data.get("is_fulfilled", pledge.is_fulfilled),
        )

    def perform_destroy(self, instance):
        deny_unless(self, can_report_on_initiative(self.request.user, instance.need.initiative))
        services.pledge_delete(pledge=instance, by=self.request.user)


class ReceiptView(APIView):
    """Download a receipt: ``can_view_receipts`` (staff and the initiative's coordinator)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The receipt (PDF, JPG or PNG)."
            )
        }
    )
    def get(self, request, pk: int):
        entry = get_object_or_404(
            SpendingEntry.objects.select_related("initiative__area__parent"), pk=pk
        )
        deny_unless(self, can_view_receipts(request.user, entry.initiative))
        if not entry.receipt:
            raise Http404
        extension = receipt_extension(entry.receipt.name)
        try:
            handle = entry.receipt.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=f"bon-{entry.initiative_id}-{entry.pk}.{extension}",
            content_type=RECEIPT_TYPES.get(extension, ("application/octet-stream",))[0],
        )
        response["Cache-Control"] = "private, no-store"
        return response
