"""``wijk areas import FILE [--year YYYY]``: CBS kwb (xlsx/csv), StatLine CSV or a plain areas CSV."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Import municipalities, districts and neighbourhoods: wijk areas import FILE [--year YYYY]"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import", help="import a CBS kwb file, a StatLine CSV or a plain areas CSV"
        )
        imp.add_argument("file", type=Path)
        imp.add_argument(
            "--year",
            type=int,
            default=None,
            help="year of the figures (default: from the file name)",
        )

    def handle(self, *args, action, file: Path, year, **options):
        from wijkaanpak.accounts.permissions import EVERY_AREA
        from wijkaanpak.areas.services import AreaImportFailed, areas_import

        if not file.is_file():
            raise CommandError(f"File not found: {file}")
        try:
            # the command line runs as admin: every area of the file
            report = areas_import(
                content=file.read_bytes(), filename=file.name, year=year, by=None, scope=EVERY_AREA
            )
        except AreaImportFailed as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{file.name}: nothing imported ({len(exc.problems)} problem(s))."
            ) from None
        self.stdout.write(
            f"{file.name} ({report.file_format}): {report.created} new, {report.updated} updated, "
            f"{report.unchanged} unchanged."
        )
        for name, counts in report.figures.items():
            self.stdout.write(
                f"  {name}{f' {report.year}' if report.year else ''}: {counts.added} added, "
                f"{counts.changed} changed, {counts.unchanged} unchanged, "
                f"{counts.kept} unknown in the file (earlier value kept), {counts.unknown} unknown."
            )
