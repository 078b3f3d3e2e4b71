"""Read-side rules for initiatives: money, rolled-up progress, crowd support and flags.

The flags answer the seeds' warning that vouchers and resident budgets feed the project
carousel unless they are tied to goals and accounted for (004 §2.4). An active initiative
(in preparation or running) is flagged when

- it has spent money and posted no update for ``update_interval_months()`` months
  (counted from its last update, or from its first voucher when it never posted one);
- it has spent more than its vouchers grant (flagged for every status: an overspend
  stays visible after the initiative ends);
- it has a voucher (public money) but serves no goal of the action plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Count,
    DecimalField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.core import csvexport, formats
from wijkaanpak.initiatives.models import (
    ACTIVE_STATUSES,
    Initiative,
    InitiativeStatus,
    Milestone,
    MilestoneStatus,
    Need,
    NeedKind,
    Pledge,
    SpendingEntry,
    Update,
    Voucher,
)
from wijkaanpak.initiatives.progress import Part, percentage, rollup

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=14, decimal_places=2)


def update_interval_months() -> int:
    """How long an initiative that spends money may stay silent (default 3 months)."""
    return int(getattr(settings, "INITIATIVES_UPDATE_INTERVAL_MONTHS", 3))


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (the last day of a shorter month when needed)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


# --- money -----------------------------------------------------------------------------------


def _sum_of(model, column: str) -> Subquery:
    return Subquery(
        model.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(total=Sum(column))
        .values("total"),
        output_field=MONEY,
    )


def with_totals(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Annotate granted/spent money, first voucher, last update and goal count (no join blow-up)."""
    first_voucher = Subquery(
        Voucher.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(first=Min("issued_on"))
        .values("first")
    )
    last_update = Subquery(
        Update.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(last=Max("published_on"))
        .values("last")
    )
    goal_count = Subquery(
        Initiative.goals.through.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(n=Count("id"))
        .values("n")
    )
    return initiatives.annotate(
        granted=Coalesce(_sum_of(Voucher, "amount"), Value(ZERO), output_field=MONEY),
        spent=Coalesce(_sum_of(SpendingEntry, "amount"), Value(ZERO), output_field=MONEY),
        first_voucher_on=first_voucher,
        last_update_on=last_update,
        goal_count=Coalesce(goal_count, Value(0)),
    )


def _totals(initiative: Initiative) -> Initiative:
    if not hasattr(initiative, "granted"):
        loaded = with_totals(Initiative.objects.filter(pk=initiative.pk)).get()
        for name in ("granted", "spent", "first_voucher_on", "last_update_on", "goal_count"):
            setattr(initiative, name, getattr(loaded, name))
    return initiative


@dataclass(frozen=True)
class Money:
    granted: Decimal
    spent: Decimal
    remaining: Decimal
    percent_spent: Decimal | None
    overspent: bool


def money_of(initiative: Initiative) -> Money:
    initiative = _totals(initiative)
    granted, spent = initiative.granted, initiative.spent
    return Money(
        granted=granted,
        spent=spent,
        remaining=granted - spent,
        percent_spent=percentage(spent, granted),
        overspent=spent > granted,
    )


# --- progress of the parts --------------------------------------------------------------------


@dataclass
class MilestoneNode:
    milestone: Milestone
    progress: Decimal | None
    depth: int
    children: list[MilestoneNode] = field(default_factory=list)

    @property
    def has_children(self) -> bool:
        return bool(self.children)


@dataclass(frozen=True)
class Progress:
    overall: Decimal | None
    tree: list[MilestoneNode]

    def flat(self) -> list[MilestoneNode]:
        """Depth-first, parents before their parts (for a list with indentation)."""
        out: list[MilestoneNode] = []

        def walk(nodes: list[MilestoneNode]) -> None:
            for node in nodes:
                out.append(node)
                walk(node.children)

        walk(self.tree)
        return out


