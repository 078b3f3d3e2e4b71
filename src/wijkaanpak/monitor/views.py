"""Pages of the monitor. Reading is public (profiles, dashboards, goal progress, reports);
importing figures is for admins and district managers; adding a strength needs an account;
hiding one is for whoever manages the area's district.

Roles come from ``wijkaanpak.accounts.permissions`` only.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkaanpak.accounts.permissions import (
    can_add_strength,
    can_import_figures,
    can_moderate_strength,
    import_scope,
    is_staff_member,
    own_district_names,
)
from wijkaanpak.areas.models import Area, AreaKind
from wijkaanpak.core.views import require, run_service
from wijkaanpak.monitor import reports, selectors, services
from wijkaanpak.monitor.forms import ModerationForm, ObservationImportForm, StrengthForm
from wijkaanpak.monitor.models import Indicator, ObservationImport, Strength, Theme
from wijkaanpak.plans.models import ActionPlan, Goal


def _area(code: str, kind: str | None = None) -> Area:
    query = Area.objects.select_related("parent__parent")
    if kind:
        query = query.filter(kind=kind)
    return get_object_or_404(query, code=code.upper())


def district_of(area: Area) -> Area:
    """The area whose manager looks after ``area``: its district (a municipality: itself)."""
    if area.kind == AreaKind.NEIGHBOURHOOD and area.parent is not None:
        return area.parent
    return area


def _csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def home(request):
    """Public: the municipalities with figures, and the latest imports for staff."""
    imports = (
        ObservationImport.objects.select_related("imported_by")[:5]
        if is_staff_member(request.user)
        else []
    )
    return render(
        request,
        "monitor/home.html",
        {
            "municipalities": selectors.municipalities_with_figures(),
            "imports": imports,
            "can_import": can_import_figures(request.user),
        },
    )


@require_GET
def indicator_list(request):
    """Public: the catalogue, grouped by theme."""
    indicators = Indicator.objects.all().order_by("theme", "name_nl")
    groups = []
    for theme, label in Theme.choices:
        members = [i for i in indicators if i.theme == theme]
        if members:
            groups.append((label, members))
    return render(request, "monitor/indicators.html", {"groups": groups})


@require_GET
def dashboard(request, code: str):
    """Public: every district of a municipality with its index and goal lights."""
    municipality = _area(code, AreaKind.MUNICIPALITY)
    return render(
        request,
        "monitor/dashboard.html",
        {"board": selectors.dashboard(municipality), "municipality": municipality},
    )


@require_GET
def dashboard_csv(request, code: str):
    municipality = _area(code, AreaKind.MUNICIPALITY)
    return _csv_response(
        selectors.dashboard_csv(selectors.dashboard(municipality)),
        f"index-{municipality.code}.csv",
    )


@require_GET
def profile(request, code: str):
    """Public: the profile of any area (municipality, district, neighbourhood)."""
    area = _area(code)
    moderator = can_moderate_strength(request.user, area)
    goal_codes = []
    plans = []
    if area.kind == AreaKind.DISTRICT:
        plans = list(ActionPlan.objects.filter(district=area).order_by("-start_year"))
        goal_codes = sorted(
            set(Goal.objects.filter(plan__in=plans).values_list("indicator__code", flat=True))
        )
    data = selectors.profile(area, include_hidden=moderator, chart_codes=goal_codes)
    return render(
        request,
        "monitor/profile.html",
        {
            "profile": data,
            "area": area,
            "plans": plans,
            "can_moderate": moderator,
            "can_add_strength": can_add_strength(request.user, area),
            "moderation_form": ModerationForm(),
        },
    )


@require_GET
def profile_csv(request, code: str):
    area = _area(code)
    return _csv_response(selectors.profile_csv(area), f"cijfers-{area.code}.csv")


@login_required
@require_http_methods(["GET", "POST"])
def strength_add(request, code: str):
    """Any signed-in user (resident or professional) adds a strength of an area."""
    area = _area(code)
    require(can_add_strength(request.user, area))
    form = StrengthForm(request.POST or None)
    if request.method == "POST":
        strength = run_service(
            form,
            lambda data: services.strength_create(area=area, by=request.user, **data),
        )
        if strength:
            messages.success(request, _("Bedankt! De sterkte staat nu op het profiel."))
            return redirect(f"{_profile_url(area)}#sterkten")
    return render(
        request,
        "monitor/strength_form.html",
        {"form": form, "area": area, "back": _profile_url(area)},
    )


def _profile_url(area: Area) -> str:
    return reverse("monitor:profile", args=[area.code])


@login_required
@require_POST
def strength_moderate(request, pk: int):
    """The district's manager (or an admin) hides a strength, with a reason, or shows it."""
    strength = get_object_or_404(Strength.objects.select_related("area__parent"), pk=pk)
    require(can_moderate_strength(request.user, strength.area))
    form = ModerationForm(request.POST)
    hide = request.POST.get("action") == "hide"
    if form.is_valid():
        try:
            services.strength_moderate(
                strength=strength, by=request.user, hide=hide, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("De sterkte is verborgen.") if hide else _("De sterkte is weer zichtbaar."),
            )
    return redirect(f"{_profile_url(strength.area)}#sterkten")


@require_GET
def plan_progress(request, pk: int):
    """Public: every goal of a plan against its line from baseline to target."""
    plan = get_object_or_404(ActionPlan.objects.select_related("district__parent"), pk=pk)
    return render(
        request,
        "monitor/plan_progress.html",
        {"plan": plan, "result": selectors.plan_progress(plan)},
    )


@require_GET
def plan_progress_csv(request, pk: int):
    plan = get_object_or_404(ActionPlan, pk=pk)
    result = selectors.plan_progress(plan, with_charts=False)
    return _csv_response(selectors.plan_progress_csv(result), f"voortgang-plan-{plan.pk}.csv")


@require_GET
def district_report(request, code: str):
    """Public: the district report as a web page (the PDF has the same content)."""
    district = _area(code, AreaKind.DISTRICT)
    context = reports.district_report_context(district)
    return render(request, "monitor/report.html", context)


@require_GET
def district_report_pdf(request, code: str):
    district = _area(code, AreaKind.DISTRICT)
    pdf = reports.district_report_pdf(district, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{reports.pdf_filename(district)}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_figures(request):
    """Admins and district managers import CBS or long-format figures: all or nothing."""
    require(can_import_figures(request.user))
    problems: list[str] = []
    form = ObservationImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = services.observations_import(
                content=upload.read(),
                filename=upload.name,
                year=form.cleaned_data["year"],
                source=form.cleaned_data["source"] or None,
                by=request.user,
                scope=import_scope(request.user),
            )
        except services.ObservationImportFailed as exc:
            problems = exc.problems
            form.add_error("file", _("Het bestand is niet ingelezen. Er is niets opgeslagen."))
        else:
            messages.success(
                request,
                _(
                    "Ingelezen (%(years)s): %(created)s nieuwe cijfers, %(updated)s bijgewerkt, "
                    "%(unchanged)s ongewijzigd, %(areas)s nieuwe gebieden."
                )
                % {
                    "years": ", ".join(str(y) for y in report.periods),
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                    "areas": report.areas_created,
                },
            )
            from wijkaanpak.areas.services import figures_summary_text

            for line in figures_summary_text(report.area_figures):
                messages.info(request, line)
            return redirect("monitor:import")
    return render(
        request,
        "monitor/import.html",
        {
            "form": form,
            "problems": problems,
            "imports": ObservationImport.objects.select_related("imported_by")[:10],
            "own_districts": own_district_names(import_scope(request.user)),
        },
    )
