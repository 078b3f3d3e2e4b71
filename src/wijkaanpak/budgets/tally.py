"""From stored ballots to the counting engine and back: the outcome with an explanation in
plain Dutch for every idea, and the open-data export (Pabulib ``.pb`` and CSV).

Counting is done by the framework-free engine (``budgets.counting``); this module only builds
its ``Election`` from the database and translates its explanation codes.

Tie-breaking (deterministic, documented in README, "Resident budget"): between ideas the rule cannot separate
(exactly equal votes, votes per euro, MES price or Phragmén load) the **cheaper** idea wins;
at equal cost the idea **submitted first** (lower number) wins. This is the engine's ``cost``
tie-break with the projects listed in order of submission.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkaanpak.budgets.ballots import euro, spec_for
from wijkaanpak.budgets.counting import (
    Election,
    Project,
    TieBreak,
    Voter,
    count,
    dumps_pabulib,
    explain,
)
from wijkaanpak.budgets.models import (
    Ballot,
    BallotSource,
    BallotType,
    CountingRule,
    Idea,
    IdeaStatus,
    Process,
)
from wijkaanpak.core import csvexport

TIE_BREAK = TieBreak.COST
#: MES is completed as on equalshares.net: add1 first, then greedy by votes for what is left.
COMPLETION = {CountingRule.MES: "greedy"}


def engine_rule(process: Process) -> str:
    """The engine's rule for a process. MES on a points ballot uses the points as utilities
    (``mes-utility-add1``): a voter's points say how much an idea is worth to them. On other
    ballots MES uses cost utilities (every chosen idea is worth its cost to the voter)."""
    if process.rule == CountingRule.MES and process.ballot_type == BallotType.POINTS:
        return "mes-utility-add1"
    return process.rule


def summary_text(ballots: int, winners: int, spent: Decimal, budget: Decimal) -> str:
    """The result in one sentence, in the active language (pages render it anew, so a result
    published from the Dutch command line reads in English for an English visitor)."""
    summary = ngettext("Er is %(n)d keer gestemd.", "Er is %(n)d keer gestemd.", ballots) % {
        "n": ballots
    }
    return (
        summary
        + " "
        + ngettext(
            "%(w)d idee is gekozen; het kost %(spent)s van de %(budget)s.",
            "%(w)d ideeën zijn gekozen; samen kosten ze %(spent)s van de %(budget)s.",
            winners,
        )
        % {"w": winners, "spent": euro(spent), "budget": euro(budget)}
    )


def tie_break_text() -> str:
    return _(
        "Bij gelijke stand wint het goedkoopste idee; kosten ze evenveel, dan het idee dat "
        "het eerst is ingediend."
    )


@dataclass
class Line:
    idea_id: int
    title: str
    votes: int
    score: Decimal
    cost: Decimal
    is_winner: bool
    round: int | None
    explanation: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class TallyOutcome:
    tie_break: str
    ballots: int
    online_ballots: int
    paper_ballots: int
    spent: Decimal
    summary: str
    engine: dict[str, Any]
    lines: list[Line]


def ideas_on_ballot(process: Process) -> list[Idea]:
    """The ideas on the ballot, in order of submission (the tie-break order)."""
    return list(Idea.objects.filter(process=process, status=IdeaStatus.ACCEPTED).order_by("pk"))


def _meta(process: Process, n_projects: int, n_votes: int) -> dict[str, str]:
    spec = spec_for(process)
    meta = {
        "description": process.title,
        "country": "Netherlands",
        "unit": process.area.name,
        "district": process.area.code,
        "instance": str(process.pk),
        "num_projects": str(n_projects),
        "num_votes": str(n_votes),
        "budget": str(process.budget),
        "vote_type": spec.kind.value,
        "rule": process.rule,
        "tie_break": TIE_BREAK.value,
    }
    meta.update(spec.meta(process))
    if process.voting_open_on:
        meta["date_begin"] = process.voting_open_on.isoformat()
    if process.voting_close_on:
        meta["date_end"] = process.voting_close_on.isoformat()
    return meta


def _ballots(process: Process) -> list[tuple[list[int], list[int] | None]]:
    """Ballot contents in the order of their random ids: unrelated to when they were cast."""
    return [
        (list(choices), None if points is None else list(points))
        for choices, points in Ballot.objects.filter(process=process)
        .order_by("id")
        .values_list("choices", "points")
    ]


def build_election(
    process: Process,
    ideas: list[Idea],
    ballots: list[tuple[list[int], list[int] | None]],
    *,
    extra_fields: dict[int, dict[str, str]] | None = None,
) -> Election:
    has_points = spec_for(process).has_points
    projects = {
        str(idea.pk): Project(
            str(idea.pk),
            Fraction(idea.ballot_cost),
            {"name": idea.title, **((extra_fields or {}).get(idea.pk, {}))},
        )
        for idea in ideas
    }
    voters = []
    for number, (choices, points) in enumerate(ballots, start=1):
        keep = [(str(c), p) for c, p in zip(choices, points or [None] * len(choices), strict=True)]
        keep = [(c, p) for c, p in keep if c in projects]
        voters.append(
            Voter(
                str(number),
                tuple(c for c, _p in keep),
                tuple(Fraction(p) for _c, p in keep) if has_points else None,
            )
        )
    project_columns = ["project_id", "cost", "name"]
    if extra_fields:
        for columns in extra_fields.values():
            project_columns += [c for c in columns if c not in project_columns]
    voter_columns = ["voter_id", "vote"] + (["points"] if has_points else [])
    return Election(
        meta=_meta(process, len(projects), len(voters)),
        projects=projects,
        voters=voters,
        project_columns=project_columns,
        voter_columns=voter_columns,
    )


def _tallies(
    process: Process, ballots: list[tuple[list[int], list[int] | None]]
) -> tuple[Counter[int], Counter[int]]:
    """Votes (ballots naming the idea) and score (points, Borda score or votes) per idea."""
    votes: Counter[int] = Counter()
    score: Counter[int] = Counter()
    for choices, points in ballots:
        for position, pk in enumerate(choices):
            votes[pk] += 1
            if process.ballot_type == BallotType.POINTS and points is not None:
                score[pk] += points[position]
            elif process.ballot_type == BallotType.RANKING:
                score[pk] += len(choices) - 1 - position
            else:
                score[pk] += 1
    return votes, score


def _dutch(
    item: Any, rule: str, votes: int, left_after: Fraction | None, left_final: Fraction
) -> str:
    """One explanation in plain Dutch from the engine's reason code and figures."""
    cost = euro(Fraction(str(item.cost)))
    reason = item.reason
    stemmen = ngettext("%(n)d stem", "%(n)d stemmen", votes) % {"n": votes}
    if reason == "selected" and rule in (CountingRule.GREEDY, CountingRule.GREEDY_PER_EURO):
        order = (
            _("de volgorde van stemmen per euro")
            if rule == CountingRule.GREEDY_PER_EURO
            else _("de volgorde van stemmen")
        )
        return _(
            "Gekozen. Dit idee stond op plaats %(pos)s in %(order)s (%(votes)s). Er was nog "
            "%(left)s over; het kost %(cost)s."
        ) % {
            "pos": item.position,
            "order": order,
            "votes": stemmen,
            "left": euro(Fraction(str(item.money_left_at_turn))),
            "cost": cost,
        }
    if reason == "selected" and item.round is not None and item.load is not None:
        return _(
            "Gekozen in ronde %(round)s. Van alle ideeën die nog over waren, verdeelde dit idee "
            "de kosten (%(cost)s) het gelijkst over de %(votes)s die het kregen."
        ) % {"round": item.round, "cost": cost, "votes": stemmen}
    if reason == "selected" and item.round is not None:
        paid = [g for g in item.payments if g.kind == "equal_share" and g.paid_each is not None]
        share = euro(Fraction(str(max(g.paid_each for g in paid)))) if paid else None
        text = ngettext(
            "Gekozen in ronde %(round)s. Iedere stemmer heeft een gelijk deel van het budget. "
            "De %(supporters)s bewoner die dit idee koos, betaalde de %(cost)s.",
            "Gekozen in ronde %(round)s. Iedere stemmer heeft een gelijk deel van het budget. "
            "De %(supporters)s bewoners die dit idee kozen, betaalden samen de %(cost)s.",
            item.supporters or 0,
        ) % {"round": item.round, "supporters": item.supporters, "cost": cost}
        if share:
            text += " " + _("Ieder betaalde hoogstens %(share)s.") % {"share": share}
        return text
    if reason == "selected":
        return _("Gekozen (%(votes)s).") % {"votes": stemmen}
    if reason == "selected_by_completion":
        return _(
            "Gekozen bij het aanvullen: na de verdeling in gelijke delen was er nog geld over. "
            "Daarmee zijn de ideeën met de meeste stemmen gekozen die nog pasten. Dit idee had "
            "%(votes)s en kost %(cost)s."
        ) % {"votes": stemmen, "cost": cost}
    if reason == "no_supporters" or votes == 0:
        return _("Niet gekozen. Niemand stemde op dit idee.")
    if reason == "costs_more_than_budget":
        return _("Niet gekozen. Dit idee kost meer dan het hele budget.")
    if reason == "not_enough_money_left":
        left = Fraction(str(item.money_left_at_turn))
        return _(
            "Niet gekozen. Toen dit idee aan de beurt was (plaats %(pos)s, %(votes)s), was er "
            "nog %(left)s over. Het kost %(cost)s: %(short)s te weinig."
        ) % {
            "pos": item.position,
            "votes": stemmen,
            "left": euro(left),
            "cost": cost,
            "short": euro(Fraction(str(item.cost)) - left),
        }
    if reason == "supporters_short_of_money":
        text = ngettext(
            "Niet gekozen. De %(supporters)s bewoner die dit idee koos, had van zijn of haar "
            "gelijke deel nog %(money)s over. Het kost %(cost)s: %(short)s te weinig.",
            "Niet gekozen. De %(supporters)s bewoners die dit idee kozen, hadden van hun "
            "gelijke deel samen nog %(money)s over. Het kost %(cost)s: %(short)s te weinig.",
            item.supporters or 0,
        ) % {
            "supporters": item.supporters,
            "money": euro(Fraction(str(item.supporters_money_left))),
            "cost": cost,
            "short": euro(Fraction(str(item.shortfall))),
        }
        if item.extra_supporters_needed:
            text += " " + ngettext(
                "Met ongeveer %(n)d stem meer was het gelukt.",
                "Met ongeveer %(n)d stemmen meer was het gelukt.",
                item.extra_supporters_needed,
            ) % {"n": item.extra_supporters_needed}
        if left_after is not None and Fraction(str(item.cost)) > left_after:
            text += " " + _("Bij het aanvullen was er nog %(left)s over: te weinig.") % {
                "left": euro(left_after)
            }
        return text
    if reason == "phragmen_stopped" and item.round is not None:
        return _(
            "Niet gekozen (%(votes)s). Dit idee was in ronde %(round)s aan de beurt, maar het "
            "kost %(cost)s en er was nog maar %(left)s over. Daarom stopte de telling."
        ) % {"votes": stemmen, "round": item.round, "cost": cost, "left": euro(left_final)}
    if reason == "phragmen_stopped":
        return _(
            "Niet gekozen (%(votes)s). De telling stopte voordat dit idee aan de beurt kwam: "
            "het volgende idee paste niet meer in het budget."
        ) % {"votes": stemmen}
    return _("Niet gekozen (%(votes)s). De telling kwam niet bij dit idee.") % {"votes": stemmen}


