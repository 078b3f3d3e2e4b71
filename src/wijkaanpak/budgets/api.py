"""API for resident budgets. Public (resident) views and staff views are separate classes and
separate routes (``api_urls.py``). Writes go through ``budgets.services`` — the voting endpoint
calls the same ``ballot_cast`` as the web form; who may do what is asked of
``accounts.permissions``. Ballot contents are never served, except as anonymous open data
after the results are published.
"""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, renderers, serializers, status
from rest_framework.authentication import TokenAuthentication
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkaanpak.accounts.permissions import (
    can_create_budget,
    can_enter_paper_ballots,
    can_manage_budget,
    can_moderate_budget,
    can_review_ideas,
    can_see_budget_staff_pages,
    can_see_paper_status,
    can_view_process,
)
from wijkaanpak.api.errors import ServiceErrorsMixin, field_errors
from wijkaanpak.api.fields import AreaCodeField
from wijkaanpak.api.permissions import deny_unless
from wijkaanpak.areas.models import Area, AreaKind
from wijkaanpak.budgets import selectors, services, tally
from wijkaanpak.budgets.models import (
    Comment,
    Idea,
    Phase,
    Process,
    Result,
    ResultLine,
)
from wijkaanpak.core.serializers import ModelSerializer
from wijkaanpak.plans.models import Goal

# --- serializers: shapes only; the rules live in the services --------------------------------


class BudgetProcessSerializer(ModelSerializer):
    area = AreaCodeField(read_only=True)
    neighbourhoods = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    results_visible = serializers.BooleanField(read_only=True)

    class Meta:
        model = Process
        fields = [
            "id",
            "area",
            "title",
            "description",
            "budget",
            "neighbourhoods",
            "min_age",
            "ballot_type",
            "max_choices",
            "points_total",
            "rule",
            "allow_revote",
            "allow_login",
            "phase",
            "ideas_open_on",
            "ideas_close_on",
            "review_close_on",
            "voting_open_on",
            "voting_close_on",
            "results_on",
            "implementation_until",
            "results_visible",
        ]
        read_only_fields = fields


class BudgetProcessWriteSerializer(ModelSerializer):
    area = AreaCodeField(help_text="CBS code of the district, e.g. WK034401.")
    neighbourhoods = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        required=False,
        queryset=Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD),
        help_text="CBS codes of the neighbourhoods that take part; empty: all.",
    )

    class Meta:
        model = Process
        fields = [
            "id",
            "area",
            "title",
            "description",
            "budget",
            "neighbourhoods",
            "min_age",
            "ballot_type",
            "max_choices",
            "points_total",
            "rule",
            "allow_revote",
            "allow_login",
            "ideas_open_on",
            "ideas_close_on",
            "review_close_on",
            "voting_open_on",
            "voting_close_on",
            "results_on",
            "implementation_until",
        ]


class BudgetProcessEditSerializer(BudgetProcessWriteSerializer):
    area = AreaCodeField(read_only=True)


class BudgetIdeaSerializer(ModelSerializer):
    neighbourhood = serializers.SlugRelatedField(
        slug_field="code",
        required=False,
        allow_null=True,
        queryset=Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD),
        help_text="CBS code of the neighbourhood; empty: the whole district.",
    )
    ballot_cost = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    author_email = serializers.EmailField(
        write_only=True, required=False, allow_blank=True, help_text="Seen by staff only."
    )

    class Meta:
        model = Idea
        fields = [
            "id",
            "process",
            "title",
            "description",
            "estimated_cost",
            "neighbourhood",
            "photo",
            "photo_alt",
            "author_name",
            "author_email",
            "status",
            "cost",
            "ballot_cost",
            "rejection_reason",
            "goals",
            "is_hidden",
            "hidden_reason",
            "is_funded",
        ]
        read_only_fields = [
            "process",
            "status",
            "cost",
            "rejection_reason",
            "goals",
            "is_hidden",
            "hidden_reason",
            "is_funded",
        ]


class BudgetCommentSerializer(ModelSerializer):
    class Meta:
        model = Comment
        fields = ["id", "idea", "author_name", "text", "created_at", "is_hidden", "hidden_reason"]
        read_only_fields = ["idea", "created_at", "is_hidden", "hidden_reason"]