def progress_of(initiative: Initiative) -> Progress:
    """The parts as a tree with each part's (rolled-up) progress, and the whole's progress.

    Without parts, a completed initiative is at 100% and any other at no known progress.
    """
    milestones = list(Milestone.objects.filter(initiative=initiative).order_by("id"))
    values, overall = rollup(
        Part(
            id=m.pk,
            parent_id=m.parent_id,
            progress=Decimal(m.progress),
            budget=m.budget,
            stopped=m.status == MilestoneStatus.STOPPED,
        )
        for m in milestones
    )
    nodes = {
        m.pk: MilestoneNode(milestone=m, progress=values.get(m.pk), depth=0) for m in milestones
    }
    tree: list[MilestoneNode] = []
    for m in milestones:
        node = nodes[m.pk]
        if m.parent_id in nodes:
            nodes[m.parent_id].children.append(node)
        else:
            tree.append(node)

    def set_depth(items: list[MilestoneNode], depth: int) -> None:
        for node in items:
            node.depth = depth
            set_depth(node.children, depth + 1)

    set_depth(tree, 0)
    if not milestones and initiative.status == InitiativeStatus.COMPLETED:
        overall = Decimal("100.0")
    return Progress(overall=overall, tree=tree)


# --- crowd support ----------------------------------------------------------------------------


@dataclass(frozen=True)
class NeedRow:
    need: Need
    pledged: Decimal
    fulfilled: Decimal
    pledge_count: int
    percent: Decimal | None  # pledged as % of what is asked (may pass 100)

    @property
    def bar_percent(self) -> int:
        """For a progress bar: 0-100."""
        return int(min(self.percent or 0, Decimal(100)))


@dataclass(frozen=True)
class CrowdSupport:
    rows: list[NeedRow]
    tasks_total: int
    tasks_done: int
    money_asked: Decimal
    money_pledged: Decimal
    money_percent: Decimal | None
    percent: Decimal | None  # the mean of the needs' pledged %, each capped at 100

    @property
    def bar_percent(self) -> int:
        return int(min(self.percent or 0, Decimal(100)))


def crowd_support_of(initiative: Initiative) -> CrowdSupport:
    """Per need: how much is pledged and fulfilled; overall: % of the goal and tasks done.

    Needs in different units (hours, euros, chairs) cannot be added up, so the overall % is
    the mean of each need's pledged %, each capped at 100 (over-pledging one need does not
    make up for another).
    """
    needs = (
        Need.objects.filter(initiative=initiative)
        .annotate(
            pledged=Coalesce(Sum("pledges__quantity"), Value(ZERO), output_field=MONEY),
            fulfilled=Coalesce(
                Sum("pledges__quantity", filter=Q(pledges__is_fulfilled=True)),
                Value(ZERO),
                output_field=MONEY,
            ),
            pledge_count=Count("pledges"),
        )
        .order_by("id")
    )
    rows = [
        NeedRow(
            need=n,
            pledged=n.pledged,
            fulfilled=n.fulfilled,
            pledge_count=n.pledge_count,
            percent=percentage(n.pledged, n.quantity),
        )
        for n in needs
    ]
    money = [r for r in rows if r.need.kind == NeedKind.MONEY]
    money_asked = sum((r.need.quantity for r in money), ZERO)
    money_pledged = sum((r.pledged for r in money), ZERO)
    capped = [min(r.percent or Decimal(0), Decimal(100)) for r in rows]
    return CrowdSupport(
        rows=rows,
        tasks_total=len(rows),
        tasks_done=sum(1 for r in rows if r.need.is_done),
        money_asked=money_asked,
        money_pledged=money_pledged,
        money_percent=percentage(money_pledged, money_asked),
        percent=(sum(capped, Decimal(0)) / len(capped)).quantize(Decimal("0.1"))
        if capped
        else None,
    )


def pledges_for_staff(initiative: Initiative) -> QuerySet[Pledge]:
    """Who pledged what, with names and e-mail: staff only (``can_see_initiative_contacts``)."""
    return (
        Pledge.objects.filter(need__initiative=initiative)
        .select_related("need")
        .order_by("need_id", "created_at", "id")
    )


# --- flags ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    code: str
    message: str


FLAG_CODES = ("no_update", "overspent", "no_goal")


def accountability_flags(initiative: Initiative, today: dt.date | None = None) -> list[Flag]:
    """Why an initiative risks feeding the project carousel (see the module docstring).

    Expects the ``with_totals`` annotations when called for many; falls back to queries.
    """
    initiative = _totals(initiative)
    today = today or timezone.localdate()
    flags: list[Flag] = []
    months = update_interval_months()
    active = initiative.status in ACTIVE_STATUSES
    if active and initiative.spent > 0:
        since = initiative.last_update_on or initiative.first_voucher_on
        if since is not None and since < months_before(today, months):
            flags.append(
                Flag(
                    "no_update",
                    _("geeft geld uit, maar plaatste al %(months)s maanden geen bericht")
                    % {"months": months},
                )
            )
    if initiative.spent > initiative.granted:
        flags.append(
            Flag(
                "overspent",
                _("gaf € %(over)s meer uit dan de voucher")
                % {"over": formats.number(initiative.spent - initiative.granted, 2)},
            )
        )
    if active and initiative.granted > 0 and initiative.goal_count == 0:
        flags.append(Flag("no_goal", _("draagt aan geen enkel doel van het wijkactieplan bij")))
    return flags