class _Stored:
    """A stored ``ResultLine.details`` read like the engine's ``ProjectExplanation``."""

    def __init__(self, details: dict[str, Any]) -> None:
        self.__dict__.update(details)
        self.payments = [_Payment(**group) for group in details.get("payments", [])]

    def __getattr__(self, name: str) -> Any:  # fields the engine left out (None) were not stored
        return None


@dataclass
class _Payment:
    kind: str
    voters: int
    paid_each: float | None
    paid_total: float
    paid_min: float | None = None
    paid_max: float | None = None
    utility: float | None = None


def line_explanation(line: Any, result: Any) -> str:
    """A result line's explanation in the active language, from its stored reason code and
    figures (the stored ``explanation`` is in the language of publication, usually Dutch)."""
    details = line.details or {}
    if not details.get("reason"):
        return line.explanation
    process = result.process
    left_final = Fraction(str(process.budget)) - Fraction(str(result.spent))
    # MES is completed greedily, and the completion ran on what the main rule left.
    left_after = left_final if result.rule in COMPLETION else None
    item = _Stored({"cost": str(line.cost), **details})
    text = _dutch(item, result.rule, line.votes, left_after, left_final)
    if details.get("reason") == "selected" and result.rule == CountingRule.MES:
        raised = (result.engine or {}).get("initial_budget_per_voter")
        text += _more_than_equal_share(details.get("payments", []), equal_share(result), raised)
    return text