class BudgetBallotInSerializer(serializers.Serializer):
    choices = serializers.ListField(
        child=serializers.IntegerField(),
        max_length=200,
        help_text="Idea ids; for a ranking in order of preference.",
    )
    points = serializers.ListField(
        child=serializers.IntegerField(),
        max_length=200,
        required=False,
        allow_null=True,
        help_text="Points ballots only: the points for each idea in `choices`.",
    )


class BudgetVoteSerializer(BudgetBallotInSerializer):
    code = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        help_text="The voting code from the letter. Omit when voting with a verified account.",
    )


class BudgetVoteReceiptSerializer(serializers.Serializer):
    receipt = serializers.CharField(help_text="Shown once; proves that the ballot was counted.")
    replaced = serializers.BooleanField(help_text="True when an earlier ballot was replaced.")


class BudgetReceiptCheckSerializer(serializers.Serializer):
    receipt = serializers.CharField(max_length=40)


class BudgetReceiptStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["counted", "received", "unknown"])


class BudgetResultLineSerializer(ModelSerializer):
    title = serializers.CharField(source="idea.title", read_only=True)

    class Meta:
        model = ResultLine
        fields = [
            "position",
            "idea",
            "title",
            "votes",
            "score",
            "cost",
            "is_winner",
            "round",
            "explanation",
            "details",
        ]


class BudgetResultSerializer(ModelSerializer):
    lines = BudgetResultLineSerializer(many=True, read_only=True)

    class Meta:
        model = Result
        fields = [
            "process",
            "rule",
            "tie_break",
            "ballots",
            "online_ballots",
            "paper_ballots",
            "spent",
            "summary",
            "counted_at",
            "lines",
        ]


class BudgetPhaseSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(choices=Phase.choices)


class BudgetCodesSerializer(serializers.Serializer):
    count = serializers.IntegerField(required=False, min_value=1)
    csv = serializers.CharField(
        required=False,
        help_text="CSV text with a column `address` (and optional name, birth_date, "
        "neighbourhood).",
    )
    per = serializers.ChoiceField(choices=["address", "resident"], default="address")

    def validate(self, attrs):
        if not attrs.get("count") and not attrs.get("csv"):
            raise serializers.ValidationError("Give `count` or `csv`.")
        return attrs


class BudgetVerifiedVoterSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)


class BudgetTurnoutSerializer(serializers.Serializer):
    codes = serializers.IntegerField()
    codes_used = serializers.IntegerField()
    ballots = serializers.IntegerField()
    paper_slips = serializers.IntegerField()


class BudgetReviewSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["accepted", "rejected"])
    cost = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )
    rejection_reason = serializers.CharField(required=False, allow_blank=True, default="")
    goals = serializers.PrimaryKeyRelatedField(
        queryset=Goal.objects.all(), many=True, required=False
    )


class BudgetModerationSerializer(serializers.Serializer):
    hide = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class BudgetPaperSlipSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40)


class BudgetPaperEntrySerializer(BudgetBallotInSerializer):
    number = serializers.IntegerField(min_value=1)
    invalid = serializers.BooleanField(default=False)
    choices = serializers.ListField(child=serializers.IntegerField(), max_length=200, default=list)


class BudgetPaperSheetSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    state = serializers.ChoiceField(choices=["counted", "invalid", "waiting", "conflict"])
    officials = serializers.ListField(
        child=serializers.CharField(), help_text="Usernames of the officials who entered it."
    )


class BudgetPaperStatusSerializer(serializers.Serializer):
    letters = serializers.IntegerField(help_text="Voting letters registered for paper.")
    counted = serializers.ListField(child=serializers.IntegerField())
    invalid = serializers.ListField(child=serializers.IntegerField())
    waiting = serializers.ListField(child=serializers.IntegerField())
    conflicts = serializers.ListField(child=serializers.IntegerField())
    sheets = BudgetPaperSheetSerializer(many=True)


# --- helpers ---------------------------------------------------------------------------------


def _process(pk: int, user) -> Process:
    process = get_object_or_404(Process.objects.select_related("area"), pk=pk)
    if not can_view_process(user, process):
        raise Http404
    return process


def _published(pk: int, user) -> Process:
    process = _process(pk, user)
    if selectors.result_of(process) is None:
        raise Http404("No results yet: they are published after voting has closed.")
    return process


class PlainTextRenderer(renderers.BaseRenderer):
    """CSV or Pabulib text; an error body (a dict) is written as its JSON text."""

    media_type = "text/plain"
    format = "txt"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
        return text.encode(self.charset)


