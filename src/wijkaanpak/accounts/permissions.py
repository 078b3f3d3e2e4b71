"""Who may do what. Every view and API endpoint asks these functions; nothing else decides.

Roles (see ``Role``): admin edits everything; a district manager edits the plans, projects,
money and MKBAs of the districts assigned to them; a partner edits their own organisation's
commitments, the projects their organisation leads or takes part in, those projects' outputs,
and the budget lines its own organisation funds; everybody else (including anonymous
visitors) reads public pages only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wijkaanpak.accounts.models import Role

if TYPE_CHECKING:
    from wijkaanpak.areas.models import Area
    from wijkaanpak.partners.models import Organisation
    from wijkaanpak.plans.models import ActionPlan, Commitment
    from wijkaanpak.projects.models import Project

PUBLIC = "public"


def role_of(user) -> str:
    if not getattr(user, "is_authenticated", False):
        return PUBLIC
    if user.is_superuser:
        return Role.ADMIN
    profile = getattr(user, "profile", None)
    return profile.role if profile is not None else PUBLIC


def is_admin(user) -> bool:
    return role_of(user) == Role.ADMIN


def is_staff_member(user) -> bool:
    """Any signed-in user with a working role (may see non-public pages such as contacts)."""
    return role_of(user) != PUBLIC


def can_have_api_token(user) -> bool:
    """An API key for writing through the API: people with a working role (reading is public)."""
    return is_staff_member(user)


def managed_district_ids(user) -> set[int]:
    if role_of(user) != Role.DISTRICT_MANAGER:
        return set()
    cache = getattr(user, "_managed_district_ids", None)
    if cache is None:
        cache = set(user.profile.districts.values_list("id", flat=True))
        user._managed_district_ids = cache
    return cache


def organisation_id_of(user) -> int | None:
    if role_of(user) != Role.PARTNER:
        return None
    return user.profile.organisation_id


def can_manage_district(user, district: Area) -> bool:
    """Create and edit plans and projects in this district; import areas."""
    return is_admin(user) or district.id in managed_district_ids(user)


# --- pages per role: the start page and the menu ---------------------------------------------
# Other apps never read a role themselves (``tests/accounts/test_role_decisions.py`` fails when
# they do): they ask one of the functions below, and templates get the menu's answers from the
# context processor ``core.context_processors.roles``.

START_DISTRICTS = "districts"  # "Mijn wijken": the signals of the user's own districts
START_ORGANISATION = "organisation"  # a partner's organisation: its projects and commitments
START_ALL_DISTRICTS = "all_districts"  # every district's signals
START_BUDGETS = "budgets"  # the resident budgets (moderators, officials)
START_HOME = "home"  # the public home page


def start_page(user) -> str:
    """Where ``user`` lands after login (one of the ``START_*`` values)."""
    role = role_of(user)
    if role == Role.DISTRICT_MANAGER:
        return START_DISTRICTS
    if role == Role.PARTNER and organisation_id_of(user) is not None:
        return START_ORGANISATION
    if role == Role.ADMIN:
        return START_ALL_DISTRICTS
    if role in (Role.MODERATOR, Role.OFFICIAL):
        return START_BUDGETS
    return START_HOME


def has_start_page(user) -> bool:
    """Show "Mijn overzicht" in the menu: admins, district managers and partners."""
    return role_of(user) in (Role.ADMIN, Role.DISTRICT_MANAGER, Role.PARTNER)


def can_open_admin_site(user) -> bool:
    """Show the link to the Django admin ("Beheer"): admins."""
    return is_admin(user)


def recorded_role(user) -> str:
    """The role written down with something a user adds (a strength of an area): their role,
    or ``"resident"`` for everybody without a working role."""
    role = role_of(user)
    return "resident" if role == PUBLIC else str(role)


def can_import_areas(user) -> bool:
    """Open the import pages and API: admins, and district managers for their own districts
    (``import_scope`` says which rows of a file they may import)."""
    return is_admin(user) or role_of(user) == Role.DISTRICT_MANAGER


def can_import_figures(user) -> bool:
    """Load CBS or other figures into the monitor: the same people who import areas."""
    return can_import_areas(user)


# --- imports: which areas a file may touch ---------------------------------------------------
# Importing areas (names, tree, inhabitants) or figures changes what every page shows about an
# area. Municipality-wide imports (the municipality itself, other districts, national figures)
# are for admins; a district manager imports only their own districts and the neighbourhoods in
# them. The import services take the scope and refuse every other row (line and code), storing
# nothing, so the page, the API and the command line follow the same rule.

_DISTRICT, _NEIGHBOURHOOD = "district", "neighbourhood"  # ``areas.models.AreaKind`` values


@dataclass(frozen=True)
class ImportScope:
    """The areas an import may create or change.

    ``districts is None``: every area. Otherwise the codes of these districts (each with the
    code of the municipality it lies in) and of the neighbourhoods stored under them; a new
    neighbourhood may be added under one of these districts.
    """

    districts: Mapping[str, str | None] | None
    neighbourhoods: frozenset[str] = frozenset()

    @property
    def everything(self) -> bool:
        return self.districts is None

    def is_own(self, code: str) -> bool:
        """A district of this scope or a neighbourhood already stored under one."""
        return self.districts is None or code in self.districts or code in self.neighbourhoods

    def allows(self, *, code: str, kind: str | None, parent_code: str | None, stored: bool) -> bool:
        """May a row for area ``code`` be imported? ``kind`` and ``parent_code`` as the file
        gives them (None: the file does not say), ``stored``: the area exists already."""
        if self.districts is None:
            return True
        if code in self.districts:  # own district: not moved to another municipality
            return kind in (None, _DISTRICT) and parent_code in (None, self.districts[code])
        if kind not in (None, _NEIGHBOURHOOD):
            return False
        if code in self.neighbourhoods:  # own neighbourhood: stays in an own district
            return parent_code is None or parent_code in self.districts
        # a new neighbourhood in an own district; an area stored elsewhere never
        return not stored and kind == _NEIGHBOURHOOD and parent_code in self.districts


EVERY_AREA = ImportScope(districts=None)


def import_scope(user) -> ImportScope:
    """Which areas ``user`` may import: admins every area; a district manager their own
    districts and their neighbourhoods; anybody else none. ``user=None`` is the command line
    (and the demo loader), which runs as admin."""
    if user is None or is_admin(user):
        return EVERY_AREA
    from wijkaanpak.areas.models import Area

    ids = managed_district_ids(user)
    districts = dict(
        Area.objects.filter(id__in=ids, kind=_DISTRICT).values_list("code", "parent__code")
    )
    neighbourhoods = frozenset(
        Area.objects.filter(parent_id__in=ids, kind=_NEIGHBOURHOOD).values_list("code", flat=True)
    )
    return ImportScope(districts=districts, neighbourhoods=neighbourhoods)


def own_district_names(scope: ImportScope) -> list[str] | None:
    """The names of a limited scope's districts (for the import pages); None: every area."""
    if scope.districts is None:
        return None
    from wijkaanpak.areas.models import Area

    return list(
        Area.objects.filter(code__in=scope.districts)
        .order_by("name")
        .values_list("name", flat=True)
    )


