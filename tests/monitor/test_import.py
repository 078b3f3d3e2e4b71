"""Importing figures: the real CBS files of Utrecht, StatLine, long format; all or nothing."""

from __future__ import annotations

import pytest

from tests import factories
from wijkaanpak.areas.models import Area, AreaKind
from wijkaanpak.monitor.models import (
    AreaYear,
    Indicator,
    Observation,
    ObservationImport,
    ValueStatus,
)
from wijkaanpak.monitor.services import ObservationImportFailed, observations_import

pytestmark = pytest.mark.django_db


def load(data_dir, name: str, **kwargs):
    path = data_dir / "cbs" / name
    return observations_import(content=path.read_bytes(), filename=path.name, **kwargs)


def value(code: str, indicator: str, period: int):
    return Observation.objects.get(area__code=code, indicator__code=indicator, period=period)


def test_real_utrecht_2023_file_imports_with_areas_derived_figures_and_flags(data_dir):
    report = load(data_dir, "kwb-2023-gm0344-utrecht.xlsx")
    assert report.periods == (2023,)
    assert report.areas_created == 122  # 1 gemeente, 10 wijken, 111 buurten
    assert Area.objects.get(code="BU03440114").parent.code == "WK034401"
    assert Area.objects.filter(kind=AreaKind.DISTRICT).count() == 10
    # a plain figure, read as CBS wrote it
    assert value("GM0344", "a_inw", 2023).value == 367947
    overvecht = value("WK034403", "a_inw", 2023)
    assert overvecht.status == ValueStatus.KNOWN and overvecht.value > 30000
    # a derived figure: a_soz_wb / a_inw x 1,000 from the same row
    bijstand = value("WK034403", "bijstand_per_1000", 2023).value
    soz = value("WK034403", "a_soz_wb", 2023).value
    assert bijstand == pytest.approx(soz / overvecht.value * 1000)
    # CBS "." is stored as unknown, without a value
    gas = value("GM0344", "g_gas", 2023)
    assert gas.value is None and gas.status == ValueStatus.UNKNOWN
    # ind_wbi of every area is kept (1 = unchanged in Utrecht 2023)
    assert AreaYear.objects.filter(year=2023).count() == 122
    assert set(AreaYear.objects.values_list("boundary", flat=True)) == {1}
    # the catalogue entries used were created, with their CBS source
    assert Indicator.objects.get(code="bijstand_per_1000").denominator == "a_inw"
    assert "g_wozbag" not in report.skipped_columns and "a_man" in report.skipped_columns
    assert report.created == Observation.objects.count()


def test_first_release_2024_imports_and_mostly_unknown(data_dir):
    load(data_dir, "kwb-2023-gm0344-utrecht.xlsx")
    report = load(data_dir, "kwb-2024-gm0344-utrecht.xlsx")
    assert report.periods == (2024,) and report.areas_created == 0 and report.created > 0
    assert value("GM0344", "a_inw", 2024).value == 374238
    income = value("WK034403", "g_ink_pi", 2024)
    assert income.value is None and income.status == ValueStatus.UNKNOWN
    unknown = Observation.objects.filter(period=2024, status=ValueStatus.UNKNOWN).count()
    assert unknown > Observation.objects.filter(period=2024, status=ValueStatus.KNOWN).count()


def test_reimporting_the_same_file_changes_nothing_and_csv_equals_xlsx(data_dir):
    first = load(data_dir, "kwb-2023-gm0344-utrecht.xlsx")
    before = list(Observation.objects.order_by("id").values_list())
    again = load(data_dir, "kwb-2023-gm0344-utrecht.xlsx")
    assert (again.created, again.updated, again.unchanged) == (0, 0, first.created)
    as_csv = load(data_dir, "kwb-2023-gm0344-utrecht.csv")
    assert (as_csv.created, as_csv.updated) == (0, 0)  # same figures, same source name
    assert list(Observation.objects.order_by("id").values_list()) == before
    assert ObservationImport.objects.count() == 3


def test_a_changed_figure_is_updated(data_dir, tmp_path):
    load(data_dir, "kwb-2023-gm0344-utrecht.csv")
    text = (data_dir / "cbs" / "kwb-2023-gm0344-utrecht.csv").read_text()
    line = next(row for row in text.splitlines() if row.startswith("WK034403,"))
    cells = line.split(",")
    header = text.splitlines()[0].split(",")
    cells[header.index("g_wozbag")] = "999"
    changed = text.replace(line, ",".join(cells))
    report = observations_import(content=changed.encode(), filename="kwb-2023-gm0344-utrecht.csv")
    assert report.updated == 1 and report.created == 0
    assert value("WK034403", "g_wozbag", 2023).value == 999


KWB_HEADER = (
    "gwb_code_10,gwb_code_8,regio,gm_naam,recs,gwb_code,ind_wbi,a_inw,a_woning,a_soz_wb,p_hh_osm\n"
)


