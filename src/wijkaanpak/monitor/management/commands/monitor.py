"""``wijk monitor import-cbs FILE [--year YYYY] [--source TEXT]`` and
``wijk monitor import-observations FILE [--source TEXT]``: figures into the monitor, all or
nothing. ``wijk monitor catalogue``: create the built-in indicator catalogue."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wijkaanpak.accounts.permissions import EVERY_AREA
from wijkaanpak.areas import cbs


class Command(BaseCommand):
    help = (
        "Monitor figures: wijk monitor import-cbs FILE [--year YYYY] | "
        "wijk monitor import-observations FILE | wijk monitor catalogue"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        cbs_parser = sub.add_parser(
            "import-cbs",
            help="import CBS Kerncijfers wijken en buurten (kwb-YYYY.xlsx/.csv) or a StatLine CSV",
        )
        cbs_parser.add_argument("file", type=Path)
        cbs_parser.add_argument("--year", type=int, default=None, help="default: from the name")
        cbs_parser.add_argument("--source", default=None, help="name of the source")
        obs = sub.add_parser(
            "import-observations",
            help="import a long-format CSV: gebiedscode, indicator, jaar, waarde[, bron]",
        )
        obs.add_argument("file", type=Path)
        obs.add_argument("--source", default=None, help="source when the file has none")
        sub.add_parser("catalogue", help="create the built-in indicator catalogue entries")

    def handle(self, *args, action, **options):
        from wijkaanpak.monitor import services

        if action == "catalogue":
            created = services.catalogue_ensure()
            self.stdout.write(f"{created} indicator(s) added to the catalogue.")
            return
        file: Path = options["file"]
        if not file.is_file():
            raise CommandError(f"File not found: {file}")
        content = file.read_bytes()
        if action == "import-cbs":
            fmt = _format(content, file.name)
            if fmt in (cbs.FileFormat.OBSERVATIONS_CSV, cbs.FileFormat.OBSERVATIONS_XLSX):
                raise CommandError(
                    f"{file.name} is a long-format file: use 'wijk monitor import-observations'."
                )
        try:
            report = services.observations_import(
                content=content,
                filename=file.name,
                year=options.get("year"),
                source=options.get("source"),
                by=None,
                scope=EVERY_AREA,  # the command line runs as admin
            )
        except services.ObservationImportFailed as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{file.name}: nothing imported ({len(exc.problems)} problem(s))."
            ) from None
        years = ", ".join(str(p) for p in report.periods)
        self.stdout.write(
            f"{file.name} ({report.file_format}, {years}): {report.created} new, "
            f"{report.updated} updated, {report.unchanged} unchanged figures; "
            f"{report.areas_created} new areas, {report.indicators_created} new indicators, "
            f"{report.national} national figures."
        )
        for name, counts in report.area_figures.items():
            self.stdout.write(
                f"  {name} of the areas: {counts['added']} added, {counts['changed']} changed, "
                f"{counts['unchanged']} unchanged, {counts['kept']} unknown in the file "
                f"(earlier value kept), {counts['unknown']} unknown."
            )
        if report.skipped_columns:
            self.stdout.write(
                f"Not in the catalogue, skipped: {len(report.skipped_columns)} column(s) "
                f"({', '.join(report.skipped_columns[:12])}"
                f"{', ...' if len(report.skipped_columns) > 12 else ''})."
            )
        for warning in report.warnings:
            self.stdout.write(f"Note: {warning}")


def _format(content: bytes, name: str):
    try:
        return cbs.detect_format(content, name)
    except cbs.ImportFailed:
        return None  # the import reports the problem itself