def equal_share(result: Any) -> Fraction | None:
    """The budget divided by the number of ballots (MES: each voter's equal share)."""
    return _share(result.process.budget, result.ballots)


def _share(budget: Any, ballots: int) -> Fraction | None:
    return Fraction(str(budget)) / ballots if ballots else None


def _more_than_equal_share(
    payments: list[dict[str, Any]], share: Fraction | None, raised: float | None
) -> str:
    """When voters paid more than budget / voters, say why: the completion raised the share."""
    paid = [
        amount
        for g in payments
        for amount in (g.get("paid_each"), g.get("paid_max"))
        if amount is not None
    ]
    if share is None or raised is None or not paid or Fraction(str(max(paid))) <= share:
        return ""
    return " " + _(
        "Wie dit idee koos, betaalde tot %(paid)s: meer dan een gelijk deel van het budget "
        "(%(share)s per stemmer). Dat komt door het aanvullen: er bleef geld over, dus is "
        "ieders deel verhoogd tot %(raised)s en is opnieuw geteld. Samen blijft het binnen het "
        "budget."
    ) % {
        "paid": euro(Fraction(str(max(paid)))),
        "share": euro(share),
        "raised": euro(Fraction(str(raised))),
    }


def equal_shares_steps(result: Any) -> list[str]:
    """How the Method of Equal Shares chose, in B1 steps with this count's figures, including
    the completion step that makes some voters pay more than the equal share."""
    share = equal_share(result)
    if result.rule != CountingRule.MES or share is None:
        return []
    raised = (result.engine or {}).get("initial_budget_per_voter")
    steps = [
        _(
            "Iedere stemmer krijgt een gelijk deel van het budget: %(budget)s gedeeld door "
            "%(voters)s stembiljetten is %(share)s per stemmer."
        )
        % {
            "budget": euro(result.process.budget),
            "voters": result.ballots,
            "share": euro(share),
        },
        _(
            "Een idee wordt gekozen als de mensen die erop stemden het samen kunnen betalen uit "
            "hun deel. Steeds gaat het idee voor dat per stemmer het minst kost."
        ),
    ]
    if raised is not None and Fraction(str(raised)) > share:
        steps.append(
            _(
                "Aanvullen: na die ronde was er nog geld over. Daarom is ieders deel stap voor "
                "stap verhoogd, tot %(raised)s per stemmer, en is opnieuw geteld, zolang de "
                "gekozen ideeën samen binnen het budget bleven. Zo kan het dat iemand meer "
                "betaalt dan %(share)s."
            )
            % {"raised": euro(Fraction(str(raised))), "share": euro(share)}
        )
    steps.append(
        _(
            "Wat daarna nog over is, gaat naar de ideeën met de meeste stemmen die nog in het "
            "budget passen."
        )
    )
    return steps