# --- lists -----------------------------------------------------------------------------------


def initiatives_in(district=None) -> QuerySet[Initiative]:
    """Initiatives (of a district: its own and its neighbourhoods'), with money totals."""
    initiatives = Initiative.objects.select_related("area", "area__parent")
    if district is not None:
        initiatives = initiatives.filter(Q(area=district) | Q(area__parent=district))
    return with_totals(initiatives).order_by("title", "id")


def public_spending(initiative: Initiative) -> QuerySet[SpendingEntry]:
    return SpendingEntry.objects.filter(initiative=initiative).order_by("-spent_on", "-id")


# --- winners of a resident budget -------------------------------------------------------------


@dataclass(frozen=True)
class WinningIdea:
    """What an initiative and its voucher take from a winning idea."""

    idea: object
    area: object
    title: str
    description: str
    initiator_name: str
    contact_email: str
    amount: Decimal
    goals: tuple = ()
    process_name: str = ""


def process_is_closed(process) -> bool:
    """Results published: the winners are final (``budgets.models.RESULT_PHASES``)."""
    from wijkaanpak.budgets.models import RESULT_PHASES

    return process.phase in RESULT_PHASES


def winners_of(process) -> list[WinningIdea]:
    """The funded ideas of a process whose results are published, with the amount won.

    Reads ``budgets`` tables directly (no selector of theirs exists yet): an idea is a winner
    when ``Idea.is_funded`` is set; the amount is the cost on its winning result line, else the
    idea's ballot cost. The area is the idea's neighbourhood, else the process's district.
    """
    from wijkaanpak.budgets.models import Idea, ResultLine

    if not process_is_closed(process):
        return []
    line_cost = dict(
        ResultLine.objects.filter(result__process=process, is_winner=True).values_list(
            "idea_id", "cost"
        )
    )
    ideas = (
        Idea.objects.filter(process=process, is_funded=True)
        .select_related("process__area", "neighbourhood")
        .prefetch_related("goals__plan")
        .order_by("id")
    )
    return [
        WinningIdea(
            idea=idea,
            area=idea.neighbourhood or idea.process.area,
            title=idea.title,
            description=idea.description,
            initiator_name=idea.author_name,
            contact_email=idea.author_email,
            amount=line_cost.get(idea.pk, idea.ballot_cost),
            goals=tuple(idea.goals.all()),
            process_name=process.title,
        )
        for idea in ideas
    ]


# --- open data ---------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id",
    "title",
    "area_code",
    "district_code",
    "status",
    "idea_id",
    "granted_eur",
    "spent_eur",
    "remaining_eur",
    "progress_percent",
    "last_update",
    "tasks_total",
    "tasks_done",
    "support_percent",
    "goal_ids",
    "flags",
)


def initiatives_csv(district=None, today: dt.date | None = None) -> str:
    """Public open data, one row per initiative: no contact details, no pledgers, no receipts."""
    import io

    out = io.StringIO()
    writer = csvexport.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for initiative in initiatives_in(district).prefetch_related("goals"):
        money = money_of(initiative)
        progress = progress_of(initiative).overall
        crowd = crowd_support_of(initiative)
        flags = accountability_flags(initiative, today)
        writer.writerow(
            [
                initiative.pk,
                initiative.title,
                initiative.area.code,
                initiative.district.code,
                initiative.status,
                initiative.idea_id or "",
                f"{money.granted:.2f}",
                f"{money.spent:.2f}",
                f"{money.remaining:.2f}",
                "" if progress is None else str(progress),
                initiative.last_update_on.isoformat() if initiative.last_update_on else "",
                crowd.tasks_total,
                crowd.tasks_done,
                "" if crowd.percent is None else str(crowd.percent),
                ";".join(str(g.pk) for g in initiative.goals.all()),
                ";".join(flag.code for flag in flags),
            ]
        )
    return out.getvalue()