def test_kwb_problems_name_line_and_column_and_nothing_is_stored():
    body = (
        KWB_HEADER
        + "GM0998,0998,Proefstad,Proefstad,Gemeente,GM0998,1,1000,400,10,7.5\n"
        + "WK099801,09980001,Wijk 1,Proefstad,Wijk,WK099801,1,twaalf,400,10,7.5\n"
        + "BU09980101,09980101,Buurt 1,Proefstad,Buurt,BU09980101,1,500,200,5,7,5\n"
    )
    with pytest.raises(ObservationImportFailed) as failed:
        observations_import(content=body.encode(), filename="kwb-2023-proef.csv")
    text = " | ".join(failed.value.problems)
    assert "regel 3, kolom 'a_inw' (8)" in text and "twaalf" in text
    assert "regel 4" in text  # one cell too many
    assert not Area.objects.exists()
    assert not Observation.objects.exists() and not Indicator.objects.exists()
    assert not ObservationImport.objects.exists()


def test_new_area_whose_parent_is_unknown_is_a_problem():
    body = KWB_HEADER + "BU09980101,09980101,Buurt 1,Proefstad,Buurt,BU09980101,1,500,200,5,7.5\n"
    with pytest.raises(ObservationImportFailed) as failed:
        observations_import(content=body.encode(), filename="kwb-2023-proef.csv")
    assert failed.value.problems == [
        "regel 2, kolom 'gwb_code_10' (1): BU09980101 is nieuw, maar het gebied waar het in "
        "ligt (WK099801) staat niet in het bestand en ook niet in de database."
    ]
    assert not Area.objects.exists()


def test_kwb_national_row_and_boundary_change():
    body = (
        KWB_HEADER
        + "NL00,NL00,Nederland,,Land,NL00,1,17900000,8000000,400000,6.1\n"
        + "GM0998,0998,Proefstad,Proefstad,Gemeente,GM0998,1,1000,400,10,7.5\n"
        + "WK099801,09980001,Wijk 1,Proefstad,Wijk,WK099801,3,600,250,8,.\n"
    )
    report = observations_import(content=body.encode(), filename="kwb-2023-proef.csv")
    assert report.national == 5  # a_inw, a_woning, a_soz_wb, p_hh_osm, bijstand_per_1000
    national = Observation.objects.filter(area__isnull=True)
    assert national.get(indicator__code="a_inw").value == 17900000
    assert national.get(indicator__code="bijstand_per_1000").value == pytest.approx(
        400000 / 17900000 * 1000
    )
    assert AreaYear.objects.get(area__code="WK099801", year=2023).boundary == 3
    assert value("WK099801", "p_hh_osm", 2023).status == ValueStatus.UNKNOWN
    again = observations_import(content=body.encode(), filename="kwb-2023-proef.csv")
    assert again.created == again.updated == 0


STATLINE = (
    '"ID";"WijkenEnBuurten";"Gemeentenaam_1";"SoortRegio_2";"Codering_3";'
    '"IndelingswijzigingWijkenEnBuurten_4";"AantalInwoners_5";"Woningvoorraad_35";'
    '"PersonenPerSoortUitkeringBijstand_86";"GemiddeldeWOZWaardeVanWoningen_39"\n'
    '0;"NL01      ";"Nederland      ";"Land      ";"NL01      ";".";17942942;8100000;399000;360\n'
    '1;"GM0998    ";"Proefstad      ";"Gemeente  ";"GM0998    ";"1";1000;400;20;300\n'
    '2;"WK099801  ";"Proefstad      ";"Wijk      ";"WK099801  ";"1";600;250;15;"       ."\n'
)


def test_statline_layout_with_padded_codes_and_running_numbers():
    report = observations_import(content=STATLINE.encode(), filename="85984NED.csv")
    assert report.file_format == "statline_csv" and report.periods == (2024,)
    assert report.areas_created == 2
    assert Area.objects.get(code="WK099801").name == "WK099801"  # StatLine carries no names
    assert value("WK099801", "bijstand_per_1000", 2024).value == pytest.approx(25.0)
    assert value("WK099801", "g_wozbag", 2024).status == ValueStatus.UNKNOWN
    assert Observation.objects.get(area__isnull=True, indicator__code="a_inw").value == 17942942


def long_csv(*rows: str) -> bytes:
    return ("gebiedscode;indicator;jaar;waarde;bron\n" + "\n".join(rows) + "\n").encode()


def test_long_format_import_with_national_row_and_sources(district):
    factories.IndicatorFactory(code="onveilig", direction="lower")
    report = observations_import(
        content=long_csv(
            f"{district.code};onveilig;2023;31,5;Enquête",
            f"{district.code.lower()};onveilig;2021;35;Enquête",
            "NL00;onveilig;2023;18;Veiligheidsmonitor",
        ),
        filename="enquete.csv",
    )
    assert (report.created, report.national) == (3, 1)
    assert value(district.code, "onveilig", 2023).value == 31.5
    assert value(district.code, "onveilig", 2023).source.name == "Enquête"
    national = Observation.objects.get(area__isnull=True, indicator__code="onveilig")
    assert national.value == 18 and national.source.name == "Veiligheidsmonitor"