def count_process(process: Process) -> TallyOutcome:
    """Count the stored ballots of a process with its rule (see module docstring)."""
    ideas = ideas_on_ballot(process)
    ballots = _ballots(process)
    votes, score = _tallies(process, ballots)
    supported = [idea for idea in ideas if votes[idea.pk] > 0]
    election = build_election(process, supported, ballots)
    outcome = count(
        election,
        engine_rule(process),
        tie_break=TIE_BREAK,
        completion=COMPLETION.get(process.rule),
    )
    explanation = explain(outcome)
    winners = list(outcome.winners)
    left_after = election.budget - outcome.total_cost if outcome.completion_steps else None
    left_final = election.budget - outcome.total_cost
    by_id = {item.project_id: item for item in explanation.projects}
    lines: list[Line] = []
    for idea in ideas:
        item = by_id.get(str(idea.pk))
        n = votes[idea.pk]
        if item is None:
            text = _("Niet gekozen. Niemand stemde op dit idee.")
            details: dict[str, Any] = {"reason": "no_supporters"}
            winner, rnd = False, None
        else:
            text = _dutch(item, process.rule, n, left_after, left_final)
            details = {
                k: v
                for k, v in item.__dict__.items()
                if k not in ("payments", "message", "name") and v is not None
            }
            details["payments"] = [g.__dict__ for g in item.payments]
            details["engine_message"] = item.message
            winner, rnd = item.selected, item.round
            if item.reason == "selected" and process.rule == CountingRule.MES:
                text += _more_than_equal_share(
                    details["payments"],
                    _share(process.budget, len(ballots)),
                    explanation.initial_budget_per_voter,
                )
        lines.append(
            Line(
                idea_id=idea.pk,
                title=idea.title,
                votes=n,
                score=Decimal(score[idea.pk]),
                cost=idea.ballot_cost,
                is_winner=winner,
                round=rnd,
                explanation=text,
                details=details,
            )
        )
    order = {pid: i for i, pid in enumerate(winners)}
    lines.sort(
        key=lambda line: (
            0 if line.is_winner else 1,
            order.get(str(line.idea_id), 0),
            -line.votes,
            line.cost,
            line.idea_id,
        )
    )
    spent = sum((line.cost for line in lines if line.is_winner), Decimal(0))
    paper = Ballot.objects.filter(process=process, source=BallotSource.PAPER).count()
    n_winners = sum(1 for line in lines if line.is_winner)
    summary = summary_text(len(ballots), n_winners, spent, process.budget)
    return TallyOutcome(
        tie_break=tie_break_text(),
        ballots=len(ballots),
        online_ballots=len(ballots) - paper,
        paper_ballots=paper,
        spent=spent,
        summary=summary,
        engine=explanation.to_dict(),
        lines=lines,
    )


