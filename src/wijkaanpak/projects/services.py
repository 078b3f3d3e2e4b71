"""The one write path for projects and their output measures."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from wijkaanpak.areas.models import AreaKind
from wijkaanpak.core.services import apply_fields, clean_or_raise
from wijkaanpak.projects.models import OutputMeasure, OutputPeriod, Project

PROJECT_FIELDS = (
    "district",
    "title",
    "description",
    "lead",
    "domain",
    "start_date",
    "end_date",
    "status",
    "continuation",
    "continuation_note",
    "is_demo",
)


def _project_rules(project: Project, goals: list | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if project.district_id and project.district.kind != AreaKind.DISTRICT:
        errors["district"] = [_("Een project hoort bij een wijk.")]
    if project.start_date and project.end_date and project.end_date < project.start_date:
        errors["end_date"] = [_("De einddatum mag niet vóór de begindatum liggen.")]
    if goals is not None:
        if not goals:
            errors["goals"] = [_("Kies minstens één doel waaraan dit project bijdraagt.")]
        elif project.district_id and any(g.plan.district_id != project.district_id for g in goals):
            errors["goals"] = [_("Kies alleen doelen uit een plan van deze wijk.")]
    return errors


@transaction.atomic(durable=True)
def project_create(*, by, goals: Iterable, partners: Iterable = (), **data: Any) -> Project:
    project = Project()
    apply_fields(project, data, PROJECT_FIELDS)
    goals = list(goals)
    clean_or_raise(project, _project_rules(project, goals))
    project.save()
    project.goals.set(goals)
    project.partners.set(list(partners))
    return project


@transaction.atomic(durable=True)
def project_update(
    *,
    project: Project,
    by,
    goals: Iterable | None = None,
    partners: Iterable | None = None,
    **data: Any,
) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    apply_fields(project, data, PROJECT_FIELDS)
    goal_list = None if goals is None else list(goals)
    clean_or_raise(project, _project_rules(project, goal_list))
    project.save()
    if goal_list is not None:
        project.goals.set(goal_list)
    if partners is not None:
        project.partners.set(list(partners))
    return project


@transaction.atomic(durable=True)
def output_measure_create(*, project: Project, by, name: str, unit: str) -> OutputMeasure:
    measure = OutputMeasure(project=project, name=name, unit=unit)
    clean_or_raise(measure)
    measure.save()
    return measure


@transaction.atomic(durable=True)
def output_measure_update(*, measure: OutputMeasure, by, name: str, unit: str) -> OutputMeasure:
    """Rename a measure or correct its unit; its periods stay (projects keep no history)."""
    measure = OutputMeasure.objects.select_for_update().get(pk=measure.pk)
    measure.name, measure.unit = name, unit
    clean_or_raise(measure)
    measure.save()
    return measure


@transaction.atomic(durable=True)
def output_period_save(
    *, measure: OutputMeasure, by, period: str, planned: Decimal, realised: Decimal | None = None
) -> OutputPeriod:
    """Create or replace the planned/realised figures of one period."""
    row = OutputPeriod.objects.filter(measure=measure, period=period).first() or OutputPeriod(
        measure=measure, period=period
    )
    row.planned, row.realised = planned, realised
    errors: dict[str, list[str]] = {}
    if planned is not None and planned < 0:
        errors["planned"] = [_("Een aantal kan niet negatief zijn.")]
    if realised is not None and realised < 0:
        errors["realised"] = [_("Een aantal kan niet negatief zijn.")]
    clean_or_raise(row, errors, validate_unique=False)
    row.save()
    return row