# --- partner organisations -------------------------------------------------------------------
# Reading organisations, their commitments and projects is public; the names and e-mail
# addresses of their people are for staff members (``is_staff_member``).


def can_manage_partners(user) -> bool:
    """Add partner organisations, and contact people to any organisation: admins and district
    managers."""
    return is_admin(user) or role_of(user) == Role.DISTRICT_MANAGER


def can_edit_organisation(user, organisation: Organisation) -> bool:
    """Add contact people to this organisation: the people who manage partners, and the
    organisation's own partner accounts."""
    return can_manage_partners(user) or organisation_id_of(user) == organisation.pk


def can_add_strength(user, area: Area) -> bool:
    """Anyone signed in (residents and professionals) may name a strength of an area."""
    return bool(getattr(user, "is_authenticated", False))


def can_moderate_strength(user, area: Area) -> bool:
    """Hide or show a strength: the manager of the area's district (or an admin)."""
    district = area.parent if area.kind == "neighbourhood" and area.parent_id else area
    return can_manage_district(user, district)


def can_edit_plan(user, plan: ActionPlan) -> bool:
    return can_manage_district(user, plan.district)


def can_edit_commitment(user, commitment: Commitment) -> bool:
    if can_edit_plan(user, commitment.plan):
        return True
    org_id = organisation_id_of(user)
    return org_id is not None and commitment.partner_id == org_id


