"""``wijk initiatives``: vouchers for the winners of a resident budget, open data, flags.

- ``wijk initiatives issue-vouchers PROCESS_ID [--date YYYY-MM-DD]``: an initiative and a
  voucher for each winning idea of a process whose results are published (idempotent).
- ``wijk initiatives export OUT.csv [--district CODE]``: the public figures, one row each.
- ``wijk initiatives flagged [--district CODE]``: initiatives with a flag (exit code 0).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from None


class Command(BaseCommand):
    help = "Initiatives: issue-vouchers PROCESS_ID | export OUT.csv | flagged"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser(
            "issue-vouchers", help="initiatives and vouchers for the winners of a closed process"
        )
        issue.add_argument("process_id", type=int)
        issue.add_argument("--date", type=_date, default=None, help="issue date (default: today)")
        export = sub.add_parser("export", help="write the public figures as CSV")
        export.add_argument("out", type=Path)
        export.add_argument("--district", default=None, help="CBS code of a district")
        flagged = sub.add_parser("flagged", help="list initiatives with a flag")
        flagged.add_argument("--district", default=None, help="CBS code of a district")

    def handle(self, *args, action, **options):
        if action == "issue-vouchers":
            self.issue_vouchers(options["process_id"], options["date"])
        elif action == "export":
            self.export(options["out"], options["district"])
        else:
            self.flagged(options["district"])

    def _district(self, code: str | None):
        from wijkaanpak.areas.models import Area, AreaKind

        if not code:
            return None
        district = Area.objects.filter(code=code.upper(), kind=AreaKind.DISTRICT).first()
        if district is None:
            raise CommandError(f"No district with code {code}")
        return district

    def issue_vouchers(self, process_id: int, issued_on: dt.date | None) -> None:
        from wijkaanpak.budgets.models import Process
        from wijkaanpak.initiatives import selectors, services

        process = Process.objects.select_related("area").filter(pk=process_id).first()
        if process is None:
            raise CommandError(f"No resident budget with id {process_id}")
        if not selectors.process_is_closed(process):
            raise CommandError(
                f"{process.title}: the results are not published yet "
                f"(phase: {process.phase}); nothing issued."
            )
        winners = selectors.winners_of(process)
        try:
            vouchers = services.vouchers_issue_for_winners(
                winners=winners, by=None, issued_on=issued_on
            )
        except ValidationError as exc:
            problems = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()
            )
            raise CommandError(f"Nothing issued: {problems}") from None
        for voucher in vouchers:
            self.stdout.write(
                f"{voucher.code}  € {voucher.amount:>10.2f}  {voucher.initiative.title} "
                f"(initiative {voucher.initiative_id})"
            )
        skipped = len(winners) - len(vouchers)
        self.stdout.write(
            f"{process.title}: {len(vouchers)} voucher(s) issued, "
            f"{skipped} winner(s) already had one."
        )

    def export(self, out: Path, district_code: str | None) -> None:
        from wijkaanpak.initiatives.selectors import initiatives_csv

        district = self._district(district_code)
        text = initiatives_csv(district)
        if str(out) == "-":
            self.stdout.write(text, ending="")
            return
        out.write_text(text, encoding="utf-8")
        self.stdout.write(f"{out}: {text.count(chr(10)) - 1} initiative(s).")

    def flagged(self, district_code: str | None) -> None:
        from wijkaanpak.initiatives import selectors

        district = self._district(district_code)
        count = 0
        for initiative in selectors.initiatives_in(district):
            flags = selectors.accountability_flags(initiative)
            if flags:
                count += 1
                codes = ", ".join(flag.code for flag in flags)
                self.stdout.write(f"{initiative.pk}\t{initiative.title}\t{codes}")
        self.stdout.write(f"{count} flagged initiative(s).")
