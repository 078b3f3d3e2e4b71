"""Read-side rules for projects: the carousel-risk flags of the district page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from wijkaanpak.projects.models import Continuation, Project, ProjectStatus

#: A project within this many days of its end must say how it continues.
CONTINUATION_HORIZON_DAYS = 365

ACTIVE_STATUSES = (ProjectStatus.PLANNED, ProjectStatus.RUNNING)


@dataclass(frozen=True)
class CarouselFlag:
    code: str
    message: str


def carousel_flags(project: Project, today: dt.date | None = None) -> list[CarouselFlag]:
    """Why a project risks the 'project carousel': temporary money, no goal, no measure, no future.

    Expects ``goal_count`` and ``output_count`` annotations when called for many projects
    (see ``district_projects``); falls back to queries for a single project.
    """
    today = today or dt.date.today()
    if project.status not in ACTIVE_STATUSES:
        return []
    goal_count = getattr(project, "goal_count", None)
    output_count = getattr(project, "output_count", None)
    if goal_count is None:
        goal_count = project.goals.count()
    if output_count is None:
        output_count = project.outputs.count()
    flags = []
    if goal_count == 0:
        flags.append(CarouselFlag("no_goal", str(_("draagt aan geen enkel doel bij"))))
    if output_count == 0:
        flags.append(CarouselFlag("no_output", str(_("meet geen prestaties"))))
    ends_soon = (project.end_date - today).days <= CONTINUATION_HORIZON_DAYS
    if ends_soon and project.continuation in (Continuation.UNKNOWN, Continuation.NONE):
        flags.append(
            CarouselFlag(
                "no_continuation", str(_("stopt binnen een jaar en heeft geen plan voor daarna"))
            )
        )
    return flags


def district_projects(district) -> QuerySet[Project]:
    from wijkaanpak.plans.models import Goal

    return (
        Project.objects.filter(district=district)
        .select_related("lead__organisation")
        .prefetch_related(
            "partners", Prefetch("goals", queryset=Goal.objects.select_related("indicator"))
        )
        .annotate(
            goal_count=Count("goals", distinct=True), output_count=Count("outputs", distinct=True)
        )
        .order_by("title")
    )
