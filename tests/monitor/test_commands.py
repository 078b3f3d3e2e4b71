"""``wijk monitor import-cbs FILE``, ``import-observations``, ``catalogue`` and
``wijk report district CODE --pdf OUT.pdf``."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wijkaanpak.monitor import catalogue
from wijkaanpak.monitor.models import Indicator, Observation

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_import_cbs_and_report_from_the_command_line(data_dir, tmp_path):
    path = data_dir / "cbs" / "kwb-2023-gm0344-utrecht.xlsx"
    out = run("monitor", "import-cbs", str(path))
    assert "(kwb_xlsx, 2023)" in out and "122 new areas" in out
    assert Observation.objects.filter(period=2023).exists()
    again = run("monitor", "import-cbs", str(path))
    assert " 0 new, 0 updated" in again
    pdf, html = tmp_path / "overvecht.pdf", tmp_path / "overvecht.html"
    run("report", "district", "wk034403", "--pdf", str(pdf), "--html", str(html))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Wijk 03 Overvecht" in html.read_text()


def test_import_cbs_refuses_a_long_format_file_and_reports_problems(tmp_path, district):
    long_file = tmp_path / "cijfers.csv"
    long_file.write_text(f"gebiedscode;indicator;jaar;waarde\n{district.code};a_inw;2023;x1\n")
    with pytest.raises(CommandError, match="import-observations"):
        run("monitor", "import-cbs", str(long_file))
    Indicator.objects.create(
        code="a_inw", name_nl="Inwoners", unit="aantal", direction="neutral", theme="population"
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing imported"):
        call_command(
            "monitor", "import-observations", str(long_file), stdout=io.StringIO(), stderr=err
        )
    assert "regel 2, kolom 'waarde' (4)" in err.getvalue()
    with pytest.raises(CommandError, match="not found"):
        run("monitor", "import-cbs", str(tmp_path / "missing.xlsx"))


def test_catalogue_command_creates_the_builtin_entries_once():
    assert "indicator(s) added" in run("monitor", "catalogue")
    assert Indicator.objects.count() == len(catalogue.CATALOGUE)
    assert run("monitor", "catalogue").startswith("0 indicator")


def test_report_needs_a_district_and_an_output(tmp_path, municipality):
    with pytest.raises(CommandError, match="--pdf"):
        run("report", "district", "WK034403")
    with pytest.raises(CommandError, match="No district"):
        run("report", "district", municipality.code, "--pdf", str(tmp_path / "x.pdf"))


def test_the_district_report_pdf_is_tagged_for_screen_readers(data_dir):
    from wijkaanpak.areas.models import Area
    from wijkaanpak.monitor.reports import district_report_pdf

    run("monitor", "import-cbs", str(data_dir / "cbs" / "kwb-2023-gm0344-utrecht.csv"))
    pdf = district_report_pdf(Area.objects.get(code="WK034403"), uncompressed=True)
    # PDF/UA: a structure tree with headings and figures, marked content, the document language
    for marker in (b"/StructTreeRoot", b"/MarkInfo", b"/Lang", b"/H1", b"/Figure"):
        assert marker in pdf, marker