class CSVRenderer(PlainTextRenderer):
    media_type = "text/csv"
    format = "csv"


# --- public (resident) views -----------------------------------------------------------------


class ProcessListView(generics.ListAPIView):
    """Every resident budget that has started (public)."""

    permission_classes = [AllowAny]
    serializer_class = BudgetProcessSerializer

    def get_queryset(self):
        return selectors.public_processes().prefetch_related("neighbourhoods").order_by("-id")


class ProcessDetailView(generics.RetrieveAPIView):
    """One resident budget (public; drafts only for its managers)."""

    permission_classes = [AllowAny]
    serializer_class = BudgetProcessSerializer

    def get_object(self):
        return _process(self.kwargs["pk"], self.request.user)


class IdeaListView(ServiceErrorsMixin, generics.ListCreateAPIView):
    """The ideas of a resident budget (public; hidden ones only for moderators). Anyone
    submits an idea while ideas may be submitted (JSON or multipart with a photo)."""

    permission_classes = [AllowAny]
    serializer_class = BudgetIdeaSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        process = _process(self.kwargs["pk"], self.request.user)
        return selectors.visible_ideas(
            process, staff=can_moderate_budget(self.request.user, process)
        ).prefetch_related("goals")

    def perform_create(self, serializer):
        process = _process(self.kwargs["pk"], self.request.user)
        serializer.instance = services.idea_submit(
            process=process, by=self.request.user, **serializer.validated_data
        )


class IdeaDetailView(generics.RetrieveAPIView):
    """One idea (public; a hidden idea only for moderators)."""

    permission_classes = [AllowAny]
    serializer_class = BudgetIdeaSerializer

    def get_object(self):
        idea = get_object_or_404(Idea.objects.select_related("process__area"), pk=self.kwargs["pk"])
        process = _process(idea.process_id, self.request.user)
        if idea.is_hidden and not can_moderate_budget(self.request.user, process):
            raise Http404
        return idea


class CommentListView(ServiceErrorsMixin, generics.ListCreateAPIView):
    """Comments on an idea (public). Anyone may comment on a visible idea."""

    permission_classes = [AllowAny]
    serializer_class = BudgetCommentSerializer
    pagination_class = None

    def _idea(self) -> Idea:
        idea = get_object_or_404(Idea.objects.select_related("process__area"), pk=self.kwargs["pk"])
        _process(idea.process_id, self.request.user)
        return idea

    def get_queryset(self):
        idea = self._idea()
        return selectors.visible_comments(
            idea, staff=can_moderate_budget(self.request.user, idea.process)
        )

    def perform_create(self, serializer):
        serializer.instance = services.comment_add(
            idea=self._idea(), by=self.request.user, **serializer.validated_data
        )


def _int_list(value) -> bool:
    return (
        isinstance(value, list)
        and len(value) <= 200
        and all(type(item) is int for item in value)  # JSON integers; not bools, not text
    )


def _vote_input(data) -> dict:
    """The shape of ``BudgetVoteSerializer``, checked without building a serializer: voting is the
    hot path (see benchmarks/load_voting.py). The rules are checked by the service."""
    if not isinstance(data, dict):
        raise serializers.ValidationError({"non_field_errors": ["Stuur een JSON-object."]})
    errors: dict[str, list[str]] = {}
    code = data.get("code") or ""
    if not isinstance(code, str) or len(code) > 40:
        errors["code"] = ["Een stemcode is tekst, bijvoorbeeld 7KQ2-9XMD-4TPA."]
    if "choices" not in data:
        errors["choices"] = ["Dit veld is verplicht."]
    elif not _int_list(data["choices"]):
        errors["choices"] = ["Een lijst met nummers van ideeën."]
    points = data.get("points")
    if points is not None and not _int_list(points):
        errors["points"] = ["Een lijst met hele getallen."]
    if errors:
        raise serializers.ValidationError(errors)
    return {"code": code, "choices": data["choices"], "points": points}


