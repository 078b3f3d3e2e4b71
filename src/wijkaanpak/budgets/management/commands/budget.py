"""``wijk budget ...``: count Pabulib files, and run a resident budget from the command line.

``wijk budget count FILE.pb --rule RULE [--json]``
    the framework-free counting CLI (``budgets.counting.cli``), unchanged.
``wijk budget list``
    every resident budget: id, district, phase, title.
``wijk budget codes PROCESS_ID (--count N | --addresses FILE.csv [--per resident]) --out FILE``
    voting codes for the letters; the output CSV is the only place they exist in clear.
``wijk budget phase PROCESS_ID PHASE``
    move to the next phase (to ``results`` counts the ballots and publishes the outcome).
``wijk budget close-due``
    end voting of every process whose closing date has passed (run daily, e.g. from cron): its
    code and ballot tables are rewritten without the voting order (README, "Resident budget").
``wijk budget compact``
    remove deleted row versions of the code and ballot tables from the database files again
    (``VACUUM FULL`` / WAL checkpoint; the close of voting does this itself).
``wijk budget turnout PROCESS_ID``
    codes, codes used, ballots, paper letters (numbers only).
``wijk budget results PROCESS_ID [--pb OUT.pb] [--csv OUT.csv]``
    the published outcome with its explanations; open data files (after voting only).

The process subcommands use ``budgets.services`` and ``budgets.selectors``, as the web pages
and the API do. They act as the operator of the server (no user account).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

PROCESS_COMMANDS = ("list", "codes", "phase", "close-due", "compact", "turnout", "results")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wijk budget", description="Resident budgets.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="every resident budget")
    codes = sub.add_parser("codes", help="voting codes for the letters (CSV)")
    codes.add_argument("process", type=int)
    source = codes.add_mutually_exclusive_group(required=True)
    source.add_argument("--count", type=int, help="this many codes without address")
    source.add_argument("--addresses", help="CSV with a column address (name, birth_date ...)")
    codes.add_argument("--per", choices=["address", "resident"], default="address")
    codes.add_argument("--url", default="", help="voting address printed on the letter")
    codes.add_argument("--out", required=True, help="letters CSV to write (mode 600)")
    phase = sub.add_parser("phase", help="move to the next phase")
    phase.add_argument("process", type=int)
    phase.add_argument("phase")
    sub.add_parser("close-due", help="end voting where the closing date has passed")
    sub.add_parser("compact", help="remove deleted ballot and code rows from the files")
    turnout = sub.add_parser("turnout", help="codes, codes used, ballots")
    turnout.add_argument("process", type=int)
    results = sub.add_parser("results", help="the published outcome; open data files")
    results.add_argument("process", type=int)
    results.add_argument("--pb", help="write the Pabulib file here")
    results.add_argument("--csv", help="write the result CSV here")
    return parser


def _errors(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    return " ".join(exc.messages)


class Command(BaseCommand):
    help = (
        "Resident budgets: count FILE.pb --rule RULE | list | codes ID --count N --out F | "
        "phase ID PHASE | turnout ID | results ID [--pb F] [--csv F]"
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument(
            "arguments",
            nargs=argparse.REMAINDER,
            help="count FILE.pb --rule RULE [--json] | list | codes | phase | turnout | results",
        )

    def handle(self, *args, arguments, **options):
        if arguments and arguments[0] in PROCESS_COMMANDS:
            try:
                self._process_command(_parser().parse_args(arguments))
            except ValidationError as exc:
                raise CommandError(_errors(exc)) from None
            return
        from wijkaanpak.budgets.counting.cli import main

        code = main(list(arguments))
        if code:
            raise CommandError(f"budget {' '.join(arguments[:1])} failed", returncode=code)

    def _process_command(self, args: argparse.Namespace) -> None:
        from wijkaanpak.budgets import selectors, services, tally
        from wijkaanpak.budgets.models import Process

        if args.command == "list":
            for process in Process.objects.select_related("area").order_by("id"):
                self.stdout.write(
                    f"{process.pk}\t{process.area.code}\t{process.phase}\t{process.title}"
                )
            return
        if args.command == "close-due":
            for process in services.processes_close_due(by=None):
                self.stdout.write(f"{process.pk}: {process.phase}")
            return
        if args.command == "compact":
            from wijkaanpak.budgets import storage

            if not storage.compact():
                raise CommandError("Not done completely: another connection is busy. Try again.")
            self.stdout.write("compacted: " + ", ".join(storage.secret_tables()))
            return
        try:
            process = Process.objects.select_related("area").get(pk=args.process)
        except Process.DoesNotExist:
            raise CommandError(f"No resident budget with id {args.process}") from None
        if args.command == "codes":
            text = None
            if args.addresses:
                try:
                    text = Path(args.addresses).read_text(encoding="utf-8-sig")
                except (OSError, UnicodeDecodeError) as exc:
                    raise CommandError(f"Cannot read {args.addresses}: {exc}") from None
            run = services.codes_generate(
                process=process,
                by=None,
                count=args.count,
                csv_text=text,
                per=args.per,
                voting_url=args.url,
            )
            out = Path(args.out)
            out.touch(mode=0o600, exist_ok=True)
            out.chmod(0o600)
            out.write_text(run.csv_text(), encoding="utf-8")
            self.stdout.write(f"{len(run.rows)} codes (batch {run.batch.number}) -> {out}")
            for line, reason in run.skipped:
                self.stderr.write(f"skipped line {line}: {reason}")
        elif args.command == "phase":
            process = services.process_set_phase(process=process, by=None, phase=args.phase)
            self.stdout.write(f"{process.pk}: {process.phase}")
        elif args.command == "turnout":
            t = selectors.turnout(process)
            self.stdout.write(
                f"codes {t.codes}, used {t.codes_used}, ballots {t.ballots}, "
                f"paper letters {t.paper_slips}"
            )
        elif args.command == "results":
            result = selectors.result_of(process)
            if result is None:
                raise CommandError(
                    "No results yet: they are counted and published after voting has closed."
                )
            self.stdout.write(result.summary)
            for line in result.lines.select_related("idea"):
                mark = "*" if line.is_winner else " "
                self.stdout.write(
                    f"{mark} {line.position:>3} {line.idea.title[:40]:<40} {line.votes:>6} "
                    f"{line.cost:>12}  {line.explanation}"
                )
            if args.pb:
                Path(args.pb).write_text(tally.export_pabulib(process), encoding="utf-8")
                self.stdout.write(f"Pabulib file -> {args.pb}")
            if args.csv:
                Path(args.csv).write_text(tally.export_csv(process), encoding="utf-8")
                self.stdout.write(f"CSV -> {args.csv}")