def can_commit_to_plan(user, plan: ActionPlan) -> bool:
    """Open the "new commitment" form of a plan: its editors (for any partner) and partners
    (for their own organisation: ``can_choose_commitment_partner`` and
    ``can_create_commitment``)."""
    return can_edit_plan(user, plan) or organisation_id_of(user) is not None


def can_choose_commitment_partner(user, plan: ActionPlan) -> bool:
    """Pick (or change) the partner of a commitment on ``plan``; everybody else who may commit
    speaks only for their own organisation."""
    return can_edit_plan(user, plan)


def can_create_commitment(user, plan: ActionPlan, partner_id: int | None) -> bool:
    if can_edit_plan(user, plan):
        return True
    org_id = organisation_id_of(user)
    return org_id is not None and partner_id == org_id


def can_create_project(user, district: Area) -> bool:
    return can_manage_district(user, district) or organisation_id_of(user) is not None


def can_edit_project(user, project: Project) -> bool:
    if can_manage_district(user, project.district):
        return True
    org_id = organisation_id_of(user)
    if org_id is None:
        return False
    return project.lead.organisation_id == org_id or project.partners.filter(id=org_id).exists()


def can_hold_project(user, lead, partners) -> bool:
    """A partner may only create or keep a project its own organisation leads or joins."""
    org_id = organisation_id_of(user)
    if org_id is None:
        return True
    lead_org = getattr(lead, "organisation_id", None)
    return lead_org == org_id or any(p.id == org_id for p in partners or ())


# --- money: budget lines of projects ----------------------------------------------------------
# A budget line says that a funder puts money into a project; it goes straight into the public
# buurtbegroting. So a partner speaks only for its own organisation: it may create, change and
# delete only lines its own organisation funds, on projects it leads or joins. The district's
# manager (and an admin) books any funder's money, the municipality's included.


def can_edit_money(user, project: Project) -> bool:
    """See and use the money form of a project: the district's manager, or a partner on the
    project (who may then book only its own organisation's money: ``can_book_money``)."""
    return can_edit_project(user, project)


def can_book_money(user, project: Project, funder_id: int | None) -> bool:
    """Create a budget line funded by ``funder_id`` (or change a line to that funder)."""
    if can_manage_district(user, project.district):
        return True
    org_id = organisation_id_of(user)
    return org_id is not None and funder_id == org_id and can_edit_project(user, project)


def can_edit_budget_line(user, line) -> bool:
    """Change or delete this budget line: the district's manager, or a partner on the project
    whose own organisation is the line's funder."""
    return can_book_money(user, line.project, line.funder_id)


def funders_for(user, project: Project):
    """The organisations ``user`` may book money for on ``project`` (``can_book_money`` as a
    query): every organisation for the district's manager, its own for a partner."""
    from wijkaanpak.partners.models import Organisation

    if can_manage_district(user, project.district):
        return Organisation.objects.all()
    org_id = organisation_id_of(user)
    if org_id is None or not can_edit_project(user, project):
        return Organisation.objects.none()
    return Organisation.objects.filter(id=org_id)


def can_edit_outputs(user, project: Project) -> bool:
    return can_edit_project(user, project)


# --- social cost-benefit analyses (MKBA) ------------------------------------------------------
# Reading an analysis is public: it is part of the public account of what an intervention
# costs and returns, and it holds amounts per party, no personal data. Writing it is the
# municipality's job: the analysis weighs the costs and benefits of every party, so no single
# party (a partner on the project) may set them. Admins, and the manager of the project's
# district; partners read only.


def can_create_analysis(user, project: Project | None) -> bool:
    """An analysis of a project: the manager of the project's district (or an admin). Without
    a project: admin only. Partners never, not even on their own projects."""
    if is_admin(user):
        return True
    return project is not None and can_manage_district(user, project.district)


def can_edit_analysis(user, analysis) -> bool:
    """Edit or delete an analysis and its cash flows: the same people who may create it."""
    return can_create_analysis(user, analysis.project)


def can_start_analysis(user) -> bool:
    """Open the "new analysis" form: admins and district managers."""
    return role_of(user) in (Role.ADMIN, Role.DISTRICT_MANAGER)