class VoteView(ServiceErrorsMixin, APIView):
    """Cast a secret ballot with a voting code (or, where the process allows it, with a
    verified account signed in by token). The same service as the web form: checked on the
    server (phase, ideas, budget, k, points, code), nothing stored on an error, one ballot per
    code even under simultaneous requests. Answers the receipt, shown once."""

    # Token only: no session cookie, so no CSRF token is needed by a resident's app.
    authentication_classes = [TokenAuthentication]
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]
    renderer_classes = [renderers.JSONRenderer]

    @extend_schema(request=BudgetVoteSerializer, responses={201: BudgetVoteReceiptSerializer})
    def post(self, request, pk: int):
        process = selectors.process_for_voting(pk)  # the hot path of voting
        if process is None or not can_view_process(request.user, process):
            raise Http404
        values = _vote_input(request.data)
        cast = services.ballot_cast(
            process=process,
            code=values.get("code") or None,
            choices=values["choices"],
            points=values.get("points"),
            by=request.user,
        )
        response = Response(
            {"receipt": cast.receipt, "replaced": cast.replaced}, status=status.HTTP_201_CREATED
        )
        response["Cache-Control"] = "no-store"
        return response

    @classmethod
    def as_view(cls, **initkwargs):
        """The DRF view, behind a lean front door for the common case.

        Voting is the hot path (target: 500 ballots/s on two cores, see benchmarks/). A JSON
        ``POST`` without an ``Authorization`` header (a resident with a code) is answered by
        ``_fast_vote``: the same input check, the same service, the same status codes and
        error bodies as the DRF view, without DRF's per-request machinery (about a sixth of
        the server's CPU per ballot). Everything else (a verified account signed in by token,
        another content type or method) goes to the DRF view. The schema still comes from
        this class (``view.cls``).
        """
        drf_view = super().as_view(**initkwargs)

        def view(request, *args, **kwargs):
            response = None
            if (
                request.method == "POST"
                and "HTTP_AUTHORIZATION" not in request.META
                and request.content_type == "application/json"
            ):
                response = _fast_vote(request, *args, **kwargs)
            return response if response is not None else drf_view(request, *args, **kwargs)

        for name in ("cls", "initkwargs", "view_class", "view_initkwargs", "csrf_exempt"):
            if hasattr(drf_view, name):
                setattr(view, name, getattr(drf_view, name))
        view.__doc__, view.__name__ = drf_view.__doc__, drf_view.__name__
        return view


def _json(data, status_code: int) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        status=status_code,
        content_type="application/json",
    )
    response["Cache-Control"] = "no-store"
    return response


def _fast_vote(request, pk: int) -> HttpResponse:
    """``VoteView.post`` for an anonymous JSON request (see ``VoteView.as_view``)."""
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as exc:
        return _json({"detail": f"JSON parse error - {exc}"}, 400)
    process = selectors.process_for_voting(pk)
    if process is None or not can_view_process(None, process):  # anonymous: no drafts
        return _json({"detail": "Niet gevonden."}, 404)
    try:
        values = _vote_input(data)
        cast = services.ballot_cast(
            process=process,
            code=values.get("code") or None,
            choices=values["choices"],
            points=values.get("points"),
            by=None,
        )
    except serializers.ValidationError as exc:
        return _json(exc.detail, 400)
    except DjangoValidationError as exc:
        return _json(field_errors(exc), 400)
    return _json({"receipt": cast.receipt, "replaced": cast.replaced}, 201)


class ReceiptView(APIView):
    """Check that the ballot with this receipt was counted (``counted`` after the results,
    ``received`` while voting or counting). Says nothing about the content."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(request=BudgetReceiptCheckSerializer, responses=BudgetReceiptStatusSerializer)
    def post(self, request, pk: int):
        process = _process(pk, request.user)
        data = BudgetReceiptCheckSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        state = selectors.receipt_status(process, data.validated_data["receipt"])
        return Response({"status": state}, headers={"Cache-Control": "no-store"})


class ResultView(APIView):
    """The published result: winners, votes, cost and explanation per idea. 404 until the
    results are published (no interim counts)."""

    permission_classes = [AllowAny]

    @extend_schema(responses=BudgetResultSerializer)
    def get(self, request, pk: int):
        process = _published(pk, request.user)
        return Response(BudgetResultSerializer(process.result).data)


class ResultCsvView(APIView):
    """The result as CSV, one row per idea (open data; 404 until published)."""

    permission_classes = [AllowAny]
    renderer_classes = [CSVRenderer]

    @extend_schema(
        operation_id="budgets_results_csv",
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR)},
    )
    def get(self, request, pk: int):
        process = _published(pk, request.user)
        return Response(tally.export_csv(process))


class ResultPabulibView(APIView):
    """The anonymous ballots and the outcome as a Pabulib ``.pb`` file (open data; 404 until
    published). Ballots are in random order and carry no data about the voter."""

    permission_classes = [AllowAny]
    renderer_classes = [PlainTextRenderer]

    @extend_schema(
        operation_id="budgets_results_pb",
        responses={(200, "text/plain"): OpenApiResponse(OpenApiTypes.STR)},
    )
    def get(self, request, pk: int):
        process = _published(pk, request.user)
        return Response(tally.export_pabulib(process))


# --- staff views -----------------------------------------------------------------------------


class StaffProcessCreateView(ServiceErrorsMixin, APIView):
    """Create a resident budget in a district: ``can_create_budget``."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=BudgetProcessWriteSerializer, responses={201: BudgetProcessSerializer})
    def post(self, request):
        data = BudgetProcessWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        area = values.pop("area")
        deny_unless(self, area.kind == AreaKind.DISTRICT and can_create_budget(request.user, area))
        process = services.process_create(by=request.user, area=area, **values)
        return Response(BudgetProcessSerializer(process).data, status=status.HTTP_201_CREATED)


