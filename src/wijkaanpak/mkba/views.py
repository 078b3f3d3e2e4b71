"""Pages for social cost-benefit analyses. Reading is public; writing asks accounts.permissions."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkaanpak.accounts.permissions import (
    can_create_analysis,
    can_edit_analysis,
    can_start_analysis,
    projects_for_analysis,
)
from wijkaanpak.core.views import require, run_service
from wijkaanpak.mkba import selectors, services
from wijkaanpak.mkba.forms import AnalysisForm, FlowForm, flow_initial
from wijkaanpak.mkba.models import Analysis, CashFlow
from wijkaanpak.projects.models import Project


def _analysis(pk: int) -> Analysis:
    return get_object_or_404(
        Analysis.objects.select_related("project__district", "project__lead__organisation"), pk=pk
    )


def _detail_context(request, analysis: Analysis, **extra):
    flow_form = extra.pop("flow_form", None) or FlowForm(initial={"year": analysis.base_year})
    return {
        "analysis": analysis,
        "report": selectors.report(analysis),
        "can_edit": can_edit_analysis(request.user, analysis),
        "flow_form": flow_form,
        "suggestions": selectors.stakeholder_suggestions(analysis),
        **extra,
    }


def _is_htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


@require_GET
def analysis_list(request):
    """Public: every analysis with its headline, optionally for one project (``?project=``)."""
    analyses = Analysis.objects.select_related("project__district").order_by("title", "id")
    project = None
    if (project_id := request.GET.get("project", "")).isdigit():
        project = get_object_or_404(Project, pk=int(project_id))
        analyses = analyses.filter(project=project)
    return render(
        request,
        "mkba/analysis_list.html",
        {
            "summaries": [selectors.summary(a) for a in analyses],
            "project": project,
            "can_start": can_start_analysis(request.user),
        },
    )


@require_GET
def analysis_detail(request, pk: int):
    """Public: the analysis as a story — the short answer, totals, who pays, how sure, details."""
    analysis = _analysis(pk)
    return render(request, "mkba/analysis_detail.html", _detail_context(request, analysis))


def _check_project(user, data) -> None:
    if not can_create_analysis(user, data.get("project")):
        raise ValidationError({"project": [_("Kies het project waar deze MKBA bij hoort.")]})


@login_required
@require_http_methods(["GET", "POST"])
def analysis_create(request):
    require(can_start_analysis(request.user))
    projects = projects_for_analysis(request.user)
    initial: dict = {"base_year": dt.date.today().year, "horizon": 5}
    if (project_id := request.GET.get("project", "")).isdigit():
        project = projects.filter(pk=int(project_id)).first()
        if project is not None:
            initial.update(project=project, base_year=project.start_date.year)
            initial["title"] = _("MKBA %(project)s") % {"project": project.title}
    form = AnalysisForm(request.POST or None, projects=projects, initial=initial)
    if request.method == "POST":

        def save(data):
            _check_project(request.user, data)
            return services.analysis_create(by=request.user, **data)

        analysis = run_service(form, save)
        if analysis:
            messages.success(
                request, _("De MKBA is gemaakt. Vul nu de kosten en baten per partij in.")
            )
            return redirect(analysis.get_absolute_url() + "#bedragen")
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Nieuwe MKBA"), "submit_label": _("MKBA maken")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def analysis_edit(request, pk: int):
    analysis = _analysis(pk)
    require(can_edit_analysis(request.user, analysis))
    form = AnalysisForm(
        request.POST or None, instance=analysis, projects=projects_for_analysis(request.user)
    )
    if request.method == "POST":

        def save(data):
            _check_project(request.user, data)
            return services.analysis_update(analysis=analysis, by=request.user, **data)

        if run_service(form, save):
            messages.success(request, _("De MKBA is bijgewerkt."))
            return redirect(analysis)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("MKBA bewerken: %s") % analysis.title},
    )


@login_required
@require_http_methods(["GET", "POST"])
def analysis_delete(request, pk: int):
    analysis = _analysis(pk)
    require(can_edit_analysis(request.user, analysis))
    if request.method == "POST":
        project = analysis.project
        services.analysis_delete(analysis=analysis, by=request.user)
        messages.success(request, _("De MKBA is verwijderd."))
        return redirect(project if project else "mkba:list")
    return render(request, "mkba/analysis_delete.html", {"analysis": analysis})


def _flow_response(request, analysis: Analysis, form, ok: bool, message: str):
    """htmx: swap the whole result (it changes with every amount); otherwise redirect."""
    if _is_htmx(request):
        context = _detail_context(
            request, analysis, flow_form=None if ok else form, status_message=message if ok else ""
        )
        return render(request, "mkba/_analysis_body.html", context, status=200 if ok else 422)
    if ok:
        messages.success(request, message)
        return redirect(analysis.get_absolute_url() + "#bedragen")
    return render(
        request,
        "mkba/analysis_detail.html",
        _detail_context(request, analysis, flow_form=form),
        status=422,
    )


@login_required
@require_POST
def flow_add(request, pk: int):
    analysis = _analysis(pk)
    require(can_edit_analysis(request.user, analysis))
    form = FlowForm(request.POST)
    flows = run_service(
        form,
        lambda data: services.flow_series_create(analysis=analysis, by=request.user, **data),
    )
    if flows and len(flows) > 1:
        message = _("%(n)s bedragen toegevoegd. De uitkomsten zijn bijgewerkt.") % {"n": len(flows)}
    else:
        message = _("Het bedrag is toegevoegd. De uitkomsten zijn bijgewerkt.")
    return _flow_response(request, analysis, form, bool(flows), message)


@login_required
@require_http_methods(["GET", "POST"])
def flow_edit(request, pk: int):
    flow = get_object_or_404(CashFlow.objects.select_related("stakeholder"), pk=pk)
    analysis = _analysis(flow.analysis_id)
    require(can_edit_analysis(request.user, analysis))
    form = FlowForm(request.POST or None, initial=flow_initial(flow), with_series=False)
    if request.method == "POST":
        if run_service(form, lambda data: services.flow_update(flow=flow, by=request.user, **data)):
            messages.success(request, _("Het bedrag is bijgewerkt."))
            return redirect(analysis.get_absolute_url() + "#bedragen")
    return render(
        request,
        "mkba/flow_form.html",
        {
            "form": form,
            "analysis": analysis,
            "title": _("Bedrag wijzigen"),
            "suggestions": selectors.stakeholder_suggestions(analysis),
        },
    )


@login_required
@require_POST
def flow_delete(request, pk: int):
    flow = get_object_or_404(CashFlow, pk=pk)
    analysis = _analysis(flow.analysis_id)
    require(can_edit_analysis(request.user, analysis))
    services.flow_delete(flow=flow, by=request.user)
    return _flow_response(
        request, analysis, None, True, _("Het bedrag is verwijderd. De uitkomsten zijn bijgewerkt.")
    )


def _csv(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _file_stem(analysis: Analysis) -> str:
    return f"mkba-{analysis.pk}-{slugify(analysis.title)[:40]}".rstrip("-")


@require_GET
def flows_csv(request, pk: int):
    """Public open data: every cash flow of the analysis."""
    analysis = _analysis(pk)
    return _csv(selectors.flows_csv(analysis), f"{_file_stem(analysis)}-bedragen.csv")


@require_GET
def results_csv(request, pk: int):
    """Public open data: totals, per party, per year, sensitivity and simulation."""
    analysis = _analysis(pk)
    return _csv(
        selectors.results_csv(selectors.report(analysis)),
        f"{_file_stem(analysis)}-uitkomsten.csv",
    )