def projects_for_analysis(user):
    """The projects this user may link an analysis to (``can_create_analysis`` as a query)."""
    from wijkaanpak.projects.models import Project

    projects = Project.objects.select_related("district")
    if is_admin(user):
        return projects
    return projects.filter(district_id__in=managed_district_ids(user))


# --- initiatives, vouchers and crowd support -------------------------------------------------
# Reading an initiative is public: its vouchers, spending (date, amount, what for), parts,
# updates, needs and pledge totals. Not public: the initiator's contact e-mail, the names and
# e-mail addresses of people who pledge, and receipts.
# Writing: the district manager of the initiative's district and admins; the initiative's own
# coordinator account (``Initiative.coordinator``, any signed-in user) keeps its progress up to
# date (spending, updates, parts, needs, pledges) but issues no vouchers and changes neither
# its status nor its goals.


def can_create_initiative(user, district: Area) -> bool:
    return can_manage_district(user, district)


def can_edit_initiative(user, initiative) -> bool:
    """Title, area, goals, status and coordinator of an initiative."""
    return can_manage_district(user, initiative.district)


def can_issue_voucher(user, initiative) -> bool:
    return can_edit_initiative(user, initiative)


def can_issue_vouchers_for_process(user, district: Area | None) -> bool:
    """Vouchers for all winners of a resident budget: admins, or the district's manager."""
    return is_admin(user) or (district is not None and can_manage_district(user, district))


def is_initiative_coordinator(user, initiative) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and initiative.coordinator_id is not None
        and initiative.coordinator_id == user.pk
    )


def can_report_on_initiative(user, initiative) -> bool:
    """Spending with receipts, updates, parts and their progress, needs, pledges fulfilled."""
    return can_edit_initiative(user, initiative) or is_initiative_coordinator(user, initiative)


def can_view_receipts(user, initiative) -> bool:
    return can_report_on_initiative(user, initiative)


def can_see_initiative_contacts(user, initiative) -> bool:
    """The initiator's e-mail and who pledged (names, e-mail addresses)."""
    return can_report_on_initiative(user, initiative)


def can_pledge(user, need) -> bool:
    """Everybody may offer help, with or without an account (no rate limit; CSRF on the form,
    server-side validation; staff remove spam). Whether the need is open is a service rule."""
    return True


# --- resident budgets (bewonersbudget) -------------------------------------------------------
# Reading a process, its ideas and (after voting) its results is public. Submitting ideas,
# commenting and voting are for everybody: the services check the phase and the voting code.
# Nobody, whatever the role, may read who voted what: no function here grants that, and the
# tables do not hold it (README, "Resident budget").


_DRAFT = "draft"  # ``budgets.models.Phase.DRAFT``


def can_view_process(user, process) -> bool:
    """See a process at all (its page, ideas, comments, voting, results): everybody once it
    has started; while it is a draft only the people who prepare it (``can_manage_budget``).
    Anybody else gets a 404, as if it did not exist."""
    return process.phase != _DRAFT or can_manage_budget(user, process)


def can_manage_budget(user, process) -> bool:
    """Settings, phases, voting codes, verified accounts: admins and the district's manager."""
    return can_manage_district(user, process.area)


def can_create_budget(user, district: Area) -> bool:
    return can_manage_district(user, district)


def can_review_ideas(user, process) -> bool:
    """The feasibility check (accept with a cost, or reject with a reason)."""
    return can_manage_budget(user, process) or role_of(user) == Role.MODERATOR


def can_moderate_budget(user, process) -> bool:
    """Hide abusive ideas and comments, with a reason that is recorded."""
    return can_manage_budget(user, process) or role_of(user) == Role.MODERATOR


def can_enter_paper_ballots(user, process) -> bool:
    """Register returned voting letters and enter paper ballots: officials only, so every
    sheet is read by two people with that task (the manager sees the status, not the sheets)."""
    return role_of(user) == Role.OFFICIAL


def can_see_paper_status(user, process) -> bool:
    return can_enter_paper_ballots(user, process) or can_manage_budget(user, process)


def can_see_budget_staff_pages(user, process) -> bool:
    """Turnout, moderation log, code batches: the people who run the process."""
    return (
        can_manage_budget(user, process)
        or can_review_ideas(user, process)
        or can_enter_paper_ballots(user, process)
    )