class StaffProcessDetailView(ServiceErrorsMixin, APIView):
    """Change the settings of a resident budget: ``can_manage_budget``."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=BudgetProcessEditSerializer, responses=BudgetProcessSerializer)
    def patch(self, request, pk: int):
        process = _process(pk, request.user)
        deny_unless(self, can_manage_budget(request.user, process))
        data = BudgetProcessEditSerializer(process, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        process = services.process_update(process=process, by=request.user, **data.validated_data)
        return Response(BudgetProcessSerializer(process).data)


class StaffPhaseView(ServiceErrorsMixin, APIView):
    """Move to the next phase (``PHASE_TRANSITIONS``); to ``results`` counts the ballots."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=BudgetPhaseSerializer, responses=BudgetProcessSerializer)
    def post(self, request, pk: int):
        process = _process(pk, request.user)
        deny_unless(self, can_manage_budget(request.user, process))
        data = BudgetPhaseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        process = services.process_set_phase(
            process=process, by=request.user, phase=data.validated_data["phase"]
        )
        return Response(BudgetProcessSerializer(process).data)


class StaffCodesView(ServiceErrorsMixin, APIView):
    """Make voting codes; answers the letters CSV, the only place the codes are in clear."""

    permission_classes = [IsAuthenticated]
    renderer_classes = [CSVRenderer]

    @extend_schema(
        request=BudgetCodesSerializer,
        responses={(201, "text/csv"): OpenApiResponse(OpenApiTypes.STR)},
    )
    def post(self, request, pk: int):
        process = _process(pk, request.user)
        deny_unless(self, can_manage_budget(request.user, process))
        data = BudgetCodesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        run = services.codes_generate(
            process=process,
            by=request.user,
            count=None if values.get("csv") else values.get("count"),
            csv_text=values.get("csv"),
            per=values["per"],
        )
        return Response(
            run.csv_text(),
            status=status.HTTP_201_CREATED,
            headers={"Cache-Control": "no-store", "X-Skipped-Lines": str(len(run.skipped))},
        )


class StaffVerifiedVoterView(ServiceErrorsMixin, APIView):
    """Let a verified account vote once (where the process allows it): ``can_manage_budget``."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=BudgetVerifiedVoterSerializer, responses={204: None})
    def post(self, request, pk: int):
        from django.contrib.auth import get_user_model

        process = _process(pk, request.user)
        deny_unless(self, can_manage_budget(request.user, process))
        data = BudgetVerifiedVoterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = get_user_model().objects.filter(username=data.validated_data["username"]).first()
        if user is None:
            raise DjangoValidationError({"username": ["Er is geen account met deze naam."]})
        services.login_voter_add(process=process, by=request.user, user=user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class StaffTurnoutView(APIView):
    """Codes, codes used, ballots stored, letters for paper: numbers only, never content."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=BudgetTurnoutSerializer)
    def get(self, request, pk: int):
        process = _process(pk, request.user)
        deny_unless(self, can_see_budget_staff_pages(request.user, process))
        return Response(BudgetTurnoutSerializer(selectors.turnout(process)).data)


