"""Area figures per year (issue 7, D17): an unknown value never erases a known one.

CBS's first release of 2024 has "." (unknown) for ``a_woning`` in every row. Imported after
2023, it used to set the homes of all 122 areas of Utrecht to unknown ("Woningen –",
``homes: null``) while the screen said "122 bijgewerkt".
"""

import pytest
from django.core.management import call_command

from wijkaanpak.areas.models import Area, AreaFigure, AreaImport
from wijkaanpak.areas.services import areas_import

pytestmark = pytest.mark.django_db

OVERVECHT = "WK034403"


def load(data_dir, name: str):
    return areas_import(content=(data_dir / "cbs" / name).read_bytes(), filename=name)


def csv_2024_with_homes(data_dir, code: str, homes: int) -> bytes:
    """The 2024 first release, with a real number of homes for one area."""
    lines = (data_dir / "cbs" / "kwb-2024-gm0344-utrecht.csv").read_text("utf-8").splitlines()
    header = lines[0].split(",")
    column = header.index("a_woning")
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        if cells[0] == code:
            assert cells[column] == "."
            cells[column] = str(homes)
        out.append(",".join(cells))
    return ("\n".join(out) + "\n").encode()


@pytest.fixture
def homes_2023(data_dir):
    load(data_dir, "kwb-2023-gm0344-utrecht.xlsx")
    overvecht = Area.objects.get(code=OVERVECHT)
    assert overvecht.homes is not None and overvecht.homes_year == 2023
    return overvecht.homes


def test_unknown_homes_in_2024_keep_the_2023_figure(data_dir, homes_2023):
    report = load(data_dir, "kwb-2024-gm0344-utrecht.csv")

    overvecht = Area.objects.get(code=OVERVECHT)
    assert (overvecht.homes, overvecht.homes_year) == (homes_2023, 2023)
    assert (overvecht.inhabitants, overvecht.inhabitants_year) == (35_255, 2024)
    assert not Area.objects.filter(homes=None).exists()
    # The summary says what happened per figure, not just "122 bijgewerkt".
    homes, inhabitants = report.figures["homes"], report.figures["inhabitants"]
    assert (homes.kept, homes.added, homes.changed, homes.unknown) == (122, 0, 0, 0)
    assert (inhabitants.added, inhabitants.kept) == (122, 0)
    assert AreaImport.objects.first().figures["homes"]["kept"] == 122
    # Both years stay known, each with its own value.
    years = dict(AreaFigure.objects.filter(area=overvecht).values_list("year", "inhabitants"))
    assert years == {2023: 34_910, 2024: 35_255}


