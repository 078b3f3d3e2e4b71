from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkaanpak.accounts.permissions import (
    can_book_money,
    can_create_analysis,
    can_create_project,
    can_edit_budget_line,
    can_edit_money,
    can_edit_outputs,
    can_edit_project,
    can_hold_project,
    funders_for,
)
from wijkaanpak.areas.models import Area, AreaKind
from wijkaanpak.core.views import require, run_service
from wijkaanpak.funding import services as funding_services
from wijkaanpak.funding.models import BudgetLine
from wijkaanpak.projects import services
from wijkaanpak.projects.forms import (
    BudgetLineForm,
    OutputMeasureForm,
    OutputPeriodForm,
    ProjectForm,
)
from wijkaanpak.projects.models import OutputMeasure, Project
from wijkaanpak.projects.selectors import carousel_flags


def _budget_form(request, project: Project, data=None) -> BudgetLineForm:
    return BudgetLineForm(
        data,
        initial={"year": project.start_date.year},
        funders=funders_for(request.user, project),
    )


def _project_context(request, project: Project, **extra):
    budget_lines = list(
        project.budget_lines.select_related("funder").order_by("year", "funder__name")
    )
    can_money = can_edit_money(request.user, project)
    return {
        "project": project,
        "flags": carousel_flags(project),
        "goals": project.goals.select_related("plan", "indicator"),
        "budget_lines": budget_lines,
        # a partner may delete only the lines its own organisation funds
        "deletable_lines": {
            line.pk
            for line in budget_lines
            if can_money and can_edit_budget_line(request.user, line)
        },
        "outputs": project.outputs.prefetch_related("periods"),
        "can_edit": can_edit_project(request.user, project),
        "can_analyse": can_create_analysis(request.user, project),
        "can_edit_money": can_money,
        "budget_form": extra.pop("budget_form", None) or _budget_form(request, project),
        "output_form": extra.pop("output_form", None) or OutputMeasureForm(),
        "period_form": OutputPeriodForm(),
        **extra,
    }


@require_GET
def project_detail(request, pk: int):
    """Public: what a project does, for which goals, with whose money."""
    project = get_object_or_404(
        Project.objects.select_related("district", "lead__organisation"), pk=pk
    )
    return render(request, "projects/project_detail.html", _project_context(request, project))


def _partner_takes_part(request, data) -> None:
    if not can_hold_project(request.user, data.get("lead"), data.get("partners")):
        raise ValidationError(
            {"partners": [_("Uw eigen organisatie moet trekker of partner van het project zijn.")]}
        )


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request, code: str):
    district = get_object_or_404(Area, code=code.upper(), kind=AreaKind.DISTRICT)
    require(can_create_project(request.user, district))
    form = ProjectForm(request.POST or None, district=district)
    if request.method == "POST":

        def save(data):
            _partner_takes_part(request, data)
            return services.project_create(by=request.user, district=district, **data)

        project = run_service(form, save)
        if project:
            messages.success(request, _("Het project is toegevoegd."))
            return redirect(project)
    return render(
        request, "core/form.html", {"form": form, "title": _("Nieuw project in %s") % district.name}
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, pk: int):
    project = get_object_or_404(Project.objects.select_related("district"), pk=pk)
    require(can_edit_project(request.user, project))
    form = ProjectForm(request.POST or None, instance=project, district=project.district)
    if request.method == "POST":

        def save(data):
            _partner_takes_part(request, data)
            return services.project_update(project=project, by=request.user, **data)

        if run_service(form, save):
            messages.success(request, _("Het project is bijgewerkt."))
            return redirect(project)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Project bewerken: %s") % project.title},
    )


@login_required
@require_POST
def budget_line_add(request, pk: int):
    """Add a budget line; with htmx only the money table is swapped in."""
    project = get_object_or_404(Project.objects.select_related("district"), pk=pk)
    require(can_edit_money(request.user, project))
    form = _budget_form(request, project, request.POST)

    def save(data):
        # the form offers a partner only its own organisation; checked again here
        require(can_book_money(request.user, project, data["funder"].pk))
        return funding_services.budget_line_create(project=project, by=request.user, **data)

    line = run_service(form, save)
    if request.headers.get("HX-Request"):
        context = _project_context(request, project, budget_form=form if line is None else None)
        return render(request, "projects/_budget_lines.html", context, status=200 if line else 422)
    if line:
        messages.success(request, _("De begrotingsregel is toegevoegd."))
        return redirect(project)
    return render(
        request,
        "projects/project_detail.html",
        _project_context(request, project, budget_form=form),
        status=422,
    )


@login_required
@require_POST
def budget_line_delete(request, pk: int):
    line = get_object_or_404(BudgetLine.objects.select_related("project__district"), pk=pk)
    require(can_edit_budget_line(request.user, line))
    project = line.project
    funding_services.budget_line_delete(line=line, by=request.user)
    messages.success(request, _("De begrotingsregel is verwijderd."))
    return redirect(project)


@login_required
@require_POST
def output_add(request, pk: int):
    project = get_object_or_404(Project.objects.select_related("district"), pk=pk)
    require(can_edit_outputs(request.user, project))
    form = OutputMeasureForm(request.POST)
    if run_service(
        form, lambda data: services.output_measure_create(project=project, by=request.user, **data)
    ):
        messages.success(request, _("De prestatie is toegevoegd."))
        return redirect(project)
    return render(
        request,
        "projects/project_detail.html",
        _project_context(request, project, output_form=form),
        status=422,
    )


@login_required
@require_http_methods(["GET", "POST"])
def output_edit(request, pk: int):
    measure = get_object_or_404(OutputMeasure.objects.select_related("project__district"), pk=pk)
    require(can_edit_outputs(request.user, measure.project))
    form = OutputMeasureForm(request.POST or None, instance=measure)
    if request.method == "POST":
        if run_service(
            form,
            lambda data: services.output_measure_update(measure=measure, by=request.user, **data),
        ):
            messages.success(request, _("De prestatie is opgeslagen."))
            return redirect(measure.project)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Prestatie bewerken: %s") % measure.name},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def output_period(request, pk: int):
    measure = get_object_or_404(OutputMeasure.objects.select_related("project__district"), pk=pk)
    require(can_edit_outputs(request.user, measure.project))
    form = OutputPeriodForm(request.POST or None)
    if request.method == "POST":
        if run_service(
            form, lambda data: services.output_period_save(measure=measure, by=request.user, **data)
        ):
            messages.success(request, _("De cijfers zijn opgeslagen."))
            return redirect(measure.project)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Gepland en gerealiseerd: %s") % measure.name},
    )
