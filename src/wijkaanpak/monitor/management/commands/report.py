"""``wijk report district CODE --pdf OUT.pdf [--html OUT.html]``: the district report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "District report: wijk report district CODE --pdf OUT.pdf [--html OUT.html]"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        district = sub.add_parser("district", help="the report of one district (wijk)")
        district.add_argument("code", help="CBS district code, e.g. WK034403")
        district.add_argument("--pdf", type=Path, default=None, help="write the PDF here")
        district.add_argument("--html", type=Path, default=None, help="write the HTML here")

    def handle(self, *args, what, code, pdf, html, **options):
        from django.utils import translation

        from wijkaanpak.areas.models import Area, AreaKind
        from wijkaanpak.monitor import reports

        if pdf is None and html is None:
            raise CommandError("Give --pdf OUT.pdf and/or --html OUT.html.")
        area = (
            Area.objects.select_related("parent__parent")
            .filter(code=code.upper(), kind=AreaKind.DISTRICT)
            .first()
        )
        if area is None:
            raise CommandError(f"No district with code {code.upper()}.")
        with translation.override("nl"):
            if html is not None:
                html.write_text(reports.district_report_html(area), encoding="utf-8")
                self.stdout.write(f"HTML: {html}")
            if pdf is not None:
                pdf.write_bytes(reports.district_report_pdf(area))
                self.stdout.write(f"PDF: {pdf}")
