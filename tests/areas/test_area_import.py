"""Importing areas: the real CBS files of Utrecht, a plain CSV, and every kind of bad input."""

import pytest

from wijkaanpak.areas.models import Area, AreaImport
from wijkaanpak.areas.services import AreaImportFailed, areas_import

pytestmark = pytest.mark.django_db

PLAIN_HEADER = "code;naam;soort;ouder;inwoners;woningen\n"


def plain(*rows: str, header: str = PLAIN_HEADER, encoding: str = "utf-8") -> bytes:
    return (header + "\n".join(rows) + "\n").encode(encoding)


@pytest.mark.parametrize("name", ["kwb-2023-gm0344-utrecht.xlsx", "kwb-2023-gm0344-utrecht.csv"])
def test_real_utrecht_file_imports(data_dir, name):
    report = areas_import(content=(data_dir / "cbs" / name).read_bytes(), filename=name)
    assert (report.created, report.updated) == (122, 0)
    assert Area.objects.filter(kind="district").count() == 10
    assert Area.objects.filter(kind="neighbourhood").count() == 111
    utrecht = Area.objects.get(code="GM0344")
    assert (utrecht.name, utrecht.inhabitants, utrecht.figures_year) == ("Utrecht", 367947, 2023)
    overvecht = Area.objects.get(name__icontains="Overvecht", kind="district")
    assert overvecht.parent == utrecht
    assert Area.objects.filter(parent=overvecht, kind="neighbourhood").exists()


def test_reimport_changes_nothing(data_dir):
    content = (data_dir / "cbs" / "kwb-2023-gm0344-utrecht.xlsx").read_bytes()
    areas_import(content=content, filename="kwb-2023-gm0344-utrecht.xlsx")
    again = areas_import(content=content, filename="kwb-2023-gm0344-utrecht.xlsx")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 122)


def test_newer_year_updates_and_older_year_does_not_overwrite(data_dir):
    cbs_dir = data_dir / "cbs"
    areas_import(
        content=(cbs_dir / "kwb-2024-gm0344-utrecht.xlsx").read_bytes(),
        filename="kwb-2024-gm0344-utrecht.xlsx",
    )
    figures_2024 = Area.objects.get(code="GM0344").inhabitants
    areas_import(
        content=(cbs_dir / "kwb-2023-gm0344-utrecht.csv").read_bytes(),
        filename="kwb-2023-gm0344-utrecht.csv",
    )
    utrecht = Area.objects.get(code="GM0344")
    assert (utrecht.figures_year, utrecht.inhabitants) == (2024, figures_2024)
    assert figures_2024 != 367947


def test_plain_csv_with_comma_and_latin1():
    content = plain(
        "GM0999,Testdorp,gemeente,,20000,9000",
        "WK099901,Noordën,wijk,GM0999,12000,5000",
        "BU09990101,Kerkbuurt,buurt,WK099901,6000,2600",
        header="code,name,type,parent code,inhabitants,homes\n",
        encoding="latin-1",
    )
    report = areas_import(content=content, filename="gebieden.csv")
    assert report.created == 3
    assert Area.objects.get(code="WK099901").name == "Noordën"
    assert Area.objects.get(code="BU09990101").parent.code == "WK099901"


def test_letters_in_district_and_neighbourhood_codes_since_2023():
    content = plain(
        "GM0363;Amsterdam;gemeente;;900000;450000",
        "WK0363AA;Burgwallen;wijk;GM0363;9000;5000",
        "BU0363AA06;Kop Zeedijk;buurt;WK0363AA;1000;600",
    )
    assert areas_import(content=content, filename="amsterdam.csv").created == 3


def assert_nothing_stored():
    assert not Area.objects.exists()
    assert not AreaImport.objects.exists()


def test_invalid_code_is_named_with_its_line():
    content = plain("GM0999;Testdorp;gemeente;;1;1", "WK09X;Kapot;wijk;GM0999;1;1")
    with pytest.raises(AreaImportFailed) as exc:
        areas_import(content=content, filename="gebieden.csv")
    assert any("WK09X" in p and "3" in p for p in exc.value.problems), exc.value.problems
    assert_nothing_stored()


def test_parent_of_the_wrong_kind():
    content = plain(
        "GM0999;Testdorp;gemeente;;1;1",
        "WK099901;Wijk;wijk;GM0999;1;1",
        "WK099902;Andere wijk;wijk;WK099901;1;1",
    )
    with pytest.raises(AreaImportFailed) as exc:
        areas_import(content=content, filename="gebieden.csv")
    text = " ".join(exc.value.problems)
    assert "Regel 4" in text or "regel 4" in text, exc.value.problems
    assert_nothing_stored()


def test_parent_must_exist():
    with pytest.raises(AreaImportFailed) as exc:
        areas_import(content=plain("BU09990101;Buurt;buurt;WK099901;1;1"), filename="gebieden.csv")
    assert "WK099901" in " ".join(exc.value.problems)
    assert_nothing_stored()


def test_unknown_column_is_refused():
    with pytest.raises(AreaImportFailed) as exc:
        areas_import(content=b"code;naam;kleur\nGM0999;Testdorp;rood\n", filename="gebieden.csv")
    assert "kleur" in " ".join(exc.value.problems), exc.value.problems
    assert_nothing_stored()


def test_missing_column_is_named():
    with pytest.raises(AreaImportFailed) as exc:
        areas_import(
            content=b"code;soort;inwoners;woningen\nGM0999;gemeente;1;1\n", filename="gebieden.csv"
        )
    assert "naam" in " ".join(exc.value.problems), exc.value.problems
    assert_nothing_stored()


def test_bad_number_on_line_57_names_line_and_column():
    rows = ["GM0999;Testdorp;gemeente;;20000;9000", "WK099901;Wijk;wijk;GM0999;12000;5000"]
    rows += [f"BU099901{n:02d};Buurt {n};buurt;WK099901;100;50" for n in range(1, 60)]
    rows[55] = rows[55].replace(";100;", ";veel;")  # file line 57 (header is line 1)
    with pytest.raises(AreaImportFailed) as exc:
        areas_import(content=plain(*rows), filename="gebieden.csv")
    assert len(exc.value.problems) == 1
    problem = exc.value.problems[0]
    assert "57" in problem and "inwoners" in problem and "veel" in problem, problem
    assert_nothing_stored()


def test_an_empty_file_is_refused():
    with pytest.raises(AreaImportFailed):
        areas_import(content=b"", filename="leeg.csv")
    assert_nothing_stored()


def test_web_upload_shows_problems_and_stores_nothing(client, admin_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(admin_user)
    bad = SimpleUploadedFile("gebieden.csv", plain("GM0999;Testdorp;gemeente;;twintig;1"))
    response = client.post("/gebieden/import/", {"file": bad})
    body = response.content.decode()
    assert response.status_code == 200
    assert "twintig" in body and "Er is niets opgeslagen" in body
    assert_nothing_stored()

    good = SimpleUploadedFile("gebieden.csv", plain("GM0999;Testdorp;gemeente;;20000;9000"))
    response = client.post("/gebieden/import/", {"file": good}, follow=True)
    assert "1 nieuw" in response.content.decode()
    assert Area.objects.get(code="GM0999").inhabitants == 20000


def test_cli_import(data_dir, capsys):
    from django.core.management import call_command

    call_command("areas", "import", str(data_dir / "cbs" / "kwb-2023-gm0344-utrecht.csv"))
    assert "122 new" in capsys.readouterr().out