def test_a_real_new_value_updates_the_figure_and_its_year(data_dir, homes_2023):
    content = csv_2024_with_homes(data_dir, OVERVECHT, homes_2023 + 300)
    report = areas_import(content=content, filename="kwb-2024-gm0344-utrecht.csv")

    overvecht = Area.objects.get(code=OVERVECHT)
    assert (overvecht.homes, overvecht.homes_year) == (homes_2023 + 300, 2024)
    assert (report.figures["homes"].added, report.figures["homes"].kept) == (1, 121)

    # A correction of the same year is "changed"; the same file again "unchanged".
    content = csv_2024_with_homes(data_dir, OVERVECHT, homes_2023 + 400)
    report = areas_import(content=content, filename="kwb-2024-gm0344-utrecht.csv")
    assert report.figures["homes"].changed == 1
    assert Area.objects.get(code=OVERVECHT).homes == homes_2023 + 400
    again = areas_import(content=content, filename="kwb-2024-gm0344-utrecht.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 122)
    assert again.figures["homes"].unchanged == 1
    assert again.figures["inhabitants"].unchanged == 122


def test_reimport_is_unchanged_and_unknown_stays_kept(data_dir, homes_2023):
    load(data_dir, "kwb-2024-gm0344-utrecht.csv")
    again = load(data_dir, "kwb-2024-gm0344-utrecht.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 122)
    assert again.figures["inhabitants"].unchanged == 122
    assert again.figures["homes"].kept == 122
    assert Area.objects.get(code=OVERVECHT).homes == homes_2023


def test_an_older_file_does_not_replace_newer_figures(data_dir):
    load(data_dir, "kwb-2024-gm0344-utrecht.csv")
    load(data_dir, "kwb-2023-gm0344-utrecht.csv")
    overvecht = Area.objects.get(code=OVERVECHT)
    # Inhabitants from 2024; homes are unknown in 2024, so 2023's figure is the latest known.
    assert (overvecht.inhabitants, overvecht.inhabitants_year) == (35_255, 2024)
    assert overvecht.homes_year == 2023 and overvecht.homes is not None
    assert overvecht.figures_year == 2024


def test_plain_csv_without_a_value_keeps_the_known_one():
    header = "code;naam;soort;ouder;inwoners;woningen\n"
    areas_import(
        content=(header + "GM0999;Testdorp;gemeente;;20000;9000\n").encode(), filename="a.csv"
    )
    report = areas_import(
        content=(header + "GM0999;Testdorp;gemeente;;21000;\n").encode(), filename="a.csv"
    )
    area = Area.objects.get(code="GM0999")
    assert (area.inhabitants, area.homes) == (21000, 9000)
    assert (report.figures["inhabitants"].changed, report.figures["homes"].kept) == (1, 1)


def test_page_api_and_cli_show_the_year_and_what_was_kept(
    data_dir, homes_2023, client, admin_user, capsys
):
    call_command("areas", "import", str(data_dir / "cbs" / "kwb-2024-gm0344-utrecht.csv"))
    out = capsys.readouterr().out
    assert "homes 2024: 0 added, 0 changed, 0 unchanged, 122 unknown in the file" in out

    page = client.get(f"/gebied/{OVERVECHT}/").content.decode()
    assert "Woningen (2023)" in page and "Inwoners (2024)" in page
    body = client.get(f"/api/v1/areas/{OVERVECHT}/").json()
    assert (body["homes"], body["homes_year"]) == (homes_2023, 2023)
    assert (body["inhabitants"], body["inhabitants_year"]) == (35_255, 2024)

    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(admin_user)
    upload = SimpleUploadedFile(
        "kwb-2024-gm0344-utrecht.csv",
        (data_dir / "cbs" / "kwb-2024-gm0344-utrecht.csv").read_bytes(),
    )
    page = client.post("/gebieden/import/", {"file": upload}, follow=True).content.decode()
    assert "Woningen: 0 toegevoegd, 0 gewijzigd, 0 ongewijzigd, 122 onbekend" in page
    assert "eerder cijfer bewaard" in page


def test_monitor_import_records_figures_through_the_same_path(data_dir, homes_2023):
    from wijkaanpak.monitor.services import observations_import

    name = "kwb-2024-gm0344-utrecht.csv"
    report = observations_import(content=(data_dir / "cbs" / name).read_bytes(), filename=name)
    assert report.area_figures["homes"]["kept"] == 122
    assert report.area_figures["inhabitants"]["added"] == 122
    overvecht = Area.objects.get(code=OVERVECHT)
    assert (overvecht.homes, overvecht.homes_year) == (homes_2023, 2023)
    assert overvecht.inhabitants_year == 2024


def test_monitor_import_of_new_areas_gives_them_figures_with_their_year(data_dir):
    from wijkaanpak.monitor.services import observations_import

    name = "kwb-2023-gm0344-utrecht.csv"
    observations_import(content=(data_dir / "cbs" / name).read_bytes(), filename=name)
    overvecht = Area.objects.get(code=OVERVECHT)
    assert (overvecht.inhabitants, overvecht.inhabitants_year) == (34_910, 2023)
    assert overvecht.homes_year == 2023