# --- open data ---------------------------------------------------------------------------------


def export_pabulib(process: Process) -> str:
    """The ballots and the outcome as a Pabulib file (only after the results are published)."""
    result = process.result
    lines = {line.idea_id: line for line in result.lines.all()}
    ideas = ideas_on_ballot(process)
    extra = {
        idea.pk: {
            "votes": str(lines[idea.pk].votes) if idea.pk in lines else "0",
            "selected": "1" if idea.pk in lines and lines[idea.pk].is_winner else "0",
        }
        for idea in ideas
    }
    election = build_election(process, ideas, _ballots(process), extra_fields=extra)
    election.meta["comment"] = (
        "Wijkaanpak resident budget; ballots in random order, no voter data; "
        f"tie-break: cheaper first, then earlier submitted; rule: {process.rule}"
    )
    return dumps_pabulib(election)


def export_csv(process: Process) -> str:
    """One row per idea: the outcome and its explanation."""
    out = io.StringIO()
    writer = csvexport.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(
        [
            "position",
            "idea_id",
            "title",
            "cost",
            "votes",
            "score",
            "selected",
            "round",
            "explanation",
        ]
    )
    for line in process.result.lines.select_related("idea"):
        writer.writerow(
            [
                line.position,
                line.idea_id,
                line.idea.title,
                f"{line.cost:.2f}",
                line.votes,
                f"{line.score:.0f}",
                1 if line.is_winner else 0,
                line.round or "",
                line.explanation,
            ]
        )
    return out.getvalue()
