"""Command line: ``python -m wijkaanpak.budgets.counting count FILE.pb --rule mes``.

``count FILE --rule RULE [--json] [--no-exhaustive-stop] [--explain] [--tie-break TB]
[--utility U] [--completion greedy]``

With ``--json`` exactly ``{"winners": [...], "total_cost": number}`` is printed (winners as
project ids from the file, in order of purchase); with ``--explain --json`` the full
explanation is printed instead. Without ``--json`` a readable table is printed. Exit codes:
0 success, 1 unreadable/malformed file, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from fractions import Fraction
from typing import TextIO

from .explain import explain
from .pabulib import PabulibError, read_pabulib
from .profile import TieBreak, Utility
from .rules import Rule, count

__all__ = ["main"]


def _number(value: Fraction) -> int | float:
    return value.numerator if value.denominator == 1 else float(value)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m wijkaanpak.budgets.counting",
        description="Count a participatory budgeting election from a Pabulib file.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("count", help="compute the winning projects")
    c.add_argument("file", help="Pabulib .pb file")
    c.add_argument("--rule", required=True, choices=[r.value for r in Rule])
    c.add_argument("--json", action="store_true", help="machine-readable output")
    c.add_argument(
        "--no-exhaustive-stop",
        action="store_true",
        help="mes-add1: keep raising the budget until the outcome no longer fits",
    )
    c.add_argument("--explain", action="store_true", help="explain every project")
    c.add_argument(
        "--tie-break", default=TieBreak.LEXICOGRAPHIC.value, choices=[t.value for t in TieBreak]
    )
    c.add_argument("--utility", default=None, choices=[u.value for u in Utility])
    c.add_argument("--completion", default=None, choices=["greedy"])
    return parser


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    stream = out if out is not None else sys.stdout
    parser = _parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else 2
    try:
        election = read_pabulib(args.file)
    except PabulibError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for line, message in election.warnings:
        print(f"warning: {args.file}:line {line}: {message}", file=sys.stderr)
    try:
        outcome = count(
            election,
            args.rule,
            utility=args.utility,
            tie_break=args.tie_break,
            exhaustive_stop=not args.no_exhaustive_stop,
            completion=args.completion,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        if args.explain:
            stream.write(explain(outcome).to_json(indent=1) + "\n")
        else:
            payload = {"winners": outcome.winners, "total_cost": _number(outcome.total_cost)}
            stream.write(json.dumps(payload, ensure_ascii=False) + "\n")
        return 0
    _table(outcome, args.explain, stream)
    return 0


def _table(outcome: object, with_reasons: bool, stream: TextIO) -> None:
    from .rules import Outcome

    assert isinstance(outcome, Outcome)
    election = outcome.election
    explanation = explain(outcome)
    print(
        f"{election.meta.get('description', '')} - rule {outcome.rule.value}: "
        f"{len(outcome.winners)} of {len(election.projects)} projects, "
        f"cost {float(outcome.total_cost):,.2f} of budget {float(election.budget):,.2f}",
        file=stream,
    )
    if explanation.add1_increment is not None:
        print(
            f"per-voter budget raised by {explanation.add1_increment} to "
            f"{explanation.initial_budget_per_voter:,.2f}",
            file=stream,
        )
    rows = [("#", "project", "cost", "votes", "result", "name")]
    order = {pid: i for i, pid in enumerate(outcome.winners, start=1)}
    for item in sorted(
        explanation.projects,
        key=lambda it: (it.project_id not in order, order.get(it.project_id, 0)),
    ):
        rows.append(
            (
                str(order.get(item.project_id, "")),
                item.project_id,
                f"{item.cost:,.2f}",
                str(item.votes),
                "selected" if item.selected else "-",
                item.name[:50],
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for row in rows:
        cells = [
            row[0].rjust(widths[0]),
            row[1].ljust(widths[1]),
            row[2].rjust(widths[2]),
            row[3].rjust(widths[3]),
            row[4].ljust(widths[4]),
            row[5],
        ]
        print("  ".join(cells).rstrip(), file=stream)
    if with_reasons:
        print(file=stream)
        for item in explanation.projects:
            print(f"{item.project_id}: {item.message}", file=stream)