class StaffIdeaReviewView(ServiceErrorsMixin, APIView):
    """The feasibility check of an idea: ``can_review_ideas``."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=BudgetReviewSerializer, responses=BudgetIdeaSerializer)
    def post(self, request, pk: int):
        idea = get_object_or_404(Idea.objects.select_related("process__area"), pk=pk)
        deny_unless(self, can_review_ideas(request.user, idea.process))
        data = BudgetReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        idea = services.idea_review(idea=idea, by=request.user, **data.validated_data)
        return Response(BudgetIdeaSerializer(idea).data)


class StaffIdeaModerationView(ServiceErrorsMixin, APIView):
    """Hide an idea with a recorded reason, or show it again: ``can_moderate_budget``."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=BudgetModerationSerializer, responses=BudgetIdeaSerializer)
    def post(self, request, pk: int):
        idea = get_object_or_404(Idea.objects.select_related("process__area"), pk=pk)
        deny_unless(self, can_moderate_budget(request.user, idea.process))
        data = BudgetModerationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        idea = services.idea_moderate(idea=idea, by=request.user, **data.validated_data)
        return Response(BudgetIdeaSerializer(idea).data)


class StaffCommentModerationView(ServiceErrorsMixin, APIView):
    """Hide a comment with a recorded reason, or show it again: ``can_moderate_budget``."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=BudgetModerationSerializer, responses=BudgetCommentSerializer)
    def post(self, request, pk: int):
        comment = get_object_or_404(Comment.objects.select_related("idea__process__area"), pk=pk)
        deny_unless(self, can_moderate_budget(request.user, comment.idea.process))
        data = BudgetModerationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = services.comment_moderate(comment=comment, by=request.user, **data.validated_data)
        return Response(BudgetCommentSerializer(comment).data)


class StaffPaperSlipView(ServiceErrorsMixin, APIView):
    """Register a voting letter returned with a paper ballot (its code is then used):
    officials only (``can_enter_paper_ballots``)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=BudgetPaperSlipSerializer, responses={204: None})
    def post(self, request, pk: int):
        process = _process(pk, request.user)
        deny_unless(self, can_enter_paper_ballots(request.user, process))
        data = BudgetPaperSlipSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.paper_slip_register(
            process=process, by=request.user, code=data.validated_data["code"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT, headers={"Cache-Control": "no-store"})


def _paper_state(process: Process) -> dict:
    """Sheet numbers per state and who entered each sheet: never what is on a sheet."""
    state = services.paper_status(process)
    return BudgetPaperStatusSerializer(
        {
            "letters": state.letters,
            "counted": state.counted,
            "invalid": state.invalid,
            "waiting": state.waiting,
            "conflicts": sorted(state.conflicts),
            "sheets": [
                {"number": s.number, "state": s.state, "officials": list(s.officials)}
                for s in state.sheets
            ],
        }
    ).data


class StaffPaperEntryView(ServiceErrorsMixin, APIView):
    """GET: which paper ballots are counted, waiting for a second entry, or differ (numbers),
    the letters registered, and which officials entered each sheet.
    POST: one official's entry of a numbered paper ballot; it counts when two agree. A new
    sheet number is refused (400, ``number``) when there would be more sheets than letters."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=BudgetPaperStatusSerializer)
    def get(self, request, pk: int):
        process = _process(pk, request.user)
        deny_unless(self, can_see_paper_status(request.user, process))
        return Response(_paper_state(process))

    @extend_schema(request=BudgetPaperEntrySerializer, responses={201: BudgetPaperStatusSerializer})
    def post(self, request, pk: int):
        process = _process(pk, request.user)
        deny_unless(self, can_enter_paper_ballots(request.user, process))
        data = BudgetPaperEntrySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        services.paper_entry_add(
            process=process,
            by=request.user,
            number=values["number"],
            choices=values.get("choices") or [],
            points=values.get("points"),
            invalid=values["invalid"],
        )
        return Response(_paper_state(process), status=status.HTTP_201_CREATED)


class StaffPaperEntryWithdrawView(ServiceErrorsMixin, APIView):
    """DELETE: an official takes back their own entry of sheet ``number`` while it does not
    count yet (a mistyped number or a misread sheet); 400 (``number``) otherwise."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: BudgetPaperStatusSerializer})
    def delete(self, request, pk: int, number: int):
        process = _process(pk, request.user)
        deny_unless(self, can_enter_paper_ballots(request.user, process))
        services.paper_entry_withdraw(process=process, by=request.user, number=number)
        return Response(_paper_state(process))