def test_long_format_problems_name_line_and_column(district):
    factories.IndicatorFactory(code="onveilig")
    content = long_csv(
        f"{district.code};onveilig;2023;31,5;x",
        f"{district.code};onbekend_cijfer;2023;12;x",
        "WK099977;onveilig;2023;12;x",
        f"{district.code};onveilig;twintig;12;x",
        f"{district.code};lbm_klasse;2023;12;x",
        f"{district.code};onveilig;2023;30;x",
    )
    with pytest.raises(ObservationImportFailed) as failed:
        observations_import(content=content, filename="fouten.csv")
    problems = failed.value.problems
    text = "\n".join(problems)
    assert "regel 3, kolom 'indicator' (2): de indicator 'onbekend_cijfer'" in text
    assert "regel 4, kolom 'gebiedscode' (1): gebied WK099977 staat niet in de database" in text
    assert "regel 5, kolom 'jaar' (3)" in text
    assert "regel 6, kolom 'waarde' (4): een klasse van de Leefbaarometer" in text
    assert "regel 7" in text and "regel 2" in text  # duplicate of line 2
    assert not Observation.objects.exists()
    assert not ObservationImport.objects.exists()


def test_an_areas_file_is_sent_to_the_areas_import():
    content = b"code;naam\nGM0998;Proefstad\n"
    with pytest.raises(ObservationImportFailed) as failed:
        observations_import(content=content, filename="gebieden.csv")
    assert "Gebieden inlezen" in failed.value.problems[0]


def test_an_unreadable_file_is_refused_with_a_message():
    with pytest.raises(ObservationImportFailed) as failed:
        observations_import(content=b"\x00\x01garbage", filename="kwb-2023.xlsx")
    assert failed.value.problems and not Observation.objects.exists()


def test_existing_indicator_definition_is_kept(data_dir):
    # The demo defines bijstand_per_1000 without a formula: the built-in one is used.
    factories.IndicatorFactory(code="bijstand_per_1000", name_nl="Eigen naam", direction="lower")
    load(data_dir, "kwb-2023-gm0344-utrecht.csv")
    indicator = Indicator.objects.get(code="bijstand_per_1000")
    assert indicator.name_nl == "Eigen naam" and indicator.denominator == ""
    assert value("WK034403", "bijstand_per_1000", 2023).value > 0


def test_bulk_path_in_small_batches_writes_the_same_and_reimports_unchanged(data_dir, monkeypatch):
    # With a tiny batch size the file takes the bulk path (COPY via a staging table on
    # PostgreSQL, many executemany batches on SQLite with foreign keys off): same result.
    from wijkaanpak.monitor import services

    monkeypatch.setattr(services, "UPSERT_BATCH", 7)
    first = load(data_dir, "kwb-2023-gm0344-utrecht.csv")
    assert first.created == Observation.objects.count() > 1000
    assert value("GM0344", "a_inw", 2023).value == first_value_of(data_dir, "GM0344", "a_inw")
    again = load(data_dir, "kwb-2023-gm0344-utrecht.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, first.created)


def first_value_of(data_dir, code: str, column: str) -> float:
    lines = (data_dir / "cbs" / "kwb-2023-gm0344-utrecht.csv").read_text().splitlines()
    header = lines[0].split(",")
    row = next(line for line in lines if line.startswith(code + ","))
    return float(row.split(",")[header.index(column)])


def test_a_reference_gone_during_the_import_rolls_back(data_dir, monkeypatch):
    # Observations carry no database foreign keys; the import checks (and on PostgreSQL
    # locks) the referenced rows once. A vanished area must fail the import, storing nothing.
    from wijkaanpak.monitor import services

    real = services._check_references

    def area_vanished(area_ids, indicator_ids, source_ids):
        real({**area_ids, "GONE": 10**9}, indicator_ids, source_ids)

    monkeypatch.setattr(services, "_check_references", area_vanished)
    with pytest.raises(ObservationImportFailed) as failed:
        load(data_dir, "kwb-2023-gm0344-utrecht.csv")
    assert "verwijderd" in str(failed.value.problems)
    assert not Observation.objects.exists() and not Area.objects.exists()
    assert not ObservationImport.objects.exists()


def test_a_large_import_refreshes_postgresqls_planner_statistics(data_dir, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wijkaanpak.monitor import services

    monkeypatch.setattr(services, "ANALYZE_AFTER_ROWS", 100)
    with CaptureQueriesContext(connection) as queries:
        load(data_dir, "kwb-2023-gm0344-utrecht.csv")
    analyzed = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("ANALYZE")]
    assert len(analyzed) == (1 if connection.vendor == "postgresql" else 0)
    with CaptureQueriesContext(connection) as queries:
        load(data_dir, "kwb-2023-gm0344-utrecht.csv")  # nothing changes: no ANALYZE
    assert not [q for q in queries.captured_queries if q["sql"].startswith("ANALYZE")]
