"""The start page after login: per role what needs attention (reads other apps' selectors)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from wijkaanpak.areas.models import Area, AreaKind


@dataclass
class DistrictSignals:
    """What a district's manager should look at: goals off course, carousel risks, flagged
    initiatives, ideas waiting for the feasibility check, budgets in a phase with work."""

    district: Area
    goals_off_course: list = field(default_factory=list)  # monitor GoalStatus, red or amber
    carousel_projects: list = field(default_factory=list)  # (project, flags)
    flagged_initiatives: list = field(default_factory=list)  # (initiative, flags)
    ideas_to_review: list = field(default_factory=list)  # budgets Idea
    processes: list = field(default_factory=list)  # budgets Process not yet in implementation
    paper: list = field(default_factory=list)  # (process, sheets entered once, sheets differing)
    plan_count: int = 0

    @property
    def signal_count(self) -> int:
        return (
            len(self.goals_off_course)
            + len(self.carousel_projects)
            + len(self.flagged_initiatives)
            + len(self.ideas_to_review)
            + len(self.paper)
        )


def district_signals(districts) -> list[DistrictSignals]:
    """Signals for each district, with a fixed number of queries per district."""
    from wijkaanpak.budgets.models import Idea, IdeaStatus, Phase, Process
    from wijkaanpak.budgets.services import paper_status  # a read, despite its module
    from wijkaanpak.initiatives import selectors as initiatives
    from wijkaanpak.monitor import selectors as monitor
    from wijkaanpak.monitor.progress import Light
    from wijkaanpak.plans.models import Goal
    from wijkaanpak.projects.selectors import carousel_flags, district_projects

    out = []
    for district in districts:
        signals = DistrictSignals(district=district)
        goals = list(
            Goal.objects.filter(plan__district=district, plan__status__in=("draft", "adopted"))
            .select_related("indicator", "area", "plan__district", "owner", "plan")
            .order_by("plan_id", "id")
        )
        signals.plan_count = district.action_plans.count()
        for statuses in monitor.goals_progress(goals).values():
            signals.goals_off_course += [
                s for s in statuses if s.progress.light in (Light.RED, Light.AMBER)
            ]
        for project in district_projects(district):
            if flags := carousel_flags(project):
                signals.carousel_projects.append((project, flags))
        for initiative in initiatives.initiatives_in(district):
            if flags := initiatives.accountability_flags(initiative):
                signals.flagged_initiatives.append((initiative, flags))
        signals.ideas_to_review = list(
            Idea.objects.filter(
                process__area=district,
                process__phase__in=(Phase.IDEAS, Phase.REVIEW),
                status=IdeaStatus.SUBMITTED,
                is_hidden=False,
            )
            .select_related("process")
            .order_by("created_at", "id")
        )
        signals.processes = list(
            Process.objects.filter(area=district)
            .exclude(phase=Phase.IMPLEMENTATION)
            .annotate(
                to_review=Count(
                    "ideas", filter=Q(ideas__status=IdeaStatus.SUBMITTED, ideas__is_hidden=False)
                )
            )
        )
        for process in signals.processes:
            if process.phase in (Phase.VOTING, Phase.COUNTING):
                status = paper_status(process)
                waiting, differing = len(status.waiting), len(status.conflicts)
                if waiting or differing:
                    signals.paper.append((process, waiting, differing))
        out.append(signals)
    return out


def managed_districts(user):
    from wijkaanpak.accounts.permissions import managed_district_ids

    return (
        Area.objects.filter(id__in=managed_district_ids(user), kind=AreaKind.DISTRICT)
        .select_related("parent")
        .order_by("name")
    )


@dataclass
class PartnerStart:
    organisation: object
    projects: list  # (project, carousel flags)
    commitments: list


def partner_start(organisation) -> PartnerStart:
    """A partner organisation's projects (led or joined) and its commitments in the plans."""
    from wijkaanpak.plans.models import Commitment
    from wijkaanpak.projects.models import Project
    from wijkaanpak.projects.selectors import carousel_flags

    projects = (
        Project.objects.filter(Q(lead__organisation=organisation) | Q(partners=organisation))
        .distinct()
        .select_related("district", "lead__organisation")
        .annotate(
            goal_count=Count("goals", distinct=True), output_count=Count("outputs", distinct=True)
        )
        .order_by("district__name", "title")
    )
    commitments = (
        Commitment.objects.filter(partner=organisation)
        .select_related("plan__district", "goal")
        .order_by("plan__district__name", "plan__title", "id")
    )
    return PartnerStart(
        organisation=organisation,
        projects=[(p, carousel_flags(p)) for p in projects],
        commitments=list(commitments),
    )


def all_districts():
    return (
        Area.objects.filter(kind=AreaKind.DISTRICT)
        .select_related("parent")
        .order_by("parent__name", "name")
    )


@dataclass
class NeighbourhoodActivity:
    """What happens in a neighbourhood, and in its district (projects are planned per district)."""

    district: Area | None
    ideas_here: list
    initiatives_here: list
    initiatives_district: list
    projects_district: list
    processes_district: list


def neighbourhood_activity(area: Area) -> NeighbourhoodActivity:
    """Public reads only: published budget processes, ideas that are not hidden."""
    from wijkaanpak.budgets import selectors as budgets
    from wijkaanpak.budgets.models import Idea, Phase
    from wijkaanpak.initiatives.models import Initiative
    from wijkaanpak.projects.models import Project

    district = area.parent if area.parent_id and area.parent.kind == AreaKind.DISTRICT else None
    ideas_here = list(
        Idea.objects.filter(neighbourhood=area, is_hidden=False)
        .exclude(process__phase=Phase.DRAFT)
        .select_related("process")
        .order_by("-process__created_at", "title")
    )
    initiatives_here = list(Initiative.objects.filter(area=area).order_by("title"))
    initiatives_district, projects_district, processes_district = [], [], []
    if district is not None:
        initiatives_district = list(Initiative.objects.filter(area=district).order_by("title"))
        projects_district = list(Project.objects.filter(district=district).order_by("title"))
        processes_district = list(budgets.public_processes().filter(area=district))
    return NeighbourhoodActivity(
        district=district,
        ideas_here=ideas_here,
        initiatives_here=initiatives_here,
        initiatives_district=initiatives_district,
        projects_district=projects_district,
        processes_district=processes_district,
    )
