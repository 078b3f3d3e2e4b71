from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkaanpak.accounts.permissions import (
    can_create_project,
    can_import_areas,
    can_manage_district,
    import_scope,
    own_district_names,
)
from wijkaanpak.areas.forms import AreaImportForm
from wijkaanpak.areas.models import Area, AreaKind
from wijkaanpak.areas.selectors import area_figures, neighbourhoods_of, scale_check
from wijkaanpak.core.views import require
from wijkaanpak.funding.selectors import money_matrix
from wijkaanpak.plans.models import ActionPlan, Goal
from wijkaanpak.projects.selectors import carousel_flags, district_projects


@require_GET
def area_detail(request, code: str):
    """Public. A district gets the full overview; other areas a short card with their children."""
    area = get_object_or_404(Area.objects.select_related("parent"), code=code.upper())
    if area.kind == AreaKind.DISTRICT:
        return district_overview(request, area)
    children = area.children.order_by("name")
    check, check_message = scale_check(area)
    activity = None
    if area.kind == AreaKind.NEIGHBOURHOOD:
        from wijkaanpak.core.selectors import neighbourhood_activity

        activity = neighbourhood_activity(area)
    return render(
        request,
        "areas/area_detail.html",
        {
            "area": area,
            "figures": area_figures(area),
            "children": children,
            "scale": check,
            "scale_message": check_message,
            "activity": activity,
        },
    )


def district_overview(request, district: Area):
    from wijkaanpak.monitor import selectors as monitor

    plans = list(
        ActionPlan.objects.filter(district=district)
        .select_related("district")
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=Goal.objects.select_related("indicator", "owner", "area").order_by("id"),
            ),
            "commitments__partner",
        )
        .order_by("-start_year")
    )
    # The monitor's traffic light per goal (one query for all figures of all goals).
    progress = monitor.goals_progress([g for p in plans for g in p.goals.all()])
    for plan in plans:
        for status in progress.get(plan.id, []):
            status.goal.monitor = status
    projects = list(district_projects(district))
    project_rows = [(p, carousel_flags(p)) for p in projects]
    check, check_message = scale_check(district)
    neighbourhoods = [(n, *scale_check(n)) for n in neighbourhoods_of(district)]
    return render(
        request,
        "areas/district.html",
        {
            "district": district,
            "plans": plans,
            "project_rows": project_rows,
            "carousel_count": sum(1 for _p, flags in project_rows if flags),
            "matrix": money_matrix(district),
            "scale": check,
            "scale_message": check_message,
            "neighbourhoods": neighbourhoods,
            "nb_areas": [n for n, *_rest in neighbourhoods],
            "figures": area_figures(district),
            "can_manage": can_manage_district(request.user, district),
            "can_add_project": can_create_project(request.user, district),
            "monitor_index": monitor.area_index(district),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def area_import(request):
    require(can_import_areas(request.user))
    from wijkaanpak.areas.services import AreaImportFailed, areas_import, figures_summary_text

    report = None
    problems = []
    form = AreaImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = areas_import(
                content=upload.read(),
                filename=upload.name,
                year=form.cleaned_data["year"],
                by=request.user,
                scope=import_scope(request.user),
            )
        except AreaImportFailed as exc:
            problems = exc.problems
            form.add_error("file", _("Het bestand is niet ingelezen. Er is niets opgeslagen."))
        else:
            messages.success(
                request,
                _(
                    "Ingelezen: %(created)s nieuw, %(updated)s bijgewerkt, %(unchanged)s ongewijzigd."
                )
                % {
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                },
            )
            # Per figure, so an import that brings "unknown" says that it kept what was known.
            for line in figures_summary_text({k: c.as_dict() for k, c in report.figures.items()}):
                messages.info(request, line)
            return redirect("areas:import")
    return render(
        request,
        "areas/area_import.html",
        {
            "form": form,
            "problems": problems,
            "own_districts": own_district_names(import_scope(request.user)),
        },
    )
